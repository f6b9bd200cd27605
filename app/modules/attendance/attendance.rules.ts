import { schoolYearEnd, schoolYearOf, tokyoMidnight } from "~/modules/safeguarding/retention.rules";
import type { AttendanceStatus, TapAction } from "./attendance.vocabulary";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Self check-in opens an hour before the start and closes three hours after the end. */
export const SELF_CHECKIN_OPENS_BEFORE_MS = HOUR;
export const SELF_CHECKIN_CLOSES_AFTER_MS = 3 * HOUR;
/** How long after confirming the group may still correct an entry (with a reason). */
export const CORRECTION_DAYS = 30;
/** Phones' clocks drift: a tap this far "in the future" is still taken as now. */
export const CLOCK_SKEW_MS = 2 * MINUTE;

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

export type WindowPosition = "early" | "open" | "closed";

/** Where `now` lies relative to a session's self check-in window. */
export function selfCheckInWindow(session: SessionTimes, now: Date): WindowPosition {
  if (now.getTime() < session.startsAt.getTime() - SELF_CHECKIN_OPENS_BEFORE_MS) return "early";
  if (now.getTime() > session.endsAt.getTime() + SELF_CHECKIN_CLOSES_AFTER_MS) return "closed";
  return "open";
}

export type TapTimeProblem = "future" | "before-session";

/**
 * The time a tap counts at: the time the phone recorded it (kept through an offline queue), if that is
 * believable. A time after the server's now (beyond clock drift) or before the check-in window opened is
 * refused rather than guessed.
 */
export function tapTime(session: SessionTimes, tappedAt: Date | null, now: Date): { ok: true; at: Date } | { ok: false; problem: TapTimeProblem } {
  if (!tappedAt) return { ok: true, at: now };
  if (tappedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { ok: false, problem: "future" };
  if (tappedAt.getTime() < session.startsAt.getTime() - SELF_CHECKIN_OPENS_BEFORE_MS) return { ok: false, problem: "before-session" };
  return { ok: true, at: tappedAt.getTime() > now.getTime() ? now : tappedAt };
}

export interface AttendanceState {
  status: AttendanceStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

export type TapOutcome =
  | { ok: true; state: AttendanceState; leftEarly: boolean }
  | { ok: false; problem: "not-checked-in" | "out-before-in" };

/**
 * Applies one tap to a person's attendance. Taps may arrive out of order (two phones, an offline queue):
 * a check-in keeps the earliest time seen, a check-out the latest, so replaying a queue gives the same result
 * as sending it live. `minor` marks a check-out before the session's end for the group to see.
 */
export function applyTap(current: AttendanceState | null, action: TapAction, at: Date, session: SessionTimes, minor: boolean): TapOutcome {
  if (action === "absent") return { ok: true, state: { status: "absent", checkedInAt: null, checkedOutAt: null }, leftEarly: false };
  if (action === "check_out") {
    if (!current || current.status === "absent" || !current.checkedInAt) return { ok: false, problem: "not-checked-in" };
    if (at.getTime() < current.checkedInAt.getTime()) return { ok: false, problem: "out-before-in" };
    const out = current.checkedOutAt && current.checkedOutAt.getTime() > at.getTime() ? current.checkedOutAt : at;
    return { ok: true, state: { ...current, checkedOutAt: out }, leftEarly: minor && out.getTime() < session.endsAt.getTime() };
  }
  const earlier = current?.checkedInAt && current.status !== "absent" && current.checkedInAt.getTime() < at.getTime() ? current.checkedInAt : at;
  const checkedOutAt = current?.checkedOutAt && current.checkedOutAt.getTime() >= earlier.getTime() ? current.checkedOutAt : null;
  return { ok: true, state: { status: action, checkedInAt: earlier, checkedOutAt }, leftEarly: false };
}

/**
 * Minutes to count. From the check-in and check-out times; from the session's times where the group recorded
 * attendance without them; absences count nothing. Instants are absolute, so a session across midnight (or
 * across the end of a 年度) counts its real length. Taps outside the self check-in window are clamped to it.
 */
export function attendedMinutes(state: AttendanceState, session: SessionTimes): number {
  if (state.status === "absent") return 0;
  const earliest = session.startsAt.getTime() - SELF_CHECKIN_OPENS_BEFORE_MS;
  const latest = session.endsAt.getTime() + SELF_CHECKIN_CLOSES_AFTER_MS;
  const from = Math.max(earliest, (state.checkedInAt ?? session.startsAt).getTime());
  const to = Math.min(latest, (state.checkedOutAt ?? session.endsAt).getTime());
  return to > from ? Math.floor((to - from) / MINUTE) : 0;
}

/**
 * What confirming a session does to an entry: someone checked in and never checked out is closed at the
 * session's end (or at their check-in, if that was later) and flagged for the group.
 */
export function autoClose(state: AttendanceState, session: SessionTimes): { state: AttendanceState; autoClosed: boolean } {
  if (state.status === "absent" || !state.checkedInAt || state.checkedOutAt) return { state, autoClosed: false };
  const end = state.checkedInAt.getTime() > session.endsAt.getTime() ? state.checkedInAt : session.endsAt;
  return { state: { ...state, checkedOutAt: end }, autoClosed: true };
}

/** The group may confirm a session once it has started; corrections are open for 30 days after confirming. */
export function canConfirm(session: SessionTimes, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime();
}

export function canCorrect(confirmedAt: Date, now: Date): boolean {
  return now.getTime() - confirmedAt.getTime() <= CORRECTION_DAYS * DAY;
}

/** A 年度 (school/fiscal year, April–March in Tokyo) as the half-open interval of instants it covers. */
export function schoolYearRange(schoolYear: number): { from: Date; to: Date } {
  return { from: tokyoMidnight(schoolYear, 4, 1), to: schoolYearEnd(schoolYear) };
}

/** The 年度 a session counts in: the one in which it started. */
export function schoolYearOfSession(session: SessionTimes): number {
  return schoolYearOf(session.startsAt);
}

/** 750 → "12:30" (hours may exceed 24). */
export function formatHoursMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
}

/** 750 → "12.5" (hours to one decimal place, rounded down so a total is never overstated). */
export function formatDecimalHours(minutes: number): string {
  return (Math.floor((Math.max(0, minutes) / 60) * 10) / 10).toFixed(1);
}
