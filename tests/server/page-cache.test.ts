import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, built, startSite, type Site } from "../support/site-server";

/**
 * The shared cache of anonymous pages (ADR 028), through the real server: what a crowd of visitors who are not
 * signed in gets, what a signed-in person gets, and what a commit does to both.
 */
const CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const reason = built ? "" : "no production build (run npm run build)";

const get = (site: Site, path: string, headers: Record<string, string> = {}) => fetch(site.base + path, { headers, redirect: "manual" });

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}
const scriptSrc = (res: Response) => /script-src ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? "";
/** A page as rendered for one visitor, without its nonce and the time of rendering a posting page carries. */
const withoutNonces = (html: string) => html.replace(/ nonce="[^"]*"/g, "").replace(/(\\"now\\",\\")[^\\]+/g, "$1…");
const withoutTime = (html: string) => html.replace(/(\\"now\\",\\")[^\\]+/g, "$1…");

describe.skipIf(Boolean(reason))(`the shared cache of anonymous pages${reason ? ` — SKIPPED: ${reason}` : ""}`, () => {
  let site: Site;
  let postingPath = "";
  let owner = "";
  let ownerPosting = { org: "", id: "" };

  beforeAll(async () => {
    site = await startSite();
    owner = await site.login(DEMO.owner);
    postingPath = `/postings/${/href="\/postings\/(\d+)"/.exec(await (await get(site, "/postings")).text())![1]}`;
    const account = await (await get(site, "/account", { cookie: owner })).text();
    const org = /\/orgs\/(\d+)/.exec(account)![1]!;
    const manage = await (await get(site, `/orgs/${org}`, { cookie: owner })).text();
    for (const [, id] of manage.matchAll(/\/orgs\/\d+\/postings\/(\d+)/g)) {
      // A published posting of the owner's organisation: its public page answers.
      if ((await get(site, `/postings/${id}`)).status === 200) {
        ownerPosting = { org, id: id! };
        break;
      }
    }
  }, 240_000);

  afterAll(async () => {
    await site?.stop();
  }, 30_000);

  it("answers a crowd from one rendering, with the same HTML a visitor rendered alone gets", async () => {
    for (const path of ["/", "/postings", `/postings?q=${encodeURIComponent("公園")}`, postingPath, "/postings?lang=en"]) {
      const first = await get(site, path);
      const firstBody = await first.text();
      const second = await get(site, path);
      const secondBody = await second.text();
      expect([first.status, second.status], path).toEqual([200, 200]);
      expect(second.headers.get("x-page-cache"), path).toBe("hit");
      expect(secondBody, path).toBe(firstBody);
      // A visitor with another cookie is rendered alone, with a nonce: the same page once nonces are set aside
      // (whole, as a crawler gets it: a page streamed to a browser may send parts later, depending on timing).
      const alone = await get(site, path, { cookie: "unrelated=1", "user-agent": CRAWLER });
      expect(alone.headers.get("x-page-cache"), path).toBeNull();
      expect(withoutNonces(await alone.text()), path).toBe(withoutTime(secondBody));
    }
  });

  it("keys pages by language: the language cookie gets the English page, the plain visitor the Japanese", async () => {
    const en = await (await get(site, "/postings", { cookie: "tsunagu_lang=en" })).text();
    const ja = await (await get(site, "/postings")).text();
    expect(en).toContain('<html lang="en"');
    expect(ja).toContain('<html lang="ja"');
  });

  it("sends no nonce with a shared page: its policy allows exactly its own inline scripts by hash", async () => {
    await get(site, "/postings");
    const a = await get(site, "/postings");
    const html = await a.text();
    expect(a.headers.get("x-page-cache")).toBe("hit");
    expect(html).not.toMatch(/nonce=/);
    const policy = scriptSrc(a);
    expect(policy).not.toMatch(/nonce/);
    expect(policy).toMatch(/'strict-dynamic'$/);
    const scripts = inlineScripts(html);
    expect(scripts.length).toBeGreaterThan(1);
    const hashes = new Set(scripts.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`));
    expect(new Set(policy.split(" ").filter((p) => p.startsWith("'sha256-")))).toEqual(hashes);
    // Pages rendered alone keep a fresh nonce each.
    const [x, y] = [await get(site, "/postings", { cookie: "unrelated=1" }), await get(site, "/postings", { cookie: "unrelated=1" })];
    expect(scriptSrc(x)).toMatch(/^'nonce-[^']+' 'strict-dynamic'$/);
    expect(scriptSrc(x)).not.toBe(scriptSrc(y));
  });

  it("never shares a signed-in person's page, and never gives anyone else what a signed-in person saw", async () => {
    const student = await site.login(DEMO.student);
    const signedIn = await get(site, "/postings", { cookie: student });
    const signedInHtml = await signedIn.text();
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toMatch(/no-store/);
    expect(scriptSrc(signedIn)).toMatch(/^'nonce-/);
    const name = /"displayName":"([^"]+)"/.exec(signedInHtml)?.[1] ?? /\\"displayName\\",\\"([^\\"]+)\\"/.exec(signedInHtml)?.[1];
    expect(name, "the signed-in page names its reader").toBeTruthy();
    for (let i = 0; i < 2; i++) {
      const anonymous = await (await get(site, "/postings")).text();
      expect(anonymous).not.toContain(name!);
    }
  });

  it("shares the search API's answers with anonymous visitors, by address and language, and never a signed-in person's", async () => {
    const api = `/api/postings/search?q=${encodeURIComponent("公園")}`;
    const first = await get(site, api);
    const firstBody = await first.text();
    const second = await get(site, api, { "accept-encoding": "gzip" });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(second.headers.get("content-type")).toMatch(/^application\/json/);
    expect(second.headers.get("access-control-allow-origin")).toBe("*");
    expect(second.headers.get("content-encoding")).toBe("gzip");
    expect(await second.text()).toBe(firstBody);
    expect(JSON.parse(firstBody).total).toBeGreaterThan(0);
    // The same as a search answered alone.
    const alone = await get(site, api, { cookie: "unrelated=1" });
    expect(alone.headers.get("x-page-cache")).toBeNull();
    expect(await alone.text()).toBe(firstBody);
    // Bad parameters: a 400 in the asked language, answered each time, not kept.
    for (const lang of ["ja", "en"]) {
      const bad = await get(site, `/api/postings/search?near=district%3Anowhere&lang=${lang}`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get("x-page-cache")).toBeNull();
      const message = (await bad.json()).errors.near[0] as string;
      expect(/[\u3040-\u30ff]/.test(message), `${lang}: ${message}`).toBe(lang === "ja");
    }
    // A signed-in person's search is theirs alone, and never stored.
    const student = await site.login(DEMO.student);
    const signedIn = await get(site, api, { cookie: student });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
  });

  it("renders again after a commit: a posting closed by its organisation is closed for the next visitor", async () => {
    expect(ownerPosting.id, "a published posting of the demo owner").not.toBe("");
    const path = `/postings/${ownerPosting.id}`;
    // Every posting of the demo's first pages, the owner's among them.
    const SEARCH = "/api/postings/search?per=50";
    await get(site, SEARCH);
    const apiBefore = await get(site, SEARCH);
    expect(apiBefore.headers.get("x-page-cache")).toBe("hit");
    expect(((await apiBefore.json()).hits as { id: number }[]).map((h) => h.id)).toContain(Number(ownerPosting.id));
    await get(site, path);
    const before = await get(site, path);
    const beforeHtml = await before.text();
    expect(before.headers.get("x-page-cache")).toBe("hit");
    const closed = await fetch(`${site.base}/orgs/${ownerPosting.org}/postings/${ownerPosting.id}`, {
      method: "POST",
      headers: { cookie: owner, origin: site.base },
      body: new URLSearchParams({ intent: "close" }),
      redirect: "manual",
    });
    expect(closed.status).toBe(302);
    const after = await get(site, path);
    const afterHtml = await after.text();
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(afterHtml).not.toBe(beforeHtml);
    expect(withoutNonces(await (await get(site, path, { cookie: "unrelated=1", "user-agent": CRAWLER })).text())).toBe(withoutTime(afterHtml));
    // The search API follows the same commit: the closed posting is no longer among its hits.
    const apiAfter = await get(site, SEARCH);
    expect(apiAfter.headers.get("x-page-cache")).toBe("miss");
    const afterIds = ((await apiAfter.json()).hits as { id: number }[]).map((h) => h.id);
    expect(afterIds).not.toContain(Number(ownerPosting.id));
    expect(await (await get(site, SEARCH, { cookie: "unrelated=1" })).json()).toEqual(await (await get(site, SEARCH)).json());
  });
});
