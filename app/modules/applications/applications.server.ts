import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import { inTransaction, rollback } from "#db/transaction.server";
import type { ApplicationStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { translate } from "~/utils/translate";
import { givenName } from "~/modules/accounts/names";
import { ensureThread, postMessage } from "../messages/messages.server";
import { coverWithStandingConsent, createConsentRequest, findStandingConsent, saveGuardian, type Guardian } from "../safeguarding/consent.server";
import type { GuardianInput } from "../safeguarding/consent.schema";
import { holdUntil, minorShiftProblems, schoolGradeOn } from "../safeguarding/minors.rules";
import { getSafeguardingSettings } from "../safeguarding/settings.server";
import { addSafeguardingReaders, applicantSafeguarding, eligibilityForShifts } from "../safeguarding/minors.server";
import { joinWaitlist, waitlistPosition } from "./waitlist.server";
import {
  applicantForOrganisation,
  canTransition,
  consentSatisfied,
  consentShownOnActivity,
  initialStatus,
  isActive,
  overlaps,
  schoolYearKey,
  type Actor,
} from "./applications.rules";

/**
 * Applying to shifts, and everything that follows: confirmation within capacity, the waiting list and its
 * promotions, the organisation's decisions, and the emails and reminders each step sends.
 *
 * No overbooking: a place is taken only by `update shifts set confirmed_count = confirmed_count + 1 where
 * confirmed_count < capacity`, inside the transaction that writes the application. The row lock that update
 * takes serialises concurrent applicants to one shift, and PostgreSQL re-checks the condition on the latest row,
 * so exactly `capacity` people can be confirmed however many arrive at once; a check constraint backs it up.
 * The unique (shift, person) constraint means nobody holds two applications to one shift.
 */

export { waitlistPosition };

export interface Context {
  origin: string;
  ip: string;
}

export const REMINDER_QUEUE = "reminders";
export const SECOND_REMINDER_HOURS = 2;

export interface ApplyInput {
  userId: number;
  postingId: number;
  shiftIds: number[];
  message: string;
  /** The person saw the warning that a chosen shift overlaps one they are already confirmed for, and goes on. */
  acknowledgeOverlap: boolean;
  /** A minor's guardian as typed on the form (saved for next time); without it, the one saved before. */
  guardian?: GuardianInput;
  /**
   * A school coordinator signing the student up with a group: stands for the school's approval, and a student
   * who named no guardian yet is signed up all the same (the request goes out once they name one).
   */
  signedUpBy?: number;
}

export type ApplyOutcome = { shiftId: number; applicationId: number; status: "confirmed" | "waitlisted" | "pending" | "pending_consent" };

export type ApplyResult =
  | { status: "ok"; outcomes: ApplyOutcome[]; threadId: number }
  | { status: "not-found" }
  | { status: "not-open" }
  | { status: "invalid"; field: string; message: string }
  | { status: "overlap"; conflicts: { shiftId: number; withTitle: string; startsAt: Date; endsAt: Date }[] };

/** The display name an organisation sees in its emails; of a minor, the first name only. */
function applicantLabel(user: { display_name: string; deleted_at: Date | string | null }, minor = false) {
  if (user.deleted_at || !user.display_name) return "—";
  return minor ? givenName(user.display_name) : user.display_name;
}

/** Queue of the jobs that end a minor's held place when the guardian's consent has not come in time. */
export const CONSENT_HOLD_QUEUE = "consent-holds";

export async function takePlace(trx: Executor, shiftId: number): Promise<boolean> {
  const row = await sql<{ id: number }>`
    update shifts set confirmed_count = confirmed_count + 1
    where id = ${shiftId} and confirmed_count < capacity
    returning id`.execute(trx);
  return row.rows.length > 0;
}

export async function releasePlace(trx: Executor, shiftId: number): Promise<void> {
  await sql`update shifts set confirmed_count = confirmed_count - 1 where id = ${shiftId} and confirmed_count > 0`.execute(trx);
}

export interface ShiftContext {
  shift_id: number;
  starts_at: Date;
  ends_at: Date;
  posting_id: number;
  posting_title: string;
  place_name: string;
  what_to_bring: string;
  contact_name: string;
  organisation_id: number;
  organisation_name: string;
}

export async function shiftContext(trx: Executor, shiftId: number): Promise<ShiftContext | undefined> {
  const row = await trx
    .selectFrom("shifts as s")
    .innerJoin("postings as p", "p.id", "s.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select([
      "s.id as shift_id",
      "s.starts_at",
      "s.ends_at",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.what_to_bring",
      "p.contact_name",
      "o.id as organisation_id",
      "o.name as organisation_name",
    ])
    .where("s.id", "=", shiftId)
    .executeTakeFirst();
  return row ? { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) } : undefined;
}

export function shiftProps(ctx: ShiftContext, origin: string) {
  return {
    postingTitle: ctx.posting_title,
    organisationName: ctx.organisation_name,
    startsAt: ctx.starts_at.toISOString(),
    endsAt: ctx.ends_at.toISOString(),
    placeName: ctx.place_name,
    activitiesUrl: `${origin}/activities`,
    postingUrl: `${origin}/postings/${ctx.posting_id}`,
  };
}

export interface Recipient {
  id: number;
  email: string;
  locale: Locale;
  display_name: string;
  deleted_at: Date | string | null;
  disabled_at: Date | string | null;
}

