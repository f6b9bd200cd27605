import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { applyToShifts, type ApplyResult, type Context } from "../applications/applications.server";
import { schoolGradeOn } from "../safeguarding/minors.rules";
import { eligibilityForShifts } from "../safeguarding/minors.server";
import { getSafeguardingSettings, getSchoolSettings } from "../safeguarding/settings.server";
import { JOIN_CODE_DAYS, joinCodeFromBytes } from "./schools.rules";
import { postingsWithOrganisation } from "../postings/session-details.server";

/**
 * Schools and their students: coordinators (members of a high-school organisation) hand out join codes; a student
 * who joins is affiliated once a coordinator approves. Coordinators then see their students' applications and
 * activities (never their messages, unless a thread involving a minor lists them as readers by the school's
 * setting), approve or decline participation where the school requires it, and sign a group up to a shift.
 */

interface Actor {
  userId: number;
  ip: string;
}

export async function createJoinCode(db: Executor, schoolId: number, actor: Actor, now = new Date()): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = joinCodeFromBytes(randomBytes(8));
    const row = await db
      .insertInto("school_join_codes")
      .values({ organisation_id: schoolId, code, created_by: actor.userId, created_at: now, expires_at: new Date(now.getTime() + JOIN_CODE_DAYS * 86400_000) })
      .onConflict((oc) => oc.column("code").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await audit(db, { actorUserId: actor.userId, action: "school.join_code.created", subjectType: "organisation", subjectId: schoolId, ip: actor.ip, details: { codeId: row.id } });
      return code;
    }
  }
  throw new Error("could not find a free join code");
}

export async function revokeJoinCode(db: Executor, schoolId: number, codeId: number, actor: Actor, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("school_join_codes")
    .set({ revoked_at: now })
    .where("id", "=", codeId)
    .where("organisation_id", "=", schoolId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const done = Number(result.numUpdatedRows) > 0;
  if (done) await audit(db, { actorUserId: actor.userId, action: "school.join_code.revoked", subjectType: "organisation", subjectId: schoolId, ip: actor.ip, details: { codeId } });
  return done;
}

/** The school a join code leads to, while it works. */
export async function findJoinCode(db: Executor, code: string, now = new Date()) {
  const row = await db
    .selectFrom("school_join_codes as c")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .select(["c.id", "c.organisation_id", "c.expires_at", "c.revoked_at", "o.name", "o.status", "o.kind"])
    .where("c.code", "=", code)
    .executeTakeFirst();
  if (!row || row.kind !== "high_school" || row.status !== "verified") return { state: "unknown" as const };
  if (row.revoked_at || new Date(row.expires_at).getTime() <= now.getTime()) return { state: "expired" as const, schoolName: row.name };
  return { state: "open" as const, codeId: row.id, schoolId: row.organisation_id, schoolName: row.name };
}

export type JoinResult = "ok" | "unknown" | "expired" | "already-member" | "other-school" | "is-coordinator";

/** A student asks to join their school with its code; a coordinator approves before it counts. */
export async function requestAffiliation(db: DB, userId: number, code: string, ip: string, now = new Date()): Promise<JoinResult> {
  return db.transaction().execute(async (trx) => {
    const found = await findJoinCode(trx, code, now);
    if (found.state !== "open") return found.state;
    const member = await trx.selectFrom("memberships").select("user_id").where("organisation_id", "=", found.schoolId).where("user_id", "=", userId).executeTakeFirst();
    if (member) return "is-coordinator";
    const active = await trx
      .selectFrom("school_affiliations")
      .select(["organisation_id", "status"])
      .where("user_id", "=", userId)
      .where("status", "in", ["pending", "approved"])
      .forUpdate()
      .executeTakeFirst();
    if (active) return active.organisation_id === found.schoolId ? "already-member" : "other-school";
    await trx
      .insertInto("school_affiliations")
      .values({ organisation_id: found.schoolId, user_id: userId, status: "pending", join_code_id: found.codeId, requested_at: now })
      .onConflict((oc) =>
        oc.columns(["organisation_id", "user_id"]).doUpdateSet({ status: "pending", join_code_id: found.codeId, requested_at: now, decided_at: null, decided_by: null }),
      )
      .execute();
    await audit(trx, { actorUserId: userId, action: "school.affiliation.requested", subjectType: "organisation", subjectId: found.schoolId, ip });
    return "ok";
  });
}

/** A student leaves the school they belong to (or withdraws a request). */
export async function leaveSchool(db: Executor, userId: number, ip: string): Promise<boolean> {
  const result = await db
    .updateTable("school_affiliations")
    .set({ status: "ended", decided_at: new Date(), decided_by: userId })
    .where("user_id", "=", userId)
    .where("status", "in", ["pending", "approved"])
    .executeTakeFirst();
  const done = Number(result.numUpdatedRows) > 0;
  if (done) await audit(db, { actorUserId: userId, action: "school.affiliation.left", subjectType: "user", subjectId: userId, ip });
  return done;
}

/** The student's own view: which school they belong to or wait for. */
export async function myAffiliation(db: Executor, userId: number) {
  return db
    .selectFrom("school_affiliations as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.status", "a.requested_at", "a.decided_at", "o.name as school_name"])
    .where("a.user_id", "=", userId)
    .orderBy("a.requested_at", "desc")
    .executeTakeFirst();
}

