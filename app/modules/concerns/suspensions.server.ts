import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import { destroyAllSessions } from "~/utils/session.server";
import type { RequestContext } from "../accounts/accounts.server";
import { ACTIVE_STATUSES } from "../applications/applications.rules";
import { cancelApplications, cancelPostingApplications } from "../applications/applications.server";
import { ensureThread, postMessage } from "../messages/messages.server";
import { reviewOrganisation } from "../organisations/organisations.server";
import { availableSuspensions, isPostingSuspended, POSTING_SUSPENDED_REASON, SUSPENSION_NOTICE, type SuspensionTarget } from "./concerns.rules";
import { addNoteRow, lockConcern } from "./handling.server";

/**
 * Suspending what a concern is about — a posting, an organisation or an account — at once, what that would cancel
 * (for the confirmation steps), and lifting a posting's suspension. Every step is audited.
 */

/** Active applications to shifts still to come: what a suspension would cancel. */
function upcomingApplications(db: Executor, now: Date) {
  return db
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .where("a.status", "in", [...ACTIVE_STATUSES])
    .where("s.starts_at", ">", now);
}

/**
 * What suspending an organisation would do, for the confirmation steps (its review page, a concern): its published postings
 * and the applications (and people) to their coming shifts that would be cancelled.
 */
export async function organisationSuspensionImpact(db: Executor, organisationId: number, now = new Date()) {
  const postingIds = (await db.selectFrom("postings").select("id").where("organisation_id", "=", organisationId).where("status", "=", "published").execute()).map((p) => p.id);
  return { count: postingIds.length, ...(await countUpcoming(db, now, { postingIds })) };
}

export async function countUpcoming(db: Executor, now: Date, where: { postingIds?: number[]; userId?: number }) {
  if (where.postingIds && where.postingIds.length === 0) return { applications: 0, people: 0 };
  let q = upcomingApplications(db, now);
  if (where.postingIds) q = q.where("a.posting_id", "in", where.postingIds);
  if (where.userId !== undefined) q = q.where("a.user_id", "=", where.userId);
  const row = await q
    .select((eb) => [eb.fn.countAll<string>().as("applications"), sql<string>`count(distinct a.user_id)`.as("people")])
    .executeTakeFirstOrThrow();
  return { applications: Number(row.applications), people: Number(row.people) };
}

export type SuspendResult = "ok" | "not-found" | "not-allowed";

/**
 * Suspends the concern's posting, organisation or account at once (the page asked for confirmation first).
 * A posting is closed as suspended and its applications to shifts still to come are cancelled, each person told
 * once; an organisation goes through the usual suspension (its owners told, its published postings closed and
 * their applicants told); an account is disabled, signed out everywhere, and its places on coming shifts freed
 * for the waiting list, each group told in its conversation with the person.
 */
export async function suspendFromConcern(db: DB, staffId: number, concernId: number, target: SuspensionTarget, reason: string, ctx: RequestContext): Promise<SuspendResult> {
  const concern = await db.selectFrom("concerns").selectAll().where("id", "=", concernId).executeTakeFirst();
  if (!concern) return "not-found";
  if (target === "organisation") return suspendOrganisation(db, staffId, concern, reason, ctx);
  return db.transaction().execute(async (trx) => {
    const result = target === "posting" ? await suspendPosting(trx, staffId, concern.posting_id, reason, ctx) : await suspendAccount(trx, staffId, concern.subject_user_id, reason, ctx);
    if (result.status !== "ok") return result.status;
    await addNoteRow(trx, concernId, staffId, target === "posting" ? "suspended_posting" : "suspended_user", reason);
    await audit(trx, {
      actorUserId: staffId,
      action: "concern.suspended",
      subjectType: "concern",
      subjectId: concernId,
      ip: ctx.ip,
      details: { target, targetId: result.targetId, reason },
    });
    return "ok" as const;
  });
}

type StepResult = { status: "ok"; targetId: number } | { status: "not-found" | "not-allowed" };

async function suspendPosting(trx: Executor, staffId: number, postingId: number | null, reason: string, ctx: RequestContext): Promise<StepResult> {
  if (!postingId) return { status: "not-allowed" };
  const posting = await trx.selectFrom("postings").select(["id", "status", "status_reason"]).where("id", "=", postingId).forUpdate().executeTakeFirst();
  if (!posting) return { status: "not-found" };
  if (!availableSuspensions({ posting: { status: posting.status, statusReason: posting.status_reason } }).includes("posting")) return { status: "not-allowed" };
  const now = new Date();
  await trx
    .updateTable("postings")
    .set({ status: "closed", status_reason: POSTING_SUSPENDED_REASON, closed_at: now, updated_at: now })
    .where("id", "=", postingId)
    .execute();
  await cancelPostingApplications(trx, postingId, ctx.origin, SUSPENSION_NOTICE, now, "staff");
  await enqueueSearchSync(trx, [postingId]);
  await audit(trx, { actorUserId: staffId, action: "posting.suspended", subjectType: "posting", subjectId: postingId, ip: ctx.ip, details: { from: posting.status, reason } });
  return { status: "ok", targetId: postingId };
}

