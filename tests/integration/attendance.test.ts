import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { addWalkIn, answerWalkIn, checkInCode, checkInSheet, recordTap, walkInsToConfirm } from "~/modules/attendance/attendance.server";
import { confirmSession, correctAttendance } from "~/modules/attendance/confirmation.server";
import { selfCheckInView, selfTap } from "~/modules/attendance/self-checkin.server";
import { createApplication, createMatchingScene } from "../support/application-factories";
import { testDatabases } from "../support/databases";
import { createCatalogue, createUser } from "../support/factories";
import { auditRows, DAY, HOUR } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

const MIN = 60_000;

describe.each(testDatabases())("attendance on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  /** A session from `start` lasting two hours, with `people` confirmed volunteers. */
  async function scene(start: Date, people = 2) {
    const s = await createMatchingScene(db, { shifts: [{ startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR), capacity: 10 }] });
    const shift = s.shifts[0];
    const volunteers = [s.volunteer, ...(await Promise.all(Array.from({ length: people - 1 }, () => createUser(db))))];
    const applications = [];
    for (const v of volunteers) applications.push(await createApplication(db, { shiftId: shift.id, userId: v.id }));
    return { ...s, shift, volunteers, applications, orgId: s.organisation.id };
  }

  const row = (shiftId: number, userId: number) => db.selectFrom("attendance").selectAll().where("shift_id", "=", shiftId).where("user_id", "=", userId).executeTakeFirst();

  it("the group checks people in and out; the sheet shows both phones' taps; a tap never counts twice", async () => {
    const start = new Date(Date.now() - 30 * MIN);
    const s = await scene(start);
    const tap = (applicationId: number, action: "present" | "late" | "absent" | "check_out", tapId = randomUUID(), tappedAt: Date | null = null) =>
      recordTap(db, { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId }, action, tapId, tappedAt, actorUserId: s.owner.id, source: "group" });
    const doubleTap = randomUUID();
    expect(await tap(s.applications[0].id, "present", doubleTap)).toBe("ok");
    expect(await tap(s.applications[0].id, "present", doubleTap)).toBe("duplicate");
    // The second phone (the editor) taps the other person late.
    expect(
      await recordTap(db, { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId: s.applications[1].id }, action: "late", tapId: randomUUID(), tappedAt: null, actorUserId: s.editor.id, source: "group" }),
    ).toBe("ok");
    const sheet = await checkInSheet(db, s.orgId, s.shift.id);
    expect(sheet!.people.map((p) => p.status)).toEqual(expect.arrayContaining(["present", "late"]));
    expect(await db.selectFrom("attendance_taps").select("tap_id").where("tap_id", "=", doubleTap).execute()).toHaveLength(1);
    expect(await tap(s.applications[0].id, "check_out")).toBe("ok");
    expect((await row(s.shift.id, s.volunteers[0].id))!.checked_out_at).not.toBeNull();
  });

  it("an offline queue replayed later keeps each tap's own time, in any order, and twice changes nothing", async () => {
    const start = new Date(Date.now() - 90 * MIN);
    const s = await scene(start, 1);
    const inAt = new Date(start.getTime() + 5 * MIN);
    const outAt = new Date(start.getTime() + 70 * MIN);
    const queue = [
      { tapId: randomUUID(), action: "check_out" as const, tappedAt: outAt },
      { tapId: randomUUID(), action: "present" as const, tappedAt: inAt },
    ];
    const send = (t: (typeof queue)[number]) =>
      recordTap(db, { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId: s.applications[0].id }, action: t.action, tapId: t.tapId, tappedAt: t.tappedAt, actorUserId: s.owner.id, source: "group" });
    // The check-out arrived first (before any check-in): refused and nothing left behind, so the phone keeps it.
    expect(await send(queue[0])).toBe("not-checked-in");
    expect(await row(s.shift.id, s.volunteers[0].id)).toBeUndefined();
    expect(await send(queue[1])).toBe("ok");
    expect(await send(queue[0])).toBe("ok");
    for (const t of queue) expect(await send(t)).toBe("duplicate");
    const r = (await row(s.shift.id, s.volunteers[0].id))!;
    expect(r.checked_in_at!.getTime()).toBe(inAt.getTime());
    expect(r.checked_out_at!.getTime()).toBe(outAt.getTime());
    expect(await db.selectFrom("attendance_taps").select("tap_id").where("attendance_id", "=", r.id).execute()).toHaveLength(2);
  });

  it("times in the future or before the session, another group's session, and someone not confirmed are refused and change nothing", async () => {
    const start = new Date(Date.now() - 30 * MIN);
    const s = await scene(start, 1);
    const other = await scene(start, 1);
    const base = { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId: s.applications[0].id }, action: "present" as const, actorUserId: s.owner.id, source: "group" as const };
    expect(await recordTap(db, { ...base, tapId: randomUUID(), tappedAt: new Date(Date.now() + HOUR) })).toBe("future");
    expect(await recordTap(db, { ...base, tapId: randomUUID(), tappedAt: new Date(start.getTime() - 2 * HOUR) })).toBe("before-session");
    expect(await recordTap(db, { ...base, shiftId: other.shift.id, tapId: randomUUID(), tappedAt: null })).toBe("not-found");
    expect(await recordTap(db, { ...base, target: { applicationId: other.applications[0].id }, tapId: randomUUID(), tappedAt: null })).toBe("not-found");
    expect(await checkInSheet(db, s.orgId, other.shift.id)).toBeNull();
    expect(await row(s.shift.id, s.volunteers[0].id)).toBeUndefined();
  });

  it("QR self check-in: only a confirmed volunteer, only in the window, and a replayed scan changes nothing", async () => {
    const start = new Date(Date.now() - 30 * MIN);
    const s = await scene(start, 1);
    const code = await checkInCode(db, s.shift.id);
    expect(await checkInCode(db, s.shift.id)).toBe(code);
    const stranger = await createUser(db);
    expect((await selfCheckInView(db, code, stranger.id)).kind).toBe("not-confirmed");
    expect((await selfCheckInView(db, "forged-code-0000000000", s.volunteer.id)).kind).toBe("unknown-code");
    expect((await selfCheckInView(db, code, s.volunteer.id, new Date(start.getTime() - 2 * HOUR))).kind).toBe("early");
    expect((await selfCheckInView(db, code, s.volunteer.id, new Date(start.getTime() + 6 * HOUR))).kind).toBe("closed");
    expect(await selfTap(db, { code, userId: stranger.id, action: "present", tapId: randomUUID() })).toBe("not-confirmed");
    const scan = randomUUID();
    expect(await selfTap(db, { code, userId: s.volunteer.id, action: "present", tapId: scan })).toBe("ok");
    expect(await selfTap(db, { code, userId: s.volunteer.id, action: "present", tapId: scan })).toBe("duplicate");
    expect((await row(s.shift.id, s.volunteer.id))!.source).toBe("self");
    expect(await selfTap(db, { code, userId: s.volunteer.id, action: "check_out", tapId: randomUUID() }, new Date(start.getTime() + 7 * HOUR))).toBe("closed");
  });

  it("a minor checking out before the end is shown to the group", async () => {
    const start = new Date(Date.now() - 30 * MIN);
    const s = await scene(start, 1);
    await db.updateTable("applications").set({ minor: true }).where("id", "=", s.applications[0].id).execute();
    const code = await checkInCode(db, s.shift.id);
    expect(await selfTap(db, { code, userId: s.volunteer.id, action: "present", tapId: randomUUID() })).toBe("ok");
    expect(await selfTap(db, { code, userId: s.volunteer.id, action: "check_out", tapId: randomUUID() })).toBe("ok");
    const sheet = await checkInSheet(db, s.orgId, s.shift.id);
    expect(sheet!.people[0]).toMatchObject({ minor: true, left_early: true });
  });

  it("confirming records no-shows, closes forgotten check-outs, fixes the minutes and locks the session", async () => {
    const start = new Date(Date.now() - 3 * HOUR);
    const s = await scene(start, 3);
    const tap = (i: number, action: "present" | "check_out", at: Date) =>
      recordTap(db, { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId: s.applications[i].id }, action, tapId: randomUUID(), tappedAt: at, actorUserId: s.owner.id, source: "group" });
    expect(await tap(0, "present", start)).toBe("ok");
    expect(await tap(0, "check_out", new Date(start.getTime() + 90 * MIN))).toBe("ok");
    expect(await tap(1, "present", new Date(start.getTime() + 10 * MIN))).toBe("ok");
    const result = await confirmSession(db, { organisationId: s.orgId, shiftId: s.shift.id, actorUserId: s.owner.id });
    expect(result).toEqual({ status: "ok", autoClosed: 1, absent: 1 });
    expect(await confirmSession(db, { organisationId: s.orgId, shiftId: s.shift.id, actorUserId: s.owner.id })).toEqual({ status: "already" });
    expect((await row(s.shift.id, s.volunteers[0].id))!.confirmed_minutes).toBe(90);
    expect(await row(s.shift.id, s.volunteers[1].id)).toMatchObject({ confirmed_minutes: 110, auto_closed: true });
    expect(await row(s.shift.id, s.volunteers[2].id)).toMatchObject({ status: "absent", confirmed_minutes: 0 });
    expect(await tap(2, "present", new Date())).toBe("locked");
    expect((await auditRows(db, { action: "attendance.confirm", subjectId: s.shift.id })).length).toBe(1);
  });

  it("a session not yet started cannot be confirmed", async () => {
    const s = await scene(new Date(Date.now() + DAY), 1);
    expect(await confirmSession(db, { organisationId: s.orgId, shiftId: s.shift.id, actorUserId: s.owner.id })).toEqual({ status: "too-early" });
  });

  it("corrections need a confirmed session, are open for 30 days, and are audited with the reason", async () => {
    const start = new Date(Date.now() - 3 * HOUR);
    const s = await scene(start, 1);
    const r0 = await recordTap(db, { organisationId: s.orgId, shiftId: s.shift.id, target: { applicationId: s.applications[0].id }, action: "present", tapId: randomUUID(), tappedAt: null, actorUserId: s.owner.id, source: "group" });
    expect(r0).toBe("ok");
    const id = (await row(s.shift.id, s.volunteer.id))!.id;
    const input = { organisationId: s.orgId, shiftId: s.shift.id, attendanceId: id, status: "present" as const, checkedInAt: start, checkedOutAt: new Date(start.getTime() + HOUR), reason: "退出の押し忘れ", actorUserId: s.owner.id };
    expect(await correctAttendance(db, input)).toBe("not-confirmed");
    await confirmSession(db, { organisationId: s.orgId, shiftId: s.shift.id, actorUserId: s.owner.id });
    expect(await correctAttendance(db, { ...input, checkedOutAt: new Date(start.getTime() - HOUR) })).toBe("out-before-in");
    expect(await correctAttendance(db, input, new Date(Date.now() + 31 * DAY))).toBe("too-late");
    expect(await correctAttendance(db, input)).toBe("ok");
    expect((await row(s.shift.id, s.volunteer.id))!.confirmed_minutes).toBe(60);
    const corrections = await db.selectFrom("attendance_corrections").selectAll().where("attendance_id", "=", id).execute();
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ reason: "退出の押し忘れ", after: expect.objectContaining({ minutes: 60 }) });
    expect((await auditRows(db, { action: "attendance.correct", subjectId: id })).length).toBe(1);
  });

  it("a walk-in linked by email counts for that person only once they confirm it", async () => {
    const start = new Date(Date.now() - 30 * MIN);
    const s = await scene(start, 1);
    const walker = await createUser(db);
    const named = await addWalkIn(db, { organisationId: s.orgId, shiftId: s.shift.id, name: "飛び入り 一郎", email: null, actorUserId: s.owner.id });
    expect(named.status).toBe("ok");
    const linked = await addWalkIn(db, { organisationId: s.orgId, shiftId: s.shift.id, name: "飛び入り 二郎", email: walker.email.toUpperCase(), actorUserId: s.owner.id });
    if (linked.status !== "ok") throw new Error("walk-in refused");
    expect((await walkInsToConfirm(db, walker.id)).map((w) => w.id)).toEqual([linked.attendanceId]);
    expect(await answerWalkIn(db, { userId: s.volunteer.id, attendanceId: linked.attendanceId, accept: true })).toBe(false);
    expect(await answerWalkIn(db, { userId: walker.id, attendanceId: linked.attendanceId, accept: true })).toBe(true);
    expect(await walkInsToConfirm(db, walker.id)).toEqual([]);
    const sheet = await checkInSheet(db, s.orgId, s.shift.id);
    expect(sheet!.walkIns.map((w) => w.name)).toEqual(["飛び入り 一郎", "飛び入り 二郎"]);
  });
});
