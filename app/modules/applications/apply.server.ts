import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import { onOneConnection, pipelinedTransaction } from "#db/pipeline.server";
import { rollback } from "#db/transaction.server";
import { givenName } from "~/modules/accounts/names";
import { ensureThread, postMessage, systemNoticeStatements } from "../messages/messages.server";
import { coverWithStandingConsent, createConsentRequest, findStandingConsent, saveGuardian, type Guardian } from "../safeguarding/consent.server";
import type { GuardianInput } from "../safeguarding/consent.schema";
import { holdUntil } from "../safeguarding/minors.rules";
import { addSafeguardingReaders, applicantSafeguarding, eligibilityForShifts } from "../safeguarding/minors.server";
import { canTransition, initialStatus, isActive, overlaps } from "./applications.rules";
import {
  applicationNoticeInserts,
  outcomeNoticeInserts,
  reachable,
  recipient,
  reminderInserts,
  shiftContext,
  tellOrganisation,
  type ApplicationSession,
  type Context,
  type ShiftContext,
} from "./notices.server";
import { lockShiftPlaces, placeOrWaitlist, placeTakenUnderLock, shiftLock, takePlace } from "./places.server";
import { joinWaitlist, lockShiftQueue } from "./waitlist.server";

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

export type ApplyOutcome = {
  shiftId: number;
  applicationId: number;
  status: "confirmed" | "waitlisted" | "pending" | "pending_consent";
  /** A minor's application to a full session: it waits in line while consent comes. */
  full?: boolean;
};

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

/** The person's confirmed and pending shifts still to come, for the overlap warning. */
function activeShiftsOf(db: Executor, userId: number) {
  return db
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "p.title"])
    .where("a.user_id", "=", userId)
    .where("a.status", "in", ["confirmed", "pending"])
    .where("s.ends_at", ">", new Date())
    .execute();
}

/** Shifts the person is confirmed for that overlap any of the chosen ones (or chosen ones that overlap each other). */
function overlapping(mine: Awaited<ReturnType<typeof activeShiftsOf>>, chosen: { id: number; starts_at: Date; ends_at: Date }[]) {
  const conflicts: { shiftId: number; withTitle: string; startsAt: Date; endsAt: Date }[] = [];
  for (const c of chosen) {
    const interval = { startsAt: c.starts_at, endsAt: c.ends_at };
    for (const m of mine) {
      if (m.id === c.id) continue;
      const other = { startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at) };
      if (overlaps(interval, other)) conflicts.push({ shiftId: c.id, withTitle: m.title, startsAt: other.startsAt, endsAt: other.endsAt });
    }
  }
  for (let i = 0; i < chosen.length; i++)
    for (let j = i + 1; j < chosen.length; j++)
      if (overlaps({ startsAt: chosen[i].starts_at, endsAt: chosen[i].ends_at }, { startsAt: chosen[j].starts_at, endsAt: chosen[j].ends_at }))
        conflicts.push({ shiftId: chosen[j].id, withTitle: "", startsAt: chosen[i].starts_at, endsAt: chosen[i].ends_at });
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
export async function applyToShifts(db: DB, input: ApplyInput, ctx: Context & { mark?: Mark }, now = new Date()): Promise<ApplyResult> {
  // One connection for the whole application, reads and transaction, whose statements started together go out
  // together (docs/decisions/029-apply-under-contention.md, 036-apply-in-few-round-trips.md): the request queues
  // for the pool once. `mark` tells the caller where each step ended, for its Server-Timing.
  return onOneConnection(db, async (conn) => {
    ctx.mark?.("queue");
    return applyOnConnection(conn, input, ctx, now);
  });
}

/**
 * The same on a connection the caller holds already, from `onOneConnection` (the apply action reads the session
 * on it too, so that a request waits for the pool once).
 */
export async function applyOnConnection(conn: Executor, input: ApplyInput, ctx: Context & { mark?: Mark }, now = new Date()): Promise<ApplyResult> {
  const wanted = [...new Set(input.shiftIds)].sort((a, b) => a - b);
  if (wanted.length === 0) return { status: "invalid", field: "shiftId", message: "applications.error.chooseShift" };
  return applyWanted(conn, input, ctx, wanted, now);
}

