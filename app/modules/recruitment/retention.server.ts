import type { DB } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import { appOrigin } from "~/utils/env.server";
import { tokyoDateString } from "~/utils/format";
import { keepDepartedCounts } from "./departed.server";
import { overdueCounts } from "./pipeline.server";
import { getRecruitmentSettings } from "./settings.server";

/**
 * Housekeeping for recruitment, run from the hourly maintenance job: interest not turned into an appointment is
 * deleted a configurable number of months after its campaign ends (or after the person's record last changed,
 * when no campaign brought them), leaving only anonymous counts for the figures, and once a week staff and each district's chair are emailed how many next
 * actions are overdue.
 */

/** 'YYYY-MM-DD' `months` calendar months before `date` (the day clamped to the month's length). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export async function runRecruitmentRetention(db: DB, now = new Date()): Promise<number> {
  const { retentionMonths } = await getRecruitmentSettings(db);
  const cutoff = monthsBefore(tokyoDateString(now), retentionMonths);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("recruitment_people as p")
      .leftJoin("recruitment_campaigns as c", "c.id", "p.campaign_id")
      .select("p.id")
      .where("p.stage", "!=", "appointed")
      .where((eb) =>
        eb.or([
          eb.and([eb("c.id", "is not", null), eb("c.ends_on", "<", cutoff)]),
          eb.and([eb("c.id", "is", null), eb("p.updated_at", "<", new Date(`${cutoff}T00:00:00+09:00`))]),
        ]),
      )
      .execute();
    const ids = due.map((r) => r.id);
    if (ids.length === 0) return 0;
    await keepDepartedCounts(trx, ids, "retention", now);
    await trx.updateTable("recruitment_helpers").set({ person_id: null }).where("person_id", "in", ids).execute();
    await trx.deleteFrom("recruitment_people").where("id", "in", ids).execute();
    await audit(trx, { actorUserId: null, action: "recruitment.retention_deleted", subjectType: "recruitment_person", details: { count: ids.length, cutoff } });
    return ids.length;
  });
}

export const OVERDUE_DIGEST_QUEUE = "recruitment-overdue";
const WEEK = 7 * 86_400_000;
// A Monday, 09:00 in Asia/Tokyo: weeks are counted from here so that each digest goes out on a Monday morning.
const EPOCH = Date.parse("2024-01-01T00:00:00Z");

/**
 * Queues the digest for the coming Monday 09:00 once, however many workers or hours ask (the week is its dedupe
 * key). Always the next Monday, never one already past: a server that starts mid-week sends nothing until then.
 */
export async function scheduleOverdueDigest(db: DB, now = new Date()): Promise<void> {
  const week = Math.floor((now.getTime() - EPOCH) / WEEK) + 1;
  await enqueueJob(db, OVERDUE_DIGEST_QUEUE, { week }, { dedupeKey: `${OVERDUE_DIGEST_QUEUE}:${week}`, runAt: new Date(EPOCH + week * WEEK) });
}

/** Sends the digest: staff get the ward's count, each chair their districts' count; nobody gets a name. */
export async function sendOverdueDigest(db: DB, now = new Date(), origin = appOrigin()): Promise<number> {
  const counts = await overdueCounts(db, tokyoDateString(now));
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return 0;
  const listUrl = `${origin}/staff/recruitment/people?view=overdue`;
  return db.transaction().execute(async (trx) => {
    let sent = 0;
    const staff = await trx.selectFrom("users").select(["email", "locale"]).where("role", "in", ["staff", "admin"]).where("disabled_at", "is", null).where("deleted_at", "is", null).execute();
    for (const s of staff) {
      await sendEmail(trx, { template: "recruitment-overdue", to: s.email, locale: s.locale, props: { count: total, listUrl } });
      sent++;
    }
    const chairs = await trx
      .selectFrom("recruitment_district_chairs as c")
      .innerJoin("memberships as m", "m.organisation_id", "c.organisation_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.email", "u.locale", "c.district_id"])
      .where("u.disabled_at", "is", null)
      .where("u.deleted_at", "is", null)
      .where("u.role", "=", "volunteer")
      .execute();
    const perChair = new Map<number, { email: string; locale: "ja" | "en"; count: number }>();
    for (const c of chairs) {
      const n = counts.find((x) => x.districtId === c.district_id)?.count ?? 0;
      const entry = perChair.get(c.id) ?? { email: c.email, locale: c.locale, count: 0 };
      entry.count += n;
      perChair.set(c.id, entry);
    }
    for (const c of perChair.values()) {
      if (c.count === 0) continue;
      await sendEmail(trx, { template: "recruitment-overdue", to: c.email, locale: c.locale, props: { count: c.count, listUrl } });
      sent++;
    }
    return sent;
  });
}

/** What the hourly maintenance job runs for recruitment. */
export async function recruitmentMaintenance(db: DB, now = new Date()): Promise<void> {
  await runRecruitmentRetention(db, now);
  await scheduleOverdueDigest(db, now);
}

/** The worker's handler for the weekly digest. */
export function overdueDigestJobHandler(db: DB) {
  return async () => {
    await sendOverdueDigest(db);
  };
}
