import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, built, builtRoutes, startSite, type Site } from "../support/site-server";

/**
 * ADR 014: no byte the site sends may corrupt text. Every route of the build (from its route manifest) is read
 * by every kind of visitor on the demo data, and form pages echo long Japanese text moved along by 0–5 ASCII
 * characters (so its three-byte characters meet the renderer's buffer ends at every offset). No answer may
 * hold a NUL byte or a U+FFFD, and none may be a 5xx.
 */
const JA = "八幡東区の公園清掃ボランティアを募集しています。軍手と飲み物をお持ちください。雨天の場合は中止します。";

function problems(bytes: Buffer): string[] {
  const found: string[] = [];
  const nul = bytes.indexOf(0);
  if (nul >= 0) found.push(`NUL at byte ${nul}: …${bytes.subarray(Math.max(0, nul - 30), nul + 10).toString("utf8").replace(/\0/g, "\\0")}…`);
  const text = new TextDecoder("utf-8").decode(bytes);
  if (text.includes("\uFFFD")) found.push("U+FFFD (invalid UTF-8)");
  return found;
}

const reason = built ? "" : "no production build (run npm run build)";

describe.skipIf(Boolean(reason))(`every byte the site sends is clean text${reason ? ` — SKIPPED: ${reason}` : ""}`, () => {
  let site: Site;
  const cookies: Record<string, string> = {};
  const params: Record<string, string> = {};

  beforeAll(async () => {
    site = await startSite();
    for (const [who, email] of Object.entries(DEMO)) cookies[who] = await site.login(email);
    // Real ids from the demo data, as the pages link to them.
    const grab = async (path: string, cookie: string, re: RegExp) => (await (await fetch(site.base + path, { headers: { cookie } })).text()).match(re)?.[1];
    params.id = params.postingId = (await grab("/postings", "", /href="\/postings\/(\d+)"/)) ?? "1";
    params.orgId = (await grab("/account", cookies.owner, /\/orgs\/(\d+)/)) ?? "1";
    params.postingId = (await grab(`/orgs/${params.orgId}`, cookies.owner, /\/orgs\/\d+\/postings\/(\d+)/)) ?? params.postingId;
    params.threadId = (await grab("/messages", cookies.student, /\/messages\/(\d+)/)) ?? "1";
  }, 240_000);

  afterAll(async () => {
    await site?.stop();
  }, 30_000);

  it("reads every route of the build as every kind of visitor: no NUL, no U+FFFD, no 5xx", async () => {
    const routes = (await builtRoutes()).filter((r) => r.hasLoader || !r.hasAction);
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    let pages = 0;
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? "1").replace("/*", "/no-such-page");
      for (const [who, cookie] of [["anonymous", ""], ...Object.entries(cookies)]) {
        const res = await fetch(site.base + path, { headers: { cookie }, redirect: "manual" });
        const bytes = Buffer.from(await res.arrayBuffer());
        pages++;
        if (res.status >= 500) failures.push(`${who} ${path}: ${res.status}`);
        // Binary files (PDF reports and certificates, QR images) are not text: only their status is checked here.
        if (/^(application\/pdf|image\/)/.test(res.headers.get("content-type") ?? "")) continue;
        for (const p of problems(bytes)) failures.push(`${who} ${path}: ${p}`);
      }
    }
    expect(pages).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 240_000);

  it("echoes long Japanese text in forms at every byte offset without a NUL or U+FFFD", async () => {
    const failures: string[] = [];
    for (let offset = 0; offset < 6; offset++) {
      const text = `${"x".repeat(offset)}${JA.repeat(30)}`.slice(0, 1990);
      // The organisation form sent back with a missing name: the page shows the description as typed.
      const org = await fetch(`${site.base}/orgs/${params.orgId}/edit`, {
        method: "POST",
        headers: { cookie: cookies.owner },
        body: new URLSearchParams({ name: "", kind: "neighbourhood", description: text, contactName: "山田", contactEmail: "a@example.jp" }),
      });
      const concern = await fetch(`${site.base}/concerns/new`, { method: "POST", body: new URLSearchParams({ description: text }) });
      for (const [label, res] of [["organisation edit", org], ["concern report", concern]] as const) {
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(res.status, label).toBe(400);
        expect(bytes.toString("utf8").includes(text.replace(/^x*/, "").slice(0, 200)), `${label} echoes the text`).toBe(true);
        for (const p of problems(bytes)) failures.push(`${label} +${offset}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
