import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { tokyoDateString, tokyoInstant } from "~/utils/format";
import type { ActivityInput } from "./parks.schema";
import { fiscalYearRange, type LoggedActivity, type SiteSession } from "./report.rules";

/**
 * The association's activity log, and the sessions it ran on the site at the park (postings of the association
 * whose place is the park), which count without being typed in: the people are those the group recorded present.
 */
export async function recordActivity(db: DB, parkId: number, input: ActivityInput, actor: { userId: number; ip: string }): Promise<{ id: number }> {
  return db.transaction().execute(async (trx) => {
    if (input.submissionKey) {
      const existing = await trx.selectFrom("park_activities").select("id").where("submission_key", "=", input.submissionKey).where("park_id", "=", parkId).executeTakeFirst();
      if (existing) return existing;
    }
    const row = await trx
      .insertInto("park_activities")
      .values({ park_id: parkId, activity_date: input.date, kind: input.kind, people: input.people, via_site: input.viaSite, minutes: input.minutes, note: input.note, recorded_by: actor.userId, submission_key: input.submissionKey ?? null })
      .onConflict((oc) => oc.column("submission_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) {
      // The same form sent twice at once: the first copy committed.
      const first = await trx.selectFrom("park_activities").select("id").where("submission_key", "=", input.submissionKey!).where("park_id", "=", parkId).executeTakeFirst();
      if (!first) throw new Error("submission key used at another park");
      return first;
    }
    await audit(trx, { actorUserId: actor.userId, action: "parks.activity.recorded", subjectType: "park", subjectId: parkId, ip: actor.ip, details: { activityId: row.id } });
    return row;
  });
}

/** Removes an activity typed in by mistake (only the park's own). */
export async function deleteActivity(db: Executor, parkId: number, activityId: number): Promise<boolean> {
  const result = await db.deleteFrom("park_activities").where("id", "=", activityId).where("park_id", "=", parkId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function loggedActivities(db: Executor, parkId: number, range?: { from: string; to: string }): Promise<(LoggedActivity & { id: number })[]> {
  let query = db.selectFrom("park_activities").select(["id", "activity_date", "kind", "people", "via_site", "minutes", "note"]).where("park_id", "=", parkId);
  if (range) query = query.where("activity_date", ">=", range.from).where("activity_date", "<=", range.to);
  const rows = await query.orderBy("activity_date", "desc").orderBy("id", "desc").execute();
  return rows.map((r) => ({ id: r.id, date: String(r.activity_date), kind: r.kind, people: r.people, viaSite: r.via_site, minutes: r.minutes, note: r.note }));
}

/** The park's association's sessions on the site with people recorded present (or late). */
export async function siteSessions(db: Executor, parkId: number, range?: { from: string; to: string }): Promise<SiteSession[]> {
  let query = db
    .selectFrom("park_associations as a")
    .innerJoin("parks", "parks.id", "a.park_id")
    .innerJoin("postings", (j) => j.onRef("postings.organisation_id", "=", "a.organisation_id").onRef("postings.place_id", "=", "parks.place_id"))
    .innerJoin("shifts", "shifts.posting_id", "postings.id")
    .innerJoin("attendance", "attendance.shift_id", "shifts.id")
    .select(["shifts.id", "shifts.starts_at", "shifts.ends_at", "postings.title", sql<number>`count(attendance.id)::int`.as("people")])
    .where("a.park_id", "=", parkId)
    .where("attendance.status", "in", ["present", "late"]);
  if (range) query = query.where("shifts.starts_at", ">=", tokyoInstant(range.from, "00:00")).where("shifts.starts_at", "<", new Date(tokyoInstant(range.to, "00:00").getTime() + 86_400_000));
  const rows = await query.groupBy(["shifts.id", "shifts.starts_at", "shifts.ends_at", "postings.title"]).orderBy("shifts.starts_at", "desc").execute();
  return rows.map((r) => ({
    date: tokyoDateString(new Date(r.starts_at)),
    title: r.title,
    people: r.people,
    minutes: Math.max(1, Math.round((new Date(r.ends_at).getTime() - new Date(r.starts_at).getTime()) / 60_000)),
  }));
}

/** The log and the site's sessions of one 年度, for the report. */
export async function yearActivities(db: Executor, parkId: number, year: number) {
  const range = fiscalYearRange(year);
  const [log, site] = await Promise.all([loggedActivities(db, parkId, range), siteSessions(db, parkId, range)]);
  return { log: log.reverse(), site: site.reverse(), range };
}

/** Who counts as a young person here: a high-school or university student, or under 30 on the session's date. */
const YOUNG_AGE = 30;

/**
 * Young people the association's park sessions brought: how many came, came back (two or more sessions) and
 * became members of the association.
 */
export async function youthOutcomes(db: Executor, parkId: number): Promise<{ came: number; cameBack: number; becameMembers: number }> {
  const rows = await db
    .selectFrom("park_associations as a")
    .innerJoin("parks", "parks.id", "a.park_id")
    .innerJoin("postings", (j) => j.onRef("postings.organisation_id", "=", "a.organisation_id").onRef("postings.place_id", "=", "parks.place_id"))
    .innerJoin("shifts", "shifts.posting_id", "postings.id")
    .innerJoin("attendance", "attendance.shift_id", "shifts.id")
    .innerJoin("users", "users.id", "attendance.user_id")
    .leftJoin("memberships", (j) => j.onRef("memberships.organisation_id", "=", "a.organisation_id").onRef("memberships.user_id", "=", "users.id"))
    .select(["users.id", sql<number>`count(distinct shifts.id)::int`.as("sessions"), sql<boolean>`bool_or(memberships.user_id is not null)`.as("member")])
    .where("a.park_id", "=", parkId)
    .where("attendance.status", "in", ["present", "late"])
    .where((eb) =>
      eb.or([
        eb("users.volunteer_type", "in", ["high_school", "university"]),
        eb.and([eb("users.birth_date", "is not", null), sql<boolean>`users.birth_date > (shifts.starts_at at time zone 'Asia/Tokyo')::date - make_interval(years => ${YOUNG_AGE})`]),
      ]),
    )
    .groupBy("users.id")
    .execute();
  return { came: rows.length, cameBack: rows.filter((r) => r.sessions >= 2).length, becameMembers: rows.filter((r) => r.member).length };
}
