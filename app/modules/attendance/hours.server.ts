import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { schoolYearOf } from "~/modules/safeguarding/retention.rules";

export interface HoursEntry {
  attendanceId: number;
  startsAt: Date;
  endsAt: Date;
  title: string;
  organisationId: number;
  organisationName: string;
  categoryJa: string;
  categoryEn: string;
  minutes: number;
  autoClosed: boolean;
  schoolYear: number;
}

/**
 * A person's counted hours: only entries the group confirmed (locked minutes), never absences, and a walk-in
 * linked to the account only once its owner confirmed it. The one query behind the hours page, certificates
 * and the school's export.
 */
export async function confirmedHours(db: Executor, userIds: number[], range: { from?: Date; to?: Date } = {}): Promise<(HoursEntry & { userId: number })[]> {
  if (userIds.length === 0) return [];
  let query = db
    .selectFrom("attendance")
    .innerJoin("shifts", "shifts.id", "attendance.shift_id")
    .innerJoin("postings", "postings.id", "shifts.posting_id")
    .innerJoin("organisations", "organisations.id", "postings.organisation_id")
    .innerJoin("categories", "categories.id", "postings.category_id")
    .select([
      "attendance.id as attendanceId",
      "attendance.user_id as userId",
      "shifts.starts_at as startsAt",
      "shifts.ends_at as endsAt",
      "postings.title",
      "organisations.id as organisationId",
      "organisations.name as organisationName",
      "categories.name_ja as categoryJa",
      "categories.name_en as categoryEn",
      "attendance.confirmed_minutes as minutes",
      "attendance.auto_closed as autoClosed",
    ])
    .where("attendance.user_id", "in", userIds)
    .where("attendance.confirmed_minutes", "is not", null)
    .where("attendance.status", "!=", "absent")
    .where((eb) => eb.or([eb("attendance.source", "!=", "walk_in"), eb("attendance.walk_in_confirmed_at", "is not", null)]));
  if (range.from) query = query.where("shifts.starts_at", ">=", range.from);
  if (range.to) query = query.where("shifts.starts_at", "<", range.to);
  const rows = await query.orderBy("shifts.starts_at").orderBy("attendance.id").execute();
  return rows.map((r) => ({ ...r, userId: r.userId!, minutes: r.minutes ?? 0, schoolYear: schoolYearOf(r.startsAt) }));
}

/** Sessions this person attended that the group has not confirmed yet (shown as "waiting", never counted). */
export async function unconfirmedCount(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom("attendance")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("confirmed_minutes", "is", null)
    .where("status", "!=", "absent")
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface HoursSummary {
  totalMinutes: number;
  byYear: { schoolYear: number; minutes: number }[];
  byCategory: { ja: string; en: string; minutes: number }[];
  byGroup: { organisationId: number; name: string; minutes: number }[];
}

export function summariseHours(entries: HoursEntry[]): HoursSummary {
  const add = <K, V extends { minutes: number }>(map: Map<K, V>, key: K, make: () => V, minutes: number) => {
    const v = map.get(key) ?? make();
    v.minutes += minutes;
    map.set(key, v);
  };
  const years = new Map<number, { schoolYear: number; minutes: number }>();
  const categories = new Map<string, { ja: string; en: string; minutes: number }>();
  const groups = new Map<number, { organisationId: number; name: string; minutes: number }>();
  for (const e of entries) {
    add(years, e.schoolYear, () => ({ schoolYear: e.schoolYear, minutes: 0 }), e.minutes);
    add(categories, e.categoryJa, () => ({ ja: e.categoryJa, en: e.categoryEn, minutes: 0 }), e.minutes);
    add(groups, e.organisationId, () => ({ organisationId: e.organisationId, name: e.organisationName, minutes: 0 }), e.minutes);
  }
  const byMinutes = (a: { minutes: number }, b: { minutes: number }) => b.minutes - a.minutes;
  return {
    totalMinutes: entries.reduce((s, e) => s + e.minutes, 0),
    byYear: [...years.values()].sort((a, b) => b.schoolYear - a.schoolYear),
    byCategory: [...categories.values()].sort(byMinutes),
    byGroup: [...groups.values()].sort(byMinutes),
  };
}
