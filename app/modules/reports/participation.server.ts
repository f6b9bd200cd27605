import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { ageOn, tokyoMonthOf } from "./fiscal-year.rules";
import { ageBandOf, isYoung, type Cell } from "./report.rules";

/**
 * Participation: who took part. A person took part in a session when their attendance there was recorded as
 * present or late (app/modules/attendance), a walk-in only once its owner confirmed it (as the hours rule does),
 * and never through a withdrawn, cancelled or declined application. Only people with an account are counted:
 * an unconfirmed walk-in has no profile to count by.
 */

/** The instants of the report (cur) and of the comparison range just before it (prev): [prevFrom, curFrom, curTo). */
export interface Span {
  prevFrom: Date;
  curFrom: Date;
  curTo: Date;
}

/** The one condition on an attendance row (alias a, its application ap) that makes it participation. */
export const TOOK_PART = sql`a.status in ('present', 'late') and a.user_id is not null
  and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
  and (ap.id is null or ap.status not in ('withdrawn', 'cancelled', 'declined'))`;

export interface PersonRow {
  userId: number;
  firstAt: Date;
  /** Sessions taken part in during the report's range and the comparison range. */
  nCur: number;
  nPrev: number;
  volunteerType: string | null;
  birthDate: string | null;
  districtId: number | null;
  schoolId: number | null;
}

/** Everyone who took part in either range, with their first session ever and their profile. */
export async function peopleWhoTookPart(db: Executor, span: Span): Promise<PersonRow[]> {
  const { rows } = await sql<{ user_id: number; first_at: Date; n_cur: number; n_prev: number; volunteer_type: string | null; birth_date: string | null; district_id: number | null; school_organisation_id: number | null }>`
    with per as (
      select a.user_id, min(s.starts_at) as first_at,
        count(*) filter (where s.starts_at >= ${span.curFrom})::int as n_cur,
        count(*) filter (where s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curFrom})::int as n_prev
      from attendance a
      join shifts s on s.id = a.shift_id
      left join applications ap on ap.id = a.application_id
      where ${TOOK_PART} and s.starts_at < ${span.curTo}
      group by a.user_id
    )
    select per.*, u.volunteer_type, u.birth_date::text as birth_date, u.district_id, u.school_organisation_id
    from per join users u on u.id = per.user_id
    where per.n_cur > 0 or per.n_prev > 0`.execute(db);
  return rows.map((r) => ({
    userId: r.user_id,
    firstAt: new Date(r.first_at),
    nCur: r.n_cur,
    nPrev: r.n_prev,
    volunteerType: r.volunteer_type,
    birthDate: r.birth_date,
    districtId: r.district_id,
    schoolId: r.school_organisation_id,
  }));
}

export interface PeopleCells {
  participants: Cell[];
  firstTime: Cell[];
  returning: Cell[];
  young: Cell[];
  students: Cell[];
}

/**
 * The people figures' cells. Type, age band (on the last day of the range) and district are the account's;
 * "first time" is the range of the person's first session ever (so a person is new once); "returning" is a
 * first-timer who took part twice or more in that range; "young" follows `isYoung`; students are participants
 * whose profile names their school.
 */
export interface PersonInRange {
  keys: { type: string; ageBand: string; district: string };
  young: boolean;
  school: string | null;
  firstTime: boolean;
  returning: boolean;
  /** The Tokyo month of the first session, when it is in the range. */
  firstMonth?: string;
}

/** What a person who took part counts as in one of the two ranges, or null if they did not take part in it. */
export function classifyPerson(p: PersonRow, cur: boolean, span: Span, lastDay: { cur: string; prev: string }): PersonInRange | null {
  const n = cur ? p.nCur : p.nPrev;
  if (n === 0) return null;
  const age = ageOn(p.birthDate, cur ? lastDay.cur : lastDay.prev);
  const firstTime = cur ? p.firstAt >= span.curFrom : p.firstAt >= span.prevFrom && p.firstAt < span.curFrom;
  return {
    keys: { type: p.volunteerType ?? "none", ageBand: ageBandOf(age), district: p.districtId === null ? "none" : String(p.districtId) },
    young: isYoung(p.volunteerType, age),
    school: p.schoolId === null ? null : String(p.schoolId),
    firstTime,
    returning: firstTime && n >= 2,
    ...(firstTime ? { firstMonth: tokyoMonthOf(p.firstAt) } : {}),
  };
}

export function peopleCells(people: readonly PersonRow[], span: Span, lastDay: { cur: string; prev: string }): PeopleCells {
  const out: PeopleCells = { participants: [], firstTime: [], returning: [], young: [], students: [] };
  for (const p of people) {
    for (const cur of [true, false]) {
      const c = classifyPerson(p, cur, span, lastDay);
      if (!c) continue;
      const { keys } = c;
      out.participants.push({ cur, value: 1, keys });
      if (c.young) out.young.push({ cur, value: 1, keys });
      if (c.school !== null) out.students.push({ cur, value: 1, keys: { ...keys, school: c.school } });
      if (c.firstTime) out.firstTime.push({ cur, month: c.firstMonth, value: 1, keys });
      if (c.returning) out.returning.push({ cur, month: c.firstMonth, value: 1, keys });
    }
  }
  return out;
}

/** Distinct people who took part, per Tokyo month (a person counts once in each month they came). */
export async function participantsPerMonth(db: Executor, span: Span): Promise<Cell[]> {
  const { rows } = await sql<{ cur: boolean; month: string; n: number }>`
    select s.starts_at >= ${span.curFrom} as cur, to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, count(distinct a.user_id)::int as n
    from attendance a
    join shifts s on s.id = a.shift_id
    left join applications ap on ap.id = a.application_id
    where ${TOOK_PART} and s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1, 2`.execute(db);
  return rows.map((r) => ({ cur: r.cur, month: r.month, value: r.n }));
}

/**
 * Confirmed hours: the minutes a group confirmed for an attendance (the hours rule of
 * app/modules/attendance/hours.server.ts `confirmedHours`, summed for everyone), by the session's month, the
 * posting's category, district and group, and the person's school.
 */
export async function confirmedMinutes(db: Executor, span: Span): Promise<Cell[]> {
  const { rows } = await sql<{ cur: boolean; month: string; category_id: number; district_id: number | null; kind: string; organisation_id: number; school_id: number | null; minutes: number }>`
    select s.starts_at >= ${span.curFrom} as cur, to_char(s.starts_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month,
      p.category_id, p.district_id, o.kind, o.id as organisation_id, u.school_organisation_id as school_id,
      sum(a.confirmed_minutes)::int as minutes
    from attendance a
    join shifts s on s.id = a.shift_id
    join postings p on p.id = s.posting_id
    join organisations o on o.id = p.organisation_id
    join users u on u.id = a.user_id
    where a.confirmed_minutes is not null and a.status <> 'absent'
      and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
      and s.starts_at >= ${span.prevFrom} and s.starts_at < ${span.curTo}
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
  return rows.map((r) => ({
    cur: r.cur,
    month: r.month,
    value: r.minutes,
    keys: {
      category: String(r.category_id),
      district: r.district_id === null ? "none" : String(r.district_id),
      organisationKind: r.kind,
      organisation: String(r.organisation_id),
      school: r.school_id === null ? "none" : String(r.school_id),
    },
  }));
}
