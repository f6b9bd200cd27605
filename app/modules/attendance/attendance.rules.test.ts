import { describe, expect, it } from "vitest";
import {
  applyTap,
  attendedMinutes,
  autoClose,
  canCorrect,
  formatDecimalHours,
  formatHoursMinutes,
  schoolYearOfSession,
  schoolYearRange,
  selfCheckInWindow,
  tapTime,
} from "./attendance.rules";

const at = (s: string) => new Date(s);
const session = { startsAt: at("2026-12-06T09:00:00+09:00"), endsAt: at("2026-12-06T11:00:00+09:00") };

describe("hours", () => {
  it("counts check-in to check-out, and the session's times when none were recorded", () => {
    expect(attendedMinutes({ status: "present", checkedInAt: at("2026-12-06T09:05:00+09:00"), checkedOutAt: at("2026-12-06T10:50:00+09:00") }, session)).toBe(105);
    expect(attendedMinutes({ status: "present", checkedInAt: null, checkedOutAt: null }, session)).toBe(120);
    expect(attendedMinutes({ status: "late", checkedInAt: at("2026-12-06T09:40:00+09:00"), checkedOutAt: null }, session)).toBe(80);
    expect(attendedMinutes({ status: "absent", checkedInAt: null, checkedOutAt: null }, session)).toBe(0);
  });

  it("a session across midnight in Tokyo counts its real length", () => {
    const night = { startsAt: at("2026-12-31T22:00:00+09:00"), endsAt: at("2027-01-01T01:30:00+09:00") };
    expect(attendedMinutes({ status: "present", checkedInAt: null, checkedOutAt: null }, night)).toBe(210);
    expect(attendedMinutes({ status: "present", checkedInAt: at("2026-12-31T21:55:00+09:00"), checkedOutAt: at("2027-01-01T00:10:00+09:00") }, night)).toBe(135);
  });

  it("taps outside the check-in window are clamped to it, and a check-out before the check-in counts nothing", () => {
    expect(attendedMinutes({ status: "present", checkedInAt: at("2026-12-06T05:00:00+09:00"), checkedOutAt: at("2026-12-06T20:00:00+09:00") }, session)).toBe(6 * 60);
    expect(attendedMinutes({ status: "present", checkedInAt: at("2026-12-06T10:00:00+09:00"), checkedOutAt: at("2026-12-06T09:00:00+09:00") }, session)).toBe(0);
  });

  it("formats totals as HH:MM and as hours, never overstating", () => {
    expect(formatHoursMinutes(750)).toBe("12:30");
    expect(formatHoursMinutes(5)).toBe("0:05");
    expect(formatHoursMinutes(60 * 30)).toBe("30:00");
    expect(formatDecimalHours(750)).toBe("12.5");
    expect(formatDecimalHours(119)).toBe("1.9");
  });
});

describe("the 年度", () => {
  it("runs from 1 April to 31 March in Tokyo", () => {
    expect(schoolYearOfSession({ startsAt: at("2027-03-31T23:30:00+09:00"), endsAt: at("2027-04-01T01:00:00+09:00") })).toBe(2026);
    expect(schoolYearOfSession({ startsAt: at("2027-04-01T00:00:00+09:00"), endsAt: at("2027-04-01T01:00:00+09:00") })).toBe(2027);
    // 31 March 16:00 UTC is already 1 April in Tokyo.
    expect(schoolYearOfSession({ startsAt: at("2027-03-31T16:00:00Z"), endsAt: at("2027-03-31T17:00:00Z") })).toBe(2027);
    expect(schoolYearRange(2026)).toEqual({ from: at("2026-04-01T00:00:00+09:00"), to: at("2027-04-01T00:00:00+09:00") });
  });
});