export async function recipient(trx: Executor, userId: number): Promise<Recipient | undefined> {
  return trx
    .selectFrom("users")
    .select(["id", "email", "locale", "display_name", "deleted_at", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export const reachable = (u: Recipient | undefined): u is Recipient => Boolean(u && !u.deleted_at && !u.disabled_at);

/** The emails a state change sends the volunteer, plus reminders once confirmed. */
export async function tellVolunteer(trx: Executor, applicationId: number, status: ApplicationStatus, origin: string, extra: { reason?: string; promoted?: boolean } = {}) {
  const app = await trx.selectFrom("applications").select(["id", "user_id", "shift_id"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
  const ctx = app.shift_id === null ? undefined : await shiftContext(trx, app.shift_id);
  const user = await recipient(trx, app.user_id);
  if (!ctx || !reachable(user)) return;
  await noticeToVolunteer(trx, { applicationId, status, ctx, user, origin, ...extra });
}

/** The same, with the shift and the person already read (the apply path reads them before taking a place). */
export async function noticeToVolunteer(
  trx: Executor,
  n: { applicationId: number; status: ApplicationStatus; ctx: ShiftContext; user: Recipient; origin: string; reason?: string; promoted?: boolean },
) {
  const { applicationId, status, ctx, user, origin } = n;
  const base = { to: user.email, locale: user.locale };
  const props = shiftProps(ctx, origin);
  const icsUrl = `${origin}/activities/${applicationId}/calendar.ics`;
  if (status === "confirmed") {
    if (n.promoted) await sendEmail(trx, { ...base, template: "application-promoted", props: { ...props, icsUrl } });
    else
      await sendEmail(trx, {
        ...base,
        template: "application-confirmed",
        props: { ...props, icsUrl, whatToBring: ctx.what_to_bring, contactName: ctx.contact_name },
      });
    await scheduleReminders(trx, applicationId, ctx.starts_at, origin);
  } else if (status === "waitlisted") {
    const position = await waitlistPosition(trx, applicationId);
    await sendEmail(trx, { ...base, template: "application-waitlisted", props: { ...props, position } });
  } else if (status === "pending") {
    await sendEmail(trx, { ...base, template: "application-received", props: { ...props, settingsUrl: `${origin}/account#notifications` } });
  } else if (status === "declined") {
    await sendEmail(trx, { ...base, template: "application-declined", props: { ...props, reason: n.reason ?? "" } });
  }
}

/** Tells the organisation's members that someone applied (and whether they must decide). */
export async function tellOrganisation(trx: Executor, ctx: ShiftContext, applicantName: string, status: "pending" | "confirmed" | "waitlisted", origin: string) {
  const members = await trx
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.email", "u.locale"])
    .where("m.organisation_id", "=", ctx.organisation_id)
    .where("u.deleted_at", "is", null)
    .where("u.disabled_at", "is", null)
    .execute();
  for (const m of members) {
    await sendEmail(trx, {
      template: "new-applicant",
      to: m.email,
      locale: m.locale,
      props: {
        postingTitle: ctx.posting_title,
        startsAt: ctx.starts_at.toISOString(),
        endsAt: ctx.ends_at.toISOString(),
        applicantLabel: applicantName,
        status,
        manageUrl: `${origin}/orgs/${ctx.organisation_id}/postings/${ctx.posting_id}/applicants`,
      },
    });
  }
}

/**
 * Reminder jobs in the outbox: the day before and a few hours before. The dedupe key names the application and
 * the shift's start, so scheduling twice (a retry, a restart, a re-confirmation) queues nothing new; a changed
 * start time gets new reminders and the old ones find the time no longer matches and do nothing.
 */
export async function scheduleReminders(trx: Executor, applicationId: number, startsAt: Date, origin: string, now = new Date()) {
  const plans: { when: "day-before" | "two-hours"; at: Date }[] = [
    { when: "day-before", at: new Date(startsAt.getTime() - 24 * 3600_000) },
    { when: "two-hours", at: new Date(startsAt.getTime() - SECOND_REMINDER_HOURS * 3600_000) },
  ];
  for (const plan of plans) {
    if (plan.at.getTime() <= now.getTime()) continue;
    await enqueueJob(
      trx,
      REMINDER_QUEUE,
      { applicationId, when: plan.when, startsAt: startsAt.toISOString(), origin },
      { runAt: plan.at, dedupeKey: `reminder:${plan.when}:${applicationId}:${startsAt.toISOString()}` },
    );
  }
}

export interface ReminderPayload {
  applicationId: number;
  when: "day-before" | "two-hours";
  startsAt: string;
  origin: string;
}

/** Runs a reminder job: sends only if the person is still confirmed for that very start time and wants it. */
export function reminderJobHandler(db: DB) {
  return async (payload: ReminderPayload) => {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("applications as a")
        .innerJoin("users as u", "u.id", "a.user_id")
        .select(["a.id", "a.status", "a.shift_id", "a.posting_id", "a.user_id", "u.notify_reminders", "u.notify_second_reminder"])
        .where("a.id", "=", payload.applicationId)
        .executeTakeFirst();
      if (!row || row.status !== "confirmed" || !row.notify_reminders || row.shift_id === null) return;
      if (payload.when === "two-hours" && !row.notify_second_reminder) return;
      const ctx = await shiftContext(trx, row.shift_id);
      if (!ctx || ctx.starts_at.toISOString() !== payload.startsAt) return;
      const user = await recipient(trx, row.user_id);
      if (!reachable(user)) return;
      const threadId = await ensureThread(trx, { postingId: row.posting_id, volunteerUserId: row.user_id });
      await enqueueJob(
        trx,
        "email",
        {
          template: "shift-reminder",
          to: user.email,
          locale: user.locale,
          props: {
            ...shiftProps(ctx, payload.origin),
            when: payload.when,
            whatToBring: ctx.what_to_bring,
            contactName: ctx.contact_name,
            threadUrl: `${payload.origin}/messages/${threadId}`,
            settingsUrl: `${payload.origin}/account#notifications`,
          },
        },
        // A worker that dies after this and before marking the reminder done runs it again: this key keeps the
        // email single.
        { dedupeKey: `email:reminder:${payload.when}:${row.id}:${payload.startsAt}` },
      );
    });
  };
}

/**
 * Moves the first people on a shift's waiting list into places that are free, in the order they joined it, and
 * tells each. Returns how many were promoted.
 */
export async function promoteWaitlisted(trx: Executor, shiftId: number, origin: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const next = await trx
      .selectFrom("applications")
      .select(["id"])
      .where("shift_id", "=", shiftId)
      .where("status", "=", "waitlisted")
      .orderBy("waitlisted_at")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!next) break;
    if (!(await takePlace(trx, shiftId))) break;
    await trx.updateTable("applications").set({ status: "confirmed", waitlisted_at: null, updated_at: new Date() }).where("id", "=", next.id).execute();
    await tellVolunteer(trx, next.id, "confirmed", origin, { promoted: true });
    promoted++;
  }
  return promoted;
}

/** Shifts the person is confirmed for that overlap any of the chosen ones (or chosen ones that overlap each other). */
async function overlapping(trx: Executor, userId: number, chosen: { id: number; starts_at: Date; ends_at: Date }[]) {
  const mine = await trx
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "p.title"])
    .where("a.user_id", "=", userId)
    .where("a.status", "in", ["confirmed", "pending"])
    .where("s.ends_at", ">", new Date())
    .execute();
  const conflicts: { shiftId: number; withTitle: string; startsAt: Date; endsAt: Date }[] = [];
  for (const c of chosen) {
    const interval = { startsAt: c.starts_at, endsAt: c.ends_at };
    for (const m of mine) {
      if (m.id === c.id) continue;
      const other = { startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at) };
      if (overlaps(interval, other)) conflicts.push({ shiftId: c.id, withTitle: m.title, startsAt: other.startsAt, endsAt: other.endsAt });
    }
  }
  return conflicts;
}

