import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, built, builtRoutes, startSite, type BuiltRoute, type Site } from "../support/site-server";

/**
 * Issue: no input a client can send makes the site fail (ADR 020). A few hundred generated malformed requests
 * — bad bodies and content types, control characters, huge numbers, broken encodings, odd methods, long URLs —
 * over every loader and action of the build (enumerated from its route manifest, so a new route is covered),
 * anonymous and signed in. None may be a 5xx. The generator is seeded: the same run every time.
 */
const SEED = 20261206;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_VALUES = ["1", "0", "-1", "2147483647", "2147483648", "99999999999999999999", "%00", "1%00", "abc", "%EF%BC%91", "%E3%81%82", "%FF", "1.5", "1e9", "%20", "x".repeat(300)];
/** Raw (already URL-encoded) hostile values for query strings and urlencoded bodies. */
const VALUES = [
  "%00", "a%00b", "%01%02%1B%7F", "%C2%85", "2147483648", "-2147483649", "99999999999999999999", "1e308", "NaN", "-0", "%E3%81", "%", "%ZZ", "%FF%FE",
  "%E6%B4%BB%E5%8B%95", encodeURIComponent("<script>alert(1)</script>"), encodeURIComponent("'; drop table users; --"), "x".repeat(5000),
  encodeURIComponent("あ".repeat(3000)), "2026-02-30", "9999-99-99", "on", "true", "[]", "%5B%5D", "", "%0D%0ABcc:%20x@y",
];
const NAMES = ["intent", "id", "postingId", "shiftId", "applicationId", "userId", "orgId", "threadId", "memberId", "subjectId", "page", "before", "after", "actor", "status", "q", "lang", "redirectTo", "email", "password", "name", "description", "body", "reason", "code", "decision", "capacity", "startsAt", "shifts", "comment", "synonyms", "message", "confirm", "token"];
const METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "FOO"];

type Body = { contentType?: string; body?: string | Uint8Array; label: string };

