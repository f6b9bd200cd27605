import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { underAgeOn } from "~/modules/safeguarding/age.server";
import { monthBuckets, rangeInstants } from "./fiscal-year.rules";
import { AGE_BAND_FLOORS, YOUNG_AGE, YOUNG_TYPES, type Cell, type Span } from "./report.rules";
import { groupedByPosting, instantArray, monthIn, monthNumberIn, type GroupedRow } from "./grouping.server";

/**
 * Participation: who took part. A person took part in a session when their attendance there was recorded as
 * present or late (app/modules/attendance), a walk-in only once its owner confirmed it (as the hours rule does),
 * and never through a withdrawn, cancelled or declined application. Only people with an account are counted:
 * an unconfirmed walk-in has no profile to count by.
 */

/**
 * The one condition on an attendance row (alias a) that makes it participation: the predicate of the partial index
 * `attendance_took_part_idx` (migration 0027), word for word, so the planner can read the index. `application_ended`
 * is kept by triggers: the row came through a withdrawn, cancelled or declined application.
 */
export const TOOK_PART = sql`a.status in ('present', 'late') and a.user_id is not null and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null) and not a.application_ended`;

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
 * Everyone who took part in either range, once, with what they count as in each: type and district of the account
 * (`type`: "none" when not given; `district_id`), the school their profile names (`school_id`), and per range (`_cur`,
 * `_prev`) the sessions they took part in (`n_`), their age band on the range's last day (`band_`, `ageBandOf`:
 * "none" without a birth date), whether they are young then (`young_`, `isYoung`), whether they took part in a session
 * held at a park (`park_`) and the range's Tokyo months they came in, as bits (`months_`: bit i is the range's i-th
 * month of `monthBuckets`; a range touches at most 62 months, five years by `validRange`). `first_in` says which
 * range holds their first session ever ('cur', 'prev', or null: earlier), so a person is new once, and
 * `first_month` its Tokyo month. One pass over the attendance. The figures group these rows (`peopleCells`); the
 * lists behind them read them per range (`peopleInRanges`).
 */
function peopleOnce(span: Span, lastDay: { cur: string; prev: string }): RawBuilder<unknown> {
  const bit = (starts: Date[]) => sql`1::bigint << (width_bucket(a.shift_starts_at, ${instantArray(starts)}) - 1)`;
  const inCur = sql`a.shift_starts_at >= ${span.curFrom}`;
  const inPrev = sql`a.shift_starts_at >= ${span.prevFrom} and a.shift_starts_at < ${span.curFrom}`;
  const birth = sql`u.birth_date`;
  const type = sql`u.volunteer_type`;
  return sql`
    with per as (
      select a.user_id, min(a.shift_starts_at) as first_at,
        count(*) filter (where ${inCur}) as n_cur, count(*) filter (where ${inPrev}) as n_prev,
        coalesce(bool_or(pk.id is not null) filter (where ${inCur}), false) as park_cur,
        coalesce(bool_or(pk.id is not null) filter (where ${inPrev}), false) as park_prev,
        coalesce(bit_or(${bit(monthBuckets(span.curFrom, span.curTo).starts)}) filter (where ${inCur}), 0) as months_cur,
        coalesce(bit_or(${bit(monthBuckets(span.prevFrom, span.curFrom).starts)}) filter (where ${inPrev}), 0) as months_prev
      from attendance a
      left join (select p.id from postings p join places pl on pl.id = p.place_id where pl.kind = 'park') pk on pk.id = a.posting_id
      where ${TOOK_PART} and a.shift_starts_at < ${span.curTo}
      group by a.user_id
    )
    select per.user_id, coalesce(${type}, 'none') as type, u.district_id, u.school_organisation_id as school_id,
      per.n_cur, per.n_prev, per.park_cur, per.park_prev, per.months_cur, per.months_prev,
      ${ageBandSql(birth, lastDay.cur)} as band_cur, ${ageBandSql(birth, lastDay.prev)} as band_prev,
      ${youngSql(type, birth, lastDay.cur)} as young_cur, ${youngSql(type, birth, lastDay.prev)} as young_prev,
      case when per.first_at >= ${span.curFrom} then 'cur' when per.first_at >= ${span.prevFrom} then 'prev' end as first_in,
      case when per.first_at >= ${span.prevFrom} then ${monthIn(span, sql`per.first_at`)} end as first_month
    from per join users u on u.id = per.user_id
    where per.n_cur > 0 or per.n_prev > 0`;
}

