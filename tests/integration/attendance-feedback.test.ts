import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { recordTap } from "~/modules/attendance/attendance.server";
import { confirmSession } from "~/modules/attendance/confirmation.server";
import { answerFeedback, feedbackView, sessionFeedback } from "~/modules/attendance/feedback.server";
import { createApplication, createMatchingScene } from "../support/application-factories";
import { testDatabases } from "../support/databases";
import { createCatalogue, createUser } from "../support/factories";
import { emailsTo, HOUR } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

const MIN = 60_000;

describe.each(testDatabases())("after the event: thanks and feedback on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  /** A two-hour session three hours ago with `people` confirmed volunteers, the first `present` of them checked in. */
  async function attendedSession(people: number, present: number) {
    const start = new Date(Date.now() - 3 * HOUR);
    const s = await createMatchingScene(db, { shifts: [{ startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR), capacity: 10 }] });
    const shift = s.shifts[0];
    const volunteers = [s.volunteer, ...(await Promise.all(Array.from({ length: people - 1 }, () => createUser(db))))];
    const applications: { id: number }[] = [];
    for (const v of volunteers) applications.push(await createApplication(db, { shiftId: shift.id, userId: v.id }));
    for (let i = 0; i < present; i++) {
      const tap = (action: "present" | "check_out", at: Date) =>
        recordTap(db, { organisationId: s.organisation.id, shiftId: shift.id, target: { applicationId: applications[i].id }, action, tapId: randomUUID(), tappedAt: at, actorUserId: s.owner.id, source: "group" });
      expect(await tap("present", start)).toBe("ok");
      expect(await tap("check_out", new Date(start.getTime() + 90 * MIN))).toBe("ok");
    }
    const confirmed = await confirmSession(db, { organisationId: s.organisation.id, shiftId: shift.id, actorUserId: s.owner.id, origin: "https://tsunagu.example" });
    expect(confirmed.status).toBe("ok");
    const attendanceIds = await Promise.all(
      volunteers.map(async (v) => (await db.selectFrom("attendance").select("id").where("shift_id", "=", shift.id).where("user_id", "=", v.id).executeTakeFirstOrThrow()).id),
    );
    return { ...s, shift, volunteers, attendanceIds };
  }

  it("confirming thanks each person who came, by email, with their hours and the feedback link; no one who did not come", async () => {
    const s = await attendedSession(2, 1);
    const thanks = (await emailsTo(db, s.volunteers[0].email)).filter((e) => e.template === "attendance-thanks");
    expect(thanks).toHaveLength(1);
    expect(thanks[0].props).toMatchObject({
      hoursClock: "1:30",
      hoursDecimal: "1.5",
      feedbackUrl: `https://tsunagu.example/account/feedback/${s.attendanceIds[0]}`,
      hoursUrl: "https://tsunagu.example/account/hours",
    });
    expect((await emailsTo(db, s.volunteers[1].email)).filter((e) => e.template === "attendance-thanks")).toHaveLength(0);
  });

  it("stores one answer per attended entry, lets its person change it, and no one else answer it", async () => {
    const s = await attendedSession(2, 1);
    const [mine, absent] = s.attendanceIds;
    expect(await feedbackView(db, s.volunteers[0].id, mine)).toMatchObject({ kind: "open", again: null });
    expect(await answerFeedback(db, { userId: s.volunteers[0].id, attendanceId: mine, again: false, comment: "" })).toBe("ok");
    expect(await answerFeedback(db, { userId: s.volunteers[0].id, attendanceId: mine, again: true, comment: "楽しかった" })).toBe("ok");
    expect(await feedbackView(db, s.volunteers[0].id, mine)).toMatchObject({ kind: "answered", again: true, comment: "楽しかった" });
    expect(await db.selectFrom("attendance_feedback").selectAll().where("attendance_id", "=", mine).execute()).toHaveLength(1);
    // Someone else's entry, and an absence, cannot be answered.
    expect(await answerFeedback(db, { userId: s.volunteers[1].id, attendanceId: mine, again: false, comment: "" })).toBe("not-found");
    expect(await answerFeedback(db, { userId: s.volunteers[1].id, attendanceId: absent, again: true, comment: "" })).toBe("not-found");
    expect(await feedbackView(db, s.volunteers[1].id, absent)).toEqual({ kind: "not-found" });
  });

  it("the group sees only how many answered until three did, then the counts and the comments without names", async () => {
    const s = await attendedSession(3, 3);
    const answer = (i: number, again: boolean, comment = "") => answerFeedback(db, { userId: s.volunteers[i].id, attendanceId: s.attendanceIds[i], again, comment });
    await answer(0, true, "また来ます");
    await answer(1, false);
    expect(await sessionFeedback(db, s.shift.id)).toEqual({ answered: 2, shown: false });
    await answer(2, true);
    expect(await sessionFeedback(db, s.shift.id)).toEqual({ answered: 3, shown: true, again: 2, notAgain: 1, comments: ["また来ます"] });
  });
});
