import { sql } from "kysely";
import { z } from "zod";
import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { DEFAULT_RETENTION_MONTHS, MINOR_AGE, retentionCutoff } from "./retention.rules";
import { underAgeOn } from "./age.server";
import { purgeCheckRecords } from "./check-retention.server";
import type { RetentionStepContext } from "./retention.rules";
import { getSafeguardingSettings } from "./settings.server";

/**
 * The retention job: minors' personal data from activities is cleared a configurable time after the school
 * year in which they took place (retention.rules.ts), keeping only anonymous counts (retention_counts) for
 * reports. It runs with the hourly maintenance; each run does what is due and is safe to repeat.
 *
 * Steps: the first ones (STEPS below) clear the texts of minors' applications (their message to the group and the
 * group's reason for a decision) and delete their conversations with the group. Other modules add theirs with `registerRetentionStep`, with the same cutoff:
 * guardian consent records are purged by the consent module's step. The records that a criminal-record check was
 * done (日本版DBS) follow their own schedule (check-retention.server.ts). A registration reaches only processes that
 * import the registering module, so it must sit in a module the runtime loads (the consent module is loaded
 * through the applications module); a step of this module's own goes into STEPS.
 */

/** RETENTION_MONTHS_AFTER_SCHOOL_YEAR: months after 31 March of the activity's school year (default 12). */
const RetentionSettingsSchema = z.object({
  RETENTION_MONTHS_AFTER_SCHOOL_YEAR: z.coerce.number().int().min(0).max(1200).default(DEFAULT_RETENTION_MONTHS),
});

export interface RetentionSettings {
  months: number;
  /** Under this age on the activity's date a person was a minor; a run takes it from the safeguarding settings. */
  minorAge: number;
}

/**
 * The settings from the environment (months); a bad value names itself. The minor age here is the default: a run
 * reads the one staff set (safeguarding settings), so retention and the rules that made an application a minor's agree.
 */
export function retentionSettings(environment: Record<string, string | undefined> = process.env): RetentionSettings {
  const raw = environment.RETENTION_MONTHS_AFTER_SCHOOL_YEAR;
  const parsed = RetentionSettingsSchema.safeParse({ RETENTION_MONTHS_AFTER_SCHOOL_YEAR: raw === "" ? undefined : raw });
  if (!parsed.success) throw new Error(`Invalid environment: RETENTION_MONTHS_AFTER_SCHOOL_YEAR must be a whole number of months from 0 to 1200, not "${raw}"`);
  return { months: parsed.data.RETENTION_MONTHS_AFTER_SCHOOL_YEAR, minorAge: MINOR_AGE };
}

export type { RetentionStepContext };

/** A step clears or deletes what is due inside the transaction it is given and says how many records it handled. */
export type RetentionStep = (trx: Executor, context: RetentionStepContext) => Promise<number>;

const registered = new Map<string, RetentionStep>();

/** Adds (or replaces, by name) a step that every later run performs after the built-in one. */
export function registerRetentionStep(name: string, step: RetentionStep): void {
  registered.set(name, step);
}

/** How many applications one run clears at most, so that a first run on years of history stays short. */
export const BATCH_SIZE = 2000;

/**
 * Clears the texts of applications whose person was a minor on the activity's date (Tokyo) — marked so when they
 * applied, or under the minor age by their birth date — and whose shift ended before the cutoff, and counts them
 * anonymously (school year, category, final state) first.
 */
export async function purgeMinorApplications(trx: Executor, context: RetentionStepContext, limit = BATCH_SIZE): Promise<number> {
  const due = await sql<{ id: number }>`
    select a.id from applications a
    join users u on u.id = a.user_id
    where a.retention_purged_at is null
      and a.shift_ends_at < ${context.cutoff}::timestamptz
      and (a.minor or ${underAgeOn(sql.ref("u.birth_date"), sql.ref("a.shift_starts_at"), context.minorAge)})
    order by a.shift_ends_at, a.id
    limit ${limit}
    for update of a skip locked`.execute(trx);
  const ids = due.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await sql`
    insert into retention_counts (counted_at, school_year, subject, category_code, status, count)
    select ${context.now}::timestamptz, y.school_year, 'minor_application', c.code, a.status, count(*)::int
    from applications a
    join postings p on p.id = a.posting_id
    join categories c on c.id = p.category_id
    cross join lateral (
      select (extract(year from a.shift_starts_at at time zone 'Asia/Tokyo')
        - case when extract(month from a.shift_starts_at at time zone 'Asia/Tokyo') < 4 then 1 else 0 end)::int as school_year
    ) y
    where a.id = any(${ids}::int[])
    group by y.school_year, c.code, a.status`.execute(trx);
  await trx
    .updateTable("applications")
    .set({ message: "", decision_reason: "", retention_purged_at: context.now })
    .where("id", "in", ids)
    .execute();
  return ids.length;
}

