import { sql } from "kysely";
import type { Executor } from "#db/client.server";

/**
 * The seat board at a past instant, from the snapshots a trigger writes in the transaction of every change to an
 * area's seats (migration 0024): each area's latest snapshot up to the instant, unless the area was removed by
 * then. Counts only, as on the board. Before the history began nothing is known: such an instant reads as null
 * ("not recorded"), never as zero seats.
 */

export interface SeatAreaState {
  areaId: number;
  districtId: number;
  /** The district's name now (null if it no longer exists). */
  districtJa: string | null;
  name: string;
  seats: number;
  serving: number;
}

/** When the history began (the migration that started it, with the board's state then). */
export async function seatHistoryBegan(db: Executor): Promise<Date> {
  const row = await db.selectFrom("recruitment_seat_history_began").select("at").executeTakeFirstOrThrow();
  return new Date(row.at);
}

/**
 * The areas as they stood at each instant (changes made at or before it), in one read; null for an instant before
 * the history began, or for a null instant (a period not reached yet).
 */
export async function seatAreasAt(db: Executor, instants: readonly (Date | null)[]): Promise<{ began: Date; states: (SeatAreaState[] | null)[] }> {
  const began = await seatHistoryBegan(db);
  const wanted = instants.map((at, i) => ({ at, i })).filter((x): x is { at: Date; i: number } => x.at !== null && x.at >= began);
  const states: (SeatAreaState[] | null)[] = instants.map(() => null);
  for (const w of wanted) states[w.i] = [];
  if (wanted.length === 0) return { began, states };
  const { rows } = await sql<{ i: number; area_id: number; district_id: number; district_ja: string | null; name: string; seats: number; serving: number }>`
    select t.i::int as i, h.area_id, h.district_id, d.name_ja as district_ja, h.name, h.seats, h.serving
    from unnest(${sql.val(wanted.map((w) => w.at.toISOString()))}::timestamptz[], ${sql.val(wanted.map((w) => w.i))}::int[]) as t(at, i)
    cross join lateral (
      select distinct on (s.area_id) s.area_id, s.district_id, s.name, s.seats, s.serving, s.removed
      from recruitment_seat_history s where s.changed_at <= t.at
      order by s.area_id, s.changed_at desc, s.id desc
    ) h
    left join districts d on d.id = h.district_id
    where not h.removed
    order by t.i, h.district_id, h.name`.execute(db);
  for (const r of rows) states[r.i]!.push({ areaId: r.area_id, districtId: r.district_id, districtJa: r.district_ja, name: r.name, seats: r.seats, serving: r.serving });
  return { began, states };
}
