import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { underAgeOn } from "~/modules/safeguarding/age.server";
import { monthBuckets, rangeInstants } from "./fiscal-year.rules";
import { AGE_BAND_FLOORS, YOUNG_AGE, YOUNG_TYPES, type Cell, type Span } from "./report.rules";
import { groupedByPosting, instantArray, monthIn, type GroupedRow } from "./grouping.server";

/**
 * Participation: who took part. A person took part in a session when their attendance there was recorded as
 * present or late (app/modules/attendance), a walk-in only once its owner confirmed it (as the hours rule does),
 * and never through a withdrawn, cancelled or declined application. Only people with an account are counted:
 * an unconfirmed walk-in has no profile to count by.
 */

/** The one condition on an attendance row (alias a) that makes it participation. */
export const TOOK_PART = sql`a.status in ('present', 'late') and a.user_id is not null
  and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
  and not exists (select 1 from applications ap where ap.id = a.application_id and ap.status in ('withdrawn', 'cancelled', 'declined'))`;

/** The Tokyo date `on` ('YYYY-MM-DD') as the instant of its midnight, which `underAgeOn` reads the date of. */
const midnightOf = (on: string) => sql`${rangeInstants({ from: on, to: on }).from}::timestamptz`;

/** A person's age band on a Tokyo date (`ageBandOf` of `ageOn`): "none" without a birth date or before birth. */
function ageBandSql(birth: RawBuilder<unknown>, on: string): RawBuilder<string> {
  const day = midnightOf(on);
  const bands = AGE_BAND_FLOORS.map(([floor, band]) => sql`when not ${underAgeOn(birth, day, floor)} then ${band}::text`);
  return sql<string>`case when ${birth} is null or ${underAgeOn(birth, day, 0)} then 'none' ${sql.join(bands, sql` `)} else 'none' end`;
}

/** Whether a person is young on a Tokyo date (`isYoung`). */
function youngSql(type: RawBuilder<unknown>, birth: RawBuilder<unknown>, on: string): RawBuilder<boolean> {
  return sql<boolean>`(coalesce(${type} in (${sql.join([...YOUNG_TYPES])}), false) or ${underAgeOn(birth, midnightOf(on), YOUNG_AGE)})`;
}

/**
 * Everyone who took part in either range, once for each range they took part in (`cur`), with what they count as
 * there: type, age band (on the last day of the range) and district of the account (`type`, `age_band`,
 * `district`: "none" when not given), the school their profile names (`school`), `young` (`isYoung`), `park` (took
 * part in a session held at a park), `first_time` (the range holds their first session ever, so a person is new
 * once) and its Tokyo month (`first_month`), `returning` (a first-timer who took part twice or more in the range),
 * and `months`: the range's Tokyo months they came in, as bits (bit i: the range's i-th month of `monthBuckets`;
 * a range touches at most 62 months, five years by `validRange`). One pass over the attendance.
 */
export function peopleInRanges(span: Span, lastDay: { cur: string; prev: string }): RawBuilder<unknown> {
  const bit = (starts: Date[]) => sql`1::bigint << (width_bucket(s.starts_at, ${instantArray(starts)}) - 1)`;
  const inCur = sql`s.starts_at >= ${span.curFrom}`;
  const inPrev = sql`s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curFrom}`;
  const birth = sql`x.birth_date`;
  const type = sql`x.volunteer_type`;
  // One select per range (a row per person and range), from the people joined with their accounts once.
  const range = (cur: boolean) => {
    const [n, park, months, last, first] = cur
      ? [sql`x.n_cur`, sql`x.park_cur`, sql`x.months_cur`, lastDay.cur, sql`x.first_at >= ${span.curFrom}`]
      : [sql`x.n_prev`, sql`x.park_prev`, sql`x.months_prev`, lastDay.prev, sql`x.first_at >= ${span.prevFrom} and x.first_at < ${span.curFrom}`];
    return sql`
      select x.user_id, ${sql.raw(cur ? "true" : "false")} as cur, coalesce(${type}, 'none') as type, ${ageBandSql(birth, last)} as age_band,
        coalesce(x.district_id::text, 'none') as district, x.school_organisation_id::text as school, ${youngSql(type, birth, last)} as young,
        ${park} as park, ${first} as first_time, ${first} and ${n} >= 2 as returning,
        case when ${first} then ${monthIn(span, sql`x.first_at`)} end as first_month, ${months} as months
      from people x where ${n} > 0`;
  };
  return sql`
    with per as (
      select a.user_id, min(s.starts_at) as first_at,
        count(*) filter (where ${inCur}) as n_cur, count(*) filter (where ${inPrev}) as n_prev,
        coalesce(bool_or(pk.id is not null) filter (where ${inCur}), false) as park_cur,
        coalesce(bool_or(pk.id is not null) filter (where ${inPrev}), false) as park_prev,
        coalesce(bit_or(${bit(monthBuckets(span.curFrom, span.curTo).starts)}) filter (where ${inCur}), 0) as months_cur,
        coalesce(bit_or(${bit(monthBuckets(span.prevFrom, span.curFrom).starts)}) filter (where ${inPrev}), 0) as months_prev
      from attendance a
      join shifts s on s.id = a.shift_id
      left join (select p.id from postings p join places pl on pl.id = p.place_id where pl.kind = 'park') pk on pk.id = s.posting_id
      where ${TOOK_PART} and s.starts_at < ${span.curTo}
      group by a.user_id
    ), people as materialized (
      select per.*, u.volunteer_type, u.birth_date, u.district_id, u.school_organisation_id from per join users u on u.id = per.user_id
    )
    ${range(true)}
    union all
    ${range(false)}`;
}