/**
 * Applies to one or more shifts of a published posting, in one transaction.
 *
 * Everyone needs a birth date first, and the posting's minimum age. A minor (under the age the ward set, on the
 * shift's date in Tokyo) applies only to a posting that welcomes under-18s and passed the safeguarding review, to
 * shifts that respect the time rules; the application waits as pending_consent for the guardian's consent (and
 * the school's approval where the school requires it). In first-come mode the minor's place is held meanwhile:
 * it counts in confirmed_count until the hold ends (docs/decisions/011-minors-consent.md).
 */
export async function applyToShifts(db: DB, input: ApplyInput, ctx: Context, now = new Date()): Promise<ApplyResult> {
  // The reads that decide whether to write at all run first, side by side and outside the transaction, so the
  // transaction holds its connection (and, at the end, the shift's lock) only for the writes. What a concurrent
  // change could make wrong is decided again by the writes themselves: the unique (shift, person) claim, the
  // capacity update, the waiting list's lock (waitlist.server.ts).
  const wanted = [...new Set(input.shiftIds)].sort((a, b) => a - b);
  if (wanted.length === 0) return { status: "invalid", field: "shiftId", message: "applications.error.chooseShift" };
  const [posting, shiftRows, who, existing, applicant, contextList] = await Promise.all([
    db
      .selectFrom("postings as p")
      .innerJoin("organisations as o", "o.id", "p.organisation_id")
      .select(["p.id", "p.status", "p.application_mode", "p.minimum_age", "p.welcomes_minors", "p.safeguarding_status", "o.status as organisation_status"])
      .where("p.id", "=", input.postingId)
      .executeTakeFirst(),
    db.selectFrom("shifts").select(["id", "starts_at", "ends_at"]).where("posting_id", "=", input.postingId).where("id", "in", wanted).orderBy("id").execute(),
    // Who may take these shifts: checked here, whatever the page showed.
    applicantSafeguarding(db, input.userId),
    db.selectFrom("applications").select(["shift_id", "status"]).where("user_id", "=", input.userId).where("shift_id", "in", wanted).execute(),
    recipient(db, input.userId),
    Promise.all(wanted.map((id) => shiftContext(db, id))),
  ]);
  if (!posting) return { status: "not-found" };
  if (posting.status !== "published" || posting.organisation_status !== "verified") return { status: "not-open" };
  const shifts = shiftRows.map((s) => ({ ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) }));
  if (shifts.length !== wanted.length) return { status: "invalid", field: "shiftId", message: "applications.error.chooseShift" };
  if (shifts.some((s) => s.starts_at.getTime() <= now.getTime())) return { status: "invalid", field: "shiftId", message: "applications.error.shiftStarted" };

  const eligibility = new Map(eligibilityForShifts(who, posting, shifts).map((e) => [e.shiftId, e]));
  for (const e of eligibility.values()) {
    if (e.problems.includes("birthDateRequired")) return { status: "invalid", field: "birthDate", message: "minors.error.birthDateRequired" };
    if (e.problems.length) return { status: "invalid", field: "shiftId", message: `minors.problem.${e.problems[0]}` };
  }
  const anyMinor = [...eligibility.values()].some((e) => e.minor);
  const needsConsent = [...eligibility.values()].some((e) => e.needsGuardianConsent);
  let guardian: Guardian | null = who.guardian;
  if (needsConsent && input.guardian) {
    // Kept for next time even when this application goes no further (as the form promises).
    await saveGuardian(db, input.userId, input.guardian);
    guardian = { name: input.guardian.guardianName, relationship: input.guardian.guardianRelationship, email: input.guardian.guardianEmail };
  }
  if (needsConsent && !guardian && !input.signedUpBy) return { status: "invalid", field: "guardianName", message: "minors.error.guardianRequired" };
  const lastStart = new Date(Math.max(...shifts.map((s) => s.starts_at.getTime())));
  const standing = needsConsent && who.settings.standingConsentOffered ? await findStandingConsent(db, input.userId, lastStart) : undefined;
  const schoolApproval = anyMinor && who.school?.settings.requiresCoordinatorApproval ? (input.signedUpBy ? "approved" : "pending") : null;
  const waitsForConsent = (shiftId: number) => {
    const e = eligibility.get(shiftId)!;
    return (e.needsGuardianConsent && !standing) || (e.minor && schoolApproval === "pending");
  };

  for (const e of existing) {
    if (isActive(e.status)) return { status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" };
    if (!canTransition(e.status, "pending", "volunteer")) return { status: "invalid", field: "shiftId", message: "applications.error.cannotReapply" };
  }

  if (!input.acknowledgeOverlap) {
    const conflicts = await overlapping(db, input.userId, shifts);
    for (let i = 0; i < shifts.length; i++)
      for (let j = i + 1; j < shifts.length; j++)
        if (overlaps({ startsAt: shifts[i].starts_at, endsAt: shifts[i].ends_at }, { startsAt: shifts[j].starts_at, endsAt: shifts[j].ends_at }))
          conflicts.push({ shiftId: shifts[j].id, withTitle: "", startsAt: shifts[i].starts_at, endsAt: shifts[i].ends_at });
    if (conflicts.length) return { status: "overlap", conflicts };
  }

  const contexts = new Map<number, ShiftContext>();
  for (const sc of contextList) if (sc) contexts.set(sc.shift_id, sc);

  // Everything that does not depend on a place comes first: the place is taken last, so the shift's row lock
  // (which queues everyone applying to that shift) is held for as short a time as possible.
  return inTransaction(db, async (trx): Promise<ApplyResult> => {
    const claimedIds = new Map<number, number>();
    for (const shift of shifts) {
      const e = eligibility.get(shift.id)!;
      // Claim the (shift, person) row first: a concurrent double submit waits here and then finds it taken.
      const claimed = await sql<{ id: number }>`
        insert into applications (shift_id, posting_id, user_id, status, message, shift_starts_at, shift_ends_at,
          minor, guardian_consent_required, school_organisation_id, school_approval, school_decided_at, school_decided_by, signed_up_by)
        values (${shift.id}, ${posting.id}, ${input.userId}, 'pending', ${input.message}, ${shift.starts_at}, ${shift.ends_at},
          ${e.minor}, ${e.needsGuardianConsent}, ${e.minor && schoolApproval ? who.school!.organisationId : null}, ${e.minor ? schoolApproval : null},
          ${e.minor && schoolApproval === "approved" ? now : null}, ${e.minor && schoolApproval === "approved" ? (input.signedUpBy ?? null) : null}, ${input.signedUpBy ?? null})
        on conflict (shift_id, user_id) do update
          set status = 'pending', message = excluded.message, decision_reason = '', waitlisted_at = null,
            decided_at = null, decided_by = null, created_at = now(), updated_at = now(),
            minor = excluded.minor, guardian_consent_required = excluded.guardian_consent_required, guardian_consent_id = null,
            school_organisation_id = excluded.school_organisation_id, school_approval = excluded.school_approval,
            school_decided_at = excluded.school_decided_at, school_decided_by = excluded.school_decided_by, signed_up_by = excluded.signed_up_by
          where applications.status in ('withdrawn', 'cancelled')
        returning id`.execute(trx);
      const applicationId = claimed.rows[0]?.id;
      if (!applicationId) return rollback({ status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" });
      claimedIds.set(shift.id, applicationId);
    }

    const threadId = await ensureThread(trx, { postingId: posting.id, volunteerUserId: input.userId });
    if (anyMinor) await addSafeguardingReaders(trx, threadId, who.school);
    for (const shift of shifts)
      await postMessage(trx, {
        threadId,
        senderUserId: null,
        side: "system",
        body: `${waitsForConsent(shift.id) ? "minors.system.appliedPendingConsent" : "applications.system.applied"}?when=${shift.starts_at.toISOString()}`,
      });
    if (input.message.trim())
      // The organisation sees it on the applicants page (and, in review mode, hears of it by email).
      await postMessage(trx, { threadId, senderUserId: input.userId, side: "volunteer", body: input.message.trim(), notify: false, origin: ctx.origin });
    if (posting.application_mode === "review")
      for (const shift of shifts) {
        const sc = contexts.get(shift.id);
        // A minor's application reaches the organisation's inbox once consent is in.
        if (sc && !waitsForConsent(shift.id)) await tellOrganisation(trx, sc, applicant ? applicantLabel(applicant, eligibility.get(shift.id)!.minor) : "—", "pending", ctx.origin);
      }

    // The guardian is asked (or told, under a standing consent) before any place is taken.
    const consentIds = shifts.filter((s) => eligibility.get(s.id)!.needsGuardianConsent).map((s) => claimedIds.get(s.id)!);
    if (consentIds.length) {
      const request = {
        studentUserId: input.userId,
        childName: applicant?.display_name ?? "",
        postingId: posting.id,
        applicationIds: consentIds,
        sessions: shifts.filter((s) => consentIds.includes(claimedIds.get(s.id)!)).map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at })),
        origin: ctx.origin,
        locale: applicant?.locale ?? "ja",
        now,
      };
      if (standing) await coverWithStandingConsent(trx, standing, { ...request, guardian: guardian ?? { name: standing.guardian_name, relationship: standing.guardian_relationship, email: standing.guardian_email } });
      else if (guardian) await createConsentRequest(trx, { ...request, guardian });
    }

    const outcomes: ApplyOutcome[] = [];
    for (const shift of shifts) {
      const applicationId = claimedIds.get(shift.id)!;
      if (waitsForConsent(shift.id)) {
        // First come: the place the minor would have had is held for them until consent comes, or the hold ends.
        const held = posting.application_mode === "auto" && (await takePlace(trx, shift.id));
        const until = held ? holdUntil(now, who.settings.consentHoldHours, shift.starts_at) : null;
        await trx.updateTable("applications").set({ status: "pending_consent", held_until: until }).where("id", "=", applicationId).execute();
        if (until)
          await enqueueJob(trx, CONSENT_HOLD_QUEUE, { applicationId, heldUntil: until.toISOString(), origin: ctx.origin }, { runAt: until, dedupeKey: `consent-hold:${applicationId}:${until.toISOString()}` });
        outcomes.push({ shiftId: shift.id, applicationId, status: "pending_consent" });
        continue;
      }
      const status = posting.application_mode === "auto" ? initialStatus("auto", await takePlace(trx, shift.id)) : initialStatus("review", false);
      // The waiting list's order is assigned under the shift's lock, so the place emailed is the stored one.
      if (status === "waitlisted") await joinWaitlist(trx, applicationId, shift.id, { decided_at: new Date() });
      else if (status === "confirmed") await trx.updateTable("applications").set({ status, waitlisted_at: null, decided_at: new Date() }).where("id", "=", applicationId).execute();
      outcomes.push({ shiftId: shift.id, applicationId, status });
      const sc = contexts.get(shift.id);
      if (sc && reachable(applicant)) await noticeToVolunteer(trx, { applicationId, status, ctx: sc, user: applicant, origin: ctx.origin });
    }
    return { status: "ok", outcomes, threadId };
  });
}

