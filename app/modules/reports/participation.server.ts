import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { ageOn, tokyoMonthOf } from "./fiscal-year.rules";
import { ageBandOf, isYoung, type Cell, type Span } from "./report.rules";
import { groupedByPosting, type GroupedRow } from "./grouping.server";

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

export interface PersonRow {
  userId: number;
  firstAt: Date;
  /** Sessions taken part in during the report's range and the comparison range. */
  nCur: number;
  nPrev: number;
  /** Whether they took part in a session held at a park, in each range. */
  parkCur: boolean;
  parkPrev: boolean;
  volunteerType: string | null;
  birthDate: string | null;
  districtId: number | null;
  schoolId: number | null;
}

export interface TookPart {
  people: PersonRow[];
  /** Distinct people who took part, per Tokyo month (a person counts once in each month they came). */
  perMonth: Cell[];
}

/**
 * Everyone who took part in either range, with their first session ever and their profile, and the people
 * per month: one pass over the attendance.
 */
export async function peopleWhoTookPart(db: Executor, span: Span): Promise<TookPart> {
  const { rows } = await sql<{
    month: string | null;
    cur: boolean | null;
    n: number | null;
    user_id: number;
    first_at: Date;
    n_cur: number;
    n_prev: number;
    park_cur: boolean;
    park_prev: boolean;
    volunteer_type: string | null;
    birth_date: string | null;
    district_id: number | null;
    school_organisation_id: number | null;
  }>`
    with att as materialized (
      select a.user_id, s.starts_at, s.posting_id in (select p.id from postings p join places pl on pl.id = p.place_id where pl.kind = 'park') as park
      from attendance a
      join shifts s on s.id = a.shift_id
      where ${TOOK_PART} and s.starts_at < ${span.curTo}
    ), per as (
      select user_id, min(starts_at) as first_at,
        count(*) filter (where starts_at >= ${span.curFrom})::int as n_cur,
        count(*) filter (where starts_at >= ${span.prevFrom} and starts_at < ${span.curFrom})::int as n_prev,
        coalesce(bool_or(park) filter (where starts_at >= ${span.curFrom}), false) as park_cur,
        coalesce(bool_or(park) filter (where starts_at >= ${span.prevFrom} and starts_at < ${span.curFrom}), false) as park_prev
      from att group by user_id
    ), months as (
      -- distinct (period, month, person) by hashing, then counted: count(distinct …) would sort every row
      select cur, m, count(*)::int as n
      from (select distinct starts_at >= ${span.curFrom} as cur, date_trunc('month', starts_at at time zone 'Asia/Tokyo') as m, user_id
        from att where starts_at >= ${span.prevFrom}) d
      group by 1, 2
    )
    select null as month, null::boolean as cur, null::int as n, per.*, u.volunteer_type, u.birth_date::text as birth_date, u.district_id, u.school_organisation_id
    from per join users u on u.id = per.user_id
    where per.n_cur > 0 or per.n_prev > 0
    union all
    select to_char(m, 'YYYY-MM'), cur, n, null, null, null, null, null, null, null, null, null, null from months`.execute(db);
  const people: PersonRow[] = [];
  const perMonth: Cell[] = [];
  for (const r of rows) {
    if (r.month !== null) {
      perMonth.push({ cur: r.cur!, month: r.month, value: r.n! });
      continue;
    }
    people.push({
      userId: r.user_id,
      firstAt: new Date(r.first_at),
      nCur: r.n_cur,
      nPrev: r.n_prev,
      parkCur: r.park_cur,
      parkPrev: r.park_prev,
      volunteerType: r.volunteer_type,
      birthDate: r.birth_date,
      districtId: r.district_id,
      schoolId: r.school_organisation_id,
    });
  }
  return { people, perMonth };
}

export interface PeopleCells {
  participants: Cell[];
  firstTime: Cell[];
  returning: Cell[];
  young: Cell[];
  students: Cell[];
  youngInParks: Cell[];
}

export interface PersonInRange {
  keys: { type: string; ageBand: string; district: string };
  young: boolean;
  /** Took part in a session held at a park in the range. */
  park: boolean;
  school: string | null;
  firstTime: boolean;
  returning: boolean;
  /** The Tokyo month of the first session, when it is in the range. */
  firstMonth?: string;
}