export interface PeopleCells {
  participants: Cell[];
  firstTime: Cell[];
  returning: Cell[];
  young: Cell[];
  students: Cell[];
  youngInParks: Cell[];
  /** Distinct people who took part, per Tokyo month (a person counts once in each month they came). */
  perMonth: Cell[];
}

/** A person breakdown of the report, and the column of `peopleInRanges` its key is. */
const PERSON_KEYS = { type: "type", ageBand: "age_band", district: "district" } as const;

/**
 * The people figures' cells, from `peopleInRanges` added up in the database: per range, and per range and type,
 * age band, district, month of the first session or school (each its own grouping: a breakdown's cells do not
 * count in the total). A few hundred rows however many people, and the months' bits of each person.
 */
export async function peopleCells(db: Executor, span: Span, lastDay: { cur: string; prev: string }): Promise<PeopleCells> {
  type Row = { g: number; cur: boolean; type: string | null; age_band: string | null; district: string | null; first_month: string | null; school: string | null; n: number; young: number; young_park: number; first: number; returning: number; months: string[] | null };
  const { rows } = await sql<Row>`
    with x as materialized (${peopleInRanges(span, lastDay)})
    select grouping(x.type, x.age_band, x.district, x.first_month, x.school) as g, x.cur, x.type, x.age_band, x.district, x.first_month, x.school,
      count(*)::int as n, count(*) filter (where x.young)::int as young, count(*) filter (where x.young and x.park)::int as young_park,
      count(*) filter (where x.first_time)::int as first, count(*) filter (where x.returning)::int as returning, null::text[] as months
    from x group by x.cur, grouping sets ((), (x.type), (x.age_band), (x.district), (x.first_month), (x.school))
    union all
    select -1, x.cur, null, null, null, null, null, 0, 0, 0, 0, 0, array_agg(x.months::text) from x where x.months <> 0 group by x.cur`.execute(db);
  const out: PeopleCells = { participants: [], firstTime: [], returning: [], young: [], students: [], youngInParks: [], perMonth: [] };
  // grouping(type, age_band, district, first_month, school): a bit set for each column a row is not grouped by
  const ALL = 0b11111;
  const only = (bit: number) => ALL & ~bit;
  const add = (cells: Cell[], cell: Cell) => {
    if (cell.value > 0) cells.push(cell);
  };
  for (const r of rows) {
    const cur = r.cur;
    if (r.g === -1) {
      out.perMonth.push(...monthCells(r.months ?? [], cur, cur ? monthBuckets(span.curFrom, span.curTo).months : monthBuckets(span.prevFrom, span.curFrom).months));
    } else if (r.g === ALL) {
      add(out.participants, { cur, value: r.n });
      add(out.young, { cur, value: r.young });
      add(out.youngInParks, { cur, value: r.young_park });
    } else if (r.g === only(0b00010) && r.first_month !== null) {
      add(out.firstTime, { cur, month: r.first_month, value: r.first });
      add(out.returning, { cur, month: r.first_month, value: r.returning });
    } else if (r.g === only(0b00001)) {
      if (r.school !== null) add(out.students, { cur, value: r.n, keys: { school: r.school } });
    } else {
      const id = r.g === only(0b10000) ? "type" : r.g === only(0b01000) ? "ageBand" : r.g === only(0b00100) ? "district" : null;
      if (!id) continue;
      const keys = { [id]: r[PERSON_KEYS[id]]! };
      add(out.participants, { cur, value: r.n, keys, inTotal: false });
      add(out.young, { cur, value: r.young, keys, inTotal: false });
      add(out.firstTime, { cur, value: r.first, keys, inTotal: false });
      add(out.returning, { cur, value: r.returning, keys, inTotal: false });
    }
  }
  return out;
}

/** Distinct people per month of one range, from each person's months (bigints as text). */
function monthCells(masks: readonly string[], cur: boolean, months: readonly string[]): Cell[] {
  const counts = new Array<number>(months.length).fill(0);
  for (const text of masks) {
    // Numbers are faster than bigints: up to 53 bits (four years of months) read as one, in two words of 32.
    const n = text.length < 16 && !text.startsWith("-") ? Number(text) : NaN;
    const big = Number.isNaN(n) ? BigInt.asUintN(64, BigInt(text)) : 0n;
    const words = Number.isNaN(n) ? [Number(big & 0xffffffffn), Number(big >> 32n)] : [n % 2 ** 32, Math.floor(n / 2 ** 32)];
    for (let half = 0; half < 2; half++) {
      for (let word = words[half], i = half * 32; word !== 0; i++, word >>>= 1) if (word & 1) counts[i] += 1;
    }
  }
  return counts.flatMap((n, i) => (n > 0 ? [{ cur, month: months[i], value: n }] : []));
}

/**
 * Students' confirmed hours: the minutes a group confirmed for an attendance (the hours rule of
 * app/modules/attendance/hours.server.ts `confirmedHours`) of people whose profile names their school, by the
 * session's month and the school. Everyone's hours per posting come from the counters (activity.server.ts
 * `sessionFigures`); these follow the school a person's profile names now, so they are read here.
 */
export async function studentMinutes(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select s.starts_at >= ${span.curFrom} as cur, ${monthIn(span, sql`s.starts_at`)} as m, u.school_organisation_id as school_id, a.confirmed_minutes as minutes
    from attendance a
    join shifts s on s.id = a.shift_id
    join users u on u.id = a.user_id
    where a.confirmed_minutes is not null and a.status <> 'absent'
      and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
      and u.school_organisation_id is not null
      and s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}`;
  return groupedByPosting(db, inner, ["minutes"], ["school", "schoolMonth"]);
}
