import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { schoolGradeOn } from "../safeguarding/minors.rules";
import { applicantForOrganisation, consentShownOnActivity, schoolYearKey } from "./applications.rules";
import { postingShifts } from "../postings/session-details.server";

/** Confirmed counts per shift, to refuse lowering a capacity below the people already confirmed. */
export async function confirmedCounts(db: Executor, shiftIds: number[]): Promise<Map<number, number>> {
  if (shiftIds.length === 0) return new Map();
  const rows = await db.selectFrom("shifts").select(["id", "confirmed_count"]).where("id", "in", shiftIds).execute();
  return new Map(rows.map((r) => [r.id, r.confirmed_count]));
}

/** The person's applications to one posting's shifts (for the posting page). */
export async function myApplicationsForPosting(db: Executor, userId: number, postingId: number) {
  return db
    .selectFrom("applications")
    .select(["id", "shift_id", "status"])
    .where("user_id", "=", userId)
    .where("posting_id", "=", postingId)
    .execute();
}

export type ActivityGroup = "upcoming" | "waiting" | "past";

/**
 * My activities: every application with its shift, posting, organisation, thread and waiting-list place, and for
 * a minor each step towards confirmation (the guardian's consent, the school's approval, the held place).
 */
export async function myActivities(db: Executor, userId: number, now = new Date()) {
  const rows = await db
    .selectFrom("applications as a")
    .leftJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .leftJoin("organisations as school", "school.id", "a.school_organisation_id")
    .select([
      "a.id",
      "a.status",
      "a.decision_reason",
      "a.created_at",
      "a.shift_id",
      sql<Date>`coalesce(s.starts_at, a.shift_starts_at)`.as("starts_at"),
      sql<Date>`coalesce(s.ends_at, a.shift_ends_at)`.as("ends_at"),
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.meeting_point",
      "p.application_mode",
      "o.name as organisation_name",
      "t.id as thread_id",
      "a.minor",
      "a.guardian_consent_required",
      "a.held_until",
      "a.waitlisted_at",
      "a.school_approval",
      "school.name as school_name",
      "g.status as consent_status",
      "g.guardian_name",
      "g.expires_at as consent_expires_at",
      "g.answered_at as consent_answered_at",
      "g.covered_by_consent_id",
      sql<number | null>`case when a.status = 'waitlisted' then (
        select count(*)::int from applications w where w.shift_id = a.shift_id and w.status = 'waitlisted'
          and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id)) end`.as("waitlist_position"),
    ])
    .where("a.user_id", "=", userId)
    .orderBy(sql`coalesce(s.starts_at, a.shift_starts_at)`)
    .execute();
  const groups: Record<ActivityGroup, (typeof rows)[number][]> = { upcoming: [], waiting: [], past: [] };
  for (const row of rows) {
    // The meeting point is for a confirmed place only.
    const r = { ...row, consent_status: consentShownOnActivity(row.status, row.consent_status), meeting_point: row.status === "confirmed" ? row.meeting_point.trim() : "" };
    const future = new Date(r.ends_at).getTime() > now.getTime();
    if (future && r.status === "confirmed") groups.upcoming.push(r);
    else if (future && (r.status === "pending" || r.status === "waitlisted" || r.status === "pending_consent")) groups.waiting.push(r);
    else groups.past.push(r);
  }
  groups.past.reverse();
  return groups;
}

/**
 * A posting's shifts with their applicants, for the organisation: only what it may see of each person
 * (applicantForOrganisation), and the ids of the minors whose data the list shows, for the audit log.
 */
