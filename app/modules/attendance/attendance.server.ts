import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { applyTap, tapTime, type AttendanceState, type SessionTimes, type TapTimeProblem } from "./attendance.rules";
import type { TapForm } from "./attendance.schema";
import type { AttendanceStatus, TapAction } from "./attendance.vocabulary";

/** A session (shift) of a posting run by the organisation, or undefined: the same check for every use-case. */
export async function sessionOfOrganisation(db: Executor, organisationId: number, shiftId: number) {
  return db
    .selectFrom("shifts")
    .innerJoin("postings", "postings.id", "shifts.posting_id")
    .select(["shifts.id", "shifts.starts_at", "shifts.ends_at", "shifts.posting_id", "postings.title", "postings.organisation_id"])
    .where("shifts.id", "=", shiftId)
    .where("postings.organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function sessionConfirmation(db: Executor, shiftId: number) {
  return db.selectFrom("session_confirmations").selectAll().where("shift_id", "=", shiftId).executeTakeFirst();
}

/** The code printed in the session's QR (created on first use; unguessable, one per session). */
export async function checkInCode(db: Executor, shiftId: number): Promise<string> {
  const existing = await db.selectFrom("session_checkin_codes").select("code").where("shift_id", "=", shiftId).executeTakeFirst();
  if (existing) return existing.code;
  await db
    .insertInto("session_checkin_codes")
    .values({ shift_id: shiftId, code: randomBytes(18).toString("base64url") })
    .onConflict((oc) => oc.column("shift_id").doNothing())
    .execute();
  return (await db.selectFrom("session_checkin_codes").select("code").where("shift_id", "=", shiftId).executeTakeFirstOrThrow()).code;
}

/** The check-in sheet of a session: confirmed people (minors marked, with the responsible adults), walk-ins, taps. */
export async function checkInSheet(db: Executor, organisationId: number, shiftId: number) {
  const session = await sessionOfOrganisation(db, organisationId, shiftId);
  if (!session) return null;
  const people = await db
    .selectFrom("applications")
    .innerJoin("users", "users.id", "applications.user_id")
    .leftJoin("attendance", (j) => j.onRef("attendance.shift_id", "=", "applications.shift_id").onRef("attendance.user_id", "=", "applications.user_id"))
    .select([
      "applications.id as applicationId",
      "applications.minor",
      "users.display_name as name",
      "attendance.id as attendanceId",
      "attendance.status",
      "attendance.checked_in_at",
      "attendance.checked_out_at",
      "attendance.auto_closed",
      "attendance.left_early",
      "attendance.confirmed_minutes",
      "attendance.source",
    ])
    .where("applications.shift_id", "=", shiftId)
    .where("applications.status", "in", ["confirmed", "no_show"])
    .orderBy("users.name_kana")
    .orderBy("applications.id")
    .execute();
  const walkIns = await db
    .selectFrom("attendance")
    .leftJoin("users", "users.id", "attendance.user_id")
    .select([
      "attendance.id as attendanceId",
      "attendance.walk_in_name as name",
      "attendance.user_id",
      "attendance.walk_in_confirmed_at",
      "attendance.status",
      "attendance.checked_in_at",
      "attendance.checked_out_at",
      "attendance.auto_closed",
      "attendance.confirmed_minutes",
    ])
    .where("attendance.shift_id", "=", shiftId)
    .where("attendance.source", "=", "walk_in")
    .orderBy("attendance.id")
    .execute();
  const responsibleAdults = people.some((p) => p.minor)
    ? await db
        .selectFrom("posting_responsible_adults")
        .innerJoin("users", "users.id", "posting_responsible_adults.user_id")
        .select("users.display_name")
        .where("posting_responsible_adults.posting_id", "=", session.posting_id)
        .execute()
    : [];
  const confirmation = await sessionConfirmation(db, shiftId);
  return {
    session,
    people,
    walkIns: walkIns.map(({ user_id, ...w }) => ({ ...w, linked: user_id !== null })),
    responsibleAdults: responsibleAdults.map((r) => r.display_name),
    confirmedAt: confirmation?.confirmed_at ?? null,
  };
}

export type TapTarget = { applicationId: number } | { attendanceId: number };

export interface TapInput {
  organisationId: number | null;
  shiftId: number;
  target: TapTarget;
  action: TapAction;
  /** From the phone: the same id for the same tap, however often it is sent. */
  tapId: string;
  /** When the phone recorded the tap (kept through the offline queue); null means now. */
  tappedAt: Date | null;
  actorUserId: number;
  source: "group" | "self";
  ip?: string;
}

export type TapResult = "ok" | "duplicate" | "not-found" | "locked" | "not-checked-in" | "out-before-in" | TapTimeProblem;

/** Thrown inside the transaction to undo it (a first tap that was refused leaves no row behind). */
class Undo extends Error {
  constructor(readonly result: TapResult) {
    super(result);
  }
}

const stateOf = (row: { status: AttendanceStatus; checked_in_at: Date | null; checked_out_at: Date | null }): AttendanceState => ({
  status: row.status,
  checkedInAt: row.checked_in_at,
  checkedOutAt: row.checked_out_at,
});

/**
 * Records one tap in its own transaction. The attendance row is locked while the tap is applied, so two
 * phones tapping the same person serialise; the tap id is written last and a repeat of it rolls everything
 * back, so a double tap or a replayed offline queue never counts twice.
 */
export async function recordTap(db: DB, input: TapInput, now = new Date()): Promise<TapResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const shift = await trx
        .selectFrom("shifts")
        .innerJoin("postings", "postings.id", "shifts.posting_id")
        .leftJoin("session_confirmations", "session_confirmations.shift_id", "shifts.id")
        .select(["shifts.id", "shifts.starts_at", "shifts.ends_at", "postings.organisation_id", "session_confirmations.confirmed_at"])
        .where("shifts.id", "=", input.shiftId)
        .executeTakeFirst();
      if (!shift || (input.organisationId !== null && shift.organisation_id !== input.organisationId)) return "not-found" as const;
      const session: SessionTimes = { startsAt: shift.starts_at, endsAt: shift.ends_at };
      if (shift.confirmed_at) return "locked" as const;
      const time = tapTime(session, input.tappedAt, now);
      if (!time.ok) return time.problem;
      const row = await lockedAttendance(trx, shift.id, input.target, input.source, input.actorUserId);
      if (!row) return "not-found" as const;
      const outcome = applyTap(row.status ? stateOf({ ...row, status: row.status }) : null, input.action, time.at, session, row.minor);
      if (!outcome.ok) throw new Undo(outcome.problem);
      await trx
        .updateTable("attendance")
        .set({
          status: outcome.state.status,
          checked_in_at: outcome.state.checkedInAt,
          checked_out_at: outcome.state.checkedOutAt,
          left_early: outcome.leftEarly,
          recorded_by: input.actorUserId,
          updated_at: now,
        })
        .where("id", "=", row.id)
        .execute();
      const inserted = await trx
        .insertInto("attendance_taps")
        .values({ tap_id: input.tapId, attendance_id: row.id, action: input.action, tapped_at: time.at, received_at: now, actor_user_id: input.actorUserId })
        .onConflict((oc) => oc.column("tap_id").doNothing())
        .returning("tap_id")
        .executeTakeFirst();
      if (!inserted) throw new Undo("duplicate");
      return "ok" as const;
    });
  } catch (error) {
    if (error instanceof Undo) return error.result;
    throw error;
  }
}

