import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { Cell, Span } from "./report.rules";
import { ACTIVITY_GROUPINGS, cellsOf, groupedByPosting, monthNumberIn, partCellsOf, type GroupedRow } from "./grouping.server";

/**
 * Activity: postings, sessions, places and applications. Each cell carries the posting's category, district,
 * kind of group, group and place (and the place's kind, so the 市民センター figures are the same cells at
 * civic centres).
 */

/** A session was held: it started before now, of a posting that was published and not cancelled before it. */
export const SESSION_HELD = (now: Date) => sql`s.starts_at < ${now} and p.published_at is not null and (p.cancelled_at is null or p.cancelled_at > s.starts_at)`;

/** An application that holds (or held) a place: confirmed, or confirmed and then marked no-show. */
export const HOLDS_PLACE = sql`ap.status in ('confirmed', 'no_show')`;

/** A no-show (x: the application's attendance row at that session if it says absent): marked so, or confirmed and recorded absent. */
export const NO_SHOW = sql`(ap.status = 'no_show' or (ap.status = 'confirmed' and x.status = 'absent'))`;

/** The Tokyo date of a span's bound (a midnight in Tokyo), for the counters kept per Tokyo day. */
const tokyoDay = (instant: Date) => sql`(${instant}::timestamptz at time zone 'Asia/Tokyo')::date`;

/**
 * The lowest id of a session starting at or after `from`: the rows of the span's sessions have ids from it up (and
 * a few of sessions outside the span, which the join with the span's sessions leaves out), so the rows of earlier
 * years are not read.
 */
const firstShiftFrom = (from: Date) => sql`select coalesce(min(s.id), 0) as id from shifts s where s.starts_at >= ${from}`;

/**
 * Each session of the span with its counters (db/migrations/0023_report_counters.ts): places held
 * (`HOLDS_PLACE`), no-shows and confirmed minutes. The counters keep the applications marked no-show; the other
 * no-shows (`NO_SHOW`: confirmed, attendance absent) join two tables, so no trigger keeps them: they are counted
 * from the few attendance rows that say absent, matched with the confirmed applications' (session, person) in
 * order (two partial indexes, db/migrations/0026_report_participation_index.ts).
 */
function perSession(span: Span, now: Date) {
  return sql`
    with first_shift as (${firstShiftFrom(span.prevFrom)}),
    absent as (
      select x.shift_id, count(*) as n
      from attendance x
      join applications ap on ap.shift_id = x.shift_id and ap.user_id = x.user_id and ap.status = 'confirmed'
      where x.status = 'absent' and x.shift_id >= (select id from first_shift)
      group by 1
    ), counts as (
      select c.shift_id, sum(c.places_held) as places_held, sum(c.marked_no_show) as marked_no_shows, sum(c.confirmed_minutes) as minutes
      from report_shift_counts c
      where c.shift_id >= (select id from first_shift)
      group by 1
    )
    select s.id, s.posting_id, s.starts_at, s.capacity, ${SESSION_HELD(now)} as held, c.shift_id is not null as counted,
      coalesce(c.places_held, 0) as places_held, coalesce(c.marked_no_shows, 0) as marked_no_shows,
      coalesce(c.minutes, 0) as minutes, coalesce(z.n, 0) as absent
    from shifts s
    join postings p on p.id = s.posting_id
    left join counts c on c.shift_id = s.id
    left join absent z on z.shift_id = s.id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}`;
}

/**
 * Sessions held (`sessions`), places offered and filled, confirmations and no-shows, and confirmed hours
 * (`minutes`: the hours rule of app/modules/attendance/hours.server.ts `confirmedHours`, summed for everyone, of
 * every session of the span, held or not), by the session's month: one pass over the sessions. `held` and
 * `counted` say whether a group has a session held and a session with counters (`sessionCells`).
 */
export async function sessionFigures(db: Executor, span: Span, now: Date): Promise<GroupedRow[]> {
  const inner = sql`
    select y.posting_id, y.starts_at >= ${span.curFrom} as cur, ${monthNumberIn(span, sql`y.starts_at`)} as m,
      case when y.held then 1 else 0 end as sessions, case when y.held then y.capacity else 0 end as places,
      case when y.held then least(y.capacity, y.places_held) else 0 end as filled,
      case when y.held then y.places_held else 0 end as confirmations,
      case when y.held then y.marked_no_shows + y.absent else 0 end as no_shows,
      y.minutes, case when y.counted then 1 else 0 end as counted
    from (${perSession(span, now)}) y`;
  return groupedByPosting(db, span, inner, ["sessions", "places", "filled", "confirmations", "no_shows", "minutes", "counted"], ACTIVITY_GROUPINGS);
}

/**
 * The rows of `sessionFigures` a measure's cells come from: the groups with a session held, or for `minutes`
 * those with counters (a group with neither has no cell, as a figure counted on its own would have none).
 */
function rowsFor(rows: readonly GroupedRow[], measure: string): GroupedRow[] {
  const gate = measure === "minutes" ? "counted" : "sessions";
  return rows.filter((r) => Number(r[gate]) > 0);
}

/** The cells of a measure of `sessionFigures` (`cellsOf` of `rowsFor`). */
export function sessionCells(rows: readonly GroupedRow[], measure: string, groupings?: Parameters<typeof cellsOf>[2]): Cell[] {
  return cellsOf(rowsFor(rows, measure), measure, groupings);
}

/** The cells of a measure of `sessionFigures` at civic centres (`partCellsOf` of `rowsFor`). */
export function sessionCentreCells(rows: readonly GroupedRow[], measure: string): Cell[] {
  return partCellsOf(rowsFor(rows, measure), measure, "place");
}

/** Postings published, by the month of their (first) publication. */
export async function postingsPublished(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select p.id as posting_id, p.published_at >= ${span.curFrom} as cur, ${monthNumberIn(span, sql`p.published_at`)} as m, 1 as n
    from postings p where p.published_at >= ${span.prevFrom} and p.published_at < ${span.curTo}`;
  return groupedByPosting(db, span, inner, ["n"], ACTIVITY_GROUPINGS);
}

/**
 * Applications made (any outcome), by the month they were made, and of them by under-18s (`minors`): from the
 * counters per Tokyo day (those of a deleted posting wait for the maintenance: the join leaves them out).
 */
export async function applicationsMade(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select c.posting_id, c.day >= ${tokyoDay(span.curFrom)} as cur, ${monthNumberIn(span, sql`c.day`, "date")} as m, c.applications as n, c.minor_applications as minors
    from report_application_days c
    where c.day >= ${tokyoDay(span.prevFrom)} and c.day < ${tokyoDay(span.curTo)} and c.posting_id in (select p.id from postings p)`;
  return groupedByPosting(db, span, inner, ["n", "minors"], ["month", "category", "district", "organisationKind", "organisation"]);
}
