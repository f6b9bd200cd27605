/**
 * `npm run bench:apply`: N people apply at once, over loopback HTTP, to one shift of the running production
 * build on PostgreSQL; prints throughput, latency percentiles and the final counts (confirmed must equal the
 * capacity, everyone else on the waiting list).
 *
 * Two rounds, each to a shift of its own: BENCH_APPLICANTS (default 200) at once, then BENCH_TARGET_APPLICANTS
 * (default 50) at once — the load the apply action's own time is held to (p95 ≤ 100 ms). Besides the end-to-end
 * latency (which includes waiting for the server to take the request), each round reports what the Server-Timing
 * header the action sends says of its time on the server. Waiting: for its turn at the shift in the process's line
 * (line), for a database connection (queue), for the shift's row lock in the database (lock: held by another
 * process's application). Working: reading the request body (body), the session (auth), its reads, its
 * transaction up to the shift's lock (prepare), holding the lock to the commit (locked), the response (apply).
 * The action's own time, the figure the target is about, is total − line − queue − lock: everything the action
 * did while it held a connection, and before, but none of its waiting for others
 * (docs/decisions/038-a-line-for-each-shift.md).
 *
 * Needs a PostgreSQL server: DATABASE_URL (or BENCH_DATABASE_URL) of a role that may create databases. A
 * scratch database is created, migrated and dropped afterwards. Run `npm run build` first (npm start does).
 * Settings: BENCH_APPLICANTS (default 200), BENCH_TARGET_APPLICANTS (default 50), BENCH_CAPACITY (default 20),
 * BENCH_PORT (default 3290).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { sql } from "kysely";
import postgres from "postgres";
import { migrateToLatest, openDatabase } from "#db/client.server";
import { createSession } from "~/utils/session.server";
import { percentile } from "./support";

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("bench:apply needs a PostgreSQL server: set DATABASE_URL (a role that may create databases).");
  process.exit(2);
}
if (!existsSync("build/server/index.js")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(2);
}
const applicants = Number(process.env.BENCH_APPLICANTS ?? 200);
const targetApplicants = Number(process.env.BENCH_TARGET_APPLICANTS ?? 50);
const capacity = Number(process.env.BENCH_CAPACITY ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3290);
const origin = `http://127.0.0.1:${port}`;

const scratch = `tsunagu_bench_apply_${randomBytes(4).toString("hex")}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${scratch}`);
const url = new URL(serverUrl);
url.pathname = `/${scratch}`;
const databaseUrl = url.toString();

const handle = openDatabase({ databaseUrl, poolMax: 4 });
const { db } = handle;
let server: ReturnType<typeof spawn> | null = null;


async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${origin}/healthz`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not start");
}

try {
  await migrateToLatest(db);
  const category = await db.insertInto("categories").values({ code: "parks", name_ja: "公園・緑化", name_en: "Parks" }).returning("id").executeTakeFirstOrThrow();
  const district = await db.insertInto("districts").values({ code: "chuo", name_ja: "中央", name_en: "Chuo" }).returning("id").executeTakeFirstOrThrow();
  const org = await db
    .insertInto("organisations")
    .values({ name: "ベンチマーク公園愛護会", kind: "park_care_association", status: "verified", description: "計測用" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const posting = await db
    .insertInto("postings")
    .values({
      organisation_id: org.id,
      title: "公園の清掃（計測用）",
      description: "同時申し込みの計測に使う募集です。",
      category_id: category.id,
      district_id: district.id,
      place_name: "桃園公園",
      contact_name: "担当",
      status: "published",
      published_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const start = Date.now() + 7 * 86400_000;
  const roundShifts = await db
    .insertInto("shifts")
    .values([0, 1].map((i) => ({ posting_id: posting.id, starts_at: new Date(start + i * 86400_000), ends_at: new Date(start + i * 86400_000 + 2 * 3600_000), capacity })))
    .returning("id")
    .execute();
  const users = await db
    .insertInto("users")
    .values(Array.from({ length: applicants + targetApplicants }, (_, i) => ({ email: `bench-${i}@example.test`, display_name: `計測 ${i}`, birth_date: "1990-04-01", email_verified_at: new Date() })))
    .returning(["id", "role"])
    .execute();
  const tokens = await Promise.all(users.map((u) => createSession(db, u, { ip: "127.0.0.1", userAgent: "bench", secondFactor: false })));

  // BENCH_NODE_ARGS: flags for the server's Node, e.g. "--cpu-prof --cpu-prof-dir=prof" to see where its time goes.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  server = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", APP_URL: origin, WORKER: "off", MEILISEARCH_URL: "", RESEND_API_KEY: "" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForServer();
  // One warm-up request, so the first applicant does not pay for the server's first render.
  await fetch(`${origin}/postings/${posting.id}`);

  let ok = true;
  const rounds: [number, string[]][] = [
    [roundShifts[0].id, tokens.slice(0, applicants)],
    [roundShifts[1].id, tokens.slice(applicants)],
  ];
  for (const [shiftId, roundTokens] of rounds) {
    const n = roundTokens.length;
    const body = new URLSearchParams({ shiftId: String(shiftId), message: "" }).toString();
    const latencies: number[] = [];
    const onServer: Record<string, number[]> = { body: [], line: [], auth: [], queue: [], reads: [], prepare: [], lock: [], locked: [], apply: [], total: [], waited: [], own: [], ownWithLock: [] };
    const statuses = new Map<number, number>();
    const began = performance.now();
    await Promise.all(
      roundTokens.map(async (token) => {
        const t0 = performance.now();
        const res = await fetch(`${origin}/postings/${posting.id}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `tsunagu_session=${token}`, Origin: origin, "Sec-Fetch-Site": "same-origin" },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const steps: Record<string, number> = {};
        for (const part of (res.headers.get("Server-Timing") ?? "").split(",")) {
          const m = /^\s*(\w+);dur=([\d.]+)/.exec(part);
          if (m && m[1] in onServer) {
            steps[m[1]] = Number(m[2]);
            onServer[m[1]].push(Number(m[2]));
          }
        }
        if ("total" in steps) {
          const waited = (steps.line ?? 0) + (steps.queue ?? 0) + (steps.lock ?? 0);
          onServer.waited.push(waited);
          onServer.own.push(steps.total - waited);
          onServer.ownWithLock.push(steps.total - (steps.line ?? 0) - (steps.queue ?? 0));
        }
      }),
    );
    const elapsed = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    for (const list of Object.values(onServer)) list.sort((a, b) => a - b);
    const counts = await db.selectFrom("applications").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).where("shift_id", "=", shiftId).groupBy("status").execute();
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    const row = await db.selectFrom("shifts").select(["capacity", "confirmed_count"]).where("id", "=", shiftId).executeTakeFirstOrThrow();
    const p = (list: number[]) => `p50 ${percentile(list, 50).toFixed(1)} ms, p95 ${percentile(list, 95).toFixed(1)} ms, max ${(list.at(-1) ?? NaN).toFixed(1)} ms`;
    console.log(`bench:apply — ${n} concurrent applications to one shift of capacity ${capacity}, production build on PostgreSQL, loopback HTTP`);
    console.log(`  HTTP statuses: ${[...statuses].map(([s, k]) => `${s}×${k}`).join(", ")}`);
    console.log(`  throughput: ${(n / elapsed).toFixed(1)} applications/s (${elapsed.toFixed(2)} s in all)`);
    console.log(`  end-to-end latency: ${p(latencies)}`);
    console.log(`  on the server (Server-Timing, ${onServer.total.length} responses): total ${p(onServer.total)}`);
    console.log(`    waiting for its turn at the shift in this process (line) ${p(onServer.line)}`);
    console.log(`    waiting for a database connection (queue) ${p(onServer.queue)}`);
    console.log(`    waiting for the shift's row lock in the database (lock) ${p(onServer.lock)}`);
    console.log(`    all the waiting (line + queue + lock) ${p(onServer.waited)}`);
    console.log(`    working: body ${p(onServer.body)}; auth ${p(onServer.auth)}; reads ${p(onServer.reads)}`);
    console.log(`      prepare ${p(onServer.prepare)}; locked (holding the lock, to the commit) ${p(onServer.locked)}; response ${p(onServer.apply)}`);
    console.log(`  THE ACTION'S OWN TIME (total − line − queue − lock; target p95 ≤ 100 ms at 50 at once): ${p(onServer.own)}`);
    // `lock` is measured from the lock statement's start to the next one's: with nobody ahead it is that statement's
    // own run, which the figure above leaves out. The same without leaving the lock out:
    console.log(`    the same with the lock's time counted as work (total − line − queue): ${p(onServer.ownWithLock)}`);
    console.log(`  final: confirmed ${byStatus.confirmed ?? 0}, waitlisted ${byStatus.waitlisted ?? 0}, other ${n - (byStatus.confirmed ?? 0) - (byStatus.waitlisted ?? 0)}; shift confirmed_count ${row.confirmed_count}/${row.capacity}`);
    // The waiting-list place each applicant was emailed is the place they hold.
    const told = await sql<{ wrong: number }>`
      select count(*)::int as wrong from jobs j
      join users u on u.email = j.payload->>'to'
      join applications a on a.user_id = u.id and a.shift_id = ${shiftId}
      where j.queue = 'email' and j.payload->>'template' = 'application-waitlisted'
        and (j.payload->'props'->>'position')::int <> (
          select count(*) from applications w where w.shift_id = a.shift_id and w.status = 'waitlisted'
            and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id))`.execute(db);
    const wrongPlaces = Number(told.rows[0]?.wrong ?? 0);
    const okCounts = (byStatus.confirmed ?? 0) === Math.min(capacity, n) && row.confirmed_count === Math.min(capacity, n) && (byStatus.waitlisted ?? 0) === Math.max(0, n - capacity);
    console.log(okCounts ? "  counts: OK (confirmed = capacity, the rest waitlisted)" : "  counts: WRONG");
    console.log(`  waiting-list places emailed: ${wrongPlaces === 0 ? "all equal to the stored order" : `${wrongPlaces} WRONG`}`);
    ok &&= okCounts && wrongPlaces === 0;
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await handle.close();
  await admin.unsafe(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}