/**
 * A tap by the group on its check-in page, as the form (or the offline queue) sent it: the same use-case whether
 * it came as a page post or from the queue.
 */
export function recordGroupTap(db: DB, input: { organisationId: number; shiftId: number; form: TapForm; actorUserId: number; ip?: string }): Promise<TapResult> {
  const { applicationId, attendanceId, action, tapId, tappedAt } = input.form;
  return recordTap(db, {
    organisationId: input.organisationId,
    shiftId: input.shiftId,
    target: applicationId ? { applicationId } : { attendanceId: attendanceId! },
    action,
    tapId,
    tappedAt: tappedAt === undefined ? null : new Date(tappedAt),
    actorUserId: input.actorUserId,
    source: "group",
    ip: input.ip,
  });
}

/**
 * The attendance row a tap is about, locked; for a confirmed application's first tap it is created (and a row
 * this transaction created is locked already). Two first taps at once: one creates, the other waits for it.
 */
async function lockedAttendance(trx: Executor, shiftId: number, target: TapTarget, source: "group" | "self", actorUserId: number) {
  const columns = ["id", "status", "checked_in_at", "checked_out_at"] as const;
  if ("attendanceId" in target) {
    const row = await trx.selectFrom("attendance").select(columns).where("id", "=", target.attendanceId).where("shift_id", "=", shiftId).forUpdate().executeTakeFirst();
    return row ? { ...row, minor: false } : undefined;
  }
  const application = await trx
    .selectFrom("applications")
    .select(["id", "user_id", "minor"])
    .where("id", "=", target.applicationId)
    .where("shift_id", "=", shiftId)
    .where("status", "in", ["confirmed", "no_show"])
    .executeTakeFirst();
  if (!application) return undefined;
  const existing = () => trx.selectFrom("attendance").select(columns).where("shift_id", "=", shiftId).where("user_id", "=", application.user_id).forUpdate().executeTakeFirst();
  const found = await existing();
  if (found) return { ...found, minor: application.minor };
  const created = await trx
    .insertInto("attendance")
    .values({ shift_id: shiftId, application_id: application.id, user_id: application.user_id, status: "absent", source, recorded_by: actorUserId })
    .onConflict((oc) => oc.columns(["shift_id", "user_id"]).doNothing())
    .returning(columns)
    .executeTakeFirst();
  // A row just created for this first tap has no state of its own yet.
  if (created) return { ...created, status: null, minor: application.minor };
  const raced = await existing();
  return raced ? { ...raced, minor: application.minor } : undefined;
}

