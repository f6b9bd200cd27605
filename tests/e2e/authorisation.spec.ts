import { createHash } from "node:crypto";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { DEMO_CERTIFICATE_CODE } from "../../app/modules/attendance/attendance.seed";
import { ACCOUNTS, DEMO_PASSWORD, idsIn, location, loginInBrowser, loginWithRequests } from "./support";

type Role = "anonymous" | "volunteer" | "owner" | "otherOrgMember" | "staff" | "admin";
const ROLES: Role[] = ["anonymous", "volunteer", "owner", "otherOrgMember", "staff", "admin"];
const LOGINS: Record<Exclude<Role, "anonymous">, string> = {
  volunteer: ACCOUNTS.student,
  owner: ACCOUNTS.owner,
  otherOrgMember: ACCOUNTS.editor,
  staff: ACCOUNTS.staff,
  admin: ACCOUNTS.admin,
};

/** What each role should get: a status, or "login" for a redirect to the login page. */
type Expected = 200 | 403 | 404 | "login";
const ALL_OK: Record<Role, Expected> = { anonymous: 200, volunteer: 200, owner: 200, otherOrgMember: 200, staff: 200, admin: 200 };
const SIGNED_IN: Record<Role, Expected> = { ...ALL_OK, anonymous: "login" };
const ORG_MEMBER: Record<Role, Expected> = { anonymous: "login", volunteer: 403, owner: 200, otherOrgMember: 403, staff: 403, admin: 403 };
const STAFF: Record<Role, Expected> = { anonymous: "login", volunteer: 403, owner: 403, otherOrgMember: 403, staff: 200, admin: 200 };
const ADMIN: Record<Role, Expected> = { anonymous: "login", volunteer: 403, owner: 403, otherOrgMember: 403, staff: 403, admin: 200 };

/** A well-formed consent token that was never issued: a guardian's link that is forged or mistyped. */
const FORGED_TOKEN = "Zm9yZ2VkLWxpbmstdGhhdC13YXMtbmV2ZXItaXNzdWV";

async function newContext(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL, maxRedirects: 0 });
}

async function contextFor(role: Role, baseURL: string): Promise<APIRequestContext> {
  const context = await newContext(baseURL);
  if (role !== "anonymous") await loginWithRequests(context, LOGINS[role]);
  return context;
}

function outcome(status: number, where: string): string {
  if (status >= 300 && status < 400) return where.startsWith("/login?") || where === "/login" ? "login" : `${status}→${where}`;
  return String(status);
}

