import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { ConcernNoteKind, ConcernOutcome } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import { destroyAllSessions } from "~/utils/session.server";
import type { RequestContext } from "../accounts/accounts.server";
import { ACTIVE_STATUSES } from "../applications/applications.rules";
import { cancelApplications, cancelPostingApplications } from "../applications/applications.server";
import { ensureThread, postMessage } from "../messages/messages.server";
import { reviewOrganisation } from "../organisations/organisations.server";
import {
  availableSuspensions,
  excerpt,
  formatReference,
  isPostingSuspended,
  POSTING_SUSPENDED_REASON,
  SUSPENSION_NOTICE,
  type SuspensionTarget,
} from "./concerns.rules";
import type { ConcernListQuery, ConcernReportInput } from "./concerns.schema";

/**
 * Concern reports: anyone may report a posting, an organisation or a person; ward staff work through them in a
 * queue, keep notes, close them with an outcome, and can suspend the subject at once. Every step is audited.
 */

export interface ReportSubject {
  type: "posting" | "organisation" | "user";
  id: number;
  /** What the reporter may be shown: a public posting's title or a verified organisation's name; never a person's name. */
  label: string | null;
}

/**
 * The subject a report link names, as the form may show it. Only what is public anyway is named; a person is
 * never named, so the form cannot be used to look up who an account belongs to.
 */
export async function reportSubject(db: Executor, type: ReportSubject["type"], id: number): Promise<ReportSubject | null> {
  if (type === "posting") {
    const row = await db
      .selectFrom("postings as p")
      .innerJoin("organisations as o", "o.id", "p.organisation_id")
      .select(["p.id", "p.title", "p.status", "o.status as organisation_status"])
      .where("p.id", "=", id)
      .executeTakeFirst();
    if (!row) return null;
    const isPublic = row.status !== "draft" && row.organisation_status === "verified";
    return { type, id, label: isPublic ? row.title : null };
  }
  if (type === "organisation") {
    const row = await db.selectFrom("organisations").select(["id", "name", "status"]).where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    return { type, id, label: row.status === "verified" ? row.name : null };
  }
  const row = await db.selectFrom("users").select("id").where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
  return row ? { type, id, label: null } : null;
}

export type ReportResult = { status: "ok"; reference: string } | { status: "subject-gone" };

function isUniqueViolation(error: unknown): boolean {
  return Boolean(error && typeof error === "object" && "code" in error && (error as { code: string }).code === "23505");
}

/**
 * Records a report and tells every staff account by email (kind and subject only). The same form sent twice
 * (same submission key) gives back the first report's reference.
 */
export async function reportConcern(db: DB, input: ConcernReportInput, reporterUserId: number | null, ctx: RequestContext): Promise<ReportResult> {
  try {
    return await recordConcern(db, input, reporterUserId, ctx);
  } catch (error) {
    // Two copies of one form at the same moment: the second finds the first's row once that has committed.
    if (input.submissionKey && isUniqueViolation(error)) {
      const first = await db.selectFrom("concerns").select("reference").where("submission_key", "=", input.submissionKey).executeTakeFirst();
      if (first) return { status: "ok", reference: first.reference };
    }
    throw error;
  }
}

