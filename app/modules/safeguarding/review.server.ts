import type { DB, Executor } from "#db/client.server";
import type { SafeguardingStatus } from "#db/schema";
import { audit } from "~/utils/audit.server";
import type { RequestContext } from "../accounts/accounts.server";
import { tokyoDate } from "./declarations.rules";
import {
  canSubmitForReview,
  checklistChanged,
  checklistProblems,
  hasProblems,
  namingProblem,
  postingChanges,
  sameAdults,
  statusAfterChanges,
  type AdultFacts,
  type PlaceFacts,
  type Problems,
  type ReviewChange,
} from "./review.rules";
import type { ChecklistInput } from "./review.schema";
import {
  adultFacts,
  askStaffToReview,
  checklistColumns,
  loadChecklist,
  lockPosting,
  namedAdultIds,
  reviewHistory,
  setStatus,
  shiftDates,
  snapshot,
  upcomingShifts,
} from "./review-data.server";

export { decideReview, getStaffReview, listReviewQueue, type DecideReviewResult, type QueueFilter } from "./review-staff.server";

/**
 * The safeguarding review of postings that welcome minors: the organisation's checklist and named responsible
 * adults, the staff queue and decisions, and the hook that sends an approved posting back to review when its
 * times, place, adults or minors flag change. Every decision is written to the audit log.
 *
 * Publishing: a posting that welcomes minors cannot be published before its review is approved (the posting
 * module refuses it); sending the checklist is the organisation's request to publish, and the approval publishes
 * the draft (when its organisation is verified and a shift is still to come).
 */

/**
 * Whether minors may apply to a posting: it welcomes under-18s and its safeguarding review is approved. A posting
 * sent back to review after a change stays visible, but this answers false until staff approve it again.
 */
export async function isApprovedForMinors(db: Executor, postingId: number): Promise<boolean> {
  const row = await db.selectFrom("postings").select("open_to_minors").where("id", "=", postingId).executeTakeFirst();
  return Boolean(row?.open_to_minors);
}

/** Everything the organisation's checklist page shows. Null when the posting is not the organisation's. */
export async function getChecklistPage(db: DB, organisationId: number, postingId: number, now = new Date()) {
  const posting = await db
    .selectFrom("postings")
    .select(["id", "title", "status", "welcomes_minors", "safeguarding_status", "place_name", "published_at"])
    .where("id", "=", postingId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!posting) return null;
  const today = tokyoDate(now);
  const [checklist, named, shifts, history, members] = await Promise.all([
    loadChecklist(db, postingId),
    namedAdultIds(db, postingId),
    upcomingShifts(db, postingId, now),
    reviewHistory(db, postingId),
    db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "memberships.role"])
      .where("memberships.organisation_id", "=", organisationId)
      .where("users.deleted_at", "is", null)
      .orderBy("memberships.role")
      .orderBy("users.display_name")
      .execute(),
  ]);
  const everyone = [...new Set([...members.map((m) => m.id), ...named])];
  const facts = await adultFacts(db, organisationId, everyone, today);
  const byId = new Map(facts.map((f) => [f.userId, f]));
  const people = everyone
    .filter((id) => byId.has(id))
    .map((id) => {
      const f = byId.get(id)!;
      return {
        userId: id,
        name: f.name,
        role: members.find((m) => m.id === id)?.role ?? null,
        declaration: f.declaration,
        check: f.check,
        named: named.includes(id),
        problem: namingProblem(f, checklist.closedSettingContact),
      };
    });
  const problems = checklistProblems({
    welcomesMinors: posting.welcomes_minors,
    checklist,
    adults: named.map((id) => byId.get(id)).filter((f): f is AdultFacts => Boolean(f)),
    shiftDates: shiftDates(shifts),
  });
  return {
    posting,
    shifts: shifts.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    checklist,
    people,
    history,
    problems,
    today,
    canSubmit: posting.welcomes_minors && posting.status !== "cancelled" && canSubmitForReview(posting.safeguarding_status),
  };
}