describe.skipIf(!built)(`malformed requests over every route give no 5xx${built ? "" : " — SKIPPED: no production build (run npm run build)"}`, () => {
  let site: Site;
  let routes: BuiltRoute[];
  const who: [string, string][] = [["anonymous", ""]];

  beforeAll(async () => {
    site = await startSite();
    routes = await builtRoutes();
    who.push(["owner", await site.login(DEMO.owner)], ["staff", await site.login(DEMO.staff)]);
  }, 240_000);

  afterAll(async () => {
    await site?.stop();
  }, 30_000);

  async function send(method: string, path: string, cookie: string, body?: Body): Promise<number> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body?.contentType) headers["content-type"] = body.contentType;
    const res = await fetch(site.base + path, { method, headers, body: body?.body as BodyInit | undefined, redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  }

  /** The field names (and intent values, as `intent=value`) of the forms on a page, to aim hostile values at. */
  async function formFields(path: string, cookie: string): Promise<string[]> {
    const res = await fetch(site.base + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const html = await res.text();
    const names = [...html.matchAll(/\sname="([^"]{1,60})"/g)].map((m) => m[1]);
    const intents = [...html.matchAll(/name="intent"[^>]*value="([^"]{1,60})"|value="([^"]{1,60})"[^>]*name="intent"/g)].map((m) => `intent=${encodeURIComponent(m[1] ?? m[2])}&x`);
    return [...new Set([...names, ...intents])];
  }

  it("a seeded run of a few hundred malformed requests over every loader and action: no 5xx", async () => {
    const random = mulberry32(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const query = () => {
      const n = 1 + Math.floor(random() * 3);
      return `?${Array.from({ length: n }, () => `${pick(NAMES)}=${pick(VALUES)}`).join("&")}`;
    };
    const urlencoded = (fields: string[]) =>
      Array.from({ length: 2 + Math.floor(random() * 5) }, () => `${pick(random() < 0.6 && fields.length ? fields : NAMES)}=${pick(VALUES)}`).join("&");
    const bodies = (fields: string[]): Body => {
      const kind = Math.floor(random() * 9);
      if (kind === 0) return { label: "json", contentType: "application/json", body: JSON.stringify({ intent: pick(VALUES), id: 2147483648 }) };
      if (kind === 1) return { label: "text", contentType: "text/plain", body: "intent=x" };
      if (kind === 2) return { label: "xml", contentType: "application/xml", body: "<a>1</a>" };
      if (kind === 3) return { label: "multipart, no boundary", contentType: "multipart/form-data", body: "--x\r\n\r\n" };
      if (kind === 4) return { label: "broken multipart", contentType: "multipart/form-data; boundary=zzz", body: "--zzz\r\nContent-Disposition: form-data\r\n\r\nno end" };
      if (kind === 5) return { label: "no content type", body: new TextEncoder().encode(urlencoded(fields)) };
      if (kind === 6) return { label: "invalid UTF-8", contentType: "application/x-www-form-urlencoded", body: new Uint8Array([0x69, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x3d, 0xff, 0xfe, 0xc3, 0x28]) };
      return { label: "hostile fields", contentType: "application/x-www-form-urlencoded; charset=UTF-8", body: urlencoded(fields) };
    };
    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();
    for (const route of routes) {
      for (const [role, cookie] of who) {
        if (route.path === "/logout" && cookie) continue; // would end the session the rest of the run uses
        const path = () => route.path.replace(/:(\w+)/g, () => pick(ID_VALUES)).replace("/*", `/${pick(ID_VALUES)}`);
        // The page's own field names make the hostile bodies reach the action's parsing, not only its guard.
        const target = path();
        const fields = route.hasAction ? await formFields(route.path.replace(/:(\w+)/g, "1"), cookie) : [];
        if (route.hasLoader) {
          const p = `${target}${query()}`;
          const status = await send(random() < 0.15 ? "HEAD" : "GET", p, cookie);
          sent++;
          if (status >= 500) failures.push(`${role} GET ${p.slice(0, 200)} → ${status}`);
        }
        if (route.hasAction) {
          for (let i = 0; i < 2; i++) {
            const p = `${path()}${random() < 0.3 ? query() : ""}`;
            const body = bodies(fields);
            const status = await send("POST", p, cookie, body);
            sent++;
            if (status >= 500) failures.push(`${role} POST ${p.slice(0, 200)} (${body.label}) → ${status}`);
          }
        }
        if (random() < 0.3) {
          const method = pick(METHODS);
          const status = await send(method, target, cookie, method === "OPTIONS" ? undefined : bodies(fields));
          sent++;
          if (status >= 500) failures.push(`${role} ${method} ${target.slice(0, 200)} → ${status}`);
        }
      }
    }
    console.log(`fuzz: ${sent} requests over ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(sent).toBeGreaterThan(300);
    expect(failures).toEqual([]);
    expect(site.stderr()).not.toMatch(/invalid byte sequence|out of range for type integer|Failed to parse body as FormData/);
  }, 120_000);

  /** One request over a raw socket (for what fetch will not send: a forged Host, a broken request line). */
  function raw(request: string): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(site.port, "127.0.0.1", () => socket.write(request));
      let answer = "";
      socket.on("data", (c) => (answer += c.toString("utf8")));
      socket.on("end", () => {
        const [head, ...rest] = answer.split("\r\n\r\n");
        resolve({ status: Number(head.split(" ")[1]), headers: head.toLowerCase(), body: rest.join("\r\n\r\n") });
      });
      socket.on("error", reject);
      socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
    });
  }

  it("answers a body that is not a form with 415 or 400 at public and signed-in actions, never a 500", async () => {
    const owner = who[1][1];
    for (const [path, cookie] of [["/concerns/new", ""], ["/login", ""], ["/signup", ""], ["/account", owner], ["/organisations/new", owner]] as const) {
      expect(await send("POST", path, cookie, { label: "json", contentType: "application/json", body: '{"a":1}' }), `${path} json`).toBe(415);
      expect(await send("POST", path, cookie, { label: "text", contentType: "text/plain", body: "a=1" }), `${path} text`).toBe(415);
      expect(await send("POST", path, cookie, { label: "xml", contentType: "application/xml", body: "<a/>" }), `${path} xml`).toBe(415);
      expect(await send("POST", path, cookie, { label: "none", body: new TextEncoder().encode("a=1") }), `${path} no type`).toBe(415);
      expect(await send("POST", path, cookie, { label: "no boundary", contentType: "multipart/form-data", body: "--x\r\n" }), `${path} no boundary`).toBe(400);
      expect(await send("POST", path, cookie, { label: "broken", contentType: "multipart/form-data; boundary=zz", body: "garbage" }), `${path} broken`).toBe(400);
    }
  });

  it("refuses a form over 1 MB with 413 and a URL over 8 KiB with 414, each with a page in Japanese and English", async () => {
    // On a connection of its own: the server answers before the body is sent and then closes it.
    const big = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${site.base}/concerns/new`, { method: "POST", agent: false, headers: { "content-type": "application/x-www-form-urlencoded" } }, (res) => {
        // Bytes first, text at the end: a character may be split between two chunks.
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      });
      req.on("error", reject);
      req.end(`description=${"x".repeat(1_100_000)}`);
    });
    expect(big.status).toBe(413);
    const page = big.body;
    expect(page).toContain("送信された内容が大きすぎます");
    expect(page).toContain("<h1>送信された内容が大きすぎます</h1>");
    expect(page).toContain("1回に送れるのは1MBまで");
    expect(page).toContain("What you sent is too large");
    const long = await fetch(`${site.base}/postings?q=${"a".repeat(9000)}`);
    expect(long.status).toBe(414);
    const longPage = await long.text();
    expect(longPage).toContain("アドレスが長すぎます");
    expect(longPage).toContain("The address is too long");
    expect(long.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps control characters in URLs and forms away from PostgreSQL", async () => {
    const staff = who[2][1];
    expect(await send("GET", "/staff/audit?actor=%00", staff)).toBe(200);
    expect(await send("GET", "/staff/audit?action=concern.%00&subjectId=%00%01", staff)).toBe(200);
    expect(await send("GET", "/postings?q=%E5%85%AC%00%E5%9C%92", "")).toBe(200);
    expect(await send("GET", "/consent/%00abc", "")).toBeLessThan(500);
    const report = await send("POST", "/concerns/new", "", {
      label: "NUL",
      contentType: "application/x-www-form-urlencoded",
      body: "subjectType=general&category=other&description=%E6%B4%BB%00%E5%8B%95%E3%81%AB%E3%81%A4%E3%81%84%E3%81%A6%01",
    });
    expect(report).toBeGreaterThanOrEqual(300);
    expect(report).toBeLessThan(400);
    expect(site.stderr()).not.toMatch(/invalid byte sequence/);
  });

  it("answers an id out of PostgreSQL's integer range with a 400 and a message, or a 404 in a path", async () => {
    const staff = who[2][1];
    for (const q of ["actor=2147483648", "before=2147483648", "after=99999999999999999999"]) {
      const res = await fetch(`${site.base}/staff/audit?${q}`, { headers: { cookie: staff } });
      expect(res.status, q).toBe(400);
      expect(await res.text(), q).toContain("番号は1から2147483647までの整数で指定してください");
    }
    expect(await send("GET", "/postings/2147483648", "")).toBe(404);
    expect(await send("GET", "/concerns/new?posting=2147483648", "")).toBe(200);
    expect(site.stderr()).not.toMatch(/out of range for type integer/);
  });

  it("answers a Host header that is not a host with 400, and Node's own 400/431 with the security headers", async () => {
    for (const host of ["<script>", "a:99999", "exa mple.jp", "a/b"]) {
      const res = await raw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.status, host).toBe(400);
      expect(res.headers, host).toContain("x-content-type-options: nosniff");
    }
    const forwarded = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Host: a:99999\r\nConnection: close\r\n\r\n`);
    expect(forwarded.status).toBe(400);
    const broken = await raw("GARBAGE\r\n\r\n");
    expect(broken.status).toBe(400);
    const huge = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    for (const res of [broken, huge]) {
      expect(res.headers).toContain("x-content-type-options: nosniff");
      expect(res.headers).toContain("x-frame-options: deny");
      expect(res.headers).toContain("content-security-policy:");
      expect(res.headers).toContain("referrer-policy:");
    }
  });

  it("sends one Cache-Control on personal pages, the route's own replacing the default (not 'no-store, no-store')", async () => {
    const staff = who[2][1];
    for (const path of ["/staff/safeguarding", "/staff/audit", "/account"]) {
      const res = await fetch(site.base + path, { headers: { cookie: staff }, redirect: "manual" });
      await res.arrayBuffer();
      const value = res.headers.get("cache-control") ?? "";
      expect(value, path).toMatch(/no-store/);
      expect(value, path).not.toMatch(/no-store.*no-store/);
    }
  });
});