async function recordConcern(db: DB, input: ConcernReportInput, reporterUserId: number | null, ctx: RequestContext): Promise<ReportResult> {
  return db.transaction().execute(async (trx) => {
    if (input.submissionKey) {
      const existing = await trx.selectFrom("concerns").select("reference").where("submission_key", "=", input.submissionKey).executeTakeFirst();
      if (existing) return { status: "ok" as const, reference: existing.reference };
    }
    let postingId: number | null = null;
    let organisationId: number | null = null;
    let subjectUserId: number | null = null;
    let subjectName = "";
    if (input.subjectType === "posting") {
      const posting = await trx
        .selectFrom("postings")
        .select(["id", "title", "organisation_id"])
        .where("id", "=", input.subjectId!)
        .executeTakeFirst();
      if (!posting) return { status: "subject-gone" as const };
      postingId = posting.id;
      // The posting's organisation too: staff see every concern about a group, and may suspend it from here.
      organisationId = posting.organisation_id;
      subjectName = posting.title;
    } else if (input.subjectType === "organisation") {
      const organisation = await trx.selectFrom("organisations").select(["id", "name"]).where("id", "=", input.subjectId!).executeTakeFirst();
      if (!organisation) return { status: "subject-gone" as const };
      organisationId = organisation.id;
      subjectName = organisation.name;
    } else if (input.subjectType === "user") {
      const user = await trx.selectFrom("users").select("id").where("id", "=", input.subjectId!).where("deleted_at", "is", null).executeTakeFirst();
      if (!user) return { status: "subject-gone" as const };
      subjectUserId = user.id;
    }

    // A random reference; on the rare clash with an earlier one, draw again.
    let inserted: { id: number; reference: string } | undefined;
    for (let attempt = 0; attempt < 5 && !inserted; attempt++) {
      inserted = await trx
        .insertInto("concerns")
        .values({
          reference: formatReference(randomBytes(8)),
          subject_type: input.subjectType,
          posting_id: postingId,
          organisation_id: organisationId,
          subject_user_id: subjectUserId,
          category: input.category,
          description: input.description,
          contact_email: input.contactEmail ?? "",
          reporter_user_id: reporterUserId,
          submission_key: input.submissionKey ?? null,
        })
        .onConflict((oc) => oc.column("reference").doNothing())
        .returning(["id", "reference"])
        .executeTakeFirst();
    }
    if (!inserted) throw new Error("could not draw a free concern reference");

    const staff = await trx
      .selectFrom("users")
      .select(["email", "locale"])
      .where("role", "in", ["staff", "admin"])
      .where("disabled_at", "is", null)
      .where("deleted_at", "is", null)
      .execute();
    for (const person of staff) {
      await sendEmail(trx, {
        template: "concern-received",
        to: person.email,
        locale: person.locale,
        props: {
          reference: inserted.reference,
          category: input.category,
          subjectType: input.subjectType,
          subjectName,
          concernUrl: `${ctx.origin}/staff/concerns/${inserted.id}`,
        },
      });
    }
    await audit(trx, {
      actorUserId: reporterUserId,
      action: "concern.reported",
      subjectType: "concern",
      subjectId: inserted.id,
      ip: ctx.ip,
      details: { reference: inserted.reference, category: input.category, about: input.subjectType, postingId, organisationId, userId: subjectUserId },
    });
    return { status: "ok" as const, reference: inserted.reference };
  });
}

export const QUEUE_PAGE_SIZE = 25;