/** The volunteer withdraws; a confirmed place goes to the first on the waiting list. */
export async function withdrawApplication(db: DB, userId: number, applicationId: number, ctx: Context, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .select(["a.id", "a.status", "s.id as shift_id", "a.posting_id", "s.starts_at", "a.held_until"])
      .where("a.id", "=", applicationId)
      .where("a.user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return "not-found" as const;
    if (!canTransition(app.status, "withdrawn", "volunteer")) return "not-allowed" as const;
    if (new Date(app.starts_at).getTime() <= now.getTime()) return "started" as const;
    // A held place goes back with the status change (the applications_release_hold trigger).
    await trx.updateTable("applications").set({ status: "withdrawn", waitlisted_at: null, updated_at: new Date() }).where("id", "=", app.id).execute();
    if (app.status === "confirmed") await releasePlace(trx, app.shift_id);
    if (app.status === "confirmed" || app.held_until) await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    const threadId = await ensureThread(trx, { postingId: app.posting_id, volunteerUserId: userId });
    await postMessage(trx, { threadId, senderUserId: null, side: "system", body: `applications.system.withdrawn?when=${new Date(app.starts_at).toISOString()}` });
    return "ok" as const;
  });
}

export type Decision = "confirm" | "decline" | "waitlist" | "no_show";
const DECISION_TARGET: Record<Decision, ApplicationStatus> = { confirm: "confirmed", decline: "declined", waitlist: "waitlisted", no_show: "no_show" };

