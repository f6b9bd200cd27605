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

/** Sessions held (`sessions`), places offered and filled, confirmations and no-shows, by the session's month. */
export async function sessionsHeld(db: Executor, span: Span, now: Date): Promise<GroupedRow[]> {
  const inner = sql`
    with per_shift as (
      select ap.shift_id, count(*) filter (where ${HOLDS_PLACE}) as confirmations, count(*) filter (where ${NO_SHOW}) as no_shows
      from applications ap
      left join attendance x on x.shift_id = ap.shift_id and x.user_id = ap.user_id and x.status = 'absent'
      where ap.shift_starts_at >= ${span.prevFrom} and ap.shift_starts_at < ${span.curTo} and ap.shift_id is not null and ap.status in ('confirmed', 'no_show')
      group by ap.shift_id
    )
    select s.posting_id, s.starts_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`s.starts_at`)} as m,
      count(*) as sessions, sum(s.capacity) as places, coalesce(sum(least(s.capacity, coalesce(y.confirmations, 0))), 0) as filled,
      coalesce(sum(y.confirmations), 0) as confirmations, coalesce(sum(y.no_shows), 0) as no_shows
    from shifts s
    join postings p on p.id = s.posting_id
    left join per_shift y on y.shift_id = s.id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo} and ${SESSION_HELD(now)}
    group by 1, 2, 3`;
  return groupedByPosting(db, inner, ["sessions", "places", "filled", "confirmations", "no_shows"], ACTIVITY_GROUPINGS);
}

/** Postings published, by the month of their (first) publication. */
export async function postingsPublished(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select p.id as posting_id, p.published_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`p.published_at`)} as m, 1 as n
    from postings p where p.published_at >= ${span.prevFrom} and p.published_at < ${span.curTo}`;
  return groupedByPosting(db, inner, ["n"], ACTIVITY_GROUPINGS);
}

/** Applications made (any outcome), by the month they were made, and of them by under-18s (`minors`). */
export async function applicationsMade(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select ap.posting_id, ap.created_at >= ${span.curFrom} as cur, ${tokyoMonth(sql`ap.created_at`)} as m, count(*) as n, count(*) filter (where ap.minor) as minors
    from applications ap where ap.created_at >= ${span.prevFrom} and ap.created_at < ${span.curTo}
    group by 1, 2, 3`;
  return groupedByPosting(db, inner, ["n", "minors"], ["month", "category", "district", "organisationKind", "organisation"]);
}