/** The staff queue: open ones first (a child's safety first of all, then the longest waiting), then closed ones. */
export async function listConcerns(db: Executor, query: ConcernListQuery, pageSize = QUEUE_PAGE_SIZE) {
  let base = db.selectFrom("concerns as c");
  if (query.status !== "all") base = base.where("c.status", "=", query.status);
  if (query.category) base = base.where("c.category", "=", query.category);
  if (query.subjectType) base = base.where("c.subject_type", "=", query.subjectType);
  if (query.reference) base = base.where("c.reference", "=", query.reference);
  const [rows, total] = await Promise.all([
    base
      .leftJoin("postings as p", "p.id", "c.posting_id")
      .leftJoin("organisations as o", "o.id", "c.organisation_id")
      .leftJoin("users as u", "u.id", "c.subject_user_id")
      .select([
        "c.id",
        "c.reference",
        "c.category",
        "c.subject_type",
        "c.status",
        "c.outcome",
        "c.description",
        "c.created_at",
        "c.closed_at",
        "p.title as posting_title",
        "o.name as organisation_name",
        "u.display_name as user_name",
        "u.id as user_id",
      ])
      .orderBy(
        sql`case when c.status = 'open' then 0 else 1 end,
          case when c.status = 'open' and c.category = 'child_safety' then 0 else 1 end,
          case when c.status = 'open' then c.created_at end asc,
          c.closed_at desc nulls last, c.id desc`,
      )
      .limit(pageSize)
      .offset((query.page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(({ description, ...row }) => ({ ...row, excerpt: excerpt(description) })),
    total: Number(total.n),
    page: query.page,
    pageSize,
  };
}

/** Counts of open concerns for the staff home page. */
export async function openConcernCounts(db: Executor): Promise<{ open: number; urgent: number }> {
  const row = await db
    .selectFrom("concerns")
    .select((eb) => [eb.fn.countAll<string>().as("open"), sql<string>`count(*) filter (where category = 'child_safety')`.as("urgent")])
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), urgent: Number(row.urgent) };
}

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

async function countUpcoming(db: Executor, now: Date, where: { postingIds?: number[]; userId?: number }) {
  if (where.postingIds && where.postingIds.length === 0) return { applications: 0, people: 0 };
  let q = upcomingApplications(db, now);
  if (where.postingIds) q = q.where("a.posting_id", "in", where.postingIds);
  if (where.userId !== undefined) q = q.where("a.user_id", "=", where.userId);
  const row = await q
    .select((eb) => [eb.fn.countAll<string>().as("applications"), sql<string>`count(distinct a.user_id)`.as("people")])
    .executeTakeFirstOrThrow();
  return { applications: Number(row.applications), people: Number(row.people) };
}

/** Everything the detail page shows: the report, who sent it, its notes, and where its subject stands now. */
export async function getConcernDetail(db: Executor, id: number, now = new Date()) {
  const concern = await db.selectFrom("concerns").selectAll().where("id", "=", id).executeTakeFirst();
  if (!concern) return null;
  const [reporter, notes, posting, organisation, person] = await Promise.all([
    concern.reporter_user_id
      ? db.selectFrom("users").select(["id", "display_name", "email", "role"]).where("id", "=", concern.reporter_user_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom("concern_notes as n")
      .leftJoin("users as u", "u.id", "n.author_user_id")
      .select(["n.id", "n.kind", "n.body", "n.created_at", "u.display_name as author_name", "u.email as author_email"])
      .where("n.concern_id", "=", id)
      .orderBy("n.id")
      .execute(),
    concern.posting_id
      ? db.selectFrom("postings").select(["id", "title", "status", "status_reason", "organisation_id"]).where("id", "=", concern.posting_id).executeTakeFirst()
      : undefined,
    concern.organisation_id
      ? db.selectFrom("organisations").select(["id", "name", "status"]).where("id", "=", concern.organisation_id).executeTakeFirst()
      : undefined,
    concern.subject_user_id
      ? db
          .selectFrom("users")
          .select(["id", "display_name", "email", "role", "disabled_at", "deleted_at", "created_at"])
          .where("id", "=", concern.subject_user_id)
          .executeTakeFirst()
      : undefined,
  ]);
  const [postingImpact, organisationImpact, personImpact, related] = await Promise.all([
    posting ? countUpcoming(db, now, { postingIds: [posting.id] }) : undefined,
    organisation ? organisationSuspensionImpact(db, organisation.id, now) : undefined,
    person ? countUpcoming(db, now, { userId: person.id }) : undefined,
    relatedConcerns(db, concern),
  ]);
  const suspensions = availableSuspensions({
    posting: posting ? { status: posting.status, statusReason: posting.status_reason } : null,
    organisation: organisation ? { status: organisation.status } : null,
    user: person ? { role: person.role, disabled: Boolean(person.disabled_at), deleted: Boolean(person.deleted_at) } : null,
  });
  return {
    concern,
    reporter: reporter ?? null,
    notes,
    posting: posting ? { ...posting, suspended: isPostingSuspended({ status: posting.status, statusReason: posting.status_reason }), impact: postingImpact! } : null,
    organisation:
      organisation && organisationImpact
        ? { ...organisation, publishedPostings: organisationImpact.count, impact: { applications: organisationImpact.applications, people: organisationImpact.people } }
        : null,
    person: person ? { ...person, impact: personImpact! } : null,
    related,
    suspensions,
  };
}

/** Other reports about the same posting, organisation or person, newest first. */
async function relatedConcerns(db: Executor, concern: { id: number; posting_id: number | null; organisation_id: number | null; subject_user_id: number | null }) {
  if (!concern.posting_id && !concern.organisation_id && !concern.subject_user_id) return [];
  return db
    .selectFrom("concerns")
    .select(["id", "reference", "category", "status", "created_at"])
    .where("id", "<>", concern.id)
    .where((eb) =>
      eb.or([
        ...(concern.posting_id ? [eb("posting_id", "=", concern.posting_id)] : []),
        ...(concern.organisation_id ? [eb("organisation_id", "=", concern.organisation_id)] : []),
        ...(concern.subject_user_id ? [eb("subject_user_id", "=", concern.subject_user_id)] : []),
      ]),
    )
    .orderBy("id", "desc")
    .limit(20)
    .execute();
}

/** Staff reading a report is itself recorded: reports may describe a child. */
export async function recordConcernViewed(db: Executor, staffId: number, concernId: number, ip: string): Promise<void> {
  await audit(db, { actorUserId: staffId, action: "concern.viewed", subjectType: "concern", subjectId: concernId, ip });
}

async function lockConcern(trx: Executor, id: number) {
  return trx.selectFrom("concerns").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

async function addNoteRow(trx: Executor, concernId: number, authorId: number, kind: ConcernNoteKind, body: string) {
  await trx.insertInto("concern_notes").values({ concern_id: concernId, author_user_id: authorId, kind, body }).execute();
  await trx.updateTable("concerns").set({ updated_at: new Date() }).where("id", "=", concernId).execute();
}

export async function addConcernNote(db: DB, staffId: number, concernId: number, body: string, ip: string): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockConcern(trx, concernId))) return "not-found" as const;
    await addNoteRow(trx, concernId, staffId, "note", body);
    await audit(trx, { actorUserId: staffId, action: "concern.note_added", subjectType: "concern", subjectId: concernId, ip });
    return "ok" as const;
  });
}