/** The organisation decides on an application to one of its shifts. */
export async function decideApplication(
  db: DB,
  input: { organisationId: number; applicationId: number; decision: Decision; reason: string; actorUserId: number },
  ctx: Context,
  now = new Date(),
): Promise<"ok" | "not-found" | "not-allowed" | "needs-consent" | "full" | "not-yet" | "started"> {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .innerJoin("postings as p", "p.id", "a.posting_id")
      .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
      .select([
        "a.id",
        "a.status",
        "s.id as shift_id",
        "a.posting_id",
        "a.user_id",
        "s.starts_at",
        "a.minor",
        "a.guardian_consent_required",
        "a.school_approval",
        "a.held_until",
        "g.status as consent_status",
      ])
      .where("a.id", "=", input.applicationId)
      .where("p.organisation_id", "=", input.organisationId)
      .forUpdate(["a", "s", "p"])
      .executeTakeFirst();
    if (!app) return "not-found";
    const target = DECISION_TARGET[input.decision];
    const actor: Actor = "organisation";
    // A minor is confirmed only with the guardian's consent (and the school's approval where required): never
    // straight from the organisation's action, whatever the form posted.
    if ((target === "confirmed" || target === "waitlisted") && (app.status === "pending_consent" || !consentSatisfied(app))) return "needs-consent";
    if (!canTransition(app.status, target, actor)) return "not-allowed";
    const started = new Date(app.starts_at).getTime() <= now.getTime();
    if (input.decision === "no_show" && !started) return "not-yet";
    if (input.decision !== "no_show" && !(app.status === "no_show" && target === "confirmed") && started) return "started";

    if (target === "confirmed" && app.status !== "no_show") {
      if (!(await takePlace(trx, app.shift_id))) return "full";
    }
    await trx
      .updateTable("applications")
      .set({
        status: target,
        decision_reason: input.decision === "decline" ? input.reason : "",
        // Stamped after the shift's row lock above: the waiting list's order (waitlist.server.ts).
        waitlisted_at: target === "waitlisted" ? sql<Date>`clock_timestamp()` : null,
        decided_at: new Date(),
        decided_by: input.actorUserId,
        updated_at: new Date(),
      })
      .where("id", "=", app.id)
      .execute();
    if (app.status === "confirmed" && (target === "declined" || target === "waitlisted")) {
      await releasePlace(trx, app.shift_id);
      await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    }
    // Declining a minor's held place gives it back (the trigger did); the first in line gets it.
    if (app.held_until) await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    if (target !== "no_show" && !(app.status === "no_show" && target === "confirmed"))
      await tellVolunteer(trx, app.id, target, ctx.origin, { reason: input.reason });
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `application.${input.decision}`,
      subjectType: "application",
      subjectId: app.id,
      ip: ctx.ip,
      details: { from: app.status, to: target },
    });
    return "ok";
  });
}