/**
 * What a person who took part counts as in one of the two ranges, or null if they did not take part in it.
 * Type, age band (on the last day of the range) and district are the account's; "first time" is the range of
 * the person's first session ever (so a person is new once); "returning" is a first-timer who took part twice
 * or more in that range; "young" follows `isYoung`; a student is a participant whose profile names their school.
 */
export function classifyPerson(p: PersonRow, cur: boolean, span: Span, lastDay: { cur: string; prev: string }): PersonInRange | null {
  const n = cur ? p.nCur : p.nPrev;
  if (n === 0) return null;
  const age = ageOn(p.birthDate, cur ? lastDay.cur : lastDay.prev);
  const firstTime = cur ? p.firstAt >= span.curFrom : p.firstAt >= span.prevFrom && p.firstAt < span.curFrom;
  return {
    keys: { type: p.volunteerType ?? "none", ageBand: ageBandOf(age), district: p.districtId === null ? "none" : String(p.districtId) },
    young: isYoung(p.volunteerType, age),
    park: cur ? p.parkCur : p.parkPrev,
    school: p.schoolId === null ? null : String(p.schoolId),
    firstTime,
    returning: firstTime && n >= 2,
    ...(firstTime ? { firstMonth: tokyoMonthOf(p.firstAt) } : {}),
  };
}

/**
 * Cells that add up people with the same period, month and keys into one (a cell's value is a count), so a
 * figure is rolled up from a few hundred cells rather than one per person.
 */
class Tally {
  private readonly byKey = new Map<string, Cell>();
  /** `id` names the period, month and keys (`tallyId`): made once per person and range, not once per figure. */
  add(id: string, cur: boolean, month: string | undefined, keys: Record<string, string>): void {
    const cell = this.byKey.get(id);
    if (cell) cell.value += 1;
    else this.byKey.set(id, month === undefined ? { cur, value: 1, keys } : { cur, month, value: 1, keys });
  }
  cells(): Cell[] {
    return [...this.byKey.values()];
  }
}

/** The people figures' cells. */
export function peopleCells(people: readonly PersonRow[], span: Span, lastDay: { cur: string; prev: string }): PeopleCells {
  const t = { participants: new Tally(), firstTime: new Tally(), returning: new Tally(), young: new Tally(), students: new Tally(), youngInParks: new Tally() };
  for (const p of people) {
    for (const cur of [true, false]) {
      const c = classifyPerson(p, cur, span, lastDay);
      if (!c) continue;
      const { keys } = c;
      const id = `${cur ? 1 : 0}|${keys.type}|${keys.ageBand}|${keys.district}`;
      t.participants.add(id, cur, undefined, keys);
      if (c.young) t.young.add(id, cur, undefined, keys);
      if (c.young && c.park) t.youngInParks.add(id, cur, undefined, keys);
      if (c.school !== null) t.students.add(`${id}|${c.school}`, cur, undefined, { ...keys, school: c.school });
      if (c.firstTime) {
        const firstId = `${id}|${c.firstMonth}`;
        t.firstTime.add(firstId, cur, c.firstMonth, keys);
        if (c.returning) t.returning.add(firstId, cur, c.firstMonth, keys);
      }
    }
  }
  return {
    participants: t.participants.cells(),
    firstTime: t.firstTime.cells(),
    returning: t.returning.cells(),
    young: t.young.cells(),
    students: t.students.cells(),
    youngInParks: t.youngInParks.cells(),
  };
}

/**
 * Students' confirmed hours: the minutes a group confirmed for an attendance (the hours rule of
 * app/modules/attendance/hours.server.ts `confirmedHours`) of people whose profile names their school, by the
 * session's month and the school. Everyone's hours per posting come from the counters (activity.server.ts
 * `sessionMinutes`); these follow the school a person's profile names now, so they are read here.
 */
export async function studentMinutes(db: Executor, span: Span): Promise<GroupedRow[]> {
  const inner = sql`
    select s.posting_id, s.starts_at >= ${span.curFrom} as cur, date_trunc('month', s.starts_at at time zone 'Asia/Tokyo') as m,
      u.school_organisation_id as school_id, sum(a.confirmed_minutes) as minutes
    from attendance a
    join shifts s on s.id = a.shift_id
    join users u on u.id = a.user_id
    where a.confirmed_minutes is not null and a.status <> 'absent'
      and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
      and u.school_organisation_id is not null
      and s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1, 2, 3, 4`;
  return groupedByPosting(db, inner, ["minutes"], ["school", "schoolMonth"]);
}
