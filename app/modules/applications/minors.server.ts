import type { DB, Executor } from "#db/client.server";
import type { ApplicationStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { ensureThread, postMessage } from "../messages/messages.server";
import {
  consentByToken,
  consentSubject,
  createConsentRequest,
  currentConsentLinkState,
  getGuardian,
  markConsentRevoked,
  postingFacts,
  recordConsentAnswer,
  revokeLinkState,
  saveGuardian,
  standingWordingFor,
  wordingFor,
} from "../safeguarding/consent.server";
import type { GuardianInput } from "../safeguarding/consent.schema";
import { getSafeguardingSettings } from "../safeguarding/settings.server";
import { givenName } from "~/modules/accounts/names";
import { organisationMemberRecipients } from "../organisations/memberships.server";
import { canTransition, consentSatisfied } from "./applications.rules";
import {
  noticeToVolunteer,
  promoteWaitlisted,
  recipient,
  reachable,
  releasePlace,
  shiftContext,
  takePlace,
  tellOrganisation,
  tellVolunteer,
  type Context,
} from "./applications.server";
import { joinWaitlist } from "./waitlist.server";

/**
 * What happens to a minor's application as its conditions come in: the guardian's answer, a revocation, the
 * school's decision, the end of a held place (docs/decisions/011-minors-consent.md). Each use-case runs in one
 * transaction and writes the thread, the emails and the audit log with its change.
 */

async function systemNotice(trx: Executor, app: { posting_id: number; user_id: number }, body: string) {
  const threadId = await ensureThread(trx, { postingId: app.posting_id, volunteerUserId: app.user_id });
  await postMessage(trx, { threadId, senderUserId: null, side: "system", body });
}

/**
 * Moves a pending-consent application on once all it waits for is in: first come → confirmed (its held place
 * becomes the confirmation) or, with no place, confirmed if one is free now, else waitlisted; review → pending for
 * the organisation to decide. Returns the new status, or null when it still waits (or is past).
 */
export async function advanceIfReady(trx: Executor, applicationId: number, origin: string, now = new Date()): Promise<ApplicationStatus | null> {
  const app = await trx
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .select([
      "a.id",
      "a.status",
      "a.user_id",
      "a.posting_id",
      "a.shift_id",
      "a.held_until",
      "a.minor",
      "a.guardian_consent_required",
      "a.school_approval",
      "g.status as consent_status",
      "p.application_mode",
      "s.starts_at",
    ])
    .where("a.id", "=", applicationId)
    .forUpdate("a")
    .executeTakeFirst();
  if (!app || app.status !== "pending_consent" || app.shift_id === null) return null;
  if (!consentSatisfied(app)) return null;
  if (new Date(app.starts_at).getTime() <= now.getTime()) return null;
  let status: "confirmed" | "waitlisted" | "pending";
  if (app.application_mode === "review") status = "pending";
  else status = app.held_until || (await takePlace(trx, app.shift_id)) ? "confirmed" : "waitlisted";
  if (!canTransition("pending_consent", status, "system")) return null;
  if (status === "waitlisted") await joinWaitlist(trx, app.id, app.shift_id, { decided_at: now, updated_at: now });
  else await trx.updateTable("applications").set({ status, waitlisted_at: null, decided_at: status === "pending" ? null : now, updated_at: now }).where("id", "=", app.id).execute();
  await systemNotice(trx, app, `minors.system.ready?when=${new Date(app.starts_at).toISOString()}`);
  const ctx = await shiftContext(trx, app.shift_id);
  const user = await recipient(trx, app.user_id);
  if (ctx && reachable(user)) await noticeToVolunteer(trx, { applicationId: app.id, status, ctx, user, origin });
  if (status === "pending" && ctx && user) await tellOrganisation(trx, ctx, user.deleted_at ? "—" : givenName(user.display_name), "pending", origin);
  return status;
}

export type ConsentAnswerResult =
  | { status: "ok"; given: boolean; consentId: number; outcomes: { applicationId: number; status: ApplicationStatus | null }[] }
  | { status: "unknown" | "expired" | "answered" | "revoked" | "ended" };

/**
 * The guardian answers on the consent page: records the answer with the wording shown (in the page's language),
 * then moves each application on (consent) or withdraws it (refusal). A second answer finds the link used.
 */
export async function answerGuardianConsent(
  db: DB,
  token: string,
  answer: { given: boolean; signedName: string; emergencyPhone: string; standing: boolean },
  ctx: Context & { locale: Locale },
  now = new Date(),
): Promise<ConsentAnswerResult> {
  return db.transaction().execute(async (trx): Promise<ConsentAnswerResult> => {
    const row = await consentByToken(trx, token, "consent");
    // An application withdrawn, cancelled or declined meanwhile leaves nothing to consent to: nothing is recorded.
    const state = await currentConsentLinkState(trx, row, now, { lock: true });
    if (!row || state !== "open") return { status: state === "open" ? "unknown" : state };
    const facts = row.posting_id === null ? null : await postingFacts(trx, row.posting_id);
    const subject = await consentSubject(trx, row.id);
    const settings = await getSafeguardingSettings(trx);
    const standing = answer.given && answer.standing && settings.standingConsentOffered;
    const wordingText =
      (facts ? wordingFor(ctx.locale, facts, subject) : "") + (standing ? standingWordingFor(ctx.locale, subject.childName, now) : "");
    const recorded = await recordConsentAnswer(trx, row.id, { ...answer, standing, wordingText, ip: ctx.ip, now });
    if (recorded !== "ok") return { status: recorded === "expired" ? "expired" : "answered" };
    await audit(trx, {
      actorUserId: null,
      action: answer.given ? "consent.given" : "consent.declined",
      subjectType: "guardian_consent",
      subjectId: row.id,
      ip: ctx.ip,
      details: { applicationIds: subject.sessions.map((s) => s.applicationId), standing, locale: ctx.locale },
    });
    const outcomes: { applicationId: number; status: ApplicationStatus | null }[] = [];
    for (const s of subject.sessions) {
      if (answer.given) outcomes.push({ applicationId: s.applicationId, status: await advanceIfReady(trx, s.applicationId, ctx.origin, now) });
      else outcomes.push({ applicationId: s.applicationId, status: await withdrawForGuardian(trx, s.applicationId, ctx.origin, now, "minors.system.consentDeclined", false) });
    }
    return { status: "ok", given: answer.given, consentId: row.id, outcomes };
  });
}

/**
 * Withdraws an application on the guardian's word: a held or confirmed place goes to the first in line; the
 * student sees why in the thread; the organisation is told when asked to. Sessions already started are history.
 */
async function withdrawForGuardian(trx: Executor, applicationId: number, origin: string, now: Date, notice: string, tellGroup: boolean): Promise<ApplicationStatus | null> {
  const app = await trx
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.status", "a.user_id", "a.posting_id", "a.shift_id", "a.held_until", "s.starts_at", "s.ends_at", "p.title", "p.organisation_id", "u.display_name", "u.deleted_at"])
    .where("a.id", "=", applicationId)
    .forUpdate("a")
    .executeTakeFirst();
  if (!app || app.shift_id === null || !canTransition(app.status, "withdrawn", "guardian")) return null;
  if (new Date(app.starts_at).getTime() <= now.getTime()) return null;
  await trx.updateTable("applications").set({ status: "withdrawn", waitlisted_at: null, updated_at: now }).where("id", "=", app.id).execute();
  if (app.status === "confirmed") await releasePlace(trx, app.shift_id);
  if (app.status === "confirmed" || app.held_until) await promoteWaitlisted(trx, app.shift_id, origin);
  await systemNotice(trx, app, `${notice}?when=${new Date(app.starts_at).toISOString()}`);
  if (tellGroup) {
    for (const m of await organisationMemberRecipients(trx, app.organisation_id))
      await sendEmail(trx, {
        template: "guardian-consent-withdrawn",
        to: m.email,
        locale: m.locale,
        props: {
          firstName: app.deleted_at ? "—" : givenName(app.display_name),
          postingTitle: app.title,
          startsAt: new Date(app.starts_at).toISOString(),
          endsAt: new Date(app.ends_at).toISOString(),
          manageUrl: `${origin}/orgs/${app.organisation_id}/postings/${app.posting_id}/applicants`,
        },
      });
  }
  return "withdrawn";
}

export type RevokeResult = { status: "ok"; withdrawn: number } | { status: "unknown" | "expired" | "revoked" | "declined" };

/**
 * The guardian withdraws consent from the link in the email (no account): the consent (and any it covered) is
 * revoked, and every application it covered that is still to come is withdrawn, the waiting list promoted and
 * the organisation told. Revoking an unanswered request refuses it.
 */
export async function revokeGuardianConsent(db: DB, token: string, ctx: Context, now = new Date()): Promise<RevokeResult> {
  return db.transaction().execute(async (trx): Promise<RevokeResult> => {
    const row = await consentByToken(trx, token, "revoke");
    const state = revokeLinkState(row, now);
    if (!row || state !== "open") return { status: state === "open" ? "unknown" : state };
    const locked = await trx.selectFrom("guardian_consents").select("status").where("id", "=", row.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status === "revoked") return { status: "revoked" };
    const ids = await markConsentRevoked(trx, row.id, ctx.ip, now);
    const apps = await trx.selectFrom("applications").select("id").where("guardian_consent_id", "in", ids).orderBy("shift_starts_at").execute();
    let withdrawn = 0;
    for (const a of apps) if (await withdrawForGuardian(trx, a.id, ctx.origin, now, "minors.system.consentRevoked", true)) withdrawn++;
    await audit(trx, {
      actorUserId: null,
      action: "consent.revoked",
      subjectType: "guardian_consent",
      subjectId: row.id,
      ip: ctx.ip,
      details: { consentIds: ids, withdrawnApplications: withdrawn, before: row.status },
    });
    return { status: "ok", withdrawn };
  });
}

export const HOLD_EXPIRED_NOTICE = "minors.system.holdExpired";

/**
 * Ends a held place whose time is up (the guardian has not consented yet): the place goes back (the trigger gives
 * it back as held_until is cleared), the first in line gets it, and the student sees it in the thread. The
 * application stays pending consent: consent that comes later confirms it if a place is free then, or waitlists it.
 */
export async function releaseExpiredHold(trx: Executor, applicationId: number, origin: string, now = new Date()): Promise<boolean> {
  const app = await trx
    .selectFrom("applications")
    .select(["id", "status", "held_until", "shift_id", "posting_id", "user_id"])
    .where("id", "=", applicationId)
    .forUpdate()
    .executeTakeFirst();
  if (!app || app.status !== "pending_consent" || !app.held_until || app.shift_id === null) return false;
  if (new Date(app.held_until).getTime() > now.getTime()) return false;
  await trx.updateTable("applications").set({ held_until: null, updated_at: now }).where("id", "=", app.id).execute();
  await promoteWaitlisted(trx, app.shift_id, origin);
  await systemNotice(trx, app, HOLD_EXPIRED_NOTICE);
  await audit(trx, { actorUserId: null, action: "application.hold_released", subjectType: "application", subjectId: app.id, details: { heldUntil: new Date(app.held_until).toISOString() } });
  return true;
}

export interface ConsentHoldPayload {
  applicationId: number;
  heldUntil: string;
  origin: string;
}

/** The outbox job scheduled at the end of each hold (queue `consent-holds`); harmless when consent came first. */
export function consentHoldJobHandler(db: DB) {
  return async (payload: ConsentHoldPayload) => {
    await db.transaction().execute(async (trx) => {
      await releaseExpiredHold(trx, payload.applicationId, payload.origin);
    });
  };
}

/**
 * The student names (or changes) their guardian from My activities: saved, and every application still waiting
 * for a guardian (none asked yet, or the link expired unanswered) gets a new request, one per posting.
 */
export async function nameGuardian(db: DB, userId: number, input: GuardianInput, ctx: Context & { locale: Locale }, now = new Date()): Promise<{ requested: number }> {
  return db.transaction().execute(async (trx) => {
    await saveGuardian(trx, userId, input);
    const guardian = (await getGuardian(trx, userId))!;
    const waiting = await trx
      .selectFrom("applications as a")
      .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.posting_id", "a.shift_starts_at", "a.shift_ends_at", "u.display_name", "u.locale"])
      .where("a.user_id", "=", userId)
      .where("a.status", "=", "pending_consent")
      .where("a.guardian_consent_required", "=", true)
      .where("a.shift_starts_at", ">", now)
      .where((eb) => eb.or([eb("a.guardian_consent_id", "is", null), eb.and([eb("g.status", "=", "requested"), eb("g.expires_at", "<=", now)]), eb("g.status", "=", "declined")]))
      .orderBy("a.shift_starts_at")
      .execute();
    const byPosting = new Map<number, typeof waiting>();
    for (const w of waiting) byPosting.set(w.posting_id, [...(byPosting.get(w.posting_id) ?? []), w]);
    for (const [postingId, apps] of byPosting)
      await createConsentRequest(trx, {
        studentUserId: userId,
        childName: apps[0].display_name,
        postingId,
        applicationIds: apps.map((a) => a.id),
        guardian,
        sessions: apps.map((a) => ({ startsAt: new Date(a.shift_starts_at), endsAt: new Date(a.shift_ends_at) })),
        origin: ctx.origin,
        locale: apps[0].locale,
        now,
      });
    return { requested: byPosting.size };
  });
}

export type SchoolDecision = "approve" | "decline";

/**
 * A coordinator of the student's school approves or declines their participation (where the school requires
 * it). Approval moves the application on if the guardian consented; declining ends it and gives back its place.
 */
export async function decideAsSchool(
  db: DB,
  input: { schoolId: number; applicationId: number; decision: SchoolDecision; reason: string; actorUserId: number },
  ctx: Context,
  now = new Date(),
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications")
      .select(["id", "status", "school_approval", "shift_id", "held_until", "posting_id", "user_id", "shift_starts_at"])
      .where("id", "=", input.applicationId)
      .where("school_organisation_id", "=", input.schoolId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return "not-found";
    if (app.status !== "pending_consent" || app.school_approval !== "pending" || new Date(app.shift_starts_at).getTime() <= now.getTime()) return "not-allowed";
    if (input.decision === "approve") {
      await trx.updateTable("applications").set({ school_approval: "approved", school_decided_at: now, school_decided_by: input.actorUserId }).where("id", "=", app.id).execute();
      await systemNotice(trx, app, "minors.system.schoolApproved");
      await advanceIfReady(trx, app.id, ctx.origin, now);
    } else {
      await trx
        .updateTable("applications")
        .set({ school_approval: "declined", school_decided_at: now, school_decided_by: input.actorUserId, status: "declined", decision_reason: input.reason, decided_at: now, updated_at: now })
        .where("id", "=", app.id)
        .execute();
      if (app.held_until && app.shift_id !== null) await promoteWaitlisted(trx, app.shift_id, ctx.origin);
      await systemNotice(trx, app, "minors.system.schoolDeclined");
      await tellVolunteer(trx, app.id, "declined", ctx.origin, { reason: input.reason });
    }
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `school.application.${input.decision}`,
      subjectType: "application",
      subjectId: app.id,
      ip: ctx.ip,
      details: { schoolId: input.schoolId },
    });
    return "ok";
  });
}