/**
 * Applied inside a posting edit: tells people whose shift moved, cancels applications to removed shifts (and
 * tells them), and promotes the waiting list where capacity grew. Capacity below the confirmed count never gets
 * here: the edit is refused first (see capacityProblems).
 */
export async function afterShiftChanges(
  trx: Executor,
  changes: { moved: { shiftId: number; previousStartsAt: Date; previousEndsAt: Date; capacityChanged: boolean }[]; removed: number[]; grew: number[] },
  origin: string,
  reason = "",
) {
  for (const m of changes.moved) {
    const ctx = await shiftContext(trx, m.shiftId);
    if (!ctx) continue;
    await trx.updateTable("applications").set({ shift_starts_at: ctx.starts_at, shift_ends_at: ctx.ends_at }).where("shift_id", "=", m.shiftId).execute();
    const people = await trx
      .selectFrom("applications")
      .select(["id", "user_id", "status", "minor"])
      .where("shift_id", "=", m.shiftId)
      .where("status", "in", ["pending", "pending_consent", "confirmed", "waitlisted"])
      .execute();
    // A minor cannot keep a shift moved into the night or past the latest end: their application is cancelled.
    const latestEnd = (await getSafeguardingSettings(trx)).minorsLatestEnd;
    const outOfHours = minorShiftProblems({ startsAt: ctx.starts_at, endsAt: ctx.ends_at }, latestEnd).length > 0;
    let freed = false;
    for (const p of people) {
      const user = await recipient(trx, p.user_id);
      if (p.minor && outOfHours) {
        await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: new Date() }).where("id", "=", p.id).execute();
        if (p.status === "confirmed") await releasePlace(trx, m.shiftId);
        freed ||= p.status === "confirmed" || p.status === "pending_consent";
        if (reachable(user))
          await sendEmail(trx, { template: "shift-cancelled", to: user.email, locale: user.locale, props: { ...shiftProps(ctx, origin), reason: translate(user.locale, "minors.cancel.timeRules") } });
        continue;
      }
      if (!reachable(user)) continue;
      await sendEmail(trx, {
        template: "shift-changed",
        to: user.email,
        locale: user.locale,
        props: { ...shiftProps(ctx, origin), previousStartsAt: m.previousStartsAt.toISOString(), previousEndsAt: m.previousEndsAt.toISOString(), capacityChanged: m.capacityChanged },
      });
      if (p.status === "confirmed") await scheduleReminders(trx, p.id, ctx.starts_at, origin);
    }
    if (freed) await promoteWaitlisted(trx, m.shiftId, origin);
  }
  for (const shiftId of changes.removed) await cancelShiftApplications(trx, shiftId, origin, reason);
  for (const shiftId of changes.grew) await promoteWaitlisted(trx, shiftId, origin);
}

/** Cancels every active application of a shift that is going away, telling each person (unless told otherwise). */
export async function cancelShiftApplications(trx: Executor, shiftId: number, origin: string, reason: string, notify = true): Promise<number[]> {
  const ctx = await shiftContext(trx, shiftId);
  const people = await trx
    .selectFrom("applications")
    .select(["id", "user_id", "status"])
    .where("shift_id", "=", shiftId)
    .where("status", "in", ["pending", "pending_consent", "confirmed", "waitlisted"])
    .execute();
  for (const p of people) {
    await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: new Date() }).where("id", "=", p.id).execute();
    const user = await recipient(trx, p.user_id);
    if (!notify || !ctx || !reachable(user)) continue;
    await sendEmail(trx, { template: "shift-cancelled", to: user.email, locale: user.locale, props: { ...shiftProps(ctx, origin), reason } });
  }
  if (people.some((p) => p.status === "confirmed" || p.status === "pending_consent")) await sql`update shifts set confirmed_count = 0 where id = ${shiftId}`.execute(trx);
  return people.map((p) => p.user_id);
}

