import { sql } from "kysely";
import { migrateToLatest } from "#db/client.server";
import { enqueueJob, startWorker, type Worker } from "#db/jobs.server";
import type { DB } from "#db/client.server";
import { emailJobHandler } from "#emails/outbox.server";
import { currentMatchIndex } from "#search/match-index.server";
import { meilisearchConfigFromEnv } from "#search/meilisearch.server";
import { searchIndexModeFromEnv } from "#search/postgres.server";
import { searchJobHandler } from "#search/sync.server";
import { runRetention } from "~/modules/safeguarding/retention.server";
import { OVERDUE_DIGEST_QUEUE, overdueDigestJobHandler, recruitmentMaintenance } from "~/modules/recruitment/retention.server";
import { MONTHLY_SUMMARY_QUEUE, monthlySummaryJobHandler, scheduleMonthlySummary } from "~/modules/reports/monthly.server";
import { compactReportCounts } from "~/modules/reports/counters.server";
import { CONSENT_HOLD_QUEUE, REMINDER_QUEUE, reminderJobHandler } from "~/modules/applications/applications.server";
import { consentHoldJobHandler } from "~/modules/applications/minors.server";
import { database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { pruneRateLimits } from "~/utils/rate-limit.server";
import { singleton } from "~/utils/singleton.server";
import { expressTrustProxy } from "~/utils/trust-proxy.server";
import { setWorkerNudge } from "~/utils/worker-nudge.server";
import { seedDemo } from "./seed/seed";
import { checkConfiguration, checkDatabase, emailWarning, siteMode } from "./start-checks.server";

interface RuntimeState {
  started?: Promise<void>;
  worker?: Worker;
}
const state = singleton<RuntimeState>("runtime", () => ({}));

/**
 * Brings the app up: the checks of a production start (APP_URL set, no demo accounts, a loud warning when no
 * email is sent), migrations, demo data in demo mode on the embedded default (never on a configured
 * DATABASE_URL), the in-process worker for the outbox unless WORKER=off (then `npm run worker` runs it
 * separately), and the search index read in the background. A refused start throws `StartRefused`.
 */
export function startApp(): Promise<void> {
  state.started ??= (async () => {
    const e = env();
    checkConfiguration(e);
    const { db } = database();
    const applied = await migrateToLatest(db);
    if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
    await checkDatabase(db, e);
    const warning = emailWarning(e);
    if (warning) console.warn(warning);
    if (siteMode(e) === "demo" && !e.DATABASE_URL && e.SEED_DEMO === "auto") {
      const seeded = await db.selectFrom("districts").select("id").limit(1).executeTakeFirst();
      if (!seeded) {
        const summary = await seedDemo(db);
        console.log(`demo data seeded: ${JSON.stringify(summary)}`);
      }
    }
    if (e.WORKER === "inline") {
      state.worker = startBackgroundWorker();
      setWorkerNudge(state.worker.nudge);
    }
    // Where PostgreSQL answers searches, read its in-process index now rather than in the first visitor's search
    // (docs/decisions/013-in-process-search-index.md); searches made meanwhile wait for the same read.
    if (searchIndexModeFromEnv() === "memory" && !meilisearchConfigFromEnv()) {
      void currentMatchIndex(db).catch((error) =>
        console.error("search: reading the in-process index at start failed; the first search will try again:", error instanceof Error ? error.message : error),
      );
    }
  })();
  return state.started;
}

/** Express's `trust proxy` value for TRUST_PROXY (app/utils/trust-proxy.server.ts). */
export function trustProxySetting(): false | number | string[] {
  return expressTrustProxy(env().TRUST_PROXY);
}

const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;

/** Housekeeping: expired sessions, tokens and rate-limit windows, and finished jobs older than 30 days. */
async function maintenance(db: DB): Promise<void> {
  const now = Date.now();
  await pruneRateLimits(db, new Date(now - 24 * 3600 * 1000));
  await db.deleteFrom("sessions").where("expires_at", "<", new Date(now)).execute();
  await db.deleteFrom("email_tokens").where("expires_at", "<", new Date(now - 24 * 3600 * 1000)).execute();
  await db.deleteFrom("jobs").where("status", "=", "done").where("finished_at", "<", new Date(now - 30 * 86400_000)).execute();
  await runRetention(db);
  await recruitmentMaintenance(db);
  await scheduleMonthlySummary(db);
  await compactReportCounts(db);
}

export function startBackgroundWorker(): Worker {
  const { db } = database();
  const worker = startWorker(
    db,
    { email: emailJobHandler(db), search: searchJobHandler(db), maintenance: () => maintenance(db), [REMINDER_QUEUE]: reminderJobHandler(db), [CONSENT_HOLD_QUEUE]: consentHoldJobHandler(db), [OVERDUE_DIGEST_QUEUE]: overdueDigestJobHandler(db), [MONTHLY_SUMMARY_QUEUE]: monthlySummaryJobHandler(db) },
    { onError: (error) => console.error("worker:", error instanceof Error ? error.message : error) },
  );
  // One maintenance job per hour however many workers run: the dedupe key makes the enqueue idempotent.
  const schedule = () =>
    enqueueJob(db, "maintenance", {}, { dedupeKey: `maintenance:${Math.floor(Date.now() / MAINTENANCE_EVERY_MS)}` }).catch(() => {});
  void schedule();
  const timer = setInterval(schedule, 10 * 60 * 1000);
  timer.unref();
  return {
    nudge: worker.nudge,
    stop: async () => {
      clearInterval(timer);
      await worker.stop();
    },
  };
}

export async function healthcheck(): Promise<{ ok: boolean; database: string; error?: string }> {
  const handle = database();
  try {
    await Promise.race([
      sql`select 1`.execute(handle.db),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return { ok: true, database: handle.kind };
  } catch (error) {
    return { ok: false, database: handle.kind, error: error instanceof Error ? error.message : "unreachable" };
  }
}

export async function shutdown(): Promise<void> {
  setWorkerNudge(undefined);
  await state.worker?.stop();
  await database().close();
}
