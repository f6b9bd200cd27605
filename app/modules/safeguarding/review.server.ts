import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { SafeguardingStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import type { RequestContext } from "../accounts/accounts.server";
import { canPublish } from "../organisations/organisations.rules";
import { ownerRecipients } from "../organisations/organisations.server";
import { hasUpcomingShift } from "../postings/postings.rules";
import { tokyoDate } from "./declarations.rules";
import { credentialsOf } from "./declarations.server";
import {
  canDecide,
  canSubmitForReview,
  checklistChanged,
  checklistProblems,
  EMPTY_CHECKLIST,
  hasProblems,
  namingProblem,
  postingChanges,
  sameAdults,
  statusAfterChanges,
  type AdultFacts,
  type ChecklistAnswers,
  type PlaceFacts,
  type Problems,
  type ReviewChange,
  type ReviewDecision,
} from "./review.rules";
import type { ChecklistInput } from "./review.schema";

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
  const row = await db.selectFrom("postings").select(["welcomes_minors", "safeguarding_status"]).where("id", "=", postingId).executeTakeFirst();
  return Boolean(row && row.welcomes_minors && row.safeguarding_status === "approved");
}

async function loadChecklist(db: Executor, postingId: number): Promise<ChecklistAnswers> {
  const row = await db.selectFrom("safeguarding_checklists").selectAll().where("posting_id", "=", postingId).executeTakeFirst();
  if (!row) return { ...EMPTY_CHECKLIST };
  return {
    twoAdultsPresent: row.two_adults_present,
    noOneToOne: row.no_one_to_one,
    openPlace: row.open_place,
    placeNote: row.place_note,
    insuranceArranged: row.insurance_arranged,
    insuranceHolder: row.insurance_holder,
    insuranceValidUntil: row.insurance_valid_until,
    tasksSuitable: row.tasks_suitable,
    tasksNote: row.tasks_note,
    toiletsRest: row.toilets_rest,
    emergencyContact: row.emergency_contact,
    firstAid: row.first_aid,
    closedSettingContact: row.closed_setting_contact,
  };
}

function checklistColumns(c: ChecklistAnswers) {
  return {
    two_adults_present: c.twoAdultsPresent,
    no_one_to_one: c.noOneToOne,
    open_place: c.openPlace,
    place_note: c.placeNote,
    insurance_arranged: c.insuranceArranged,
    insurance_holder: c.insuranceHolder,
    insurance_valid_until: c.insuranceValidUntil,
    tasks_suitable: c.tasksSuitable,
    tasks_note: c.tasksNote,
    toilets_rest: c.toiletsRest,
    emergency_contact: c.emergencyContact,
    first_aid: c.firstAid,
    closed_setting_contact: c.closedSettingContact,
  };
}