/**
 * The steps `mark` names: queue (waiting for a connection), reads, prepare (the transaction up to the shift's
 * lock), lock (asking for it: the wait for whoever holds it, and one round trip), locked (from holding it to the
 * commit). A step met more than once (several dates) adds to its time. When the lock and the writes under it go
 * out in one round trip, `locked` comes with the wait for the lock the server measured, to be told apart.
 */
export type ApplyStep = "queue" | "reads" | "prepare" | "lock" | "locked";
type Mark = (step: ApplyStep, lockWaitMs?: number) => void;

async function applyWanted(db: Executor, input: ApplyInput, ctx: Context & { mark?: Mark }, wanted: number[], now: Date): Promise<ApplyResult> {
  // The reads that decide whether to write at all run first, side by side and outside the transaction, so the
  // transaction (and, at the end, the shift's lock) lasts only for the writes. What a concurrent change could make
  // wrong is decided again by the writes themselves: the unique (shift, person) claim, the capacity update, the
  // waiting list's lock (waitlist.server.ts).
  const [posting, shiftRows, who, existing, applicant, contextList, mine] = await Promise.all([
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
    input.acknowledgeOverlap ? [] : activeShiftsOf(db, input.userId),
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
    const conflicts = overlapping(mine, shifts);
    if (conflicts.length) return { status: "overlap", conflicts };
  }

  const contexts = new Map<number, ShiftContext>();
  for (const sc of contextList) if (sc) contexts.set(sc.shift_id, sc);

  // Everything that does not depend on a place comes first: the shift's lock is taken last and held only for the
  // writes that depend on it, which go out with the COMMIT (docs/decisions/036-apply-in-few-round-trips.md).
  ctx.mark?.("reads");
  return pipelinedTransaction(db, async (trx, commitWith): Promise<ApplyResult> => {
    // Claim the (shift, person) rows first: a concurrent double submit waits here and then finds it taken. The
    // claims and the thread go out together.
    const [claims, threadId] = await Promise.all([
      Promise.all(
        shifts.map((shift) => {
          const e = eligibility.get(shift.id)!;
          return sql<{ id: number }>`
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
        }),
      ),
      ensureThread(trx, { postingId: posting.id, volunteerUserId: input.userId }),
    ]);
    const claimedIds = new Map<number, number>();
    for (const [i, shift] of shifts.entries()) {
      const applicationId = claims[i].rows[0]?.id;
      if (!applicationId) return rollback({ status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" });
      claimedIds.set(shift.id, applicationId);
    }

    if (anyMinor) await addSafeguardingReaders(trx, threadId, who.school);
    // One notice for the application, naming every date (one per kind, when some dates wait for consent).
    const notices = new Map<string, string[]>();
    for (const shift of [...shifts].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime())) {
      const key = waitsForConsent(shift.id) ? "minors.system.appliedPendingConsent" : "applications.system.applied";
      notices.set(key, [...(notices.get(key) ?? []), shift.starts_at.toISOString()]);
    }
    // One date, first come: the lock and the decision go out with the COMMIT (below), and the thread notice with them.
    // (Not when the person wrote a message or is a minor: the notice comes first in the thread, as it always has.)
    const oneRoundTrip = shifts.length === 1 && posting.application_mode === "auto" && !waitsForConsent(shifts[0].id);
    const noticeLater = oneRoundTrip && !input.message.trim() && !anyMinor;
    const systemNotices = [...notices].map(([key, whens]) => `${key}?when=${whens.join(",")}`);
    if (!noticeLater) for (const body of systemNotices) await postMessage(trx, { threadId, senderUserId: null, side: "system", body });
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

    ctx.mark?.("prepare");
    const outcomes: ApplyOutcome[] = [];
    const told: ApplicationSession[] = [];
    // The writes that close the transaction, sent with its COMMIT.
    const closing: Parameters<typeof commitWith>[0] = [];
    for (const shift of shifts) {
      const applicationId = claimedIds.get(shift.id)!;
      const sc = contexts.get(shift.id);
      const tell = sc && reachable(applicant) ? sc : null;
      if (waitsForConsent(shift.id)) {
        // First come: the place the minor would have had is held for them until consent comes, or the hold ends.
        const held = posting.application_mode === "auto" && (await takePlace(trx, shift.id));
        const until = held ? holdUntil(now, who.settings.consentHoldHours, shift.starts_at) : null;
        // A full session: no place to hold, so the minor waits in line (キャンセル待ち) while consent comes, their
        // place stamped under the waiting list's lock as joinWaitlist stamps it.
        const full = posting.application_mode === "auto" && !held;
        if (full) await lockShiftQueue(trx, shift.id);
        await trx
          .updateTable("applications")
          .set({ status: "pending_consent", held_until: until, waitlisted_at: full ? sql<Date>`clock_timestamp()` : null })
          .where("id", "=", applicationId)
          .execute();
        if (until)
          await enqueueJob(trx, CONSENT_HOLD_QUEUE, { applicationId, heldUntil: until.toISOString(), origin: ctx.origin }, { runAt: until, dedupeKey: `consent-hold:${applicationId}:${until.toISOString()}` });
        outcomes.push({ shiftId: shift.id, applicationId, status: "pending_consent", ...(full ? { full } : {}) });
        if (tell) told.push({ applicationId, status: "pending_consent", ctx: tell });
        continue;
      }
      if (oneRoundTrip) {
        // One date, first come: the lock, the decision, the notices and the COMMIT go out in one round trip, so
        // the shift's lock is held only while the server runs them — no answer travels while anyone waits for it.
        const notes = noticeLater ? systemNotices.flatMap((body) => systemNoticeStatements(trx, threadId, body)) : [];
        const results = await commitWith([
          ...notes,
          shiftLock(shift.id),
          placeOrWaitlist(shift.id, applicationId, new Date()),
          ...(tell ? outcomeNoticeInserts(applicationId, tell, applicant!, ctx.origin, now) : []),
        ]);
        const [locked, decided] = results.slice(notes.length);
        const row = decided.rows[0] as { status: "confirmed" | "waitlisted"; began: number };
        ctx.mark?.("locked", Math.max(0, (row.began - (locked.rows[0] as { began: number }).began) * 1000));
        return { status: "ok", outcomes: [{ shiftId: shift.id, applicationId, status: row.status }], threadId };
      }
      let free = false;
      if (posting.application_mode === "auto") {
        // From here to the commit the shift's lock is held: whoever applies to it next waits for this commit.
        free = await lockShiftPlaces(trx, shift.id);
        ctx.mark?.("lock");
      }
      const status = initialStatus(posting.application_mode, free);
      if (status === "waitlisted") {
        // The waiting list's order is assigned under the shift's lock, so the place emailed is the stored one.
        const position = await joinWaitlist(trx, applicationId, shift.id, { decided_at: new Date() });
        if (tell) told.push({ applicationId, status, position, ctx: tell });
      } else if (status === "confirmed") {
        closing.push(
          placeTakenUnderLock(trx, shift.id),
          trx.updateTable("applications").set({ status, waitlisted_at: null, decided_at: new Date() }).where("id", "=", applicationId),
          ...(tell ? reminderInserts(trx, applicationId, tell.starts_at, ctx.origin) : []),
        );
        if (tell) told.push({ applicationId, status, ctx: tell });
      } else if (tell) told.push({ applicationId, status, ctx: tell });
      outcomes.push({ shiftId: shift.id, applicationId, status });
    }
    // One email for the application, listing every date with where it stands.
    if (reachable(applicant)) closing.push(...applicationNoticeInserts(trx, told, applicant, ctx.origin));
    await commitWith(closing);
    ctx.mark?.("locked");
    return { status: "ok", outcomes, threadId };
  });
}