export async function closeConcern(
  db: DB,
  staffId: number,
  concernId: number,
  input: { outcome: ConcernOutcome; note?: string },
  ip: string,
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const concern = await lockConcern(trx, concernId);
    if (!concern) return "not-found" as const;
    if (concern.status !== "open") return "not-allowed" as const;
    const now = new Date();
    await trx.updateTable("concerns").set({ status: "closed", outcome: input.outcome, closed_at: now, closed_by: staffId }).where("id", "=", concernId).execute();
    await addNoteRow(trx, concernId, staffId, "closed", input.note ?? "");
    await audit(trx, { actorUserId: staffId, action: "concern.closed", subjectType: "concern", subjectId: concernId, ip, details: { outcome: input.outcome } });
    return "ok" as const;
  });
}

export async function reopenConcern(db: DB, staffId: number, concernId: number, ip: string): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const concern = await lockConcern(trx, concernId);
    if (!concern) return "not-found" as const;
    if (concern.status !== "closed") return "not-allowed" as const;
    await trx.updateTable("concerns").set({ status: "open", outcome: null, closed_at: null, closed_by: null }).where("id", "=", concernId).execute();
    await addNoteRow(trx, concernId, staffId, "reopened", "");
    await audit(trx, { actorUserId: staffId, action: "concern.reopened", subjectType: "concern", subjectId: concernId, ip, details: { outcome: concern.outcome } });
    return "ok" as const;
  });
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
