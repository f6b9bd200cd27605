import type { Executor } from "#db/client.server";
import { tokyoDateString, tokyoInstant } from "~/utils/format";
import { createToken } from "~/utils/tokens.server";
import { CONSENT_WORDING_VERSION, getGuardian, postingFacts, wordingFor } from "../safeguarding/consent.server";
import { consentLinkExpiry } from "../safeguarding/consent.rules";
import { attendedMinutes } from "./attendance.rules";
import { demoSessionTimes } from "./demo-session";
import { storeCertificate } from "./certificates.server";
import { signingKey } from "./signing-key.server";

/** The demo certificate's code, listed in the README: open /certificates/<this code> on a fresh start. */
export const DEMO_CERTIFICATE_CODE = "demotsunagucertificateyaha";

const DAY = 24 * 3600_000;
const PAST_SESSIONS = [
  { daysAgo: 75, start: "09:00", end: "11:30" },
  { daysAgo: 40, start: "18:00", end: "21:00" },
  { daysAgo: 12, start: "09:30", end: "12:00" },
];

/**
 * What the application flow leaves behind when a minor's place is confirmed, for a demo application written
 * straight in: the guardian's consent to that session (asked when the student applied, given the next day by the
 * guardian the student named, with the wording the guardian was shown) and, where the student's school approves
 * participation, the coordinator's approval. Sends nothing: these are past answers.
 */
