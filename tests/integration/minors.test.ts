import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { cancelApplications, CONSENT_HOLD_QUEUE, decideApplication, myActivities, postingApplicants, viewApplicants, withdrawApplication } from "~/modules/applications/applications.server";
import {
  answerGuardianConsent,
  consentHoldJobHandler,
  decideAsSchool,
  nameGuardian,
  releaseExpiredHold,
  revokeGuardianConsent,
} from "~/modules/applications/minors.server";
import { postMessage } from "~/modules/messages/messages.server";
import { organisationThreads } from "~/modules/messages/thread-reading.server";
import { loadThreadPage } from "~/modules/messages/thread-page.server";
import { purgeGuardianConsents } from "~/modules/safeguarding/consent.server";
import { getSafeguardingSettings, updateSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { createJoinCode, decideAffiliation, groupSignup, requestAffiliation, studentApplications } from "~/modules/schools/schools.server";
import { runDueJobs } from "#db/jobs.server";
import { createToken } from "~/utils/tokens.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createUser, ctx } from "../support/factories";
import {
  affiliate,
  applicationRow,
  applyAsMinor,
  consentTokens,
  createPerson,
  createSchool,
  minorsPosting,
  shiftRow,
  tokyoAt,
} from "../support/minor-factories";
import { auditRows, DAY, emailsTo, HOUR, uniqueEmail } from "../support/more-factories";

const answer = { given: true, signedName: "佐藤 恵子", emergencyPhone: "090-1234-5678", standing: false };
const guardianCtx = { ...ctx, ip: "203.0.113.7", locale: "ja" as const };

describe.each(testDatabases())("minors on $name", ({ open }) => {
  let db: DB;
  let staffId: number;

  databaseForSuite(open, async (opened) => {
    db = opened;
    staffId = (await createUser(db, { role: "staff", displayName: "区職員 鈴木" })).id;
  });

  async function pendingMinor(options: Parameters<typeof minorsPosting>[1] = {}) {
    const scene = await minorsPosting(db, options);
    const student = await createPerson(db, { age: 16, name: "佐藤 翔太" });
    const guardianEmail = uniqueEmail("guardian");
    const result = await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], guardianEmail);
    if (result.status !== "ok") throw new Error(`apply failed: ${JSON.stringify(result)}`);
    return { ...scene, student, guardianEmail, applicationId: result.outcomes[0].applicationId, result };
  }

  describe("a 16-year-old applies", () => {
    it("waits for consent with the place held, the guardian is emailed a consent and a revoke link, staff read the thread", async () => {
      const { shifts, student, guardianEmail, applicationId, result, posting } = await pendingMinor({ capacity: 2 });
      expect(result.status === "ok" && result.outcomes[0].status).toBe("pending_consent");
      const app = await applicationRow(db, applicationId);
      expect(app).toMatchObject({ status: "pending_consent", minor: true, guardian_consent_required: true });
      expect(app.held_until).not.toBeNull();
      const held = new Date(app.held_until!).getTime() - Date.now();
      expect(held).toBeGreaterThan(71 * HOUR);
      expect(held).toBeLessThanOrEqual(72 * HOUR);
      // The held place counts in the shift's gate.
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
      const { props } = await consentTokens(db, guardianEmail);
      expect(props).toMatchObject({ childName: "佐藤 翔太", guardianName: "佐藤 恵子", postingTitle: posting.title, sessionCount: 1 });
      expect(String(props.consentUrl)).toMatch(/^http:\/\/localhost:3000\/consent\/[A-Za-z0-9_-]{43}$/);
      expect(String(props.revokeUrl)).toMatch(/^http:\/\/localhost:3000\/consent\/revoke\/[A-Za-z0-9_-]{43}$/);
      // Only hashes are stored.
      const consent = await db.selectFrom("guardian_consents").selectAll().where("id", "=", app.guardian_consent_id!).executeTakeFirstOrThrow();
      expect(String(props.consentUrl)).not.toContain(consent.token_hash);
      // The release is scheduled for the end of the hold.
      const job = await db.selectFrom("jobs").select(["run_at", "dedupe_key"]).where("queue", "=", CONSENT_HOLD_QUEUE).where("dedupe_key", "like", `consent-hold:${applicationId}:%`).executeTakeFirstOrThrow();
      expect(new Date(job.run_at).toISOString()).toBe(new Date(app.held_until!).toISOString());
      // No confirmation email yet; the student sees the step in My activities.
      expect((await emailsTo(db, student.email)).map((e) => e.template)).toEqual([]);
      const waiting = (await myActivities(db, student.id)).waiting;
      expect(waiting.map((w) => [w.id, w.status, w.consent_status, w.guardian_name])).toEqual([[applicationId, "pending_consent", "requested", "佐藤 恵子"]]);
      // Ward staff are listed readers of the thread involving a minor.
      const readers = await db
        .selectFrom("thread_participants as tp")
        .innerJoin("message_threads as t", "t.id", "tp.thread_id")
        .select(["tp.user_id", "tp.role"])
        .where("t.posting_id", "=", posting.id)
        .where("t.volunteer_user_id", "=", student.id)
        .execute();
      expect(readers).toContainEqual({ user_id: staffId, role: "staff" });
    });

    it("the organisation sees only first name, school year and school until confirmed, and the view is audited", async () => {
      const { organisation, owner, posting, applicationId } = await pendingMinor();
      const school = await createSchool(db);
      const { student } = { student: await db.selectFrom("applications").select("user_id").where("id", "=", applicationId).executeTakeFirstOrThrow() };
      await db.updateTable("users").set({ school_organisation_id: school.school.id, name_kana: "さとう しょうた", skills: ["children"] }).where("id", "=", student.user_id).execute();
      const view = await viewApplicants(db, { organisationId: organisation.id, postingId: posting.id, actorUserId: owner.id, ip: "198.51.100.4", purpose: "applicants" });
      const a = view!.shifts[0].applicants.find((x) => x.id === applicationId)!;
      expect(a).toMatchObject({ displayName: "翔太", nameKana: "", volunteerType: null, schoolName: school.school.name, schoolYear: expect.stringMatching(/^minors\.grade\.high\?year=[12]$/), message: "", skills: [], districtJa: null, emergencyContact: null, restricted: true });
      expect(JSON.stringify(view)).not.toMatch(/birth|email|佐藤|090-/);
      const rows = await auditRows(db, { action: "minor.data.viewed", subjectType: "posting", subjectId: posting.id });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_user_id: owner.id, ip: "198.51.100.4" });
      expect(rows[0].details).toMatchObject({ view: "applicants", applicationIds: [applicationId] });
      // The roster export is audited as an export.
      await viewApplicants(db, { organisationId: organisation.id, postingId: posting.id, actorUserId: owner.id, ip: "198.51.100.4", purpose: "roster.csv" });
      expect(await auditRows(db, { action: "minor.data.exported", subjectId: posting.id })).toHaveLength(1);
    });

    it("the organisation cannot confirm (or waitlist) a pending-consent application by posting to its decision", async () => {
      const { organisation, owner, applicationId, shifts } = await pendingMinor();
      for (const decision of ["confirm", "waitlist"] as const)
        expect(await decideApplication(db, { organisationId: organisation.id, applicationId, decision, reason: "", actorUserId: owner.id }, ctx)).toBe("needs-consent");
      expect((await applicationRow(db, applicationId)).status).toBe("pending_consent");
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
      // Declining it gives the held place back.
      expect(await decideApplication(db, { organisationId: organisation.id, applicationId, decision: "decline", reason: "人数調整", actorUserId: owner.id }, ctx)).toBe("ok");
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "declined", held_until: null });
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(0);
    });
    it("in messages too, the organisation reads the minor's first name only until the place is confirmed", async () => {
      const { organisation, owner, posting, guardianEmail, student, applicationId } = await pendingMinor();
      const thread = await db
        .selectFrom("message_threads")
        .select("id")
        .where("posting_id", "=", posting.id)
        .where("volunteer_user_id", "=", student.id)
        .executeTakeFirstOrThrow();
      await postMessage(db, { threadId: thread.id, senderUserId: student.id, side: "volunteer", body: "持ち物を教えてください" });
      const ownerUser = await db.selectFrom("users").selectAll().where("id", "=", owner.id).executeTakeFirstOrThrow();
      const shown = async () => {
        const page = await loadThreadPage(db, ownerUser, thread.id, "organisation", organisation.id);
        if (page.status !== "ok") throw new Error(page.status);
        const listed = (await organisationThreads(db, organisation.id, owner.id)).find((t) => t.id === thread.id)!;
        const fromStudent = page.page.thread.messages.find((m) => m.side === "volunteer")!;
        return { page: page.page.thread.volunteerName, message: fromStudent.senderName, list: listed.volunteerName };
      };
      expect(await shown()).toEqual({ page: "翔太", message: "翔太", list: "翔太" });
      // The email notice to the organisation says the same.
      const notices = (await emailsTo(db, owner.email)).filter((e) => e.template === "new-message");
      expect(notices.map((e) => e.props.senderLabel)).toEqual(["翔太"]);
      // The student and staff still see the whole name.
      const studentUser = await db.selectFrom("users").selectAll().where("id", "=", student.id).executeTakeFirstOrThrow();
      const own = await loadThreadPage(db, studentUser, thread.id, "personal");
      expect(own.status === "ok" && own.page.thread.volunteerName).toBe("佐藤 翔太");
      // Once the guardian consents and the place is confirmed, the responsible adult may know who is coming.
      const { consent } = await consentTokens(db, guardianEmail);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      expect((await applicationRow(db, applicationId)).status).toBe("confirmed");
      expect(await shown()).toEqual({ page: "佐藤 翔太", message: "佐藤 翔太", list: "佐藤 翔太" });
    });
  });

  describe("guardian consent", () => {
    it("consenting confirms the held place, records name, time, wording and address, and the organisation then sees the emergency contact", async () => {
      const { organisation, owner, posting, shifts, student, guardianEmail, applicationId } = await pendingMinor();
      const { consent } = await consentTokens(db, guardianEmail);
      const r = await answerGuardianConsent(db, consent, answer, guardianCtx);
      expect(r).toMatchObject({ status: "ok", given: true, outcomes: [{ applicationId, status: "confirmed" }] });
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "confirmed", held_until: null });
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
      const row = await db.selectFrom("guardian_consents").selectAll().where("id", "=", (await applicationRow(db, applicationId)).guardian_consent_id!).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "given", answered_name: "佐藤 恵子", emergency_phone: "090-1234-5678", answered_ip: "203.0.113.7", wording_version: "2026-04-v1" });
      expect(row.answered_at).not.toBeNull();
      expect(row.wording_text).toContain("佐藤 翔太さんが、");
      expect(row.wording_text).toContain(posting.title);
      expect((await emailsTo(db, student.email)).map((e) => e.template)).toEqual(["application-confirmed"]);
      expect(await auditRows(db, { action: "consent.given", subjectId: row.id })).toHaveLength(1);
      const view = await postingApplicants(db, organisation.id, posting.id);
      const a = view!.shifts[0].applicants.find((x) => x.id === applicationId)!;
      expect(a).toMatchObject({ displayName: "佐藤 翔太", schoolName: "", message: "", emergencyContact: { name: "佐藤 恵子", relationship: "母", phone: "090-1234-5678", email: guardianEmail } });
      expect(owner.id).toBeGreaterThan(0);
    });

    it("forged, tampered, expired and reused links are refused", async () => {
      const { guardianEmail, applicationId } = await pendingMinor();
      const { consent, revoke } = await consentTokens(db, guardianEmail);
      expect(await answerGuardianConsent(db, createToken().token, answer, guardianCtx)).toEqual({ status: "unknown" });
      expect(await answerGuardianConsent(db, `${consent.slice(0, -1)}${consent.endsWith("A") ? "B" : "A"}`, answer, guardianCtx)).toEqual({ status: "unknown" });
      expect(await answerGuardianConsent(db, "../../etc/passwd", answer, guardianCtx)).toEqual({ status: "unknown" });
      // A revoke link is not a consent link, nor the other way round.
      expect(await answerGuardianConsent(db, revoke, answer, guardianCtx)).toEqual({ status: "unknown" });
      expect(await revokeGuardianConsent(db, consent, ctx)).toEqual({ status: "unknown" });
      // After it expires, it is refused; nothing changed.
      expect(await answerGuardianConsent(db, consent, answer, guardianCtx, new Date(Date.now() + 8 * DAY))).toEqual({ status: "expired" });
      expect((await applicationRow(db, applicationId)).status).toBe("pending_consent");
      // Used once, then refused.
      expect((await answerGuardianConsent(db, consent, answer, guardianCtx)).status).toBe("ok");
      expect(await answerGuardianConsent(db, consent, answer, guardianCtx)).toEqual({ status: "answered" });
      expect(await answerGuardianConsent(db, consent, { ...answer, given: false }, guardianCtx)).toEqual({ status: "answered" });
      expect((await applicationRow(db, applicationId)).status).toBe("confirmed");
    });

    it("refusing withdraws the application and gives the held place back", async () => {
      const { guardianEmail, applicationId, shifts } = await pendingMinor();
      const { consent } = await consentTokens(db, guardianEmail);
      expect(await answerGuardianConsent(db, consent, { ...answer, given: false }, guardianCtx)).toMatchObject({ status: "ok", given: false });
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "withdrawn", held_until: null });
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(0);
    });

    it("revocation withdraws a confirmed place, promotes the first in line, and tells the organisation", async () => {
      const { owner, shifts, posting, guardianEmail, applicationId } = await pendingMinor({ capacity: 1 });
      const adult = await createPerson(db, { age: 30, name: "大人 次郎" });
      const waiting = await applyAsMinor(db, adult.id, posting.id, [shifts[0].id], null);
      expect(waiting.status === "ok" && waiting.outcomes[0].status).toBe("waitlisted");
      const { consent, revoke } = await consentTokens(db, guardianEmail);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      expect((await applicationRow(db, applicationId)).status).toBe("confirmed");

      expect(await revokeGuardianConsent(db, revoke, { ...ctx, ip: "203.0.113.9" })).toEqual({ status: "ok", withdrawn: 1 });
      expect((await applicationRow(db, applicationId)).status).toBe("withdrawn");
      expect((await applicationRow(db, waiting.status === "ok" ? waiting.outcomes[0].applicationId : 0)).status).toBe("confirmed");
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
      const told = (await emailsTo(db, owner.email)).filter((e) => e.template === "guardian-consent-withdrawn");
      expect(told).toHaveLength(1);
      expect(told[0].props).toMatchObject({ firstName: "翔太", postingTitle: posting.title });
      expect(JSON.stringify(told[0].props)).not.toContain("佐藤");
      const consentId = (await applicationRow(db, applicationId)).guardian_consent_id!;
      expect(await db.selectFrom("guardian_consents").select(["status", "revoked_ip"]).where("id", "=", consentId).executeTakeFirst()).toEqual({ status: "revoked", revoked_ip: "203.0.113.9" });
      expect(await auditRows(db, { action: "consent.revoked", subjectId: consentId })).toHaveLength(1);
      // The same link again: refused, nothing more happens; the consent link is dead too.
      expect(await revokeGuardianConsent(db, revoke, ctx)).toEqual({ status: "revoked" });
      expect(await answerGuardianConsent(db, consent, answer, guardianCtx)).toEqual({ status: "revoked" });
    });

    it("an expired hold releases the place (a scheduled job) and promotes the first in line; consent that comes later waitlists", async () => {
      const { shifts, posting, guardianEmail, applicationId } = await pendingMinor({ capacity: 1 });
      const adult = await createPerson(db, { age: 25, name: "待機 三郎" });
      const waiting = await applyAsMinor(db, adult.id, posting.id, [shifts[0].id], null);
      if (waiting.status !== "ok") throw new Error("adult could not apply");
      expect(waiting.outcomes[0].status).toBe("waitlisted");
      const heldUntil = new Date((await applicationRow(db, applicationId)).held_until!);

      // The job runs early (a retry, a clock skew): the hold stands.
      await consentHoldJobHandler(db)({ applicationId, heldUntil: heldUntil.toISOString(), origin: ctx.origin });
      expect((await applicationRow(db, applicationId)).held_until).not.toBeNull();

      // Time passes: the hold ended a minute ago, and the outbox runs what is due.
      const past = new Date(Date.now() - 60_000);
      await db.updateTable("applications").set({ held_until: past }).where("id", "=", applicationId).execute();
      await db.updateTable("jobs").set({ run_at: past }).where("queue", "=", CONSENT_HOLD_QUEUE).where("dedupe_key", "like", `consent-hold:${applicationId}:%`).execute();
      expect(await runDueJobs(db, { [CONSENT_HOLD_QUEUE]: consentHoldJobHandler(db) })).toBeGreaterThanOrEqual(1);
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "pending_consent", held_until: null });
      expect((await applicationRow(db, waiting.outcomes[0].applicationId)).status).toBe("confirmed");
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
      expect((await emailsTo(db, adult.email)).map((e) => e.template)).toContain("application-promoted");
      expect(await auditRows(db, { action: "application.hold_released", subjectId: applicationId })).toHaveLength(1);
      // Running it again does nothing.
      expect(await db.transaction().execute((trx) => releaseExpiredHold(trx, applicationId, ctx.origin, new Date(heldUntil.getTime() + 1000)))).toBe(false);

      const { consent } = await consentTokens(db, guardianEmail);
      expect(await answerGuardianConsent(db, consent, answer, guardianCtx)).toMatchObject({ outcomes: [{ applicationId, status: "waitlisted" }] });
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
    });

    it("cancelling a held application (an account suspended) gives back exactly one place and promotes", async () => {
      const { shifts, posting, applicationId } = await pendingMinor({ capacity: 1 });
      const adult = await createPerson(db, { age: 33 });
      const waiting = await applyAsMinor(db, adult.id, posting.id, [shifts[0].id], null);
      if (waiting.status !== "ok") throw new Error("adult could not apply");
      expect(await db.transaction().execute((trx) => cancelApplications(trx, [applicationId], ctx.origin))).toBe(1);
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "cancelled", held_until: null });
      expect((await applicationRow(db, waiting.outcomes[0].applicationId)).status).toBe("confirmed");
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(1);
    });

    it("a standing consent for the school year (when the ward offers it) covers the next application; withdrawing it withdraws both", async () => {
      const before = await getSafeguardingSettings(db);
      await updateSafeguardingSettings(db, { ...before, standingConsentOffered: true }, { userId: staffId, ip: "" });
      try {
        const first = await pendingMinor();
        const { consent, revoke } = await consentTokens(db, first.guardianEmail);
        await answerGuardianConsent(db, consent, { ...answer, standing: true }, guardianCtx);
        const standing = await db.selectFrom("guardian_consents").selectAll().where("id", "=", (await applicationRow(db, first.applicationId)).guardian_consent_id!).executeTakeFirstOrThrow();
        expect(standing).toMatchObject({ scope: "school_year", status: "given" });
        expect(standing.wording_text).toContain("区の安全確認を通った他の活動への参加にも同意します");

        // The next application needs no new answer: confirmed at once, and the guardian gets a notice with its own revoke link.
        const second = await minorsPosting(db);
        const r = await applyAsMinor(db, first.student.id, second.posting.id, [second.shifts[0].id], first.guardianEmail);
        expect(r.status === "ok" && r.outcomes[0].status).toBe("confirmed");
        const notices = (await emailsTo(db, first.guardianEmail)).filter((e) => e.template === "guardian-consent-notice");
        expect(notices).toHaveLength(1);
        expect(String(notices[0].props.revokeUrl)).toMatch(/\/consent\/revoke\//);

        expect(await revokeGuardianConsent(db, revoke, ctx)).toEqual({ status: "ok", withdrawn: 2 });
        expect((await applicationRow(db, first.applicationId)).status).toBe("withdrawn");
        expect((await applicationRow(db, r.status === "ok" ? r.outcomes[0].applicationId : 0)).status).toBe("withdrawn");
      } finally {
        await updateSafeguardingSettings(db, before, { userId: staffId, ip: "" });
      }
    });

    it("a withdrawal by the student gives the held place back", async () => {
      const { student, applicationId, shifts } = await pendingMinor();
      expect(await withdrawApplication(db, student.id, applicationId, ctx)).toBe("ok");
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "withdrawn", held_until: null });
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(0);
    });

    it("in review mode nothing is held; consent sends it to the organisation, which may then confirm", async () => {
      const { organisation, owner, guardianEmail, applicationId, shifts } = await pendingMinor({ mode: "review" });
      expect((await applicationRow(db, applicationId)).held_until).toBeNull();
      expect((await shiftRow(db, shifts[0].id)).confirmed_count).toBe(0);
      expect((await emailsTo(db, owner.email)).filter((e) => e.template === "new-applicant")).toEqual([]);
      const { consent } = await consentTokens(db, guardianEmail);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      expect((await applicationRow(db, applicationId)).status).toBe("pending");
      const told = (await emailsTo(db, owner.email)).filter((e) => e.template === "new-applicant");
      expect(told.map((e) => e.props.applicantLabel)).toEqual(["翔太"]);
      expect(await decideApplication(db, { organisationId: organisation.id, applicationId, decision: "confirm", reason: "", actorUserId: owner.id }, ctx)).toBe("ok");
      expect((await applicationRow(db, applicationId)).status).toBe("confirmed");
    });

    it("a guardian named later (from My activities) gets the request then", async () => {
      const scene = await minorsPosting(db);
      const student = await createPerson(db, { age: 15 });
      expect(await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], null)).toEqual({ status: "invalid", field: "guardianName", message: "minors.error.guardianRequired" });
      const email = uniqueEmail("later");
      // Group sign-up may go ahead without one: the request waits for the student to name them.
      const { school, coordinator } = await createSchool(db);
      await affiliate(db, school.id, student.id);
      const outcomes = await groupSignup(db, { schoolId: school.id, coordinatorId: coordinator.id, postingId: scene.posting.id, shiftId: scene.shifts[0].id, studentIds: [student.id] }, ctx);
      expect(outcomes).toEqual([{ userId: student.id, result: "ok" }]);
      const app = await db.selectFrom("applications").selectAll().where("user_id", "=", student.id).executeTakeFirstOrThrow();
      expect(app).toMatchObject({ status: "pending_consent", guardian_consent_id: null, signed_up_by: coordinator.id });
      expect(await nameGuardian(db, student.id, { guardianName: "鈴木 父", guardianRelationship: "父", guardianEmail: email }, { ...ctx })).toEqual({ requested: 1 });
      const { consent } = await consentTokens(db, email);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      expect((await applicationRow(db, app.id)).status).toBe("confirmed");
    });
  });

  describe("who may apply", () => {
    it("a minor cannot apply to a posting not yet approved, or to a 22:00 or a night shift; adults can", async () => {
      const unapproved = await minorsPosting(db, { approved: false });
      const student = await createPerson(db, { age: 16 });
      const email = uniqueEmail("g");
      expect(await applyAsMinor(db, student.id, unapproved.posting.id, [unapproved.shifts[0].id], email)).toEqual({
        status: "invalid",
        field: "shiftId",
        message: "minors.problem.notApprovedForMinors",
      });
      const evening = await minorsPosting(db, {
        shifts: [
          { startsAt: tokyoAt(8, "20:00"), endsAt: tokyoAt(8, "22:00"), capacity: 5 },
          { startsAt: tokyoAt(9, "22:30"), endsAt: tokyoAt(9, "23:30"), capacity: 5 },
        ],
      });
      expect((await applyAsMinor(db, student.id, evening.posting.id, [evening.shifts[0].id], email)).status).toBe("invalid");
      expect(await applyAsMinor(db, student.id, evening.posting.id, [evening.shifts[0].id], email)).toMatchObject({ message: "minors.problem.tooLate" });
      expect(await applyAsMinor(db, student.id, evening.posting.id, [evening.shifts[1].id], email)).toMatchObject({ message: "minors.problem.night" });
      expect(await db.selectFrom("applications").select("id").where("user_id", "=", student.id).execute()).toEqual([]);
      // The later end follows the setting (the night does not).
      const adult = await createPerson(db, { age: 40 });
      expect((await applyAsMinor(db, adult.id, evening.posting.id, [evening.shifts[0].id, evening.shifts[1].id], null)).status).toBe("ok");
      expect((await applyAsMinor(db, adult.id, unapproved.posting.id, [unapproved.shifts[0].id], null)).status).toBe("ok");
    });

    it("everyone needs a birth date; the posting's minimum age applies to everyone", async () => {
      const scene = await minorsPosting(db, { minimumAge: 17 });
      const nobody = await createPerson(db, { age: null });
      expect(await applyAsMinor(db, nobody.id, scene.posting.id, [scene.shifts[0].id], null)).toEqual({ status: "invalid", field: "birthDate", message: "minors.error.birthDateRequired" });
      const young = await createPerson(db, { age: 16 });
      expect(await applyAsMinor(db, young.id, scene.posting.id, [scene.shifts[0].id], uniqueEmail("g"))).toMatchObject({ message: "minors.problem.belowMinimumAge" });
      const seventeen = await createPerson(db, { age: 17 });
      expect((await applyAsMinor(db, seventeen.id, scene.posting.id, [scene.shifts[0].id], uniqueEmail("g"))).status).toBe("ok");
    });

    it("a shift moved into the evening cancels a minor's application and gives the place back", async () => {
      const { shifts, applicationId } = await pendingMinor();
      const { afterShiftChanges } = await import("~/modules/applications/applications.server");
      const previous = shifts[0];
      await db.updateTable("shifts").set({ starts_at: tokyoAt(7, "20:00"), ends_at: tokyoAt(7, "22:00") }).where("id", "=", previous.id).execute();
      await db.transaction().execute((trx) =>
        afterShiftChanges(trx, { moved: [{ shiftId: previous.id, previousStartsAt: new Date(previous.starts_at), previousEndsAt: new Date(previous.ends_at), capacityChanged: false }], removed: [], grew: [] }, ctx.origin),
      );
      expect(await applicationRow(db, applicationId)).toMatchObject({ status: "cancelled", held_until: null });
      expect((await shiftRow(db, previous.id)).confirmed_count).toBe(0);
    });
  });

  describe("schools", () => {
    it("a student joins with a code, a coordinator approves; where the school requires it, the coordinator's approval is a step too", async () => {
      const { school, coordinator } = await createSchool(db, { requiresCoordinatorApproval: true });
      const code = await createJoinCode(db, school.id, { userId: coordinator.id, ip: "" });
      const student = await createPerson(db, { age: 16 });
      expect(await requestAffiliation(db, student.id, code, "")).toBe("ok");
      expect(await requestAffiliation(db, student.id, code, "")).toBe("already-member");
      expect(await requestAffiliation(db, student.id, "ZZZZZZZZ", "")).toBe("unknown");
      const row = await db.selectFrom("school_affiliations").selectAll().where("user_id", "=", student.id).executeTakeFirstOrThrow();
      expect(row.status).toBe("pending");
      expect(await decideAffiliation(db, school.id + 999, row.id, "approve", { userId: coordinator.id, ip: "" })).toBe("not-found");
      expect(await decideAffiliation(db, school.id, row.id, "approve", { userId: coordinator.id, ip: "" })).toBe("ok");

      const scene = await minorsPosting(db);
      const email = uniqueEmail("g");
      const r = await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], email);
      if (r.status !== "ok") throw new Error("apply failed");
      const id = r.outcomes[0].applicationId;
      expect(await applicationRow(db, id)).toMatchObject({ school_organisation_id: school.id, school_approval: "pending" });
      const { consent } = await consentTokens(db, email);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      // Consent alone is not enough here.
      expect((await applicationRow(db, id)).status).toBe("pending_consent");
      const seen = await studentApplications(db, school.id);
      expect(seen.find((a) => a.id === id)).toMatchObject({ decidable: true, consent_status: "given", safeguarding_status: "approved" });
      // Another school cannot decide it.
      const other = await createSchool(db);
      expect(await decideAsSchool(db, { schoolId: other.school.id, applicationId: id, decision: "approve", reason: "", actorUserId: other.coordinator.id }, ctx)).toBe("not-found");
      expect(await decideAsSchool(db, { schoolId: school.id, applicationId: id, decision: "approve", reason: "", actorUserId: coordinator.id }, ctx)).toBe("ok");
      expect((await applicationRow(db, id)).status).toBe("confirmed");
      expect(await auditRows(db, { action: "school.application.approve", subjectId: id })).toHaveLength(1);
    });

    it("a coordinator may read the thread only where the school's setting says so", async () => {
      const reads = await createSchool(db, { coordinatorReadsMinorThreads: true });
      const not = await createSchool(db, { coordinatorReadsMinorThreads: false });
      const scene = await minorsPosting(db);
      for (const { school, coordinator } of [reads, not]) {
        const student = await createPerson(db, { age: 16 });
        await affiliate(db, school.id, student.id);
        await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], uniqueEmail("g"));
        const listed = await db
          .selectFrom("thread_participants as tp")
          .innerJoin("message_threads as t", "t.id", "tp.thread_id")
          .select("tp.role")
          .where("t.volunteer_user_id", "=", student.id)
          .where("tp.user_id", "=", coordinator.id)
          .execute();
        expect(listed.map((l) => l.role)).toEqual(school.id === reads.school.id ? ["coordinator"] : []);
      }
    });
  });

  describe("retention", () => {
    it("clears the guardian's details once the activity is due, keeping the state and an anonymous count", async () => {
      const { guardianEmail, applicationId } = await pendingMinor();
      const { consent } = await consentTokens(db, guardianEmail);
      await answerGuardianConsent(db, consent, answer, guardianCtx);
      const consentId = (await applicationRow(db, applicationId)).guardian_consent_id!;
      const before = await db.selectFrom("retention_counts").select("id").where("subject", "=", "guardian_consent").execute();
      // Not due yet: a cutoff before the activity leaves it.
      const early = await db.transaction().execute((trx) => purgeGuardianConsents(trx, { now: new Date(), cutoff: new Date(Date.now() - DAY), minorAge: 18 }));
      expect(early).toBe(0);
      const handled = await db.transaction().execute((trx) => purgeGuardianConsents(trx, { now: new Date(), cutoff: new Date(Date.now() + 400 * DAY), minorAge: 18 }));
      expect(handled).toBeGreaterThanOrEqual(1);
      const row = await db.selectFrom("guardian_consents").selectAll().where("id", "=", consentId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ guardian_name: "", guardian_email: "", answered_name: "", emergency_phone: "", answered_ip: "", wording_text: "", status: "given", wording_version: "2026-04-v1" });
      expect(row.retention_purged_at).not.toBeNull();
      const after = await db.selectFrom("retention_counts").select("id").where("subject", "=", "guardian_consent").execute();
      expect(after.length).toBeGreaterThan(before.length);
    });
  });

  describe("settings", () => {
    it("staff change the settings; the change is audited and applies at once", async () => {
      const before = await getSafeguardingSettings(db);
      expect(before).toMatchObject({ minorAge: 18, minorsLatestEnd: "21:00", consentHoldHours: 72, guardianConsentUnder: 18, standingConsentOffered: false });
      const { changed } = await updateSafeguardingSettings(db, { ...before, minorsLatestEnd: "22:00", consentHoldHours: 24 }, { userId: staffId, ip: "10.0.0.1" });
      expect(changed.sort()).toEqual(["consentHoldHours", "minorsLatestEnd"]);
      const rows = await auditRows(db, { action: "safeguarding.settings.changed" });
      expect(rows.at(-1)!.details).toMatchObject({ minorsLatestEnd: { from: "21:00", to: "22:00" }, consentHoldHours: { from: 72, to: 24 } });
      const evening = await minorsPosting(db, { shifts: [{ startsAt: tokyoAt(10, "20:00"), endsAt: tokyoAt(10, "22:00"), capacity: 3 }] });
      const student = await createPerson(db, { age: 16 });
      const r = await applyAsMinor(db, student.id, evening.posting.id, [evening.shifts[0].id], uniqueEmail("g"));
      expect(r.status).toBe("ok");
      const held = new Date((await db.selectFrom("applications").select("held_until").where("user_id", "=", student.id).executeTakeFirstOrThrow()).held_until!);
      expect(held.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);
      await updateSafeguardingSettings(db, before, { userId: staffId, ip: "10.0.0.1" });
      expect(await getSafeguardingSettings(db)).toEqual(before);
    });
  });
});
