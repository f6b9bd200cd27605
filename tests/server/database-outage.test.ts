import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Relay } from "../support/tcp-relay";

/**
 * Security checklist R7: with PostgreSQL unreachable the site answers a friendly 503 (never a stack trace), and it
 * recovers by itself, without a restart, when the database returns. The production server runs against a
 * real PostgreSQL through a TCP relay that the test cuts and restores.
 */
const adminUrl = process.env.TEST_PG_ADMIN_URL;
const built = existsSync(path.resolve("build/server/index.js"));
const reason = !adminUrl ? "no PostgreSQL server configured (set DATABASE_URL)" : !built ? "no production build (run npm run build)" : "";

/** One request, given up after 5 s: a request caught in the outage must not hold up the check that follows it. */
async function get(url: string) {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: await res.text() };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe.skipIf(Boolean(reason))(`database outage${reason ? ` — SKIPPED: ${reason}` : ""}`, () => {
  let server: ChildProcess;
  let relay: Relay;
  let base: string;
  const dbName = `tsunagu_outage_${randomBytes(4).toString("hex")}`;
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName} template ${process.env.TEST_PG_TEMPLATE}`);
    const target = new URL(adminUrl!);
    relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.open();
    const viaRelay = new URL(adminUrl!);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    viaRelay.pathname = `/${dbName}`;
    const port = 20000 + Math.floor(Math.random() * 20000);
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["server.mjs"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: base, DATABASE_URL: viaRelay.toString(), WORKER: "off", RESEND_API_KEY: "" },
      stdio: "ignore",
    });
    expect(await waitFor(async () => (await get(`${base}/healthz`)).status === 200, 30_000)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    server?.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
    await relay?.cut().catch(() => {});
    await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin?.end();
  }, 30_000);

  it("serves pages while the database is up", async () => {
    expect((await get(`${base}/postings`)).status).toBe(200);
  });

  it("answers 503 with a calm bilingual page, not an error trace, while the database is down", async () => {
    await relay.cut();
    const page = await get(`${base}/postings`);
    expect(page.status).toBe(503);
    expect(page.body).toContain("ただいまサービスを一時的にご利用いただけません");
    expect(page.body).toContain("temporarily unavailable");
    expect(page.body).not.toMatch(/at .*\.(js|ts):\d+/);
    const health = await get(`${base}/healthz`);
    expect(health.status).toBe(503);
    // A generic status only: the database's own error (addresses, ports, messages) goes to the log.
    expect(JSON.parse(health.body)).toEqual({ ok: false, database: "postgres" });
  });

  it("recovers by itself when the database returns", async () => {
    await relay.open();
    expect(await waitFor(async () => (await get(`${base}/postings`)).status === 200, 20_000)).toBe(true);
    expect((await get(`${base}/healthz`)).status).toBe(200);
  }, 45_000);
});
