import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { Cell } from "./report.rules";
import type { Span } from "./participation.server";

/**
 * Activity: postings, sessions, places and applications. Each cell carries the posting's category, district,
 * kind of group, group and place (and the place's kind, so the 市民センター figures are the same cells at
 * civic centres).
 */

interface PostingKeys {
  category_id: number;
  district_id: number | null;
  kind: string;
  organisation_id: number;
  place_id: number | null;
  place_kind: string | null;
}

const keysOf = (r: PostingKeys) => ({
  category: String(r.category_id),
  district: r.district_id === null ? "none" : String(r.district_id),
  organisationKind: r.kind,
  organisation: String(r.organisation_id),
  place: r.place_kind === "civic_centre" && r.place_id !== null ? String(r.place_id) : "none",
});

const POSTING_KEYS = sql`p.category_id, p.district_id, o.kind, o.id as organisation_id, p.place_id, pl.kind as place_kind`;

/** A session was held: it started in the range and before now, of a posting that was published and not cancelled before it. */
export const SESSION_HELD = (now: Date) => sql`s.starts_at < ${now} and p.published_at is not null and (p.cancelled_at is null or p.cancelled_at > s.starts_at)`;

/** An application that holds (or held) a place: confirmed, or confirmed and then marked no-show. */
export const HOLDS_PLACE = sql`ap.status in ('confirmed', 'no_show')`;

/** A no-show: marked so by the group, or confirmed and recorded absent at the session. */
export const NO_SHOW = sql`(ap.status = 'no_show' or (ap.status = 'confirmed' and exists (select 1 from attendance x where x.shift_id = ap.shift_id and x.user_id = ap.user_id and x.status = 'absent')))`;

export interface SessionCell extends Cell {
  places: number;
  filled: number;
  confirmations: number;
  noShows: number;
}

/** Sessions held, places offered and filled, confirmations and no-shows, by the session's month. */
export async function sessionsHeld(db: Executor, span: Span, now: Date): Promise<SessionCell[]> {
  const { rows } = await sql<PostingKeys & { cur: boolean; month: string; sessions: number; places: number; filled: number; confirmations: number; no_shows: number }>`
    with per_shift as (
      select ap.shift_id, count(*) filter (where ${HOLDS_PLACE})::int as confirmations, count(*) filter (where ${NO_SHOW})::int as no_shows
      from applications ap
      where ap.shift_starts_at >= ${span.prevFrom} and ap.shift_starts_at < ${span.curTo} and ap.shift_id is not null
      group by ap.shift_id
    )
    select s.starts_at >= ${span.curFrom} as cur, to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, ${POSTING_KEYS},
      count(*)::int as sessions, sum(s.capacity)::int as places,
      coalesce(sum(least(s.capacity, x.confirmations)), 0)::int as filled,
      coalesce(sum(x.confirmations), 0)::int as confirmations, coalesce(sum(x.no_shows), 0)::int as no_shows
    from shifts s
    join postings p on p.id = s.posting_id
    join organisations o on o.id = p.organisation_id
    left join places pl on pl.id = p.place_id
    left join per_shift x on x.shift_id = s.id
    where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo} and ${SESSION_HELD(now)}
    group by 1, 2, p.category_id, p.district_id, o.kind, o.id, p.place_id, pl.kind`.execute(db);
  return rows.map((r) => ({ cur: r.cur, month: r.month, value: r.sessions, places: r.places, filled: r.filled, confirmations: r.confirmations, noShows: r.no_shows, keys: keysOf(r) }));
}

/** Postings published: by the month of their (first) publication. */
export async function postingsPublished(db: Executor, span: Span): Promise<Cell[]> {
  const { rows } = await sql<PostingKeys & { cur: boolean; month: string; n: number }>`
    select p.published_at >= ${span.curFrom} as cur, to_char(p.published_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, ${POSTING_KEYS}, count(*)::int as n
    from postings p
    join organisations o on o.id = p.organisation_id
    left join places pl on pl.id = p.place_id
    where p.published_at >= ${span.prevFrom} and p.published_at < ${span.curTo}
    group by 1, 2, p.category_id, p.district_id, o.kind, o.id, p.place_id, pl.kind`.execute(db);
  return rows.map((r) => ({ cur: r.cur, month: r.month, value: r.n, keys: keysOf(r) }));
}

/** Applications made (any outcome), by the month they were made. */
export async function applicationsMade(db: Executor, span: Span): Promise<Cell[]> {
  const { rows } = await sql<PostingKeys & { cur: boolean; month: string; n: number }>`
    select ap.created_at >= ${span.curFrom} as cur, to_char(ap.created_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, ${POSTING_KEYS}, count(*)::int as n
    from applications ap
    join postings p on p.id = ap.posting_id
    join organisations o on o.id = p.organisation_id
    left join places pl on pl.id = p.place_id
    where ap.created_at >= ${span.prevFrom} and ap.created_at < ${span.curTo}
    group by 1, 2, p.category_id, p.district_id, o.kind, o.id, p.place_id, pl.kind`.execute(db);
  return rows.map((r) => ({ cur: r.cur, month: r.month, value: r.n, keys: keysOf(r) }));
}