/** A coordinator approves, declines, or ends a student's affiliation. Approval also names the school on the profile. */
export async function decideAffiliation(
  db: DB,
  schoolId: number,
  affiliationId: number,
  decision: "approve" | "decline" | "end",
  actor: Actor,
  now = new Date(),
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("school_affiliations")
      .select(["id", "user_id", "status"])
      .where("id", "=", affiliationId)
      .where("organisation_id", "=", schoolId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return "not-found";
    const allowed = decision === "end" ? row.status === "approved" : row.status === "pending";
    if (!allowed) return "not-allowed";
    const status = decision === "approve" ? "approved" : decision === "decline" ? "declined" : "ended";
    await trx.updateTable("school_affiliations").set({ status, decided_at: now, decided_by: actor.userId }).where("id", "=", row.id).execute();
    if (decision === "approve")
      await trx.updateTable("users").set({ school_organisation_id: schoolId, school_name: "", updated_at: now }).where("id", "=", row.user_id).execute();
    await audit(trx, {
      actorUserId: actor.userId,
      action: `school.affiliation.${decision}`,
      subjectType: "user",
      subjectId: row.user_id,
      ip: actor.ip,
      details: { schoolId, affiliationId },
    });
    return "ok";
  });
}

/** The coordinator's page: the school's settings, join codes, requests waiting, and its students. */
export async function schoolOverview(db: Executor, schoolId: number, now = new Date()) {
  const [settings, codes, people] = await Promise.all([
    getSchoolSettings(db, schoolId),
    db
      .selectFrom("school_join_codes")
      .select(["id", "code", "created_at", "expires_at", "revoked_at"])
      .where("organisation_id", "=", schoolId)
      .orderBy("created_at", "desc")
      .limit(10)
      .execute(),
    db
      .selectFrom("school_affiliations as a")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.status", "a.requested_at", "a.decided_at", "u.id as user_id", "u.display_name", "u.name_kana", "u.birth_date", "u.deleted_at"])
      .where("a.organisation_id", "=", schoolId)
      .where("a.status", "in", ["pending", "approved"])
      .orderBy("u.name_kana")
      .orderBy("u.display_name")
      .execute(),
  ]);
  const student = (p: (typeof people)[number]) => ({
    affiliationId: p.id,
    userId: p.user_id,
    name: p.deleted_at ? "" : p.display_name,
    nameKana: p.deleted_at ? "" : p.name_kana,
    grade: schoolGradeOn(p.birth_date, now),
    requestedAt: p.requested_at,
  });
  return {
    settings,
    codes: codes.map((c) => ({ ...c, open: !c.revoked_at && new Date(c.expires_at).getTime() > now.getTime() })),
    pending: people.filter((p) => p.status === "pending").map(student),
    students: people.filter((p) => p.status === "approved").map(student),
  };
}

/**
 * The applications of the school's students (approved affiliations), newest sessions first, with each posting's
 * safeguarding status and each step towards confirmation. No messages.
 */
export async function studentApplications(db: Executor, schoolId: number) {
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("school_affiliations as sa", (j) => j.onRef("sa.user_id", "=", "a.user_id").on("sa.organisation_id", "=", schoolId).on("sa.status", "=", "approved"))
    .innerJoin("users as u", "u.id", "a.user_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .select([
      "a.id",
      "a.status",
      "a.shift_starts_at",
      "a.shift_ends_at",
      "a.minor",
      "a.guardian_consent_required",
      "a.school_approval",
      "a.school_organisation_id",
      "a.held_until",
      "a.signed_up_by",
      "u.id as user_id",
      "u.display_name",
      "u.deleted_at",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.safeguarding_status",
      "p.welcomes_minors",
      "o.name as organisation_name",
      "g.status as consent_status",
    ])
    .orderBy("a.shift_starts_at", "desc")
    .orderBy("a.id")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...r,
    display_name: r.deleted_at ? "" : r.display_name,
    // Only applications naming this school wait for its decision.
    decidable: r.school_organisation_id === schoolId && r.school_approval === "pending" && r.status === "pending_consent",
  }));
}