async function namedAdultIds(db: Executor, postingId: number): Promise<number[]> {
  const rows = await db.selectFrom("posting_responsible_adults").select("user_id").where("posting_id", "=", postingId).orderBy("added_at").orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

async function memberIds(db: Executor, organisationId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.organisation_id", "=", organisationId)
    .where("users.id", "in", userIds)
    .where("users.deleted_at", "is", null)
    .where("users.disabled_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The adults as the rules see them: membership, declaration and check on `today`. */
async function adultFacts(db: Executor, organisationId: number, userIds: number[], today: string): Promise<AdultFacts[]> {
  const [credentials, members] = await Promise.all([credentialsOf(db, organisationId, userIds, today), memberIds(db, organisationId, userIds)]);
  return userIds
    .filter((id) => credentials.has(id))
    .map((id) => ({ ...credentials.get(id)!, member: members.has(id) }));
}

async function upcomingShifts(db: Executor, postingId: number, now: Date) {
  const rows = await db.selectFrom("shifts").select(["id", "starts_at", "ends_at"]).where("posting_id", "=", postingId).where("starts_at", ">", now).orderBy("starts_at").execute();
  return rows.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
}

const shiftDates = (shifts: { startsAt: Date; endsAt: Date }[]) => [...new Set(shifts.flatMap((s) => [tokyoDate(s.startsAt), tokyoDate(s.endsAt)]))];

/** What the review is about at this moment, kept with each history row: what staff saw, or what changed. */
function snapshot(checklist: ChecklistAnswers, adults: AdultFacts[], shifts: { startsAt: Date; endsAt: Date }[]) {
  const json = JSON.stringify({
    checklist,
    adults: adults.map((a) => ({ userId: a.userId, name: a.name, declarationValidUntil: a.declaration.validUntil, checkValidUntil: a.check.validUntil })),
    shifts: shifts.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
  });
  return sql<string>`cast(${json} as text)::jsonb`;
}

async function staffRecipients(db: Executor) {
  return db
    .selectFrom("users")
    .select(["email", "locale"])
    .where("role", "in", ["staff", "admin"])
    .where("disabled_at", "is", null)
    .where("deleted_at", "is", null)
    .execute();
}

async function askStaffToReview(
  db: Executor,
  posting: { id: number; title: string; organisationName: string },
  kind: "submitted" | "resubmitted" | "changed",
  changes: ReviewChange[],
  origin: string,
) {
  for (const staff of await staffRecipients(db)) {
    await sendEmail(db, {
      template: "safeguarding-review-requested",
      to: staff.email,
      locale: staff.locale,
      props: { postingTitle: posting.title, organisationName: posting.organisationName, kind, changes, reviewUrl: `${origin}/staff/safeguarding/${posting.id}` },
    });
  }
}

async function lockPosting(trx: Executor, postingId: number, organisationId?: number) {
  let q = trx
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select([
      "p.id",
      "p.title",
      "p.status",
      "p.welcomes_minors",
      "p.safeguarding_status",
      "p.published_at",
      "p.organisation_id",
      "o.name as organisation_name",
      "o.status as organisation_status",
    ])
    .where("p.id", "=", postingId);
  if (organisationId !== undefined) q = q.where("p.organisation_id", "=", organisationId);
  return q.forUpdate(["p"]).executeTakeFirst();
}

async function reviewHistory(db: Executor, postingId: number) {
  return db
    .selectFrom("safeguarding_reviews as r")
    .leftJoin("users as u", "u.id", "r.actor_user_id")
    .select(["r.id", "r.event", "r.comment", "r.changes", "r.created_at", "u.display_name as actor_name", "u.role as actor_role"])
    .where("r.posting_id", "=", postingId)
    .orderBy("r.id", "desc")
    .execute();
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

async function setStatus(trx: Executor, postingId: number, status: SafeguardingStatus, now: Date) {
  await trx.updateTable("postings").set({ safeguarding_status: status, updated_at: now }).where("id", "=", postingId).execute();
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

export type QueueFilter = Exclude<SafeguardingStatus, "not_required">;

/** The staff queue: postings that welcome minors by review status; waiting ones oldest first. */
export async function listReviewQueue(db: DB, filter: QueueFilter, now = new Date()) {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom("postings as p")
      .innerJoin("organisations as o", "o.id", "p.organisation_id")
      .select((eb) => [
        "p.id",
        "p.title",
        "p.status",
        "p.safeguarding_status",
        "p.updated_at",
        "o.id as organisation_id",
        "o.name as organisation_name",
        eb.selectFrom("safeguarding_reviews as r").select((e) => e.fn.max("r.created_at").as("m")).whereRef("r.posting_id", "=", "p.id").as("last_event_at"),
        eb.selectFrom("shifts as s").select((e) => e.fn.min("s.starts_at").as("m")).whereRef("s.posting_id", "=", "p.id").where("s.starts_at", ">", now).as("next_starts_at"),
      ])
      .where("p.safeguarding_status", "=", filter)
      .where("p.welcomes_minors", "=", true)
      .where("p.status", "<>", "cancelled")
      .orderBy("p.updated_at", filter === "pending" ? "asc" : "desc")
      .orderBy("p.id")
      .limit(200)
      .execute(),
    db
      .selectFrom("postings")
      .select(["safeguarding_status", db.fn.countAll<number>().as("n")])
      .where("welcomes_minors", "=", true)
      .where("status", "<>", "cancelled")
      .where("safeguarding_status", "<>", "not_required")
      .groupBy("safeguarding_status")
      .execute(),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.safeguarding_status, Number(c.n)])) as Partial<Record<QueueFilter, number>> };
}

/** What staff see to decide: the posting, its checklist, the adults with their declarations and checks, the history. */
export async function getStaffReview(db: DB, postingId: number, now = new Date()) {
  const posting = await db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.status",
      "p.welcomes_minors",
      "p.minimum_age",
      "p.safeguarding_status",
      "p.place_name",
      "p.place_address",
      "p.what_to_bring",
      "p.contact_name",
      "p.published_at",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "o.status as organisation_status",
      "o.contact_name as organisation_contact_name",
      "o.contact_phone as organisation_contact_phone",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
    ])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!posting) return null;
  const today = tokyoDate(now);
  const [checklist, named, shifts, history] = await Promise.all([
    loadChecklist(db, postingId),
    namedAdultIds(db, postingId),
    upcomingShifts(db, postingId, now),
    reviewHistory(db, postingId),
  ]);
  const adults = await adultFacts(db, posting.organisation_id, named, today);
  const problems = checklistProblems({ welcomesMinors: posting.welcomes_minors, checklist, adults, shiftDates: shiftDates(shifts) });
  return {
    posting,
    checklist,
    adults,
    shifts: shifts.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    history,
    problems,
    canDecide: canDecide(posting.safeguarding_status) && posting.welcomes_minors && posting.status !== "cancelled",
  };
}

