import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { applyToShifts, myActivities } from "~/modules/applications/applications.server";
import { answerGuardianConsent } from "~/modules/applications/minors.server";
import { messageText } from "~/modules/messages/messages.rules";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { ctx } from "../support/factories";
import { applicationRow, applyAsMinor, consentTokens, createPerson, minorsPosting, tokyoAt } from "../support/minor-factories";
import { emailsTo, uniqueEmail } from "../support/more-factories";

const consentGiven = { given: true, signedName: "佐藤 恵子", emergencyPhone: "090-1234-5678", standing: false };

/**
 * What one application says back, whatever it was for: several dates give one email listing them all (to the
 * volunteer and to the guardian) and one thread notice; a minor joining a full session is on the waiting list
 * from the start, not told that a hold ended.
 */
describe.each(testDatabases())("an application's dates and places on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  const twoDates = () => [
    { startsAt: tokyoAt(7, "09:00"), endsAt: tokyoAt(7, "11:00"), capacity: 5 },
    { startsAt: tokyoAt(14, "09:00"), endsAt: tokyoAt(14, "11:00"), capacity: 5 },
  ];

  async function systemNotices(postingId: number, userId: number) {
    return db
      .selectFrom("messages as m")
      .innerJoin("message_threads as t", "t.id", "m.thread_id")
      .select("m.body")
      .where("t.posting_id", "=", postingId)
      .where("t.volunteer_user_id", "=", userId)
      .where("m.sender_side", "=", "system")
      .execute();
  }

  it("applying for two dates sends one email that lists both, and one thread notice naming both", async () => {
    const { posting, shifts } = await minorsPosting(db, { shifts: twoDates() });
    const adult = await createPerson(db, { age: 30, name: "山田 太郎" });
    const result = await applyToShifts(db, { userId: adult.id, postingId: posting.id, shiftIds: shifts.map((s) => s.id), message: "", acknowledgeOverlap: false }, ctx);
    expect(result.status === "ok" && result.outcomes.map((o) => o.status)).toEqual(["confirmed", "confirmed"]);

    const emails = (await emailsTo(db, adult.email)).filter((e) => e.template.startsWith("application-"));
    expect(emails.map((e) => e.template)).toEqual(["application-confirmed"]);
    expect(emails[0].props.startsAt).toBe(new Date(shifts[0].starts_at).toISOString());
    expect(emails[0].props.otherSessions).toEqual([
      { startsAt: new Date(shifts[1].starts_at).toISOString(), endsAt: new Date(shifts[1].ends_at).toISOString(), status: "confirmed" },
    ]);

    const notices = await systemNotices(posting.id, adult.id);
    expect(notices).toHaveLength(1);
    const text = messageText("system", notices[0].body, "ja");
    expect(text).toContain("12月");
    expect(text.split("、")).toHaveLength(2);
  });

  it("a date that is full is listed with its waiting-list place in the one email", async () => {
    const dates = twoDates();
    dates[1].capacity = 1;
    const { posting, shifts } = await minorsPosting(db, { shifts: dates });
    const first = await createPerson(db, { age: 30, name: "先着 一郎" });
    await applyToShifts(db, { userId: first.id, postingId: posting.id, shiftIds: [shifts[1].id], message: "", acknowledgeOverlap: false }, ctx);
    const adult = await createPerson(db, { age: 30, name: "山田 太郎" });
    await applyToShifts(db, { userId: adult.id, postingId: posting.id, shiftIds: shifts.map((s) => s.id), message: "", acknowledgeOverlap: false }, ctx);
    const emails = (await emailsTo(db, adult.email)).filter((e) => e.template.startsWith("application-"));
    expect(emails.map((e) => e.template)).toEqual(["application-confirmed"]);
    expect(emails[0].props.otherSessions).toMatchObject([{ status: "waitlisted", position: 1 }]);
  });

  it("the guardian's email lists every date the consent is for", async () => {
    const { posting, shifts } = await minorsPosting(db, { shifts: twoDates() });
    const student = await createPerson(db, { age: 16 });
    const guardianEmail = uniqueEmail("guardian");
    const result = await applyAsMinor(db, student.id, posting.id, shifts.map((s) => s.id), guardianEmail);
    expect(result.status).toBe("ok");
    const { props } = await consentTokens(db, guardianEmail);
    expect(props).toMatchObject({ sessionCount: 2, startsAt: new Date(shifts[0].starts_at).toISOString() });
    expect(props.otherSessions).toEqual([{ startsAt: new Date(shifts[1].starts_at).toISOString(), endsAt: new Date(shifts[1].ends_at).toISOString() }]);
    expect(await systemNotices(posting.id, student.id)).toHaveLength(1);
  });

  it("a minor joining a full session is on the waiting list while consent comes, not told a hold ended", async () => {
    const { posting, shifts } = await minorsPosting(db, { capacity: 1 });
    const adult = await createPerson(db, { age: 30, name: "先着 一郎" });
    await applyToShifts(db, { userId: adult.id, postingId: posting.id, shiftIds: [shifts[0].id], message: "", acknowledgeOverlap: false }, ctx);
    const student = await createPerson(db, { age: 16 });
    const result = await applyAsMinor(db, student.id, posting.id, [shifts[0].id], uniqueEmail("guardian"));
    expect(result.status === "ok" && result.outcomes[0]).toMatchObject({ status: "pending_consent", full: true });
    const app = await applicationRow(db, result.status === "ok" ? result.outcomes[0].applicationId : 0);
    expect(app.held_until).toBeNull();
    expect(app.waitlisted_at).not.toBeNull();
    const { waiting } = await myActivities(db, student.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0].waitlisted_at).not.toBeNull();
  });

  it("a minor waiting in line for consent keeps their place when the guardian consents, ahead of those who came later", async () => {
    const { posting, shifts } = await minorsPosting(db, { capacity: 1 });
    const apply = (userId: number) => applyToShifts(db, { userId, postingId: posting.id, shiftIds: [shifts[0].id], message: "", acknowledgeOverlap: false }, ctx);
    await apply((await createPerson(db, { age: 30, name: "先着 一郎" })).id);
    const student = await createPerson(db, { age: 16 });
    const guardianEmail = uniqueEmail("guardian");
    const result = await applyAsMinor(db, student.id, posting.id, [shifts[0].id], guardianEmail);
    const applicationId = result.status === "ok" ? result.outcomes[0].applicationId : 0;
    const stamped = (await applicationRow(db, applicationId)).waitlisted_at;
    // Two adults join the waiting list after the minor did, while the guardian has not answered yet.
    const later = [await createPerson(db, { age: 30, name: "後着 二郎" }), await createPerson(db, { age: 30, name: "後着 三郎" })];
    for (const person of later) expect(await apply(person.id)).toMatchObject({ outcomes: [{ status: "waitlisted" }] });

    const { consent } = await consentTokens(db, guardianEmail);
    const answered = await answerGuardianConsent(db, consent, consentGiven, { ...ctx, locale: "ja" });
    expect(answered).toMatchObject({ status: "ok", outcomes: [{ applicationId, status: "waitlisted" }] });

    const row = await applicationRow(db, applicationId);
    expect(row.status).toBe("waitlisted");
    expect(new Date(row.waitlisted_at!).getTime()).toBe(new Date(stamped!).getTime());
    const { waiting } = await myActivities(db, student.id);
    expect(waiting[0].waitlist_position).toBe(1);
    const told = (await emailsTo(db, student.email)).filter((e) => e.template === "application-waitlisted");
    expect(told.at(-1)?.props.position).toBe(1);
  });
});