export type SaveChecklistResult =
  | { status: "not-found" }
  | { status: "invalid"; errors: Problems }
  /** Saved, but not sent: what the review still needs. */
  | { status: "incomplete"; errors: Problems }
  | { status: "ok"; outcome: "saved" | "submitted" | "back-to-review" };

/**
 * Saves the checklist and the named adults; with intent "submit", also sends the posting to review. Naming
 * someone who may not be named (not a member, no confirmed declaration, expired declaration — or, where the role
 * means regular contact with children in a closed setting, an expired check) is refused here whatever the form
 * showed. Changing an approved posting's checklist or adults sends it back to review.
 */
export async function saveChecklist(
  db: DB,
  organisationId: number,
  postingId: number,
  userId: number,
  input: ChecklistInput,
  ctx: RequestContext,
  now = new Date(),
): Promise<SaveChecklistResult> {
  const today = tokyoDate(now);
  const result = await db.transaction().execute(async (trx) => {
    const posting = await lockPosting(trx, postingId, organisationId);
    if (!posting) return { status: "not-found" as const };
    if (posting.status === "cancelled") return { status: "invalid" as const, errors: { form: ["safeguarding.error.cancelled"] } };
    if (!posting.welcomes_minors) return { status: "invalid" as const, errors: { form: ["safeguarding.problem.notMinors"] } };

    const adults = await adultFacts(trx, organisationId, input.adultIds, today);
    const errors: Problems = {};
    if (adults.length !== input.adultIds.length) (errors.adults ??= []).push("v.choice");
    for (const adult of adults) {
      const problem = namingProblem(adult, input.answers.closedSettingContact);
      if (problem) (errors.adults ??= []).push(problem);
    }
    if (hasProblems(errors)) return { status: "invalid" as const, errors };

    const before = await loadChecklist(trx, postingId);
    const beforeAdults = await namedAdultIds(trx, postingId);
    const changes: ReviewChange[] = [];
    if (checklistChanged(before, input.answers)) changes.push("checklist");
    if (!sameAdults(beforeAdults, input.adultIds)) changes.push("adults");

    await trx
      .insertInto("safeguarding_checklists")
      .values({ posting_id: postingId, ...checklistColumns(input.answers), updated_at: now, updated_by: userId })
      .onConflict((oc) => oc.column("posting_id").doUpdateSet({ ...checklistColumns(input.answers), updated_at: now, updated_by: userId }))
      .execute();
    const removed = beforeAdults.filter((id) => !input.adultIds.includes(id));
    const added = input.adultIds.filter((id) => !beforeAdults.includes(id));
    if (removed.length) await trx.deleteFrom("posting_responsible_adults").where("posting_id", "=", postingId).where("user_id", "in", removed).execute();
    if (added.length)
      await trx
        .insertInto("posting_responsible_adults")
        .values(added.map((id) => ({ posting_id: postingId, user_id: id, added_by: userId, added_at: now })))
        .execute();
    if (changes.length)
      await audit(trx, {
        actorUserId: userId,
        action: "safeguarding.checklist_saved",
        subjectType: "posting",
        subjectId: postingId,
        ip: ctx.ip,
        details: { changes, adultsAdded: added, adultsRemoved: removed },
      });

    const info = { id: postingId, title: posting.title, organisationName: posting.organisation_name };
    const shifts = await upcomingShifts(trx, postingId, now);
    const current = posting.safeguarding_status;

    // An approved posting whose checklist or adults changed is reviewed again, whatever the intent.
    if (current === "approved" && changes.length) {
      await setStatus(trx, postingId, "pending", now);
      await trx
        .insertInto("safeguarding_reviews")
        .values({ posting_id: postingId, event: "changed", actor_user_id: userId, changes, snapshot: snapshot(input.answers, adults, shifts) })
        .execute();
      await askStaffToReview(trx, info, "changed", changes, ctx.origin);
      await audit(trx, { actorUserId: userId, action: "safeguarding.back_to_review", subjectType: "posting", subjectId: postingId, ip: ctx.ip, details: { changes } });
      return { status: "ok" as const, outcome: "back-to-review" as const };
    }
    // Staff reviewing it see what changed meanwhile.
    if (current === "pending" && changes.length)
      await trx
        .insertInto("safeguarding_reviews")
        .values({ posting_id: postingId, event: "changed", actor_user_id: userId, changes, snapshot: snapshot(input.answers, adults, shifts) })
        .execute();
    if (input.intent !== "submit" || !canSubmitForReview(current)) return { status: "ok" as const, outcome: "saved" as const };

    const problems = checklistProblems({ welcomesMinors: true, checklist: input.answers, adults, shiftDates: shiftDates(shifts) });
    if (hasProblems(problems)) return { status: "incomplete" as const, errors: problems };
    await setStatus(trx, postingId, "pending", now);
    await trx
      .insertInto("safeguarding_reviews")
      .values({ posting_id: postingId, event: "submitted", actor_user_id: userId, snapshot: snapshot(input.answers, adults, shifts) })
      .execute();
    await askStaffToReview(trx, info, current === "returned" ? "resubmitted" : "submitted", [], ctx.origin);
    await audit(trx, { actorUserId: userId, action: "safeguarding.submitted", subjectType: "posting", subjectId: postingId, ip: ctx.ip, details: { from: current } });
    return { status: "ok" as const, outcome: "submitted" as const };
  });
  return result;
}