describe("the self check-in window", () => {
  it("opens an hour before the start and closes three hours after the end", () => {
    expect(selfCheckInWindow(session, at("2026-12-06T07:59:59+09:00"))).toBe("early");
    expect(selfCheckInWindow(session, at("2026-12-06T08:00:00+09:00"))).toBe("open");
    expect(selfCheckInWindow(session, at("2026-12-06T14:00:00+09:00"))).toBe("open");
    expect(selfCheckInWindow(session, at("2026-12-06T14:00:01+09:00"))).toBe("closed");
  });

  it("refuses tap times in the future or before the window, and takes small clock drift as now", () => {
    const now = at("2026-12-06T09:30:00+09:00");
    expect(tapTime(session, at("2026-12-06T09:40:00+09:00"), now)).toEqual({ ok: false, problem: "future" });
    expect(tapTime(session, at("2026-12-06T07:00:00+09:00"), now)).toEqual({ ok: false, problem: "before-session" });
    expect(tapTime(session, at("2026-12-06T09:31:00+09:00"), now)).toEqual({ ok: true, at: now });
    expect(tapTime(session, at("2026-12-06T09:10:00+09:00"), now)).toEqual({ ok: true, at: at("2026-12-06T09:10:00+09:00") });
    expect(tapTime(session, null, now)).toEqual({ ok: true, at: now });
  });
});

describe("taps", () => {
  const nine = at("2026-12-06T09:00:00+09:00");
  const ten = at("2026-12-06T10:00:00+09:00");
  it("keep the earliest check-in and the latest check-out whatever order they arrive in", () => {
    const a = applyTap(null, "present", ten, session, false);
    if (!a.ok) throw new Error("tap refused");
    const b = applyTap(a.state, "present", nine, session, false);
    expect(b).toMatchObject({ ok: true, state: { status: "present", checkedInAt: nine, checkedOutAt: null } });
    if (!b.ok) return;
    const out = applyTap(b.state, "check_out", at("2026-12-06T11:00:00+09:00"), session, false);
    const stale = out.ok ? applyTap(out.state, "check_out", ten, session, false) : out;
    expect(stale).toMatchObject({ ok: true, state: { checkedOutAt: at("2026-12-06T11:00:00+09:00") } });
  });

  it("a check-out needs a check-in before it", () => {
    expect(applyTap(null, "check_out", ten, session, false)).toEqual({ ok: false, problem: "not-checked-in" });
    const a = applyTap(null, "present", ten, session, false);
    expect(a.ok && applyTap(a.state, "check_out", nine, session, false)).toEqual({ ok: false, problem: "out-before-in" });
  });

  it("a minor checking out before the end is flagged for the group; an adult is not", () => {
    const a = applyTap(null, "present", nine, session, true);
    expect(a.ok && applyTap(a.state, "check_out", ten, session, true)).toMatchObject({ ok: true, leftEarly: true });
    expect(a.ok && applyTap(a.state, "check_out", ten, session, false)).toMatchObject({ ok: true, leftEarly: false });
    expect(a.ok && applyTap(a.state, "check_out", session.endsAt, session, true)).toMatchObject({ ok: true, leftEarly: false });
  });
});

describe("auto-close and corrections", () => {
  it("a forgotten check-out is closed at the session's end and flagged", () => {
    const state = { status: "present" as const, checkedInAt: at("2026-12-06T09:10:00+09:00"), checkedOutAt: null };
    expect(autoClose(state, session)).toEqual({ state: { ...state, checkedOutAt: session.endsAt }, autoClosed: true });
    const done = { ...state, checkedOutAt: at("2026-12-06T10:00:00+09:00") };
    expect(autoClose(done, session)).toEqual({ state: done, autoClosed: false });
    expect(autoClose({ status: "present", checkedInAt: null, checkedOutAt: null }, session).autoClosed).toBe(false);
  });

  it("corrections are open for 30 days after confirming", () => {
    const confirmed = at("2026-12-06T12:00:00+09:00");
    expect(canCorrect(confirmed, at("2027-01-05T12:00:00+09:00"))).toBe(true);
    expect(canCorrect(confirmed, at("2027-01-05T12:00:01+09:00"))).toBe(false);
  });
});
