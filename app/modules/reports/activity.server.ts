import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import type { Span } from "./report.rules";
import { ACTIVITY_GROUPINGS, groupedByPosting, type GroupedRow } from "./grouping.server";

/**
 * Activity: postings, sessions, places and applications. Each cell carries the posting's category, district,
 * kind of group, group and place (and the place's kind, so the 市民センター figures are the same cells at
 * civic centres).
 */

/** The Tokyo month of a timestamp column, as a timestamp (cheaper to group by than text). */
export const tokyoMonth = (column: RawBuilder<unknown>) => sql`date_trunc('month', ${column} at time zone 'Asia/Tokyo')`;

/** A session was held: it started before now, of a posting that was published and not cancelled before it. */
export const SESSION_HELD = (now: Date) => sql`s.starts_at < ${now} and p.published_at is not null and (p.cancelled_at is null or p.cancelled_at > s.starts_at)`;

/** An application that holds (or held) a place: confirmed, or confirmed and then marked no-show. */
export const HOLDS_PLACE = sql`ap.status in ('confirmed', 'no_show')`;

/** A no-show (x: the application's attendance row at that session if it says absent): marked so, or confirmed and recorded absent. */
export const NO_SHOW = sql`(ap.status = 'no_show' or (ap.status = 'confirmed' and x.status = 'absent'))`;

/** The Tokyo date of a span's bound (a midnight in Tokyo), for the counters kept per Tokyo day. */
const tokyoDay = (instant: Date) => sql`(${instant}::timestamptz at time zone 'Asia/Tokyo')::date`;

/**
 * Places held and no-shows per session, from the counters the database keeps (db/migrations/0023_report_counters.ts)
 * for applications holding a place (`HOLDS_PLACE`) and those marked no-show. The other no-shows (`NO_SHOW`:
 * confirmed, attendance absent) join two tables, so no trigger keeps them: they are counted here from the few
 * attendance rows that say absent.
 */
function placesPerSession(span: Span) {
  return sql`
    select c.shift_id, sum(c.places_held) as confirmations, sum(c.marked_no_show) as marked_no_shows
    from report_shift_counts c join shifts s on s.id = c.shift_id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1`;
}

/** The no-shows of `NO_SHOW` the counters leave out: confirmed applications whose attendance says absent, per session. */
function absentPerSession(span: Span) {
  return sql`
    select ap.shift_id, count(*) as n
    from attendance x
    join shifts s on s.id = x.shift_id
    join applications ap on ap.shift_id = x.shift_id and ap.user_id = x.user_id
    where x.status = 'absent' and ap.status = 'confirmed'
      and s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1`;
}

/** Sessions held (`sessions`), places offered and filled, confirmations and no-shows, by the session's month. */
export async function sessionsHeld(db: Executor, span: Span, now: Date): Promise<GroupedRow[]> {
  const inner = sql`
    with per_shift as (${placesPerSession(span)}), absent as (${absentPerSession(span)})
    select s.posting_id, s.starts_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`s.starts_at`)} as m,
      count(*) as sessions, sum(s.capacity) as places, coalesce(sum(least(s.capacity, coalesce(y.confirmations, 0))), 0) as filled,
      coalesce(sum(y.confirmations), 0) as confirmations, coalesce(sum(y.marked_no_shows), 0) + coalesce(sum(z.n), 0) as no_shows
    from shifts s
    join postings p on p.id = s.posting_id
    left join per_shift y on y.shift_id = s.id
    left join absent z on z.shift_id = s.id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo} and ${SESSION_HELD(now)}
    group by 1, 2, 3`;
  return groupedByPosting(db, inner, ["sessions", "places", "filled", "confirmations", "no_shows"], ACTIVITY_GROUPINGS);
}

/**
 * Confirmed hours (the hours rule of app/modules/attendance/hours.server.ts `confirmedHours`, summed for
 * everyone) by the session's month and the posting's category, district and group, from the counters.
 */
export async function sessionMinutes(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select s.posting_id, s.starts_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`s.starts_at`)} as m, sum(c.confirmed_minutes) as minutes
    from report_shift_counts c join shifts s on s.id = c.shift_id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1, 2, 3`;
  return groupedByPosting(db, inner, ["minutes"], ["month", "category", "district", "organisationKind", "organisation"]);
}

/** Postings published, by the month of their (first) publication. */
export async function postingsPublished(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select p.id as posting_id, p.published_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`p.published_at`)} as m, 1 as n
    from postings p where p.published_at >= ${span.prevFrom} and p.published_at < ${span.curTo}`;
  return groupedByPosting(db, inner, ["n"], ACTIVITY_GROUPINGS);
}

/**
 * Applications made (any outcome), by the month they were made, and of them by under-18s (`minors`): from the
 * counters per Tokyo day (those of a deleted posting wait for the maintenance: the join leaves them out).
 */
export async function applicationsMade(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select c.posting_id, c.day >= ${tokyoDay(span.curFrom)} as cur, date_trunc('month', c.day::timestamp) as m,
      sum(c.applications) as n, sum(c.minor_applications) as minors
    from report_application_days c
    join postings p on p.id = c.posting_id
    where c.day >= ${tokyoDay(span.prevFrom)} and c.day < ${tokyoDay(span.curTo)}
    group by 1, 2, 3`;
  return groupedByPosting(db, inner, ["n", "minors"], ["month", "category", "district", "organisationKind", "organisation"]);
}
