import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { attendedMinutes, autoClose, canConfirm, canCorrect, type SessionTimes } from "./attendance.rules";
import { sessionOfOrganisation } from "./attendance.server";
import { thankAttendees } from "./feedback.server";
import type { AttendanceStatus } from "./attendance.vocabulary";

export type ConfirmResult = { status: "ok"; autoClosed: number; absent: number } | { status: "not-found" | "already" | "too-early" };

/**
 * "Record as shown": the group confirms a session's attendance. Confirmed people nobody tapped are recorded as
 * absent (no-shows), forgotten check-outs are closed at the session's end and flagged, and each entry's
 * minutes are fixed. From then on entries are locked; only a correction with a reason changes them. Each person
 * who attended is thanked by email with their hours and the one-question feedback (feedback.server.ts).
 */
export async function confirmSession(db: DB, input: { organisationId: number; shiftId: number; actorUserId: number; ip?: string; origin?: string }, now = new Date()): Promise<ConfirmResult> {
  return db.transaction().execute(async (trx) => {
    const shift = await sessionOfOrganisation(trx, input.organisationId, input.shiftId);
    if (!shift) return { status: "not-found" as const };
    // Lock the shift row: two phones pressing the button at once confirm once.
    await trx.selectFrom("shifts").select("id").where("id", "=", shift.id).forUpdate().execute();
    const session: SessionTimes = { startsAt: shift.starts_at, endsAt: shift.ends_at };
    if (!canConfirm(session, now)) return { status: "too-early" as const };
    const inserted = await trx
      .insertInto("session_confirmations")
      .values({ shift_id: shift.id, confirmed_at: now, confirmed_by: input.actorUserId })
      .onConflict((oc) => oc.column("shift_id").doNothing())
      .returning("shift_id")
      .executeTakeFirst();
    if (!inserted) return { status: "already" as const };
    const untapped = await trx
      .selectFrom("applications")
      .select(["id", "user_id"])
      .where("shift_id", "=", shift.id)
      .where("status", "in", ["confirmed", "no_show"])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("attendance").select("attendance.id").whereRef("attendance.shift_id", "=", "applications.shift_id").whereRef("attendance.user_id", "=", "applications.user_id"))),
      )
      .execute();
    if (untapped.length)
      await trx
        .insertInto("attendance")
        .values(untapped.map((a) => ({ shift_id: shift.id, application_id: a.id, user_id: a.user_id, status: "absent" as const, source: "group" as const, recorded_by: input.actorUserId })))
        .execute();
    const rows = await trx.selectFrom("attendance").select(["id", "status", "checked_in_at", "checked_out_at"]).where("shift_id", "=", shift.id).execute();
    let autoClosed = 0;
    for (const row of rows) {
      const closed = autoClose({ status: row.status, checkedInAt: row.checked_in_at, checkedOutAt: row.checked_out_at }, session);
      if (closed.autoClosed) autoClosed++;
      await trx
        .updateTable("attendance")
        .set({ checked_out_at: closed.state.checkedOutAt, auto_closed: closed.autoClosed, confirmed_minutes: attendedMinutes(closed.state, session), updated_at: now })
        .where("id", "=", row.id)
        .execute();
    }
    await thankAttendees(trx, shift.id, input.origin);
    await audit(trx, { actorUserId: input.actorUserId, action: "attendance.confirm", subjectType: "shift", subjectId: shift.id, ip: input.ip, details: { entries: rows.length, autoClosed, absent: untapped.length } });
    return { status: "ok" as const, autoClosed, absent: untapped.length };
  });
}

// Cast in SQL: postgres.js would otherwise encode the JSON text a second time.
const jsonb = (value: unknown) => sql<string>`cast(${JSON.stringify(value)} as text)::jsonb`;

export interface CorrectionInput {
  organisationId: number;
  shiftId: number;
  attendanceId: number;
  status: AttendanceStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  reason: string;
  actorUserId: number;
  ip?: string;
}

export type CorrectionResult = "ok" | "not-found" | "not-confirmed" | "too-late" | "out-before-in";

/** A correction of a confirmed entry within 30 days: the group's reason and the before/after are kept. */
export async function correctAttendance(db: DB, input: CorrectionInput, now = new Date()): Promise<CorrectionResult> {
  return db.transaction().execute(async (trx) => {
    const shift = await sessionOfOrganisation(trx, input.organisationId, input.shiftId);
    if (!shift) return "not-found";
    const confirmation = await trx.selectFrom("session_confirmations").selectAll().where("shift_id", "=", shift.id).executeTakeFirst();
    if (!confirmation) return "not-confirmed";
    if (!canCorrect(confirmation.confirmed_at, now)) return "too-late";
    const row = await trx
      .selectFrom("attendance")
      .select(["id", "status", "checked_in_at", "checked_out_at", "confirmed_minutes", "auto_closed"])
      .where("id", "=", input.attendanceId)
      .where("shift_id", "=", shift.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return "not-found";
    const absent = input.status === "absent";
    const state = { status: input.status, checkedInAt: absent ? null : input.checkedInAt, checkedOutAt: absent ? null : input.checkedOutAt };
    if (state.checkedInAt && state.checkedOutAt && state.checkedOutAt < state.checkedInAt) return "out-before-in";
    const minutes = attendedMinutes(state, { startsAt: shift.starts_at, endsAt: shift.ends_at });
    await trx
      .updateTable("attendance")
      .set({ status: state.status, checked_in_at: state.checkedInAt, checked_out_at: state.checkedOutAt, auto_closed: false, confirmed_minutes: minutes, updated_at: now, recorded_by: input.actorUserId })
      .where("id", "=", row.id)
      .execute();
    const before = { status: row.status, checkedInAt: row.checked_in_at, checkedOutAt: row.checked_out_at, minutes: row.confirmed_minutes, autoClosed: row.auto_closed };
    const after = { status: state.status, checkedInAt: state.checkedInAt, checkedOutAt: state.checkedOutAt, minutes };
    await trx
      .insertInto("attendance_corrections")
      .values({ attendance_id: row.id, corrected_by: input.actorUserId, reason: input.reason, before: jsonb(before), after: jsonb(after), created_at: now })
      .execute();
    await audit(trx, { actorUserId: input.actorUserId, action: "attendance.correct", subjectType: "attendance", subjectId: row.id, ip: input.ip, details: { reason: input.reason, before, after } });
    return "ok";
  });
}
