import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { checkRecordCutoffs, type RetentionStepContext } from "./retention.rules";

/**
 * The retention job's step for 日本版DBS records (criminal_record_checks: that a check was done, when, by whom,
 * valid until — never what it found): deleted 30 days after the person's membership of the organisation ended
 * (work_ended_at, stamped by a trigger on memberships, migration 0011), or five years after the check date,
 * whichever comes first (retention.rules.ts). Counted anonymously first (school year of the check, and why it
 * went: "left" or "aged"). Safe to run twice.
 */
export async function purgeCheckRecords(trx: Executor, context: RetentionStepContext, limit = 2000): Promise<number> {
  const cut = checkRecordCutoffs(context.now);
  const due = await sql<{ id: number }>`
    select id from criminal_record_checks
    where (work_ended_at is not null and work_ended_at < ${cut.workEndedBefore}::timestamptz)
       or checked_on <= ${cut.checkedOnOrBefore}::date
    order by id
    limit ${limit}
    for update skip locked`.execute(trx);
  const ids = due.rows.map((r) => r.id);
  if (ids.length === 0) return 0;
  await sql`
    insert into retention_counts (counted_at, school_year, subject, status, count)
    select ${context.now}::timestamptz,
      (extract(year from c.checked_on) - case when extract(month from c.checked_on) < 4 then 1 else 0 end)::int,
      'criminal_record_check',
      case when c.work_ended_at is not null and c.work_ended_at < ${cut.workEndedBefore}::timestamptz then 'left' else 'aged' end,
      count(*)::int
    from criminal_record_checks c where c.id = any(${ids}::int[])
    group by 2, 4`.execute(trx);
  await trx.deleteFrom("criminal_record_checks").where("id", "in", ids).execute();
  return ids.length;
}
