import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { SafeguardingStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import type { RequestContext } from "../accounts/accounts.server";
import { canPublish } from "../organisations/organisations.rules";
import { organisationMemberRecipients } from "../organisations/memberships.server";
import { hasUpcomingShift } from "../postings/postings.rules";
import { tokyoDate } from "./declarations.rules";
import { adultFacts, loadChecklist, lockPosting, namedAdultIds, reviewHistory, setStatus, shiftDates, snapshot, upcomingShifts } from "./review-data.server";
import { canDecide, checklistProblems, hasProblems, type Problems, type ReviewDecision } from "./review.rules";

/** Staff's side of the safeguarding review: the queue, one posting's review, and the decision. */

export type QueueFilter = Exclude<SafeguardingStatus, "not_required">;

/**
 * The staff queue: postings that welcome minors by review status; waiting ones oldest first. "pending" lists only
 * what staff can act on — postings the group sent for review. A posting written public that welcomes minors
 * (import, older data) also counts as pending, but until the group sends its checklist there is nothing to decide:
 * those are only counted (notSent).
 */
export async function listReviewQueue(db: DB, filter: QueueFilter, now = new Date()) {
  const sent = sql<boolean>`exists (select 1 from safeguarding_reviews r where r.posting_id = p.id and r.event = 'submitted')`;
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
      .$if(filter === "pending", (q) => q.where(sent))
      .where("p.welcomes_minors", "=", true)
      .where("p.status", "<>", "cancelled")
      .orderBy("p.updated_at", filter === "pending" ? "asc" : "desc")
      .orderBy("p.id")
      .limit(200)
      .execute(),
    db
      .selectFrom("postings as p")
      .select(["p.safeguarding_status", sent.as("sent"), db.fn.countAll<number>().as("n")])
      .where("p.welcomes_minors", "=", true)
      .where("p.status", "<>", "cancelled")
      .where("p.safeguarding_status", "<>", "not_required")
      .groupBy(["p.safeguarding_status", "sent"])
      .execute(),
  ]);
  const tally: Partial<Record<QueueFilter, number>> = {};
  let notSent = 0;
  for (const c of counts) {
    if (c.safeguarding_status === "not_required") continue;
    if (c.safeguarding_status === "pending" && !c.sent) notSent += Number(c.n);
    else tally[c.safeguarding_status] = (tally[c.safeguarding_status] ?? 0) + Number(c.n);
  }
  return { rows, counts: tally, notSent };
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
      "p.meeting_point",
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
    for (const owner of await organisationMemberRecipients(trx, posting.organisation_id, { ownersOnly: true })) {
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