/**
 * Everyone who took part in either range, once for each range they took part in (`cur`), with what they count as
 * there (`peopleOnce`): `type`, `age_band` and `district` ("none" when not given), `school`, `young`, `park`,
 * `first_time` (the range holds their first session ever) and its month (`first_month`), `returning` (a
 * first-timer who took part twice or more in the range), and `months`.
 */
export function peopleInRanges(span: Span, lastDay: { cur: string; prev: string }): RawBuilder<unknown> {
  const range = (cur: boolean) => {
    const r = sql.raw(cur ? "cur" : "prev");
    const col = (name: string) => sql.ref(`x.${name}_${cur ? "cur" : "prev"}`);
    return sql`
      select x.user_id, ${sql.raw(cur ? "true" : "false")} as cur, x.type, ${col("band")} as age_band, coalesce(x.district_id::text, 'none') as district,
        x.school_id::text as school, ${col("young")} as young, ${col("park")} as park, coalesce(x.first_in = '${r}', false) as first_time,
        coalesce(x.first_in = '${r}' and ${col("n")} >= 2, false) as returning, case when x.first_in = '${r}' then x.first_month end as first_month,
        ${col("months")} as months
      from people x where ${col("n")} > 0`;
  };
  return sql`
    with people as materialized (${peopleOnce(span, lastDay)})
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

/** The columns `peopleCells` groups `peopleOnce` by, in the order of its `grouping()` arguments. */
const PERSON_COLUMNS = ["type", "band_cur", "band_prev", "district_id", "first_in", "first_month", "school_id"] as const;
type PersonColumn = (typeof PERSON_COLUMNS)[number];

/** `grouping(...PERSON_COLUMNS)` of a set grouped by `names`: a bit set for each column not grouped by, the first column the highest. */
const groupedBy = (...names: PersonColumn[]) => names.reduce((mask, n) => mask & ~(1 << (PERSON_COLUMNS.length - 1 - PERSON_COLUMNS.indexOf(n))), (1 << PERSON_COLUMNS.length) - 1);

/**
 * The person breakdowns' groupings: which breakdown a row's key is for, the key, and the ranges (0: the report's,
 * 1: the comparison's) it has cells for. An age band is the band at the end of one range, so each range has its own.
 */
const BREAKDOWN_OF_GROUPING = new Map<number, { id: "type" | "ageBand" | "district"; key: (r: { type: string | null; band_cur: string | null; band_prev: string | null; district_id: number | null }) => string; ranges: readonly (0 | 1)[] }>([
  [groupedBy("type"), { id: "type", key: (r) => r.type!, ranges: [0, 1] }],
  [groupedBy("band_cur"), { id: "ageBand", key: (r) => r.band_cur!, ranges: [0] }],
  [groupedBy("band_prev"), { id: "ageBand", key: (r) => r.band_prev!, ranges: [1] }],
  [groupedBy("district_id"), { id: "district", key: (r) => (r.district_id === null ? "none" : String(r.district_id)), ranges: [0, 1] }],
]);

/**
 * The people figures' cells, from `peopleOnce` added up in the database: per range, and per range and type, age
 * band, district, month of the first session or school (each its own grouping: a breakdown's cells do not count in
 * the total), and the people per month counted from each person's months. A few hundred rows however many people.
 */
export async function peopleCells(db: Executor, span: Span, lastDay: { cur: string; prev: string }): Promise<PeopleCells> {
  type Counts = { n: number; young: number; young_park: number; first: number; returning: number };
  type Row = { g: number; type: string | null; band_cur: string | null; band_prev: string | null; district_id: number | null; first_in: "cur" | "prev" | null; first_month: string | null; school_id: number | null; counts: [Counts, Counts] | null; months: [number[], number[]] | null };
  const months = { cur: monthBuckets(span.curFrom, span.curTo).months, prev: monthBuckets(span.prevFrom, span.curFrom).months };
  const counts = (r: "cur" | "prev") => {
    const c = (name: string) => sql.ref(`x.${name}_${r}`);
    return sql`json_build_object('n', count(*) filter (where ${c("n")} > 0), 'young', count(*) filter (where ${c("n")} > 0 and ${c("young")}),
      'young_park', count(*) filter (where ${c("n")} > 0 and ${c("young")} and ${c("park")}), 'first', count(*) filter (where x.first_in = ${r}),
      'returning', count(*) filter (where x.first_in = ${r} and ${c("n")} >= 2))`;
  };
  // A person counts in a month when its bit is set (bit i: the range's i-th month).
  const perMonth = (r: "cur" | "prev") => sql`json_build_array(${sql.join(months[r].map((_, i) => sql`count(*) filter (where ${sql.ref(`x.months_${r}`)} & ${sql.raw(`${2n ** BigInt(i)}`)}::bigint <> 0)`))})`;
  const cols = sql.join(PERSON_COLUMNS.map((c) => sql.ref(`x.${c}`)));
  const { rows } = await sql<Row>`
    with x as materialized (${peopleOnce(span, lastDay)})
    select grouping(${cols}) as g, ${cols}, json_build_array(${counts("cur")}, ${counts("prev")}) as counts, null::json as months
    from x group by grouping sets ((), (x.type), (x.band_cur), (x.band_prev), (x.district_id), (x.first_in, x.first_month), (x.school_id))
    union all
    select -1, ${sql.join(PERSON_COLUMNS.map(() => sql`null`))}, null, json_build_array(${perMonth("cur")}, ${perMonth("prev")}) from x`.execute(db);
  const out: PeopleCells = { participants: [], firstTime: [], returning: [], young: [], students: [], youngInParks: [], perMonth: [] };
  const add = (cells: Cell[], cell: Cell) => {
    if (cell.value > 0) cells.push(cell);
  };
  const parse = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  for (const r of rows) {
    if (r.g === -1) {
      const [cur, prev] = parse(r.months!);
      for (const [isCur, values, names] of [[true, cur, months.cur], [false, prev, months.prev]] as const) {
        values.forEach((value, i) => add(out.perMonth, { cur: isCur, month: names[i], value }));
      }
      continue;
    }
    const both = parse(r.counts!);
    const ranges = [[true, both[0]], [false, both[1]]] as const;
    if (r.g === groupedBy()) {
      for (const [cur, c] of ranges) {
        add(out.participants, { cur, value: c.n });
        add(out.young, { cur, value: c.young });
        add(out.youngInParks, { cur, value: c.young_park });
      }
    } else if (r.g === groupedBy("first_in", "first_month")) {
      if (r.first_in === null || r.first_month === null) continue;
      const cur = r.first_in === "cur";
      const c = both[cur ? 0 : 1];
      add(out.firstTime, { cur, month: r.first_month, value: c.first });
      add(out.returning, { cur, month: r.first_month, value: c.returning });
    } else if (r.g === groupedBy("school_id")) {
      if (r.school_id === null) continue;
      for (const [cur, c] of ranges) add(out.students, { cur, value: c.n, keys: { school: String(r.school_id) } });
    } else {
      const breakdown = BREAKDOWN_OF_GROUPING.get(r.g);
      if (!breakdown) continue;
      const key = breakdown.key(r);
      for (const i of breakdown.ranges) {
        const [cur, c] = ranges[i];
        const keys = { [breakdown.id]: key };
        add(out.participants, { cur, value: c.n, keys, inTotal: false });
        add(out.young, { cur, value: c.young, keys, inTotal: false });
        add(out.firstTime, { cur, value: c.first, keys, inTotal: false });
        add(out.returning, { cur, value: c.returning, keys, inTotal: false });
      }
    }
  }
  return out;
}

/**
 * Students' confirmed hours: the minutes a group confirmed for an attendance (the hours rule of
 * app/modules/attendance/hours.server.ts `confirmedHours`) of people whose profile names their school, by the
 * session's month and the school. Everyone's hours per posting come from the counters (activity.server.ts
 * `sessionFigures`); these follow the school a person's profile names now, so they are read here. The condition is
 * the predicate of the partial index `attendance_hours_idx` (migration 0027) word for word: the rows are read from it.
 */
export async function studentMinutes(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select a.shift_starts_at >= ${span.curFrom} as cur, ${monthNumberIn(span, sql`a.shift_starts_at`)} as m, u.school_organisation_id as school_id, a.confirmed_minutes as minutes
    from attendance a
    join users u on u.id = a.user_id
    where a.confirmed_minutes is not null and a.status <> 'absent' and a.user_id is not null and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
      and u.school_organisation_id is not null
      and a.shift_starts_at >= ${span.prevFrom} and a.shift_starts_at < ${span.curTo}`;
  return groupedByPosting(db, span, inner, ["minutes"], ["school", "schoolMonth"]);
}
