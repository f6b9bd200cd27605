import type { DB } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import { sendEmail } from "#emails/outbox.server";
import { appOrigin } from "~/utils/env.server";
import { tokyoMidnight } from "~/modules/safeguarding/retention.rules";
import { addDays, fiscalYearOf, tokyoMonthOf } from "./fiscal-year.rules";
import { figureById, getImpactReport } from "./report.server";

/**
 * The monthly summary to ward staff: a few of the past month's figures and the link to /staff/reports, through
 * the outbox. Scheduled from the hourly maintenance as the recruitment digest is: one job per month (the month is
 * its dedupe key), run on the 1st at 09:00 in Tokyo for the month just ended.
 */

export const MONTHLY_SUMMARY_QUEUE = "reports-monthly";

/** The month's range of Tokyo dates. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

/** Queues the summary of the current Tokyo month for the 1st of the next at 09:00, once however often asked. */
export async function scheduleMonthlySummary(db: DB, now = new Date()): Promise<void> {
  const month = tokyoMonthOf(now);
  const [y, m] = month.split("-").map(Number);
  const runAt = new Date(tokyoMidnight(y, m + 1, 1).getTime() + 9 * 3600_000);
  await enqueueJob(db, MONTHLY_SUMMARY_QUEUE, { month }, { dedupeKey: `${MONTHLY_SUMMARY_QUEUE}:${month}`, runAt });
}

/** Sends the summary of `month` to every active staff account in one transaction; returns how many were queued. */
export async function sendMonthlySummary(db: DB, month: string, now = new Date(), origin = appOrigin()): Promise<number> {
  const report = await getImpactReport(db, monthRange(month), now);
  const n = (id: Parameters<typeof figureById>[1]) => figureById(report, id)?.value ?? 0;
  const props = {
    month,
    participants: n("newcomers.participants"),
    firstTime: n("newcomers.firstTime"),
    sessions: n("activity.sessionsHeld"),
    applications: n("activity.applications"),
    hours: n("activity.hours"),
    fillRate: figureById(report, "activity.fillRate")?.value ?? null,
    reportUrl: `${origin}/staff/reports?year=${fiscalYearOf(`${month}-01`)}`,
  };
  return db.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom("users").select(["email", "locale"]).where("role", "in", ["staff", "admin"]).where("disabled_at", "is", null).where("deleted_at", "is", null).orderBy("id").execute();
    for (const s of staff) await sendEmail(trx, { template: "impact-monthly", to: s.email, locale: s.locale, props });
    return staff.length;
  });
}

/** The worker's handler: the job carries the month it summarises. */
export function monthlySummaryJobHandler(db: DB) {
  return async (payload: { month: string }) => {
    await sendMonthlySummary(db, payload.month);
  };
}
