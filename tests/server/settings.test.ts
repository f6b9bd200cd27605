import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { totpCode } from "~/modules/accounts/totp.server";

/**
 * Settings that could open the site up (security checklist A6, E2 and the deployment checks): the production server is
 * started the way operators start it, on an embedded database in a scratch folder, and spoken to over real HTTP
 * with the headers an attacker or a reverse proxy would send.
 */
const built = existsSync(path.resolve("build/server/index.js"));
const reason = built ? "" : "no production build (run npm run build)";

/** The environment of a fresh shell: nothing this machine's shell configures about the site leaks in. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["APP_URL", "DATABASE_URL", "RESEND_API_KEY", "MEILISEARCH_URL", "MEILISEARCH_KEY", "DEMO_MODE", "TRUST_PROXY", "SEED_DEMO", "NODE_ENV", "WORKER"])
    delete env[key];
  return { ...env, HOST: "127.0.0.1", ...extra };
}

interface Started {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const proc = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout!.on("data", (chunk) => (output += chunk));
  proc.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { proc, output: () => output, exited };
}

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** HTTP with any Host and forwarding headers, from a chosen local address (a proxy on this machine, or not). */
function request(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: options.method ?? "GET",
        localAddress: options.from,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(options.body !== undefined ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  return undefined;
}

/** Starts `node server.mjs` and waits until it answers, or until it exits (a refused start). */
async function startServer(port: number, args: string[], env: Record<string, string>): Promise<Started & { ready: boolean }> {
  const started = run(process.execPath, ["server.mjs", ...args], baseEnv({ PORT: String(port), ...env }));
  let gone = false;
  void started.exited.then(() => (gone = true));
  const ready = await waitFor(async () => (gone ? false : (await request(port, "/healthz")).status === 200 ? true : undefined), STARTUP_MS);
  return { ...started, ready: ready === true };
}

async function stop(server: Started | undefined): Promise<void> {
  if (!server || server.proc.exitCode !== null) return;
  server.proc.kill("SIGTERM");
  await server.exited;
}

/**
 * How long a start may take: creating PGlite, migrating and seeding the demo takes ~20 s alone, and several
 * times that while the rest of the suite runs beside it.
 */
const STARTUP_MS = 240_000;

/** Waits for a start that should be refused; "running" if the server is still up after STARTUP_MS. */
async function exitOrRunning(started: Started): Promise<number | null | "running"> {
  const code = await Promise.race([started.exited, new Promise<"running">((r) => setTimeout(() => r("running"), STARTUP_MS))]);
  if (code === "running") await stop(started);
  return code;
}

/** A pick of port unlikely to meet another test's. */
const freePort = () => 20000 + Math.floor(Math.random() * 20000);

describe.skipIf(Boolean(reason))(`settings that could open the site up${reason ? ` — SKIPPED: ${reason}` : ""}`, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tsunagu-settings-"));
  let server: (Started & { ready: boolean }) | undefined;

  afterAll(async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it("a production start without APP_URL refuses to start and says what to set", async () => {
    const port = freePort();
    const started = run(process.execPath, ["server.mjs"], baseEnv({ PORT: String(port), NODE_ENV: "production", DATA_DIR: dataDir }));
    const code = await exitOrRunning(started);
    expect(code).toBe(1);
    expect(started.output()).toContain("APP_URL is not set");
    expect(started.output()).toContain("APP_URL=https://");
  }, STARTUP_MS + 30_000);

  it("TRUST_PROXY=true, which let any client choose its address, is refused at start with what to write instead", async () => {
    const port = freePort();
    const env = { PORT: String(port), NODE_ENV: "production", DATA_DIR: dataDir, APP_URL: "https://tsunagu.example.jp", TRUST_PROXY: "true" };
    const started = run(process.execPath, ["server.mjs"], baseEnv(env));
    const code = await exitOrRunning(started);
    expect(code).toBe(1);
    expect(started.output()).toContain("Not starting: Invalid environment");
    expect(started.output()).toContain("number of proxy hops");
  }, STARTUP_MS + 30_000);

  describe("the demo, started as `npm start` starts it (server.mjs --demo), with no APP_URL", () => {
    let port: number;
    beforeAll(async () => {
      port = freePort();
      server = await startServer(port, ["--demo"], { DATA_DIR: dataDir });
      expect(server.ready, server.output()).toBe(true);
    }, STARTUP_MS + 60_000);

    afterAll(async () => {
      await stop(server);
      server = undefined;
    }, 30_000);

    it("builds email links from configuration, never from a forged Host or X-Forwarded-Host", async () => {
      const sent = await request(port, "/forgot-password", {
        method: "POST",
        headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
        body: "email=student%40demo.tsunagu.example",
      });
      expect(sent.status).toBe(200);
      // The mailbox may hold other emails of the demo (e.g. a staff digest): find the reset email among them.
      const email = await waitFor(async () => {
        const list = await request(port, "/dev/mailbox");
        for (const [, path] of list.body.matchAll(/href="(\/dev\/mailbox\/\d+)"/g)) {
          const one = await request(port, path);
          if (one.body.includes("/reset-password?token=")) return one;
        }
        return undefined;
      }, 90_000);
      expect(email).toBeDefined();
      expect(email!.body).toContain(`http://localhost:${port}/reset-password?token=`);
      expect(email!.body).not.toContain("evil.example");
    }, 120_000);

    it("shows the dev mailbox to this machine only, never to what a proxy relays", async () => {
      expect((await request(port, "/dev/mailbox")).status).toBe(200);
      expect((await request(port, "/dev/mailbox", { headers: { host: `localhost:${port}` } })).status).toBe(200);
      const relayed: Record<string, string>[] = [
        { "x-forwarded-for": "127.0.0.1" },
        { "x-forwarded-for": "127.evil.example" },
        { forwarded: "for=127.0.0.1" },
        { "x-real-ip": "127.0.0.1" },
        { host: "tsunagu.example.jp" },
        { host: "127.evil.example" },
      ];
      for (const headers of relayed) {
        expect((await request(port, "/dev/mailbox", { headers })).status, JSON.stringify(headers)).toBe(404);
        expect((await request(port, "/dev/mailbox/1", { headers })).status, JSON.stringify(headers)).toBe(404);
      }
    }, 60_000);
  });

  it("a production start refuses to run while demo accounts exist, and names the command that removes them", async () => {
    const port = freePort();
    const started = run(process.execPath, ["server.mjs"], baseEnv({ PORT: String(port), NODE_ENV: "production", DATA_DIR: dataDir, APP_URL: "https://tsunagu.example.jp" }));
    const code = await exitOrRunning(started);
    expect(code).toBe(1);
    expect(started.output()).toMatch(/19 demo account\(s\)/);
    expect(started.output()).toContain("npm run demo:remove");
  }, STARTUP_MS + 30_000);

  it("`npm run demo:remove` removes the demo accounts, organisations and postings", async () => {
    const removal = run("npm", ["run", "--silent", "demo:remove"], baseEnv({ DATA_DIR: dataDir }));
    expect(await removal.exited, removal.output()).toBe(0);
    expect(removal.output()).toMatch(/Demo data removed from PGlite at .*: 19 accounts, \d+ organisations, \d+ postings, \d+ places(, \d+ illustrative seat areas)?\./);
  }, STARTUP_MS);

  describe("in production, behind a proxy on this machine at 127.0.0.2 (TRUST_PROXY=127.0.0.2)", () => {
    let port: number;
    const PASSWORD = "settings-test-password-2026";
    const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    beforeAll(async () => {
      // A staff member and a volunteer, as the site's own admin and sign-up would have made them.
      const handle = openDatabase({ dataDir: path.join(dataDir, "pglite"), poolMax: 1 });
      const passwordHash = await hashPassword(PASSWORD);
      const now = new Date();
      await handle.db
        .insertInto("users")
        .values([
          { email: "ops@example.jp", display_name: "区 職員", role: "staff", password_hash: passwordHash, email_verified_at: now, totp_secret: TOTP_SECRET, totp_enabled_at: now },
          { email: "volunteer@example.jp", display_name: "市民 一人", role: "volunteer", password_hash: passwordHash, email_verified_at: now, birth_date: "1990-04-01" },
        ])
        .execute();
      await handle.close();
      port = freePort();
      server = await startServer(port, [], {
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        APP_URL: "https://tsunagu.example.jp",
        TRUST_PROXY: "127.0.0.2",
        LOGIN_LIMIT_PER_IP: "3",
      });
      expect(server.ready, server.output()).toBe(true);
    }, STARTUP_MS + 60_000);

    afterAll(async () => {
      await stop(server);
      server = undefined;
    }, 30_000);

    let attempt = 0;
    const login = (options: { from?: string; forwardedFor?: string }) =>
      request(port, "/login", {
        method: "POST",
        from: options.from,
        headers: options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {},
        body: `email=nobody-${++attempt}%40example.jp&password=wrong-password-1`,
      }).then((r) => r.status);

    it("starts once the demo data is gone, and says loudly that no email is sent", () => {
      expect(server!.output()).toContain("EMAIL IS NOT BEING SENT: RESEND_API_KEY is not set.");
    });

    /** Signs in through the trusted proxy as a client of its own; returns the session cookie. */
    async function signIn(email: string, client: string): Promise<string> {
      const viaProxy = { from: "127.0.0.2", headers: { "x-forwarded-for": client } };
      const login = await request(port, "/login", { ...viaProxy, method: "POST", body: `email=${encodeURIComponent(email)}&password=${PASSWORD}&redirectTo=` });
      expect(login.status, login.body.slice(0, 200)).toBe(302);
      let cookie = (login.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
      const next = String(login.headers.location ?? "");
      if (next.startsWith("/login/two-factor")) {
        const code = totpCode(TOTP_SECRET, new Date());
        const second = await request(port, next, { method: "POST", from: "127.0.0.2", headers: { ...viaProxy.headers, cookie }, body: `code=${code}` });
        expect(second.status, second.body.slice(0, 200)).toBe(302);
        const renewed = (second.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).filter((c) => !c.endsWith("="));
        if (renewed.length > 0) cookie = renewed.join("; ");
      }
      return cookie;
    }

    it("staff are told on every page that no email is sent; other people are not", async () => {
      const notice = "メールが送信されていません";
      const staff = await signIn("ops@example.jp", "198.51.100.20");
      for (const page of ["/", "/postings", "/staff"]) {
        const reply = await request(port, page, { headers: { cookie: staff } });
        expect(reply.status, page).toBe(200);
        expect(reply.body, page).toContain(notice);
      }
      const volunteer = await signIn("volunteer@example.jp", "198.51.100.21");
      const home = await request(port, "/", { headers: { cookie: volunteer } });
      expect(home.status).toBe(200);
      expect(home.body).not.toContain(notice);
      expect((await request(port, "/")).body).not.toContain(notice);
    }, 60_000);

    it("has no dev mailbox, not even for this machine", async () => {
      expect((await request(port, "/dev/mailbox")).status).toBe(404);
    });

    /** Rate limits count in fixed 15-minute windows: a burst must not straddle one's edge, or it is counted twice over. */
    async function awayFromWindowEdge(): Promise<void> {
      const windowMs = 900_000;
      const left = windowMs - (Date.now() % windowMs);
      if (left < 30_000) await new Promise((r) => setTimeout(r, left + 1_000));
    }

    it("a client that connects directly cannot escape its rate limit by forging X-Forwarded-For", async () => {
      await awayFromWindowEdge();
      const statuses: number[] = [];
      for (let i = 1; i <= 8; i++) statuses.push(await login({ from: "127.0.0.1", forwardedFor: `203.0.113.${i}` }));
      expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
      expect(statuses.slice(3)).toEqual([429, 429, 429, 429, 429]);
    }, 60_000);

    it("clients behind the trusted proxy each have their own limit, and forged entries to the left change nothing", async () => {
      await awayFromWindowEdge();
      const a: number[] = [];
      for (let i = 1; i <= 3; i++) a.push(await login({ from: "127.0.0.2", forwardedFor: "198.51.100.1" }));
      expect(a).toEqual([400, 400, 400]);
      expect(await login({ from: "127.0.0.2", forwardedFor: "198.51.100.1" })).toBe(429);
      for (let i = 1; i <= 5; i++) expect(await login({ from: "127.0.0.2", forwardedFor: `192.0.2.${i}, 198.51.100.1` })).toBe(429);
      expect(await login({ from: "127.0.0.2", forwardedFor: "198.51.100.2" })).toBe(400);
    }, 60_000);
  });
});
