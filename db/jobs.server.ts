import { sql } from "kysely";
import type { DB, Executor } from "./client.server";

/**
 * The transactional outbox. A use-case enqueues a job in its own transaction, so a rolled-back write sends
 * nothing; a worker claims due jobs with SKIP LOCKED, runs them, and marks them done or schedules a retry with
 * exponential backoff. Handlers must be idempotent: a worker that dies after acting and before marking runs the
 * job once more when its lock expires.
 */
export interface Job {
  id: number;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

export type JobHandler = (payload: any, job: Job) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export class PermanentJobError extends Error {
  readonly retryable = false;
}

export async function enqueueJob(
  db: Executor,
  queue: string,
  payload: unknown,
  options: { runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<void> {
  await jobInsert(db, queue, payload, options).execute();
}

/** The statement `enqueueJob` runs, for a caller that sends it together with others (db/pipeline.server.ts). */
export function jobInsert(db: Executor, queue: string, payload: unknown, options: { runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {}) {
  return db
    .insertInto("jobs")
    .values({
      queue,
      // Sent as text and cast in SQL: postgres.js would otherwise JSON-encode the string again and store a
      // JSON string instead of an object.
      payload: sql<string>`cast(${JSON.stringify(payload)} as text)::jsonb`,
      run_at: options.runAt ?? new Date(),
      dedupe_key: options.dedupeKey ?? null,
      max_attempts: options.maxAttempts,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing());
}

const LOCK_SECONDS = 120;

export async function claimDueJobs(db: DB, queues: string[], limit: number): Promise<Job[]> {
  const rows = await sql<Job>`
    update jobs set status = 'running', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${LOCK_SECONDS})
    where id in (
      select id from jobs
      where queue = any(${sql.val(queues)}::text[])
        and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, queue, payload, attempts, max_attempts`.execute(db);
  return rows.rows;
}

export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function markJobDone(db: DB, id: number): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ status: "done", finished_at: new Date(), locked_until: null, last_error: null })
    .where("id", "=", id)
    .execute();
}

export async function markJobFailed(db: DB, job: Job, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const retryable = !(error && typeof error === "object" && (error as { retryable?: boolean }).retryable === false);
  const giveUp = !retryable || job.attempts >= job.max_attempts;
  await db
    .updateTable("jobs")
    .set({
      status: giveUp ? "failed" : "pending",
      last_error: message.slice(0, 2000),
      locked_until: null,
      run_at: giveUp ? undefined : new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
      finished_at: giveUp ? new Date() : null,
    })
    .where("id", "=", job.id)
    .execute();
}

/** Runs every job that is due now, batch after batch; returns how many ran. Used by the worker loop and tests. */
export async function runDueJobs(db: DB, handlers: JobHandlers, batchSize = 20): Promise<number> {
  let ran = 0;
  for (;;) {
    const jobs = await claimDueJobs(db, Object.keys(handlers), batchSize);
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      const handler = handlers[job.queue];
      try {
        await handler(job.payload, job);
        await markJobDone(db, job.id);
      } catch (error) {
        await markJobFailed(db, job, error);
      }
      ran++;
    }
  }
}

export interface Worker {
  stop: () => Promise<void>;
  /** Wakes the loop now instead of at the next poll (called after a request enqueued work). */
  nudge: () => void;
}

export function startWorker(db: DB, handlers: JobHandlers, options: { pollMs?: number; onError?: (e: unknown) => void } = {}): Worker {
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await runDueJobs(db, handlers);
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, pollMs);
      });
    }
  })();
  return {
    nudge: () => wake?.(),
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