/**
 * Cancels single applications (an account suspended, say) without emailing anyone: a confirmed place is
 * released, a held one goes back through the applications_release_hold trigger, and either way the first in
 * line is promoted. Use this rather than writing the status: the confirmed count stays exact.
 */
export async function cancelApplications(trx: Executor, applicationIds: number[], origin: string, now = new Date()): Promise<number> {
  let cancelled = 0;
  for (const id of applicationIds) {
    const app = await trx.selectFrom("applications").select(["id", "status", "shift_id", "held_until"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!app || !isActive(app.status)) continue;
    await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: now }).where("id", "=", app.id).execute();
    cancelled++;
    if (app.shift_id === null) continue;
    if (app.status === "confirmed") await releasePlace(trx, app.shift_id);
    if (app.status === "confirmed" || app.held_until) await promoteWaitlisted(trx, app.shift_id, origin);
  }
  return cancelled;
}

/**
 * Cancels the active applications to the shifts still to come of a cancelled posting, and tells each person
 * once (not once per shift).
 */
/**
 * Cancels the applications to a posting's coming shifts and emails each person once. `by` "staff" when ward staff
 * suspended it: the email then says so and quotes no reason (the reason still goes into the thread notices).
 */
export async function cancelPostingApplications(
  trx: Executor,
  postingId: number,
  origin: string,
  reason: string,
  now = new Date(),
  by: "organisation" | "staff" = "organisation",
) {
  const shifts = await trx.selectFrom("shifts").select("id").where("posting_id", "=", postingId).where("starts_at", ">", now).execute();
  const people = new Set<number>();
  for (const s of shifts) for (const userId of await cancelShiftApplications(trx, s.id, origin, reason, false)) people.add(userId);
  const posting = await trx
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["p.title", "o.name"])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!posting) return;
  for (const userId of people) {
    const user = await recipient(trx, userId);
    if (!reachable(user)) continue;
    await sendEmail(trx, {
      template: "posting-cancelled",
      to: user.email,
      locale: user.locale,
      props: { postingTitle: posting.title, organisationName: posting.name, reason: by === "staff" ? "" : reason, postingUrl: `${origin}/postings/${postingId}`, by },
    });
  }
}

/** Confirmed counts per shift, to refuse lowering a capacity below the people already confirmed. */
export async function confirmedCounts(db: Executor, shiftIds: number[]): Promise<Map<number, number>> {
  if (shiftIds.length === 0) return new Map();
  const rows = await db.selectFrom("shifts").select(["id", "confirmed_count"]).where("id", "in", shiftIds).execute();
  return new Map(rows.map((r) => [r.id, r.confirmed_count]));
}

/** The person's applications to one posting's shifts (for the posting page). */
export async function myApplicationsForPosting(db: Executor, userId: number, postingId: number) {
  return db
    .selectFrom("applications")
    .select(["id", "shift_id", "status"])
    .where("user_id", "=", userId)
    .where("posting_id", "=", postingId)
    .execute();
}

export type ActivityGroup = "upcoming" | "waiting" | "past";

/**
 * My activities: every application with its shift, posting, organisation, thread and waiting-list place, and for
 * a minor each step towards confirmation (the guardian's consent, the school's approval, the held place).
 */
export async function myActivities(db: Executor, userId: number, now = new Date()) {
  const rows = await db
    .selectFrom("applications as a")
    .leftJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .leftJoin("organisations as school", "school.id", "a.school_organisation_id")
    .select([
      "a.id",
      "a.status",
      "a.decision_reason",
      "a.created_at",
      "a.shift_id",
      sql<Date>`coalesce(s.starts_at, a.shift_starts_at)`.as("starts_at"),
      sql<Date>`coalesce(s.ends_at, a.shift_ends_at)`.as("ends_at"),
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.application_mode",
      "o.name as organisation_name",
      "t.id as thread_id",
      "a.minor",
      "a.guardian_consent_required",
      "a.held_until",
      "a.school_approval",
      "school.name as school_name",
      "g.status as consent_status",
      "g.guardian_name",
      "g.expires_at as consent_expires_at",
      "g.answered_at as consent_answered_at",
      "g.covered_by_consent_id",
      sql<number | null>`case when a.status = 'waitlisted' then (
        select count(*)::int from applications w where w.shift_id = a.shift_id and w.status = 'waitlisted'
          and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id)) end`.as("waitlist_position"),
    ])
    .where("a.user_id", "=", userId)
    .orderBy(sql`coalesce(s.starts_at, a.shift_starts_at)`)
    .execute();
  const groups: Record<ActivityGroup, (typeof rows)[number][]> = { upcoming: [], waiting: [], past: [] };
  for (const row of rows) {
    const r = { ...row, consent_status: consentShownOnActivity(row.status, row.consent_status) };
    const future = new Date(r.ends_at).getTime() > now.getTime();
    if (future && r.status === "confirmed") groups.upcoming.push(r);
    else if (future && (r.status === "pending" || r.status === "waitlisted" || r.status === "pending_consent")) groups.waiting.push(r);
    else groups.past.push(r);
  }
  groups.past.reverse();
  return groups;
}