async function minorAsTheFlowLeavesIt(
  trx: Executor,
  application: { id: number; studentUserId: number; postingId: number; startsAt: Date; endsAt: Date; appliedAt: Date },
) {
  const guardian = await getGuardian(trx, application.studentUserId);
  if (!guardian) throw new Error("the demo high-school student has no guardian to consent");
  const student = await trx.selectFrom("users").select(["display_name", "school_organisation_id"]).where("id", "=", application.studentUserId).executeTakeFirstOrThrow();
  const facts = await postingFacts(trx, application.postingId);
  const session = { startsAt: application.startsAt, endsAt: application.endsAt };
  const answeredAt = new Date(application.appliedAt.getTime() + DAY);
  const consent = await trx
    .insertInto("guardian_consents")
    .values({
      student_user_id: application.studentUserId,
      posting_id: application.postingId,
      guardian_name: guardian.name,
      guardian_relationship: guardian.relationship,
      guardian_email: guardian.email,
      // Links never sent: random, so that they match nothing.
      token_hash: createToken().hash,
      revoke_token_hash: createToken().hash,
      expires_at: consentLinkExpiry(application.appliedAt, application.startsAt),
      revoke_until: application.endsAt,
      status: "given",
      scope: "posting",
      answered_at: answeredAt,
      answered_name: guardian.name,
      emergency_phone: "093-000-0901",
      wording_version: CONSENT_WORDING_VERSION,
      wording_text: facts ? wordingFor("ja", facts, { childName: student.display_name, sessions: [session] }) : "",
      created_at: application.appliedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const school = student.school_organisation_id
    ? await trx
        .selectFrom("school_settings as s")
        .innerJoin("memberships as m", "m.organisation_id", "s.organisation_id")
        .select("m.user_id")
        .where("s.organisation_id", "=", student.school_organisation_id)
        .where("s.requires_coordinator_approval", "=", true)
        .orderBy("m.user_id")
        .executeTakeFirst()
    : undefined;
  await trx
    .updateTable("applications")
    .set({
      guardian_consent_required: true,
      guardian_consent_id: consent.id,
      created_at: application.appliedAt,
      ...(school
        ? { school_organisation_id: student.school_organisation_id, school_approval: "approved" as const, school_decided_at: answeredAt, school_decided_by: school.user_id }
        : {}),
    })
    .where("id", "=", application.id)
    .execute();
}

/**
 * Past sessions of the demo owner's first posting with recorded, confirmed attendance for the demo student and
 * the demo high-school student (a minor, with the guardian's consent and the school's approval the application
 * flow would have recorded), so a fresh start shows hours, and one issued certificate to verify; and one session
 * of the day with three confirmed people to check in (in progress by day). Returns the number of shifts it added.
 */
export async function seedAttendanceDemo(trx: Executor, options: { now: Date; origin?: string; sessionAtAnyHour?: boolean }): Promise<number> {
  const users = await trx.selectFrom("users").select(["id", "email"]).where("email", "in", ["student@demo.tsunagu.example", "highschool@demo.tsunagu.example", "owner@demo.tsunagu.example"]).execute();
  const id = (email: string) => users.find((u) => u.email === email)?.id;
  const [student, highSchool, owner] = [id("student@demo.tsunagu.example"), id("highschool@demo.tsunagu.example"), id("owner@demo.tsunagu.example")];
  if (!student || !highSchool || !owner) return 0;
  const posting = await trx
    .selectFrom("postings")
    .innerJoin("memberships", "memberships.organisation_id", "postings.organisation_id")
    .select("postings.id")
    .where("memberships.user_id", "=", owner)
    .where("memberships.role", "=", "owner")
    .orderBy("postings.id")
    .executeTakeFirst();
  if (!posting) return 0;
  for (const [i, s] of PAST_SESSIONS.entries()) {
    const date = tokyoDateString(new Date(options.now.getTime() - s.daysAgo * DAY));
    const session = { startsAt: tokyoInstant(date, s.start), endsAt: tokyoInstant(date, s.end) };
    const shift = await trx
      .insertInto("shifts")
      .values({ posting_id: posting.id, starts_at: session.startsAt, ends_at: session.endsAt, capacity: 10, confirmed_count: 2, created_at: new Date(session.startsAt.getTime() - 30 * DAY) })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const person of [
      { userId: student, minor: false, state: { status: "present" as const, checkedInAt: new Date(session.startsAt.getTime() + 5 * 60_000), checkedOutAt: session.endsAt } },
      // The high-school student missed the second session; the group recorded the others without times.
      { userId: highSchool, minor: true, state: i === 1 ? { status: "absent" as const, checkedInAt: null, checkedOutAt: null } : { status: "present" as const, checkedInAt: null, checkedOutAt: null } },
    ]) {
      const application = await trx
        .insertInto("applications")
        .values({ shift_id: shift.id, shift_starts_at: session.startsAt, shift_ends_at: session.endsAt, posting_id: posting.id, user_id: person.userId, status: "confirmed", minor: person.minor, decided_at: session.startsAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (person.minor)
        await minorAsTheFlowLeavesIt(trx, { id: application.id, studentUserId: person.userId, postingId: posting.id, ...session, appliedAt: new Date(session.startsAt.getTime() - 20 * DAY) });
      await trx
        .insertInto("attendance")
        .values({
          shift_id: shift.id,
          application_id: application.id,
          user_id: person.userId,
          status: person.state.status,
          checked_in_at: person.state.checkedInAt,
          checked_out_at: person.state.checkedOutAt,
          source: "group",
          recorded_by: owner,
          confirmed_minutes: attendedMinutes(person.state, session),
          created_at: session.startsAt,
          updated_at: session.endsAt,
        })
        .execute();
    }
    await trx.insertInto("session_confirmations").values({ shift_id: shift.id, confirmed_at: new Date(session.endsAt.getTime() + 3600_000), confirmed_by: owner }).execute();
  }
  // The session of the day: in progress when the demo is seeded by day, so the group can check people in (the
  // third by the QR code); the next daytime session when seeded at night (demo-session.ts).
  const editor = (await trx.selectFrom("users").select("id").where("email", "=", "editor@demo.tsunagu.example").executeTakeFirst())?.id;
  const { startsAt, endsAt } = demoSessionTimes(options.now, { anyHour: options.sessionAtAnyHour });
  const people = [student, highSchool, editor].filter((u): u is number => u !== undefined);
  const today = await trx
    .insertInto("shifts")
    .values({ posting_id: posting.id, starts_at: startsAt, ends_at: endsAt, capacity: 10, confirmed_count: people.length, created_at: new Date(startsAt.getTime() - 7 * DAY) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const todays = await trx
    .insertInto("applications")
    .values(people.map((userId) => ({ shift_id: today.id, shift_starts_at: startsAt, shift_ends_at: endsAt, posting_id: posting.id, user_id: userId, status: "confirmed" as const, minor: userId === highSchool, decided_at: startsAt })))
    .returning(["id", "user_id"])
    .execute();
  for (const application of todays.filter((a) => a.user_id === highSchool))
    await minorAsTheFlowLeavesIt(trx, { id: application.id, studentUserId: highSchool, postingId: posting.id, startsAt, endsAt, appliedAt: new Date(startsAt.getTime() - 6 * DAY) });
  const key = await signingKey(trx, process.env.CERTIFICATE_SIGNING_KEY || undefined);
  const from = tokyoDateString(new Date(options.now.getTime() - 90 * DAY));
  const to = tokyoDateString(options.now);
  await storeCertificate(trx, { userId: student, period: { kind: "dates", from, to }, includeSchool: false, locale: "ja", origin: options.origin ?? "http://localhost:3000" }, key, DEMO_CERTIFICATE_CODE, options.now);
  return PAST_SESSIONS.length + 1;
}
