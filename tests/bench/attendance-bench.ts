/**
 * `npm run bench:attendance`: the two figures the check-in and certificate work promises.
 * 1. Check-in taps: 100 confirmed people tap in during one minute (taps arrive at random moments of that minute,
 *    as many at once as happen to coincide), then half of them tap out; each tap is timed server-side (the
 *    recordTap use-case: its transaction with the row lock and the tap id). Target: p95 ≤ 50 ms.
 * 2. A certificate of 50 activities rendered to PDF (Japanese font subset embedded). Target: ≤ 1 s.
 * On PostgreSQL with BENCH_DATABASE_URL (or DATABASE_URL) of a role that may create databases (a scratch
 * database, dropped afterwards); on PGlite in memory otherwise. Settings: BENCH_PEOPLE (100), BENCH_SECONDS (60).
 */
import { randomUUID } from "node:crypto";
import { migrateToLatest } from "#db/client.server";
import { recordTap } from "~/modules/attendance/attendance.server";
import { certificatePdf } from "~/modules/attendance/certificate-pdf.server";
import { createApplication, createMatchingScene } from "../support/application-factories";
import { createCatalogue, createUser } from "../support/factories";
import { openBenchDatabase, percentile } from "./support";

const people = Number(process.env.BENCH_PEOPLE ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const bench = await openBenchDatabase(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL, { prefix: "tsunagu_bench_attendance", keep: process.env.BENCH_KEEP === "1" });
const { db } = bench;

const summary = (label: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`${label.padEnd(28)} n=${sorted.length}  p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1])}`);
  return percentile(sorted, 95);
};

try {
  console.log(`database:     ${bench.description}`);
  await migrateToLatest(db);
  await createCatalogue(db);
  const start = new Date(Date.now() - 10 * 60_000);
  const scene = await createMatchingScene(db, { shifts: [{ startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), capacity: people + 10 }] });
  const shiftId = scene.shifts[0].id;
  const applications: number[] = [];
  for (let i = 0; i < people; i++) applications.push((await createApplication(db, { shiftId, userId: (await createUser(db)).id })).id);
  await createUser(db); // warm the pool

  const timings: number[] = [];
  let duplicates = 0;
  const tap = async (applicationId: number, action: "present" | "check_out", tapId = randomUUID()) => {
    const t0 = performance.now();
    const result = await recordTap(db, { organisationId: scene.organisation.id, shiftId, target: { applicationId }, action, tapId, tappedAt: null, actorUserId: scene.owner.id, source: "group" });
    timings.push(performance.now() - t0);
    if (result === "duplicate") duplicates++;
    else if (result !== "ok") throw new Error(`tap refused: ${result}`);
  };
  // Arrivals at random moments of the window; one in ten taps twice (a double tap: the same tap id).
  const began = Date.now();
  await Promise.all(
    applications.map(async (id, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * seconds * 1000));
      const tapId = randomUUID();
      await tap(id, "present", tapId);
      if (i % 10 === 0) await tap(id, "present", tapId);
      if (i % 2 === 0) await tap(id, "check_out");
    }),
  );
  console.log(`taps:         ${timings.length} in ${((Date.now() - began) / 1000).toFixed(1)} s by ${people} people (${duplicates} double taps answered "duplicate")`);
  const tapP95 = summary("recordTap (server-side)", timings);
  const counted = await db.selectFrom("attendance_taps").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  console.log(`taps stored:  ${counted.n} (expected ${timings.length - duplicates})`);

  const activities = Array.from({ length: 50 }, (_, i) => ({ date: `2026-06-${String((i % 28) + 1).padStart(2, "0")}`, group: `八幡東区公園愛護会 第${i + 1}班`, what: "公園の清掃と花壇の手入れ（草取り・水やり）", minutes: 90 }));
  const data = { kind: "tsunagu-volunteer-certificate" as const, version: 1 as const, code: "benchbenchbenchbenchbenchb", issuer: { name: "つなぐ八幡東", url: "http://localhost:3000" }, holder: { name: "八幡 花子", school: "福岡県立八幡高等学校" }, period: { from: "2026-04-01", to: "2027-03-31", schoolYear: 2026 }, activities, totalMinutes: 4500, issuedAt: new Date().toISOString(), locale: "ja" as const, keyId: "bench" };
  const first = performance.now();
  let bytes = (await certificatePdf(data, "http://localhost:3000/certificates/bench")).length;
  console.log(`first PDF:    ${(performance.now() - first).toFixed(0)} ms (includes unpacking the font once per process)`);
  const pdfTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    bytes = (await certificatePdf(data, "http://localhost:3000/certificates/bench")).length;
    pdfTimes.push(performance.now() - t0);
  }
  const pdfP95 = summary("certificate PDF, 50 rows", pdfTimes);
  console.log(`PDF size:     ${(bytes / 1024).toFixed(0)} KB`);
  console.log(`targets:      tap p95 ≤ 50 ms: ${tapP95 <= 50 ? "met" : "NOT met"}; certificate ≤ 1000 ms: ${pdfP95 <= 1000 ? "met" : "NOT met"}`);
} finally {
  await bench.dispose();
}