async function suspendAccount(trx: Executor, staffId: number, userId: number | null, reason: string, ctx: RequestContext): Promise<StepResult> {
  if (!userId) return { status: "not-allowed" };
  const user = await trx.selectFrom("users").select(["id", "role", "disabled_at", "deleted_at"]).where("id", "=", userId).forUpdate().executeTakeFirst();
  if (!user) return { status: "not-found" };
  if (userId === staffId || !availableSuspensions({ user: { role: user.role, disabled: Boolean(user.disabled_at), deleted: Boolean(user.deleted_at) } }).includes("user"))
    return { status: "not-allowed" };
  const now = new Date();
  await trx.updateTable("users").set({ disabled_at: now, updated_at: now }).where("id", "=", userId).execute();
  await destroyAllSessions(trx, userId);
  // Their places on coming shifts go to the people waiting; the person is not written to (the account is shut).
  const active = await upcomingApplications(trx, now)
    .select(["a.id", "a.status", "a.posting_id", "s.id as shift_id", "s.starts_at"])
    .where("a.user_id", "=", userId)
    .forUpdate()
    .execute();
  for (const application of active) {
    // The applications module frees a confirmed place (a held one is given back by its trigger) and promotes.
    await cancelApplications(trx, [application.id], ctx.origin, now);
    // The group hears of it in its conversation with the person (a notice, no reason given).
    const threadId = await ensureThread(trx, { postingId: application.posting_id, volunteerUserId: userId });
    await postMessage(trx, {
      threadId,
      senderUserId: null,
      side: "system",
      body: `concerns.system.applicationCancelled?when=${new Date(application.starts_at).toISOString()}`,
    });
  }
  const postingIds = [...new Set(active.map((a) => a.posting_id))];
  if (postingIds.length) await enqueueSearchSync(trx, postingIds);
  await audit(trx, {
    actorUserId: staffId,
    action: "account.suspended",
    subjectType: "user",
    subjectId: userId,
    ip: ctx.ip,
    details: { reason, cancelledApplications: active.length },
  });
  return { status: "ok", targetId: userId };
}

async function suspendOrganisation(
  db: DB,
  staffId: number,
  concern: { id: number; organisation_id: number | null },
  reason: string,
  ctx: RequestContext,
): Promise<SuspendResult> {
  if (!concern.organisation_id) return "not-allowed";
  const organisationId = concern.organisation_id;
  const organisation = await db.selectFrom("organisations").select("status").where("id", "=", organisationId).executeTakeFirst();
  if (!organisation) return "not-found";
  if (!availableSuspensions({ organisation }).includes("organisation")) return "not-allowed";
  // The organisation's own suspension (owners emailed, postings closed, applicants told), then the concern's record.
  const result = await reviewOrganisation(db, staffId, organisationId, "suspend", reason, ctx);
  if (result !== "ok") return result;
  await db.transaction().execute(async (trx) => {
    await addNoteRow(trx, concern.id, staffId, "suspended_organisation", reason);
    await audit(trx, {
      actorUserId: staffId,
      action: "concern.suspended",
      subjectType: "concern",
      subjectId: concern.id,
      ip: ctx.ip,
      details: { target: "organisation", targetId: organisationId, reason },
    });
  });
  return "ok";
}

/** Ends a posting's suspension: it stays closed, and its group may reopen it. */
export async function liftPostingSuspension(db: DB, staffId: number, concernId: number, ip: string): Promise<SuspendResult> {
  return db.transaction().execute(async (trx) => {
    const concern = await lockConcern(trx, concernId);
    if (!concern) return "not-found" as const;
    if (!concern.posting_id) return "not-allowed" as const;
    const posting = await trx.selectFrom("postings").select(["id", "status", "status_reason"]).where("id", "=", concern.posting_id).forUpdate().executeTakeFirst();
    if (!posting || !isPostingSuspended({ status: posting.status, statusReason: posting.status_reason })) return "not-allowed" as const;
    await trx.updateTable("postings").set({ status_reason: "", updated_at: new Date() }).where("id", "=", posting.id).execute();
    await addNoteRow(trx, concernId, staffId, "lifted_posting", "");
    await audit(trx, { actorUserId: staffId, action: "posting.suspension_lifted", subjectType: "posting", subjectId: posting.id, ip, details: { concernId } });
    return "ok" as const;
  });
}
