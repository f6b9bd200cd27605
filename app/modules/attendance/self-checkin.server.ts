import type { DB, Executor } from "#db/client.server";
import { shiftContext } from "../postings/session-details.server";
import { selfCheckInWindow, type SessionTimes } from "./attendance.rules";
import { recordTap, sessionConfirmation, type TapResult } from "./attendance.server";

/** What a volunteer sees after scanning a session's QR code: always a clear page, never an error. */
export type SelfCheckInView =
  | { kind: "unknown-code" }
  | { kind: "not-confirmed" | "early" | "closed" | "locked"; session: SessionSummary }
  | { kind: "ready"; session: SessionSummary; applicationId: number; checkedInAt: Date | null; checkedOutAt: Date | null; status: string | null };

interface SessionSummary {
  shiftId: number;
  title: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
}

async function sessionByCode(db: Executor, code: string): Promise<SessionSummary | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) return undefined;
  const found = await db.selectFrom("session_checkin_codes").select("shift_id").where("code", "=", code).executeTakeFirst();
  const session = found && (await shiftContext(db, found.shift_id));
  if (!session) return undefined;
  return { shiftId: session.shift_id, title: session.posting_title, organisationName: session.organisation_name, startsAt: session.starts_at, endsAt: session.ends_at };
}

export async function selfCheckInView(db: Executor, code: string, userId: number, now = new Date()): Promise<SelfCheckInView> {
  const session = await sessionByCode(db, code);
  if (!session) return { kind: "unknown-code" };
  const application = await db
    .selectFrom("applications")
    .leftJoin("attendance", (j) => j.onRef("attendance.shift_id", "=", "applications.shift_id").onRef("attendance.user_id", "=", "applications.user_id"))
    .select(["applications.id", "attendance.checked_in_at", "attendance.checked_out_at", "attendance.status"])
    .where("applications.shift_id", "=", session.shiftId)
    .where("applications.user_id", "=", userId)
    .where("applications.status", "=", "confirmed")
    .executeTakeFirst();
  if (!application) return { kind: "not-confirmed", session };
  if (await sessionConfirmation(db, session.shiftId)) return { kind: "locked", session };
  const window = selfCheckInWindow(session as SessionTimes, now);
  if (window !== "open") return { kind: window, session };
  return { kind: "ready", session, applicationId: application.id, checkedInAt: application.checked_in_at, checkedOutAt: application.checked_out_at, status: application.status };
}

export type SelfTapResult = TapResult | "unknown-code" | "not-confirmed" | "early" | "closed";

/** A signed-in, confirmed volunteer checks themself in or out, only with the session's code and only in the window. */
export async function selfTap(db: DB, input: { code: string; userId: number; action: "present" | "check_out"; tapId: string; ip?: string }, now = new Date()): Promise<SelfTapResult> {
  const view = await selfCheckInView(db, input.code, input.userId, now);
  if (view.kind === "locked") return "locked";
  if (view.kind !== "ready") return view.kind;
  return recordTap(
    db,
    { organisationId: null, shiftId: view.session.shiftId, target: { applicationId: view.applicationId }, action: input.action, tapId: input.tapId, tappedAt: null, actorUserId: input.userId, source: "self", ip: input.ip },
    now,
  );
}