/**
 * A posting's shifts with their applicants, for the organisation: only what it may see of each person
 * (applicantForOrganisation), and the ids of the minors whose data the list shows, for the audit log.
 */
export async function postingApplicants(db: Executor, organisationId: number, postingId: number) {
  const posting = await db
    .selectFrom("postings")
    .select(["id", "title", "status", "application_mode", "organisation_id", "welcomes_minors", "safeguarding_status"])
    .where("id", "=", postingId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!posting) return null;
  const shifts = await db
    .selectFrom("shifts")
    .select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"])
    .where("posting_id", "=", postingId)
    .orderBy("starts_at")
    .execute();
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .leftJoin("districts as d", "d.id", "u.district_id")
    .leftJoin("organisations as school", "school.id", "u.school_organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .leftJoin("guardian_consents as g", "g.id", "a.guardian_consent_id")
    .select([
      "a.id",
      "a.shift_id",
      "a.status",
      "a.message",
      "a.decision_reason",
      "a.created_at",
      "a.waitlisted_at",
      "a.shift_starts_at",
      "a.minor",
      "a.held_until",
      "a.school_approval",
      "a.guardian_consent_required",
      "u.display_name",
      "u.name_kana",
      "u.volunteer_type",
      "u.birth_date",
      sql<string>`coalesce(school.name, u.school_name)`.as("school_name"),
      "u.skills",
      "u.deleted_at",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
      "t.id as thread_id",
      "g.status as consent_status",
      "g.guardian_name",
      "g.guardian_relationship",
      "g.guardian_email",
      "g.emergency_phone",
    ])
    .where("a.posting_id", "=", postingId)
    .orderBy("a.shift_id")
    .orderBy(sql`case a.status when 'pending' then 0 when 'pending_consent' then 1 when 'confirmed' then 2 when 'waitlisted' then 3 else 4 end`)
    .orderBy(sql`coalesce(a.waitlisted_at, a.created_at)`)
    .orderBy("a.id")
    .execute();
  const applicants = rows.map((r) => {
    const view = applicantForOrganisation({
      status: r.status,
      minor: r.minor,
      deleted: Boolean(r.deleted_at),
      displayName: r.display_name,
      nameKana: r.name_kana,
      volunteerType: r.volunteer_type,
      schoolName: r.school_name ?? "",
      schoolYear: r.minor ? schoolYearKey(schoolGradeOn(r.birth_date, new Date(r.shift_starts_at))) : null,
      districtJa: r.district_ja,
      districtEn: r.district_en,
      skills: r.skills,
      message: r.message,
      guardian:
        r.consent_status === "given"
          ? { name: r.guardian_name ?? "", relationship: r.guardian_relationship ?? "", phone: r.emergency_phone ?? "", email: r.guardian_email ?? "" }
          : null,
    });
    return {
      id: r.id,
      shift_id: r.shift_id,
      status: r.status,
      decision_reason: r.decision_reason,
      created_at: r.created_at,
      waitlisted_at: r.waitlisted_at,
      thread_id: r.thread_id,
      minor: r.minor,
      held_until: r.held_until,
      consent: r.minor ? { required: r.guardian_consent_required, status: r.consent_status, school: r.school_approval } : null,
      ...view,
    };
  });
  return {
    posting,
    shifts: shifts.map((s) => ({
      ...s,
      held: applicants.filter((a) => a.shift_id === s.id && a.held_until !== null).length,
      applicants: applicants.filter((a) => a.shift_id === s.id),
    })),
  };
}

/**
 * The applicants list (or roster) as an organisation's member sees it, written to the audit log as a view (or
 * export) of minors' data whenever it shows any minor — who, what, when, from where.
 */
export async function viewApplicants(
  db: Executor,
  input: { organisationId: number; postingId: number; shiftId?: number | null; actorUserId: number; ip: string; purpose: "applicants" | "roster.csv" },
) {
  const result = await postingApplicants(db, input.organisationId, input.postingId);
  if (!result) return null;
  const shifts = input.shiftId ? result.shifts.filter((s) => s.id === input.shiftId) : result.shifts;
  const minors = shifts.flatMap((s) => s.applicants.filter((a) => a.minor).map((a) => a.id));
  if (minors.length)
    await audit(db, {
      actorUserId: input.actorUserId,
      action: input.purpose === "roster.csv" ? "minor.data.exported" : "minor.data.viewed",
      subjectType: "posting",
      subjectId: input.postingId,
      ip: input.ip,
      details: { view: input.purpose, organisationId: input.organisationId, shiftId: input.shiftId ?? null, applicationIds: minors },
    });
  return { posting: result.posting, shifts };
}

/** An organisation's shifts still to come that need attention, with their counts (for its dashboard). */
export async function organisationShiftLoads(db: Executor, organisationId: number, now = new Date(), days = 14) {
  const rows = await db
    .selectFrom("shifts as s")
    .innerJoin("postings as p", "p.id", "s.posting_id")
    .select([
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.capacity",
      "s.confirmed_count",
      "p.id as posting_id",
      "p.title",
      (eb) =>
        eb
          .selectFrom("applications as a")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("a.shift_id", "=", "s.id")
          .where("a.status", "=", "pending")
          .as("pending"),
    ])
    .where("p.organisation_id", "=", organisationId)
    .where("p.status", "=", "published")
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<", new Date(now.getTime() + days * 86400_000))
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0) }));
}