export type WalkInResult = { status: "ok"; attendanceId: number } | { status: "locked" | "not-found" };

/**
 * A walk-in: by name only (counted in figures, never certified), or linked to an account by email, which
 * then counts for that person once they confirm it. The group learns nothing about whether the email has an
 * account: the answer is the same either way.
 */
export async function addWalkIn(db: DB, input: { organisationId: number; shiftId: number; name: string; email: string | null; actorUserId: number; ip?: string }, now = new Date()): Promise<WalkInResult> {
  return db.transaction().execute(async (trx) => {
    const session = await sessionOfOrganisation(trx, input.organisationId, input.shiftId);
    if (!session) return { status: "not-found" as const };
    if (await sessionConfirmation(trx, input.shiftId)) return { status: "locked" as const };
    const account = input.email
      ? await trx.selectFrom("users").select("id").where(sql`lower(email)`, "=", input.email.toLowerCase()).where("deleted_at", "is", null).executeTakeFirst()
      : undefined;
    const already = account
      ? await trx.selectFrom("attendance").select("id").where("shift_id", "=", input.shiftId).where("user_id", "=", account.id).executeTakeFirst()
      : undefined;
    const row = await trx
      .insertInto("attendance")
      .values({
        shift_id: input.shiftId,
        user_id: already ? null : (account?.id ?? null),
        walk_in_name: input.name,
        status: "present",
        checked_in_at: now,
        source: "walk_in",
        recorded_by: input.actorUserId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId: input.actorUserId, action: "attendance.walk_in", subjectType: "shift", subjectId: input.shiftId, ip: input.ip, details: { attendanceId: row.id } });
    return { status: "ok" as const, attendanceId: row.id };
  });
}

/** Walk-in entries linked to this person's account that they have not yet confirmed. */
export async function walkInsToConfirm(db: Executor, userId: number) {
  return db
    .selectFrom("attendance")
    .innerJoin("shifts", "shifts.id", "attendance.shift_id")
    .innerJoin("postings", "postings.id", "shifts.posting_id")
    .innerJoin("organisations", "organisations.id", "postings.organisation_id")
    .select(["attendance.id", "shifts.starts_at", "shifts.ends_at", "postings.title", "organisations.name as organisationName"])
    .where("attendance.user_id", "=", userId)
    .where("attendance.source", "=", "walk_in")
    .where("attendance.walk_in_confirmed_at", "is", null)
    .orderBy("shifts.starts_at", "desc")
    .execute();
}

export async function answerWalkIn(db: DB, input: { userId: number; attendanceId: number; accept: boolean }, now = new Date()): Promise<boolean> {
  const query = input.accept
    ? db.updateTable("attendance").set({ walk_in_confirmed_at: now })
    : db.updateTable("attendance").set({ user_id: null });
  const result = await query
    .where("id", "=", input.attendanceId)
    .where("user_id", "=", input.userId)
    .where("source", "=", "walk_in")
    .where("walk_in_confirmed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The sessions a group should check people in for, or confirm: those whose check-in window is open now, and
 * earlier ones of the last 14 days whose attendance is not confirmed yet. For the group's dashboard.
 */
export async function sessionsToCheckIn(db: Executor, organisationId: number, now = new Date()) {
  const HOUR = 3600_000;
  return db
    .selectFrom("shifts")
    .innerJoin("postings", "postings.id", "shifts.posting_id")
    .leftJoin("session_confirmations", "session_confirmations.shift_id", "shifts.id")
    .select(["shifts.id", "shifts.starts_at", "shifts.ends_at", "postings.title", "session_confirmations.confirmed_at"])
    .where("postings.organisation_id", "=", organisationId)
    .where("shifts.confirmed_count", ">", 0)
    .where("shifts.starts_at", "<=", new Date(now.getTime() + HOUR))
    .where((eb) =>
      eb.or([
        eb("shifts.ends_at", ">=", new Date(now.getTime() - 3 * HOUR)),
        eb.and([eb("session_confirmations.shift_id", "is", null), eb("shifts.ends_at", ">=", new Date(now.getTime() - 14 * 24 * HOUR))]),
      ]),
    )
    .orderBy("shifts.starts_at", "desc")
    .limit(20)
    .execute();
}
