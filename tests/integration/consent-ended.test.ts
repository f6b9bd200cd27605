import { describe, expect, it, vi } from "vitest";
import type { DB } from "#db/client.server";
import { cancelApplications, decideApplication, myActivities, withdrawApplication } from "~/modules/applications/applications.server";
import { answerGuardianConsent } from "~/modules/applications/minors.server";
import { consentByToken, currentConsentLinkState } from "~/modules/safeguarding/consent.server";
import { testDatabases } from "../support/databases";
import { ctx } from "../support/factories";
import { applicationRow, applyAsMinor, consentTokens, createPerson, minorsPosting } from "../support/minor-factories";
import { auditRows, uniqueEmail } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

const answer = { given: true, signedName: "佐藤 恵子", emergencyPhone: "090-1234-5678", standing: false };
const guardianCtx = { ...ctx, ip: "203.0.113.7", locale: "ja" as const };

/**
 * A guardian's consent link for an application that has ended (withdrawn by the student, cancelled, declined by
 * the organisation) records nothing and says so; My activities shows no consent on the ended item.
 */
// Each test sets up a scene of its own (a posting, people, applications): slow on a busy machine, PGlite first of all.
vi.setConfig({ testTimeout: 90_000 });

describe.each(testDatabases())("a consent link after the application ended, on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  async function pendingMinor(mode: "auto" | "review" = "auto") {
    const scene = await minorsPosting(db, { capacity: 3, mode });
    const student = await createPerson(db, { age: 16, name: "佐藤 翔太" });
    const guardianEmail = uniqueEmail("guardian");
    const result = await applyAsMinor(db, student.id, scene.posting.id, [scene.shifts[0].id], guardianEmail);
    if (result.status !== "ok") throw new Error(`apply failed: ${JSON.stringify(result)}`);
    const { consent } = await consentTokens(db, guardianEmail);
    return { ...scene, student, consent, applicationId: result.outcomes[0].applicationId };
  }

  async function expectNothingRecorded(consent: string, applicationId: number, endedAs: string) {
    const row = await consentByToken(db, consent, "consent");
    expect(await currentConsentLinkState(db, row, new Date())).toBe("ended");
    expect(await answerGuardianConsent(db, consent, answer, guardianCtx)).toEqual({ status: "ended" });
    expect(await answerGuardianConsent(db, consent, { ...answer, given: false }, guardianCtx)).toEqual({ status: "ended" });
    const after = await consentByToken(db, consent, "consent");
    expect(after).toMatchObject({ status: "requested", answered_at: null, answered_name: "", emergency_phone: "" });
    expect(await auditRows(db, { action: "consent.given", subjectId: row!.id })).toHaveLength(0);
    expect(await auditRows(db, { action: "consent.declined", subjectId: row!.id })).toHaveLength(0);
    expect((await applicationRow(db, applicationId)).status).toBe(endedAs);
  }

  it("withdrawn by the student: the link records nothing, and My activities shows no consent on the item", async () => {
    const { student, consent, applicationId } = await pendingMinor();
    expect(await currentConsentLinkState(db, await consentByToken(db, consent, "consent"), new Date())).toBe("open");
    expect(await withdrawApplication(db, student.id, applicationId, ctx)).toBe("ok");
    await expectNothingRecorded(consent, applicationId, "withdrawn");
    const mine = await myActivities(db, student.id);
    const item = mine.past.find((a) => a.id === applicationId);
    expect(item).toMatchObject({ status: "withdrawn", consent_status: null });
  });

  it("cancelled (the account suspended, say): the link records nothing", async () => {
    const { consent, applicationId } = await pendingMinor();
    await db.transaction().execute((trx) => cancelApplications(trx, [applicationId], ctx.origin));
    await expectNothingRecorded(consent, applicationId, "cancelled");
  });

  it("declined by the organisation: the link records nothing", async () => {
    const { owner, organisation, consent, applicationId } = await pendingMinor("review");
    expect(await decideApplication(db, { organisationId: organisation.id, applicationId, decision: "decline", reason: "", actorUserId: owner.id }, ctx)).toBe("ok");
    await expectNothingRecorded(consent, applicationId, "declined");
  });

  it("applied for again: the old link has ended, the new one is open and works", async () => {
    const { student, consent, applicationId, posting, shifts } = await pendingMinor();
    expect(await withdrawApplication(db, student.id, applicationId, ctx)).toBe("ok");
    const guardianEmail = uniqueEmail("guardian");
    const again = await applyAsMinor(db, student.id, posting.id, [shifts[0].id], guardianEmail);
    expect(again.status).toBe("ok");
    expect(await answerGuardianConsent(db, consent, answer, guardianCtx)).toEqual({ status: "ended" });
    const fresh = await consentTokens(db, guardianEmail);
    expect(await answerGuardianConsent(db, fresh.consent, answer, guardianCtx)).toMatchObject({ status: "ok", given: true });
    expect((await applicationRow(db, applicationId)).status).toBe("confirmed");
  });
});