export type DecideReviewResult =
  | { status: "not-found" }
  | { status: "not-allowed" }
  /** The checklist no longer holds (a declaration expired since it was sent, say): it cannot be approved. */
  | { status: "not-ready"; problems: Problems }
  | { status: "ok"; published: boolean };

/**
 * Staff approve a posting waiting for review, or return it with a comment; the organisation's owners are emailed
 * and the decision audited. Approval publishes a draft when its organisation is verified and a shift is to come.
 */
export async function decideReview(
  db: DB,
  staffUserId: number,
  postingId: number,
  decision: ReviewDecision,
  comment: string,
  ctx: RequestContext,
  now = new Date(),
): Promise<DecideReviewResult> {
  return db.transaction().execute(async (trx) => {
    const posting = await lockPosting(trx, postingId);
    if (!posting) return { status: "not-found" as const };
    if (!canDecide(posting.safeguarding_status) || !posting.welcomes_minors || posting.status === "cancelled") return { status: "not-allowed" as const };
    if (decision === "return" && !comment.trim()) return { status: "not-allowed" as const };
    const checklist = await loadChecklist(trx, postingId);
    const adults = await adultFacts(trx, posting.organisation_id, await namedAdultIds(trx, postingId), tokyoDate(now));
    const shifts = await upcomingShifts(trx, postingId, now);
    let publication: "published" | "already-public" | "not-published" = posting.status === "draft" ? "not-published" : "already-public";
    if (decision === "approve") {
      const problems = checklistProblems({ welcomesMinors: true, checklist, adults, shiftDates: shiftDates(shifts) });
      if (hasProblems(problems)) return { status: "not-ready" as const, problems };
      await setStatus(trx, postingId, "approved", now);
      if (posting.status === "draft" && canPublish(posting.organisation_status) && hasUpcomingShift(shifts, now)) {
        await trx
          .updateTable("postings")
          .set({ status: "published", status_reason: "", published_at: sql`coalesce(published_at, now())`, updated_at: now })
          .where("id", "=", postingId)
          .execute();
        await enqueueSearchSync(trx, [postingId]);
        await audit(trx, {
          actorUserId: staffUserId,
          action: "posting.publish",
          subjectType: "posting",
          subjectId: postingId,
          ip: ctx.ip,
          details: { from: "draft", to: "published", by: "safeguarding_approval" },
        });
        publication = "published";
      }
    } else {
      await setStatus(trx, postingId, "returned", now);
    }
    await trx
      .insertInto("safeguarding_reviews")
      .values({
        posting_id: postingId,
        event: decision === "approve" ? "approved" : "returned",
        actor_user_id: staffUserId,
        comment,
        snapshot: snapshot(checklist, adults, shifts),
      })
      .execute();
    for (const owner of await ownerRecipients(trx, posting.organisation_id)) {
      await sendEmail(trx, {
        template: "safeguarding-review-decided",
        to: owner.email,
        locale: owner.locale,
        props: {
          postingTitle: posting.title,
          organisationName: posting.organisation_name,
          decision: decision === "approve" ? "approved" : "returned",
          publication,
          comment,
          checklistUrl: `${ctx.origin}/orgs/${posting.organisation_id}/postings/${postingId}/safeguarding`,
        },
      });
    }
    await audit(trx, {
      actorUserId: staffUserId,
      action: decision === "approve" ? "safeguarding.approved" : "safeguarding.returned",
      subjectType: "posting",
      subjectId: postingId,
      ip: ctx.ip,
      details: { from: posting.safeguarding_status, to: decision === "approve" ? "approved" : "returned", publication, ...(comment ? { comment } : {}) },
    });
    return { status: "ok" as const, published: publication === "published" };
  });
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