export interface PostingEditFacts {
  welcomesMinors: boolean;
  safeguardingStatus: SafeguardingStatus;
  place: PlaceFacts;
}

/**
 * Called by the posting module inside its edit transaction: an approved posting whose times, place or minors flag
 * changed goes back to review (staff are emailed; it stays visible, but minors cannot apply until approved again);
 * one that no longer welcomes minors needs no review. A change while a review is under way is noted for staff.
 */
export async function reviewAfterPostingEdit(
  trx: Executor,
  edit: {
    postingId: number;
    userId: number;
    ip: string;
    origin: string;
    before: PostingEditFacts;
    after: { welcomesMinors: boolean; place: PlaceFacts };
    shiftsAddedOrMoved: boolean;
    now?: Date;
  },
): Promise<void> {
  const changes = postingChanges(edit.before, edit.after, edit.shiftsAddedOrMoved);
  if (changes.length === 0) return;
  const current = edit.before.safeguardingStatus;
  const next = statusAfterChanges(current, edit.after.welcomesMinors, changes);
  const now = edit.now ?? new Date();
  if (next === "pending") {
    const posting = await lockPosting(trx, edit.postingId);
    if (!posting) return;
    const checklist = await loadChecklist(trx, edit.postingId);
    const adults = await adultFacts(trx, posting.organisation_id, await namedAdultIds(trx, edit.postingId), tokyoDate(now));
    const shifts = await upcomingShifts(trx, edit.postingId, now);
    await trx
      .insertInto("safeguarding_reviews")
      .values({ posting_id: edit.postingId, event: "changed", actor_user_id: edit.userId, changes, snapshot: snapshot(checklist, adults, shifts) })
      .execute();
    if (current === "approved") {
      await setStatus(trx, edit.postingId, "pending", now);
      await askStaffToReview(trx, { id: posting.id, title: posting.title, organisationName: posting.organisation_name }, "changed", changes, edit.origin);
      await audit(trx, { actorUserId: edit.userId, action: "safeguarding.back_to_review", subjectType: "posting", subjectId: edit.postingId, ip: edit.ip, details: { changes } });
    }
    return;
  }
  if (next !== current) {
    await setStatus(trx, edit.postingId, next, now);
    await audit(trx, {
      actorUserId: edit.userId,
      action: "safeguarding.not_required",
      subjectType: "posting",
      subjectId: edit.postingId,
      ip: edit.ip,
      details: { from: current, changes },
    });
  }
}

/** An organisation's postings that welcome minors (not cancelled), with their review status, for its safeguarding page. */
export function minorsPostingsOf(db: DB, organisationId: number) {
  return db
    .selectFrom("postings")
    .select(["id", "title", "status", "safeguarding_status", "updated_at"])
    .where("organisation_id", "=", organisationId)
    .where("welcomes_minors", "=", true)
    .where("status", "<>", "cancelled")
    .orderBy("updated_at", "desc")
    .limit(100)
    .execute();
}