/** Postings a group of students may be signed up to: published, welcoming under-18s, approved, with sessions to come. */
export async function groupSignupPostings(db: Executor, now = new Date()) {
  return postingsWithOrganisation(db)
    .select(["p.id", "p.title", "o.name as organisation_name", sql<Date>`(select min(s.starts_at) from shifts s where s.posting_id = p.id and s.starts_at > ${now})`.as("next_starts_at")])
    .where("p.status", "=", "published")
    .where("o.status", "=", "verified")
    .where("p.open_to_minors", "=", true)
    .where((eb) => eb.exists(eb.selectFrom("shifts as s").select("s.id").whereRef("s.posting_id", "=", "p.id").where("s.starts_at", ">", now)))
    .orderBy(sql`(select min(s.starts_at) from shifts s where s.posting_id = p.id and s.starts_at > ${now})`)
    .limit(100)
    .execute();
}

/** One posting's sessions to come, and for each student whether they may take each one (for the sign-up form). */
export async function groupSignupChoices(db: Executor, schoolId: number, postingId: number, now = new Date()) {
  const posting = await postingsWithOrganisation(db)
    .select(["p.id", "p.title", "p.minimum_age", "p.welcomes_minors", "p.safeguarding_status", "p.status", "o.name as organisation_name", "o.status as organisation_status"])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!posting || posting.status !== "published" || posting.organisation_status !== "verified") return null;
  const shifts = await db
    .selectFrom("shifts")
    .select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"])
    .where("posting_id", "=", postingId)
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .execute();
  const settings = await getSafeguardingSettings(db);
  const students = await db
    .selectFrom("school_affiliations as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["u.id", "u.display_name", "u.birth_date"])
    .where("a.organisation_id", "=", schoolId)
    .where("a.status", "=", "approved")
    .where("u.deleted_at", "is", null)
    .where("u.disabled_at", "is", null)
    .orderBy("u.name_kana")
    .execute();
  return {
    posting,
    shifts,
    students: students.map((s) => ({
      id: s.id,
      name: s.display_name,
      eligibility: eligibilityForShifts({ birthDate: s.birth_date, settings }, posting, shifts),
    })),
  };
}

/**
 * A coordinator signs a group of their students up to one shift. Each student gets an application of their own,
 * through the same checks as applying oneself (age, review, time rules, capacity); the sign-up stands for the
 * school's approval, and each still needs their guardian's consent. Returns each student's outcome.
 */
export async function groupSignup(
  db: DB,
  input: { schoolId: number; coordinatorId: number; postingId: number; shiftId: number; studentIds: number[] },
  ctx: Context,
): Promise<{ userId: number; result: ApplyResult["status"] | "not-a-student"; detail?: string }[]> {
  const students = await db
    .selectFrom("school_affiliations")
    .select("user_id")
    .where("organisation_id", "=", input.schoolId)
    .where("status", "=", "approved")
    .where("user_id", "in", input.studentIds)
    .execute();
  const ours = new Set(students.map((s) => s.user_id));
  const outcomes: { userId: number; result: ApplyResult["status"] | "not-a-student"; detail?: string }[] = [];
  for (const userId of [...new Set(input.studentIds)]) {
    if (!ours.has(userId)) {
      outcomes.push({ userId, result: "not-a-student" });
      continue;
    }
    const result = await applyToShifts(db, { userId, postingId: input.postingId, shiftIds: [input.shiftId], message: "", acknowledgeOverlap: true, signedUpBy: input.coordinatorId }, ctx);
    outcomes.push({ userId, result: result.status, detail: result.status === "invalid" ? result.message : undefined });
  }
  await audit(db, {
    actorUserId: input.coordinatorId,
    action: "school.group_signup",
    subjectType: "shift",
    subjectId: input.shiftId,
    ip: ctx.ip,
    details: { schoolId: input.schoolId, postingId: input.postingId, outcomes },
  });
  return outcomes;
}
