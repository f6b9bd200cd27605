import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { backoffSeconds, claimDueJobs, enqueueJob, markJobFailed, PermanentJobError, runDueJobs, type Job } from "#db/jobs.server";
import { emailJobHandler, sendEmail } from "#emails/outbox.server";
import type { OutgoingEmail } from "#emails/transport.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { emailsTo, uniqueEmail, uniqueKey } from "../support/more-factories";

describe.each(testDatabases())("outbox and job queue on $name", ({ name, open }) => {
  let db: DB;

  databaseForSuite(open, (opened) => (db = opened));

  // Each test works in its own queue, so jobs of other tests are never claimed.
  const newQueue = () => uniqueKey("queue-");
  const jobsIn = (queue: string) => db.selectFrom("jobs").selectAll().where("queue", "=", queue).orderBy("id").execute();
  const makeDue = (queue: string) => db.updateTable("jobs").set({ run_at: new Date(Date.now() - 1000) }).where("queue", "=", queue).execute();

  it("stores the payload as a JSON object that handlers receive as it was given", async () => {
    const queue = newQueue();
    const payload = { postingId: 42, tags: ["公園", "清掃"], nested: { ok: true } };
    await enqueueJob(db, queue, payload);
    const received: unknown[] = [];
    await runDueJobs(db, { [queue]: async (p) => void received.push(p) });
    expect(received).toEqual([payload]);
    const [row] = await jobsIn(queue);
    expect(row.payload).toEqual(payload);
  });

  it("a job enqueued in a transaction that rolls back does not exist (R3)", async () => {
    const queue = newQueue();
    const to = uniqueEmail("rollback");
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, queue, { n: 1 });
        await sendEmail(trx, { template: "organisation-suspended", to, locale: "ja", props: { organisationName: "x", reason: "y" } });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await jobsIn(queue)).toHaveLength(0);
    expect(await emailsTo(db, to)).toHaveLength(0);

    await db.transaction().execute(async (trx) => enqueueJob(trx, queue, { n: 2 }));
    expect(await jobsIn(queue)).toHaveLength(1);
  });

  it("runs a due job through its handler and marks it done", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, { n: 1 });
    const seen: Job[] = [];
    expect(await runDueJobs(db, { [queue]: async (_payload, job) => void seen.push(job) })).toBe(1);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ queue, attempts: 1 });
    const [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "done", attempts: 1, last_error: null, locked_until: null });
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(await runDueJobs(db, { [queue]: async () => void seen.push({} as Job) })).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("leaves a job scheduled for later alone until it is due", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {}, { runAt: new Date(Date.now() + 3600_000) });
    let calls = 0;
    expect(await runDueJobs(db, { [queue]: async () => void calls++ })).toBe(0);
    await makeDue(queue);
    expect(await runDueJobs(db, { [queue]: async () => void calls++ })).toBe(1);
    expect(calls).toBe(1);
  });

  it("the same dedupe key queues one job", async () => {
    const queue = newQueue();
    const dedupeKey = uniqueKey("dedupe-");
    await enqueueJob(db, queue, { n: 1 }, { dedupeKey });
    await enqueueJob(db, queue, { n: 2 }, { dedupeKey });
    const rows = await jobsIn(queue);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toEqual({ n: 1 });
  });

  it("retries a failing job later with growing backoff, counting attempts", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {});
    const failing = { [queue]: async () => Promise.reject(new Error("provider down")) };

    const before = Date.now();
    await runDueJobs(db, failing);
    let [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "pending", attempts: 1, locked_until: null, finished_at: null });
    expect(row.last_error).toContain("provider down");
    expect(row.run_at.getTime()).toBeGreaterThanOrEqual(before + backoffSeconds(1) * 1000 - 1000);
    expect(row.run_at.getTime()).toBeLessThanOrEqual(Date.now() + backoffSeconds(1) * 1000 + 1000);

    // Not due yet: nothing runs.
    expect(await runDueJobs(db, failing)).toBe(0);

    await makeDue(queue);
    const second = Date.now();
    await runDueJobs(db, failing);
    [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(backoffSeconds(2)).toBeGreaterThan(backoffSeconds(1));
    expect(row.run_at.getTime()).toBeGreaterThanOrEqual(second + backoffSeconds(2) * 1000 - 1000);

    await makeDue(queue);
    let calls = 0;
    await runDueJobs(db, { [queue]: async () => void calls++ });
    [row] = await jobsIn(queue);
    expect(calls).toBe(1);
    expect(row).toMatchObject({ status: "done", attempts: 3, last_error: null });
  });

  it("caps the backoff at an hour", () => {
    expect(backoffSeconds(1)).toBe(10);
    expect(backoffSeconds(30)).toBe(3600);
  });

  it("fails a job at once on a PermanentJobError", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {});
    await runDueJobs(db, { [queue]: async () => Promise.reject(new PermanentJobError("malformed")) });
    const [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toContain("malformed");
    expect(row.finished_at).toBeInstanceOf(Date);
  });

  it("fails a job at once on any error that says it is not retryable", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {});
    const error = Object.assign(new Error("422 invalid address"), { retryable: false });
    await runDueJobs(db, { [queue]: async () => Promise.reject(error) });
    expect((await jobsIn(queue))[0]).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("gives up after max_attempts", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {}, { maxAttempts: 2 });
    const failing = { [queue]: async () => Promise.reject(new Error("still down")) };
    await runDueJobs(db, failing);
    expect((await jobsIn(queue))[0]).toMatchObject({ status: "pending", attempts: 1 });
    await makeDue(queue);
    await runDueJobs(db, failing);
    const [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.finished_at).toBeInstanceOf(Date);
    await makeDue(queue);
    expect(await runDueJobs(db, failing)).toBe(0);
  });

  it("markJobFailed keeps a job whose attempts are left pending, and fails one that has none", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {}, { maxAttempts: 3 });
    const [claimed] = await claimDueJobs(db, [queue], 1);
    await markJobFailed(db, { ...claimed, attempts: 2 }, new Error("x"));
    expect((await jobsIn(queue))[0].status).toBe("pending");
    await markJobFailed(db, { ...claimed, attempts: 3 }, "a thrown string");
    const [row] = await jobsIn(queue);
    expect(row).toMatchObject({ status: "failed", last_error: "a thrown string" });
  });

  it("claims a job again when the worker that held it died (its lock expired), and not before", async () => {
    const queue = newQueue();
    await enqueueJob(db, queue, {});
    const [first] = await claimDueJobs(db, [queue], 10);
    expect(first.attempts).toBe(1);
    expect(await claimDueJobs(db, [queue], 10)).toEqual([]);
    await db.updateTable("jobs").set({ locked_until: new Date(Date.now() - 1000) }).where("id", "=", first.id).execute();
    const [again] = await claimDueJobs(db, [queue], 10);
    expect(again).toMatchObject({ id: first.id, attempts: 2 });
  });

  it("claims only from the queues asked for, oldest due first, up to the limit", async () => {
    const queue = newQueue();
    const other = newQueue();
    await enqueueJob(db, queue, { n: 3 }, { runAt: new Date(Date.now() - 1000) });
    await enqueueJob(db, queue, { n: 1 }, { runAt: new Date(Date.now() - 3000) });
    await enqueueJob(db, queue, { n: 2 }, { runAt: new Date(Date.now() - 2000) });
    await enqueueJob(db, other, { n: 0 });
    const claimed = await claimDueJobs(db, [queue], 2);
    expect(claimed.map((j) => j.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await jobsIn(other))[0].status).toBe("pending");
  });

  it("a queued email reaches the transport rendered, with the job id as idempotency key", async () => {
    const to = uniqueEmail("outbox");
    await sendEmail(db, { template: "organisation-suspended", to, locale: "ja", props: { organisationName: "八幡東テスト会", reason: "確認のため" } });
    const sent: OutgoingEmail[] = [];
    const transport = { name: "memory", send: async (email: OutgoingEmail) => void sent.push(email) };
    // Other tests' emails may be due too; only this address matters here.
    await runDueJobs(db, { email: emailJobHandler(db, transport) });
    const mine = sent.filter((e) => e.to === to);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain("八幡東テスト会");
    expect(mine[0].text).toContain("確認のため");
    const [job] = await emailsTo(db, to);
    expect(job.status).toBe("done");
    expect(mine[0].id).toBe(String(job.jobId));
  });

  it.runIf(name === "postgres")("two workers claiming at the same time never get the same job (SKIP LOCKED)", async () => {
    const queue = newQueue();
    for (let i = 0; i < 60; i++) await enqueueJob(db, queue, { i });
    const claimed: number[] = [];
    for (;;) {
      const batches = await Promise.all(Array.from({ length: 6 }, () => claimDueJobs(db, [queue], 4)));
      const ids = batches.flat().map((j) => j.id);
      if (ids.length === 0) break;
      claimed.push(...ids);
    }
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed).size).toBe(60);
  });

  it.runIf(name === "postgres")("several workers draining one queue run each job exactly once", async () => {
    const queue = newQueue();
    for (let i = 0; i < 40; i++) await enqueueJob(db, queue, { i });
    const runs = new Map<number, number>();
    const handler = async (payload: { i: number }) => {
      runs.set(payload.i, (runs.get(payload.i) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const totals = await Promise.all(Array.from({ length: 4 }, () => runDueJobs(db, { [queue]: handler }, 3)));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(40);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect((await jobsIn(queue)).every((j) => j.status === "done")).toBe(true);
  });
});
