import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { totpCode } from "../../app/modules/accounts/totp.server";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../app/server/seed/data";

/**
 * The production build (`node server.mjs`) on a fresh embedded database seeded with the demo data, as the
 * browser journeys run it, for HTTP-level tests: real sockets, real headers, real bodies.
 */
export const built = existsSync(path.resolve("build/server/index.js"));

export const DEMO = {
  student: "student@demo.tsunagu.example",
  highschool: "highschool@demo.tsunagu.example",
  owner: "owner@demo.tsunagu.example",
  staff: "staff@demo.tsunagu.example",
  admin: "admin@demo.tsunagu.example",
} as const;
const NEEDS_TOTP = new Set<string>([DEMO.staff, DEMO.admin]);

export interface Site {
  base: string;
  port: number;
  /** A session cookie for a demo account (logging in through the real forms). */
  login(email: string): Promise<string>;
  stop(): Promise<void>;
  /** What the server wrote to stderr (for "no stack trace" checks and diagnosis). */
  stderr(): string;
}

export async function startSite(extraEnv: Record<string, string> = {}): Promise<Site> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tsunagu-site-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  let errors = "";
  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      MEILISEARCH_URL: "",
      APP_URL: base,
      TRUST_PROXY: "false",
      // The demo, explicitly: its data and dev mailbox exist only in demo mode.
      DEMO_MODE: "true",
      SEED_DEMO: "auto",
      WORKER: "off",
      LOGIN_LIMIT_PER_IP: "10000",
      SIGNUP_LIMIT_PER_IP: "10000",
      LOGIN_LIMIT_PER_ACCOUNT: "10000",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  server.stderr!.on("data", (chunk: Buffer) => {
    errors += chunk.toString("utf8");
  });
  const end = Date.now() + 180_000; // a fresh data folder, migrated and seeded; slow when the machine is busy
  for (;;) {
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > end || server.exitCode !== null) throw new Error(`the site did not start: ${errors.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  let lastStep = 0;
  return {
    base,
    port,
    stderr: () => errors,
    async login(email) {
      const form = new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "" });
      const res = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual" });
      if (res.status !== 302) throw new Error(`login of ${email}: ${res.status}`);
      const cookie = cookieOf(res);
      if (!NEEDS_TOTP.has(email)) return cookie;
      const next = res.headers.get("location")!;
      // Each 30-second step is accepted once per account; the server accepts the step after "now" too.
      const step = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
      lastStep = step;
      const code = totpCode(DEMO_TOTP_SECRET, new Date(step * 30_000));
      const answer = await fetch(new URL(next, base), { method: "POST", body: new URLSearchParams({ code }), headers: { cookie }, redirect: "manual" });
      if (answer.status !== 302) throw new Error(`second factor of ${email}: ${answer.status}`);
      return cookieOf(answer) || cookie;
    },
    async stop() {
      server.kill("SIGTERM");
      if (server.exitCode === null) await new Promise((r) => server.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

/** The routes of the build, from its route manifest: every page, action and resource route the site has. */
export interface BuiltRoute {
  id: string;
  path: string;
  hasLoader: boolean;
  hasAction: boolean;
}

export async function builtRoutes(): Promise<BuiltRoute[]> {
  const manifestUrl = new URL("../../build/server/index.js", import.meta.url).href;
  const build = (await import(/* @vite-ignore */ manifestUrl)) as { routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> }> };
  const routes = Object.values(build.routes);
  const fullPath = (id: string): string => {
    const r = build.routes[id];
    if (!r) return "";
    const parent = r.parentId ? fullPath(r.parentId) : "";
    return [parent, r.path ?? ""].filter(Boolean).join("/");
  };
  return routes
    .filter((r) => r.id !== "root")
    .map((r) => ({ id: r.id, path: `/${fullPath(r.id)}`.replace(/\/+/g, "/"), hasLoader: typeof r.module.loader === "function", hasAction: typeof r.module.action === "function" }));
}