export async function postingApplicants(db: Executor, organisationId: number, postingId: number) {
  const posting = await db
    .selectFrom("postings")
    .select(["id", "title", "status", "application_mode", "organisation_id", "welcomes_minors", "safeguarding_status"])
    .where("id", "=", postingId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!posting) return null;
  const shifts = await postingShifts(db, postingId);
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .leftJoin("districts as d", "d.id", "u.district_id")
    .leftJoin("organisations as school", "school.id", "u.school_organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .select([
      "a.id",
      "a.shift_id",
      "a.status",
      "a.message",
      "a.decision_reason",
      "a.created_at",
      "a.waitlisted_at",
      "a.shift_starts_at",
      "a.minor",
      "a.held_until",
      "a.school_approval",
      "a.guardian_consent_required",
      "u.display_name",
      "u.name_kana",
      "u.volunteer_type",
      "u.birth_date",
      sql<string>`coalesce(school.name, u.school_name)`.as("school_name"),
      "u.skills",
      "u.deleted_at",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
      "t.id as thread_id",
      "g.status as consent_status",
      "g.guardian_name",
      "g.guardian_relationship",
      "g.guardian_email",
      "g.emergency_phone",
    ])
    .where("a.posting_id", "=", postingId)
    .orderBy("a.shift_id")
    .orderBy(sql`case a.status when 'pending' then 0 when 'pending_consent' then 1 when 'confirmed' then 2 when 'waitlisted' then 3 else 4 end`)
    .orderBy(sql`coalesce(a.waitlisted_at, a.created_at)`)
    .orderBy("a.id")
    .execute();
  const applicants = rows.map((r) => {
    const view = applicantForOrganisation({
      status: r.status,
      minor: r.minor,
      deleted: Boolean(r.deleted_at),
      displayName: r.display_name,
      nameKana: r.name_kana,
      volunteerType: r.volunteer_type,
      schoolName: r.school_name ?? "",
      schoolYear: r.minor ? schoolYearKey(schoolGradeOn(r.birth_date, new Date(r.shift_starts_at))) : null,
      districtJa: r.district_ja,
      districtEn: r.district_en,
      skills: r.skills,
      message: r.message,
      guardian:
        r.consent_status === "given"
          ? { name: r.guardian_name ?? "", relationship: r.guardian_relationship ?? "", phone: r.emergency_phone ?? "", email: r.guardian_email ?? "" }
          : null,
    });
    return {
      id: r.id,
      shift_id: r.shift_id,
      status: r.status,
      decision_reason: r.decision_reason,
      created_at: r.created_at,
      waitlisted_at: r.waitlisted_at,
      thread_id: r.thread_id,
      minor: r.minor,
      held_until: r.held_until,
      consent: r.minor ? { required: r.guardian_consent_required, status: r.consent_status, school: r.school_approval } : null,
      ...view,
    };
  });
  return {
    posting,
    shifts: shifts.map((s) => ({
      ...s,
      held: applicants.filter((a) => a.shift_id === s.id && a.held_until !== null).length,
      applicants: applicants.filter((a) => a.shift_id === s.id),
    })),
  };
}

/**
 * The applicants list (or roster) as an organisation's member sees it, written to the audit log as a view (or
 * export) of minors' data whenever it shows any minor — who, what, when, from where.
 */
export async function viewApplicants(
  db: Executor,
  input: { organisationId: number; postingId: number; shiftId?: number | null; actorUserId: number; ip: string; purpose: "applicants" | "roster.csv" },
) {
  const result = await postingApplicants(db, input.organisationId, input.postingId);
  if (!result) return null;
  const shifts = input.shiftId ? result.shifts.filter((s) => s.id === input.shiftId) : result.shifts;
  const minors = shifts.flatMap((s) => s.applicants.filter((a) => a.minor).map((a) => a.id));
  if (minors.length)
    await audit(db, {
      actorUserId: input.actorUserId,
      action: input.purpose === "roster.csv" ? "minor.data.exported" : "minor.data.viewed",
      subjectType: "posting",
      subjectId: input.postingId,
      ip: input.ip,
      details: { view: input.purpose, organisationId: input.organisationId, shiftId: input.shiftId ?? null, applicationIds: minors },
    });
  return { posting: result.posting, shifts };
}

/** An organisation's shifts still to come that need attention, with their counts (for its dashboard). */
export async function organisationShiftLoads(db: Executor, organisationId: number, now = new Date(), days = 14) {
  const rows = await db
    .selectFrom("shifts as s")
    .innerJoin("postings as p", "p.id", "s.posting_id")
    .select([
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.capacity",
      "s.confirmed_count",
      "p.id as posting_id",
      "p.title",
      (eb) =>
        eb
          .selectFrom("applications as a")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("a.shift_id", "=", "s.id")
          .where("a.status", "=", "pending")
          .as("pending"),
    ])
    .where("p.organisation_id", "=", organisationId)
    .where("p.status", "=", "published")
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<", new Date(now.getTime() + days * 86400_000))
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0) }));
}
