import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { RequestContext } from "../accounts/accounts.server";
import { availableSuspensions, excerpt, formatReference, isPostingSuspended } from "./concerns.rules";
import type { ConcernListQuery, ConcernReportInput } from "./concerns.schema";
import { countUpcoming, organisationSuspensionImpact } from "./suspensions.server";

/**
 * Concern reports: anyone may report a posting, an organisation or a person; ward staff work through them in a
 * queue, keep notes, close them with an outcome (handling.server.ts), and can suspend the subject at once
 * (suspensions.server.ts). Every step is audited.
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