/**
 * Deletes the conversations (messages, readers, read marks) between a group and a person who was a minor when
 * they took part, once everything in them is past the cutoff: the last message, and the end of every shift the
 * person applied for on that posting. A conversation counts as a minor's when any of those applications was a
 * minor's, or when the person was under the minor age at its last message (a conversation without an application).
 * Counted first, anonymously, by the school year of its last activity and the posting's category.
 */
export async function purgeMinorThreads(trx: Executor, context: RetentionStepContext, limit = BATCH_SIZE): Promise<number> {
  const due = await sql<{ id: number }>`
    select t.id from message_threads t
    join users u on u.id = t.volunteer_user_id
    left join lateral (
      select max(a.shift_ends_at) as last_end,
        bool_or(a.minor or ${underAgeOn(sql.ref("u.birth_date"), sql.ref("a.shift_starts_at"), context.minorAge)}) as minor
      from applications a where a.user_id = t.volunteer_user_id and a.posting_id = t.posting_id
    ) a on true
    where greatest(t.last_message_at, a.last_end) < ${context.cutoff}::timestamptz
      and (coalesce(a.minor, false) or ${underAgeOn(sql.ref("u.birth_date"), sql.ref("t.last_message_at"), context.minorAge)})
    order by t.last_message_at, t.id
    limit ${limit}
    for update of t skip locked`.execute(trx);
  const ids = due.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await sql`
    insert into retention_counts (counted_at, school_year, subject, category_code, count)
    select ${context.now}::timestamptz, y.school_year, 'minor_thread', c.code, count(*)::int
    from message_threads t
    join postings p on p.id = t.posting_id
    join categories c on c.id = p.category_id
    cross join lateral (
      select (extract(year from t.last_message_at at time zone 'Asia/Tokyo')
        - case when extract(month from t.last_message_at at time zone 'Asia/Tokyo') < 4 then 1 else 0 end)::int as school_year
    ) y
    where t.id = any(${ids}::int[])
    group by y.school_year, c.code`.execute(trx);
  // Messages, readers and read marks go with the thread (on delete cascade).
  await trx.deleteFrom("message_threads").where("id", "in", ids).execute();
  return ids.length;
}

/** What every run does first, in order; registered steps follow. */
const STEPS: [string, RetentionStep][] = [
  ["applications", purgeMinorApplications],
  ["threads", purgeMinorThreads],
  // 日本版DBS records: on their own schedule (30 days after leaving, five years after the check), not the cutoff.
  ["check_records", purgeCheckRecords],
];

export interface RetentionSummary {
  cutoff: Date;
  /** Records handled per step, by name (`applications` is the built-in step). */
  handled: Record<string, number>;
}

/** One run: the steps in STEPS, then any registered ones, each in its own transaction; audited when it did anything. */
export async function runRetention(db: DB, options: { now?: Date; settings?: RetentionSettings } = {}): Promise<RetentionSummary> {
  const now = options.now ?? new Date();
  const settings = options.settings ?? { ...retentionSettings(), minorAge: (await getSafeguardingSettings(db)).minorAge };
  const context: RetentionStepContext = { now, cutoff: retentionCutoff(now, settings.months), minorAge: settings.minorAge };
  const handled: Record<string, number> = {};
  for (const [name, step] of [...STEPS, ...registered.entries()]) {
    handled[name] = await db.transaction().execute(async (trx) => {
      const count = await step(trx, context);
      if (count > 0)
        await audit(trx, {
          actorUserId: null,
          action: "retention.purged",
          subjectType: "retention",
          subjectId: name,
          details: { count, cutoff: context.cutoff.toISOString(), months: settings.months },
        });
      return count;
    });
  }
  return { cutoff: context.cutoff, handled };
}