test.describe("who may see what", () => {
  test("route × role matrix", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const contexts = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await contextFor(role, baseURL!)] as const))) as Record<Role, APIRequestContext>;

    // Ids from the pages themselves: a published posting from the list; the owner's organisation and one of its postings.
    const list = await (await contexts.anonymous.get("/postings")).text();
    const [publishedId] = idsIn(list, /href="\/postings\/(\d+)"/);
    expect(publishedId).toBeGreaterThan(0);
    const account = await (await contexts.owner.get("/account")).text();
    let ownerOrgId = 0;
    let ownerPostingId = 0;
    for (const orgId of idsIn(account, /href="\/orgs\/(\d+)"/)) {
      const dashboard = await (await contexts.owner.get(`/orgs/${orgId}`)).text();
      const [postingId] = idsIn(dashboard, new RegExp(`href="/orgs/${orgId}/postings/(\\d+)"`));
      if (postingId) {
        ownerOrgId = orgId;
        ownerPostingId = postingId;
        break;
      }
    }
    expect(ownerOrgId, "an organisation of the owner with a posting").toBeGreaterThan(0);
    // The other-organisation member really is a member of some other organisation.
    const editorAccount = await (await contexts.otherOrgMember.get("/account")).text();
    const editorOrgs = idsIn(editorAccount, /href="\/orgs\/(\d+)"/);
    expect(editorOrgs.length).toBeGreaterThan(0);
    expect(editorOrgs).not.toContain(ownerOrgId);

    const org = `/orgs/${ownerOrgId}`;
    // A session of the owner's posting, from its applicants page (the demo's session of the day is in progress
    // only by day, so the dashboard's check-in list may be empty).
    let session = "";
    const applicants = await (await contexts.owner.get(`/orgs/${ownerOrgId}/postings/${ownerPostingId}/applicants`)).text();
    const [shiftId] = idsIn(applicants, new RegExp(`href="/orgs/${ownerOrgId}/sessions/(\\d+)/check-in"`));
    if (shiftId) session = `/orgs/${ownerOrgId}/sessions/${shiftId}`;
    expect(session, "a session to check in on the owner's dashboards").not.toBe("");
    const GROUP_OR_STAFF: Record<Role, Expected> = { ...ORG_MEMBER, staff: 200, admin: 200 };
    // The park registry: the owner's association park (from its dashboard's redirect) and another park.
    let ownPark = "";
    for (const orgId of idsIn(account, /href="\/orgs\/(\d+)"/)) {
      const where = location(await contexts.owner.get(`/orgs/${orgId}/parks`));
      if (/\/parks\/\d+$/.test(where)) ownPark = where;
    }
    expect(ownPark, "the owner's association park").not.toBe("");
    const [otherParkId] = idsIn(await (await contexts.anonymous.get("/parks?q=%E6%B2%B3%E5%86%85%E6%A1%9C")).text(), /href="\/parks\/(\d+)"/);
    const otherParkOfOwnerOrg = ownPark.replace(/\d+$/, String(otherParkId));
    const NOT_FOUND: Record<Role, Expected> = { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 };
    const routes: [string, Record<Role, Expected>][] = [
      ["/", ALL_OK],
      ["/postings", ALL_OK],
      [`/postings/${publishedId}`, ALL_OK],
      ["/account", SIGNED_IN],
      ["/organisations/new", SIGNED_IN],
      [org, ORG_MEMBER],
      [`${org}/edit`, ORG_MEMBER],
      [`${org}/members`, ORG_MEMBER],
      [`${org}/postings/new`, ORG_MEMBER],
      [`${org}/postings/${ownerPostingId}`, ORG_MEMBER],
      [`${org}/postings/${ownerPostingId}/preview`, ORG_MEMBER],
      [`${org}/postings/${ownerPostingId}/applicants`, ORG_MEMBER],
      [`${org}/postings/${ownerPostingId}/roster.csv`, ORG_MEMBER],
      ["/activities", SIGNED_IN],
      ["/messages", SIGNED_IN],
      [`${org}/messages`, ORG_MEMBER],
      ["/account/calendar", SIGNED_IN],
      ["/account/hours", SIGNED_IN],
      ["/account/hours?year=2026", SIGNED_IN],
      ["/account/certificates", SIGNED_IN],
      [`${session}/check-in`, GROUP_OR_STAFF],
      [`${session}/poster.pdf`, GROUP_OR_STAFF],
      // A forged or mistyped QR code gets a clear page, after signing in.
      ["/check-in/forged-code-that-was-never-issued", SIGNED_IN],
      // Certificates are public by their unguessable code; an unknown code is a page that says 無効.
      [`/certificates/${DEMO_CERTIFICATE_CODE}`, ALL_OK],
      [`/certificates/${DEMO_CERTIFICATE_CODE}.pdf`, ALL_OK],
      [`/certificates/${DEMO_CERTIFICATE_CODE}/credential.json`, ALL_OK],
      [`/certificates/${DEMO_CERTIFICATE_CODE}/signed.json`, ALL_OK],
      ["/certificates/zzzzzzzzzzzzzzzzzzzzzzzzzz", ALL_OK],
      ["/certificates/zzzzzzzzzzzzzzzzzzzzzzzzzz.pdf", { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      ["/.well-known/certificate-keys.json", ALL_OK],
      ["/calendar/not-a-real-token.ics", { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      ["/staff", STAFF],
      [`/staff/organisations/${ownerOrgId}`, STAFF],
      ["/staff/synonyms", STAFF],
      ["/parks", ALL_OK],
      [`/parks/${otherParkId}`, ALL_OK],
      [`/parks/${otherParkId}/support`, ALL_OK],
      ["/parks/2147483647", NOT_FOUND],
      [ownPark, ORG_MEMBER],
      [`${ownPark}/report.pdf`, ORG_MEMBER],
      // An association reaches only its own park: another park by direct address reads as missing.
      [otherParkOfOwnerOrg, { ...ORG_MEMBER, owner: 404 }],
      ["/staff/parks", STAFF],
      [`/staff/parks/${otherParkId}`, STAFF],
      ["/staff/parks/import", STAFF],
      ["/staff/parks/new", STAFF],
      ["/staff/parks/export.csv", STAFF],
      ["/staff/parks/settings", STAFF],
      ["/staff/parks/supporters", STAFF],
      ["/api/postings/search?q=%E5%85%AC%E5%9C%92", ALL_OK],
      // The impact figures as open data (small counts hidden): public.
      ["/api/impact?year=2025", ALL_OK],
      ["/admin", ADMIN],
      ["/admin/lists", ADMIN],
      ["/concerns/new", ALL_OK],
      [`/concerns/new?posting=${publishedId}`, ALL_OK],
      ["/concerns/thanks?ref=K7M3-9QX2", ALL_OK],
      ["/staff/concerns", STAFF],
      ["/staff/concerns?status=all&category=child_safety", STAFF],
      // Staff-only before anything else: who is not staff cannot tell whether a report exists.
      ["/staff/concerns/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/audit", STAFF],
      ["/staff/audit?action=concern.&from=2026-04-01", STAFF],
      // Each role's home, the page for groups and the site's notices; the audit log's export.
      ["/home", SIGNED_IN],
      ["/for-groups", ALL_OK],
      ["/terms", ALL_OK],
      ["/privacy", ALL_OK],
      ["/contact", ALL_OK],
      ["/staff/audit?action=area%3Aauth", STAFF],
      ["/staff/audit.csv?action=area%3Aauth", STAFF],
      [`${org}/postings/${ownerPostingId}/safeguarding`, ORG_MEMBER],
      [`${org}/safeguarding`, ORG_MEMBER],
      [`${org}/safeguarding/declaration`, ORG_MEMBER],
      ["/staff/safeguarding", STAFF],
      ["/staff/safeguarding?status=approved", STAFF],
      [`/staff/safeguarding/${ownerPostingId}`, STAFF],
      ["/staff/safeguarding/declarations?status=all", STAFF],
      // Staff-only before anything else: who is not staff cannot tell whether a posting exists.
      ["/staff/safeguarding/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/settings/safeguarding", STAFF],
      // Welfare-commissioner recruitment: the public page and form, the staff pages (a district's chair is covered in recruitment.spec.ts).
      ["/minsei", ALL_OK],
      ["/minsei/thanks", ALL_OK],
      ["/minsei/withdraw/Zm9yZ2VkLWxpbmstdGhhdC13YXMtbmV2ZXItaXNzdWV", { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      ["/m/zzzzzzzz", { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      ["/staff/recruitment", STAFF],
      ["/staff/recruitment/seats.csv", STAFF],
      ["/staff/recruitment/import", STAFF],
      ["/staff/recruitment/people", STAFF],
      ["/staff/recruitment/people?view=overdue", STAFF],
      ["/staff/recruitment/people/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/campaigns", STAFF],
      ["/staff/recruitment/campaigns/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/channels/2147483647/qr.png", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/campaigns/2147483647/edit", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/campaigns/2147483647/delete", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/channels/2147483647/edit", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/channels/2147483647/delete", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/areas/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/helpers/2147483647", { ...STAFF, staff: 404, admin: 404 }],
      ["/staff/recruitment/helpers", STAFF],
      ["/staff/recruitment/figures", STAFF],
      ["/staff/recruitment/settings", STAFF],
      // The impact report, what is behind a figure, and its files.
      ["/staff/reports", STAFF],
      ["/staff/reports?year=2025", STAFF],
      ["/staff/reports/list?figure=activity.sessionsHeld&year=2026", STAFF],
      ["/staff/reports/list?figure=activity.postingsPublished&key=district%3A1&year=2026", STAFF],
      ["/staff/reports/list.csv?figure=activity.sessionsHeld&year=2026", STAFF],
      ["/staff/reports/list.csv?figure=welfare.fillRate&year=2026&encoding=sjis", STAFF],
      ["/staff/reports.csv?year=2026&encoding=sjis", STAFF],
      ["/staff/reports.csv?table=activity&year=2026", STAFF],
      ["/staff/reports.pdf?year=2026", STAFF],
      ["/schools/join", SIGNED_IN],
      ["/schools/join/ZZZZ2222", { anonymous: "login", volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      // A group that is not a school has no school pages, even for its own members.
      [`/schools/${ownerOrgId}`, { ...ORG_MEMBER, owner: 404 }],
      [`/schools/${ownerOrgId}/hours`, { ...ORG_MEMBER, owner: 404 }],
      [`/schools/${ownerOrgId}/hours.csv?year=2026&encoding=sjis`, { ...ORG_MEMBER, owner: 404 }],
      [`/consent/${FORGED_TOKEN}`, { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      [`/consent/revoke/${FORGED_TOKEN}`, { anonymous: 404, volunteer: 404, owner: 404, otherOrgMember: 404, staff: 404, admin: 404 }],
      ["/consent/thanks?answer=given", ALL_OK],
    ];

    const mismatches: string[] = [];
    const rows: string[][] = [];
    for (const [path, expected] of routes) {
      const row = [path];
      for (const role of ROLES) {
        const response = await contexts[role].get(path);
        const got = outcome(response.status(), location(response));
        const want = String(expected[role]);
        if (got === "login") {
          // The way back is kept, and only as a same-site path.
          expect(location(response)).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
        }
        row.push(got === want ? got : `${got} ✗(want ${want})`);
        if (got !== want) mismatches.push(`${role} ${path}: got ${got}, want ${want}`);
      }
      rows.push(row);
    }

    const header = ["route", ...ROLES];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
    const table = [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
    console.log(`\nRoute × role matrix (login = 302 to /login?redirectTo=…)\n${table}\n`);
    test.info().annotations.push({ type: "matrix", description: table });

    // Actions check the role too, not only the pages that show the forms.
    const posting = `${org}/postings/${ownerPostingId}`;
    const actionChecks: [Role, string, Record<string, string>, Expected][] = [
      ["anonymous", `${org}/postings/new`, { intent: "save", title: "x" }, "login"],
      ["volunteer", posting, { intent: "close" }, 403],
      ["otherOrgMember", posting, { intent: "cancel", confirm: "on", reason: "x" }, 403],
      ["otherOrgMember", `${org}/members`, { intent: "invite", email: "x@example.com", role: "owner" }, 403],
      ["staff", `${org}/edit`, { name: "乗っ取り" }, 403],
      ["volunteer", `/staff/organisations/${ownerOrgId}`, { decision: "suspend", reason: "x" }, 403],
      ["owner", `/staff/organisations/${ownerOrgId}`, { decision: "suspend", reason: "x" }, 403],
      ["staff", "/admin", { intent: "toggle", id: "1", disabled: "true" }, 403],
      ["volunteer", "/staff/synonyms", { synonyms: "a/b" }, 403],
      ["owner", "/admin/lists", { intent: "x" }, 403],
      ["anonymous", `/postings/${publishedId}`, { shiftId: "1" }, "login"],
      ["volunteer", `${posting}/applicants`, { intent: "confirm", applicationId: "1" }, 403],
      ["otherOrgMember", `${posting}/applicants`, { intent: "bulk-message", shiftId: "1", body: "x" }, 403],
      ["anonymous", "/activities", { intent: "withdraw", applicationId: "1", confirm: "on" }, "login"],
      ["volunteer", `${posting}/candidates`, { intent: "invite", userId: "1" }, 403],
      ["volunteer", `${posting}/safeguarding`, { intent: "submit" }, 403],
      ["otherOrgMember", `${posting}/safeguarding`, { intent: "save", adults: "1" }, 403],
      ["staff", `${posting}/safeguarding`, { intent: "submit" }, 403],
      ["otherOrgMember", `${org}/safeguarding`, { userId: "1", checkedOn: "2026-01-01", checkedBy: "x", validUntil: "2027-01-01" }, 403],
      ["volunteer", `${org}/safeguarding/declaration`, { signedName: "x", noRelevantConvictions: "on", agreesCodeOfConduct: "on" }, 403],
      ["owner", `/staff/safeguarding/${ownerPostingId}`, { decision: "approve" }, 403],
      ["volunteer", "/staff/safeguarding/declarations", { declarationId: "1", decision: "confirm" }, 403],
      ["anonymous", "/staff/concerns/1", { intent: "suspend", target: "posting", reason: "x", confirm: "yes" }, "login"],
      ["volunteer", "/staff/concerns/1", { intent: "suspend", target: "user", reason: "x", confirm: "yes" }, 403],
      ["owner", "/staff/concerns/1", { intent: "close", outcome: "no_action" }, 403],
      ["otherOrgMember", "/staff/concerns/1", { intent: "note", body: "x" }, 403],
      ["volunteer", `${session}/check-in`, { applicationId: "1", action: "present", tapId: "forged-tap-0001" }, 403],
      ["otherOrgMember", `${session}/check-in`, { intent: "confirm" }, 403],
      ["otherOrgMember", `${session}/taps`, { applicationId: "1", action: "present", tapId: "forged-tap-0002" }, 403],
      ["anonymous", `${session}/taps`, { applicationId: "1", action: "present", tapId: "forged-tap-0003" }, "login"],
      ["anonymous", "/check-in/forged-code-that-was-never-issued", { action: "present", tapId: "forged-tap-0004" }, "login"],
      ["anonymous", "/account/certificates", { period: "year", schoolYear: "2026" }, "login"],
      ["volunteer", `/certificates/${DEMO_CERTIFICATE_CODE}`, { reason: "乗っ取り" }, 403],
      ["owner", `/certificates/${DEMO_CERTIFICATE_CODE}`, { reason: "乗っ取り" }, 403],
      ["otherOrgMember", ownPark, { intent: "log", date: "2026-01-01", kind: "weeding", people: "1", hours: "1" }, 403],
      ["staff", ownPark, { intent: "record", name: "乗っ取り", status: "active", memberCount: "0" }, 403],
      ["owner", otherParkOfOwnerOrg, { intent: "log", date: "2026-01-01", kind: "weeding", people: "1", hours: "1" }, 404],
      ["owner", "/staff/parks/import", { csv: "code,name,area_m2\nX,x,1" }, 403],
      ["owner", "/staff/parks/new", { code: "X-1", name: "乗っ取り", areaM2: "1" }, 403],
      ["owner", "/staff/recruitment/campaigns/1/edit", { name: "乗っ取り", startsOn: "2027-01-01", endsOn: "2027-02-01" }, 403],
      ["volunteer", "/staff/recruitment/campaigns/1/delete", { confirm: "on" }, 403],
      ["otherOrgMember", "/staff/recruitment/channels/1/edit", { kind: "poster", label: "乗っ取り" }, 403],
      ["anonymous", "/staff/recruitment/channels/1/delete", { confirm: "on" }, "login"],
      ["owner", "/staff/recruitment/areas/1", { districtId: "1", name: "乗っ取り", seats: "1", serving: "0" }, 403],
      ["volunteer", "/staff/recruitment/helpers/1", { insuranceUntil: "2030-01-01", activeFrom: "2026-01-01" }, 403],
      ["volunteer", `/staff/parks/${otherParkId}`, { intent: "association", name: "x", status: "active", memberCount: "0" }, 403],
      ["otherOrgMember", "/staff/parks/supporters", { supporterId: "1", decision: "approve" }, 403],
    ];
    for (const [role, path, form, want] of actionChecks) {
      const response = await contexts[role].post(path, { form });
      expect(outcome(response.status(), location(response)), `${role} POST ${path}`).toBe(String(want));
    }

    for (const context of Object.values(contexts)) await context.dispose();
    expect(mismatches, "route × role mismatches").toEqual([]);
  });

  test("cross-site form posts are refused with 403", async ({ baseURL }) => {
    const crossSite = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    const anonymous = await newContext(baseURL!);
    const refused = await anonymous.post("/login", { form: { email: ACCOUNTS.student, password: DEMO_PASSWORD }, headers: crossSite });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["set-cookie"]).toBeUndefined();
    // Either signal alone is enough.
    expect((await anonymous.post("/login", { form: { email: "a@example.com", password: "x" }, headers: { Origin: "https://evil.example" } })).status()).toBe(403);
    expect((await anonymous.post("/login", { form: { email: "a@example.com", password: "x" }, headers: { "Sec-Fetch-Site": "cross-site" } })).status()).toBe(403);
    expect((await anonymous.post("/login", { form: { email: "a@example.com", password: "x" }, headers: { Origin: "null" } })).status()).toBe(403);
    await anonymous.dispose();

    const owner = await contextFor("owner", baseURL!);
    const form = { name: "（攻撃）偽の団体", kind: "npo", description: "外部サイトから送られた登録です。", contactName: "x", contactEmail: "x@example.com" };
    const attack = await owner.post("/organisations/new", { form, headers: crossSite });
    expect(attack.status()).toBe(403);
    const account = await (await owner.get("/account")).text();
    expect(account).not.toContain("（攻撃）偽の団体");
    // The same form from the site itself is accepted: the check is about where it comes from.
    const sameOrigin = await owner.post("/organisations/new", { form: { ...form, name: "（テスト）同一サイトの団体" }, headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" } });
    expect(sameOrigin.status()).toBe(302);
    expect(location(sameOrigin)).toMatch(/^\/orgs\/\d+$/);
    await owner.dispose();
  });

  test("a page shared by anonymous visitors carries, instead of a nonce, the hashes of exactly its own inline scripts", async ({ baseURL }) => {
    const context = await newContext(baseURL!);
    await context.get("/postings");
    const shared = await context.get("/postings");
    const csp = shared.headers()["content-security-policy"];
    const scriptSrc = csp.split(";").map((d) => d.trim().split(/\s+/)).find(([name]) => name === "script-src")!.slice(1);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).toContain("'strict-dynamic'");
    const html = await shared.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]));
    expect(inline.length).toBeGreaterThan(0);
    if (scriptSrc.some((v) => v.startsWith("'nonce-"))) return; // rendered for this visitor alone: the nonce test below covers it
    for (const [, , body] of inline) expect(scriptSrc).toContain(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    expect(scriptSrc.filter((v) => v.startsWith("'sha256-")).length).toBe(new Set(inline.map((m) => m[2])).size);
    await context.dispose();
  });

  test("security headers: CSP with a nonce, no plug-ins, no base, no framing, nosniff, referrer policy", async ({ baseURL }) => {
    const context = await newContext(baseURL!);
    // A page rendered for each visitor (the shared public pages carry script hashes instead: the test above).
    const first = await context.get("/login");
    const second = await context.get("/login");
    const headers = first.headers();
    const csp = headers["content-security-policy"];
    expect(csp).toBeTruthy();
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    const nonce = directives["script-src"].find((v: string) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, "script-src carries a nonce").toBeTruthy();
    expect(nonce!.length).toBeGreaterThanOrEqual(16);
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    // Every inline script of the page carries this response's nonce; the next response has a new one.
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(second.headers()["content-security-policy"]).not.toContain(nonce!);

    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(headers["x-powered-by"]).toBeUndefined();
    await context.dispose();
  });

  test("the session cookie is HttpOnly and SameSite=Lax, with a long random value; personal pages are not cached", async ({ baseURL, browser }) => {
    const context = await newContext(baseURL!);
    const setCookie = await loginWithRequests(context, ACCOUNTS.student);
    const session = setCookie.split("\n").find((c) => /session=/.test(c));
    expect(session, "a session cookie is set at login").toBeTruthy();
    const attributes = session!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    const value = session!.split(";")[0].split("=").slice(1).join("=");
    expect(value.length, "at least 128 bits of randomness").toBeGreaterThanOrEqual(22);

    const account = await context.get("/account");
    expect(account.status()).toBe(200);
    expect(account.headers()["cache-control"]).toContain("no-store");
    // Every page a signed-in person sees is no-store, not only those whose loader says so (D7).
    for (const path of ["/organisations/new", "/account/delete", "/postings"]) {
      expect((await context.get(path)).headers()["cache-control"], path).toContain("no-store");
    }

    // In the browser, with the same session: scripts cannot read it.
    const state = await context.storageState();
    const browserContext = await browser.newContext({ storageState: state });
    const page = await browserContext.newPage();
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "マイページ" })).toBeVisible();
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/session/);
    const cookie = (await browserContext.cookies()).find((c) => /session/.test(c.name));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await browserContext.close();
    await context.dispose();
  });

  test("after logging in, redirectTo never leaves the site", async ({ baseURL, browser }) => {
    for (const target of ["//evil.example", "/\\evil.example", "https://evil.example"]) {
      const context = await newContext(baseURL!);
      const response = await context.post("/login", { form: { email: ACCOUNTS.student, password: DEMO_PASSWORD, redirectTo: target } });
      expect(response.status(), target).toBe(302);
      const where = location(response);
      expect(where, target).toMatch(/^\/(?![\/\\])/);
      expect(new URL(where, baseURL).host, target).toBe(new URL(baseURL!).host);
      await context.dispose();
    }
    // A same-site path is honoured.
    const context = await newContext(baseURL!);
    const ok = await context.post("/login", { form: { email: ACCOUNTS.student, password: DEMO_PASSWORD, redirectTo: "/postings?category=parks" } });
    expect(location(ok)).toBe("/postings?category=parks");
    await context.dispose();

    // The whole journey in the browser, from a crafted link.
    const page = await browser.newPage();
    await loginInBrowser(page, ACCOUNTS.student, DEMO_PASSWORD, `/login?redirectTo=${encodeURIComponent("//evil.example")}`);
    await page.waitForLoadState();
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
    await expect(page).toHaveURL(/\/home$/);
    await page.close();
  });
  test("minors, guardians (by token) and school coordinators on the school, consent and settings pages", async ({ baseURL }) => {
    test.setTimeout(120_000);
    type Who = "anonymous" | "minor" | "adult" | "coordinator" | "owner";
    const logins: Record<Exclude<Who, "anonymous">, string> = {
      minor: ACCOUNTS.highschool,
      adult: ACCOUNTS.student,
      coordinator: "coordinator@demo.tsunagu.example",
      owner: ACCOUNTS.owner,
    };
    const who: Who[] = ["anonymous", "minor", "adult", "coordinator", "owner"];
    const contexts = {} as Record<Who, APIRequestContext>;
    for (const w of who) {
      contexts[w] = await newContext(baseURL!);
      if (w !== "anonymous") await loginWithRequests(contexts[w], logins[w]);
    }
    const [schoolId] = idsIn(await (await contexts.coordinator.get("/account")).text(), /href="\/orgs\/(\d+)"/);
    expect(schoolId, "the demo coordinator's school").toBeGreaterThan(0);
    const COORDINATOR_ONLY: Record<Who, Expected> = { anonymous: "login", minor: 403, adult: 403, coordinator: 200, owner: 403 };
    const routes: [string, Record<Who, Expected>][] = [
      [`/schools/${schoolId}`, COORDINATOR_ONLY],
      [`/schools/${schoolId}/applications`, COORDINATOR_ONLY],
      [`/schools/${schoolId}/group-signup`, COORDINATOR_ONLY],
      [`/schools/${schoolId}/group-signup?posting=not-a-number`, COORDINATOR_ONLY],
      ["/schools/2147483647", { anonymous: "login", minor: 404, adult: 404, coordinator: 404, owner: 404 }],
      ["/staff/settings/safeguarding", { anonymous: "login", minor: 403, adult: 403, coordinator: 403, owner: 403 }],
      ["/schools/join", { anonymous: "login", minor: 200, adult: 200, coordinator: 200, owner: 200 }],
      ["/activities", { anonymous: "login", minor: 200, adult: 200, coordinator: 200, owner: 200 }],
      [`/consent/${FORGED_TOKEN}`, { anonymous: 404, minor: 404, adult: 404, coordinator: 404, owner: 404 }],
      ["/consent/not-even-a-token", { anonymous: 404, minor: 404, adult: 404, coordinator: 404, owner: 404 }],
    ];
    const mismatches: string[] = [];
    for (const [path, expected] of routes)
      for (const w of who) {
        const response = await contexts[w].get(path);
        const got = outcome(response.status(), location(response));
        if (got !== String(expected[w])) mismatches.push(`${w} ${path}: got ${got}, want ${expected[w]}`);
      }
    const actionChecks: [Who, string, Record<string, string>, Expected][] = [
      ["minor", `/schools/${schoolId}/applications`, { intent: "approve", applicationId: "1" }, 403],
      ["owner", `/schools/${schoolId}`, { intent: "create-code" }, 403],
      ["adult", `/schools/${schoolId}/group-signup`, { postingId: "1", shiftId: "1", studentId: "1" }, 403],
      ["coordinator", "/staff/settings/safeguarding", { intent: "ward", minorAge: "15", minorsLatestEnd: "23:00", consentHoldHours: "1", guardianConsentUnder: "12" }, 403],
      ["anonymous", `/consent/${FORGED_TOKEN}`, { intent: "decline" }, 404],
      ["anonymous", `/consent/revoke/${FORGED_TOKEN}`, { confirm: "on" }, 404],
      ["anonymous", "/schools/join", { code: "ABCD-EFGH" }, "login"],
    ];
    for (const [w, path, form, want] of actionChecks) {
      const response = await contexts[w].post(path, { form });
      const got = outcome(response.status(), location(response));
      if (got !== String(want)) mismatches.push(`${w} POST ${path}: got ${got}, want ${want}`);
    }
    for (const context of Object.values(contexts)) await context.dispose();
    expect(mismatches, "minors/guardians/coordinators mismatches").toEqual([]);
  });
});
