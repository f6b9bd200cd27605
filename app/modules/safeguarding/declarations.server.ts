import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { DeclarationStatus } from "#db/schema";
import { audit } from "~/utils/audit.server";
import {
  CODE_OF_CONDUCT,
  declarationValidUntil,
  summariseChecks,
  summariseDeclarations,
  type CheckSummary,
  type DeclarationSummary,
} from "./declarations.rules";
import type { CriminalRecordCheckInput, DeclarationInput } from "./declarations.schema";

/**
 * Safeguarding declarations (a person's, for every organisation they belong to; confirmed by staff; a year long)
 * and the criminal-record checks an organisation records for its members (that one was done, when, by whom and
 * until when — the site never holds what a check found). Each step is written to the audit log.
 */

export interface PersonCredentials {
  userId: number;
  name: string;
  declaration: DeclarationSummary;
  check: CheckSummary;
}

/** The declarations and this organisation's recorded checks of some people, summarised on `today`. */
export async function credentialsOf(db: Executor, organisationId: number, userIds: number[], today: string): Promise<Map<number, PersonCredentials>> {
  const result = new Map<number, PersonCredentials>();
  if (userIds.length === 0) return result;
  const [people, declarations, checks] = await Promise.all([
    db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute(),
    db.selectFrom("safeguarding_declarations").select(["user_id", "status", "declared_on", "valid_until"]).where("user_id", "in", userIds).execute(),
    db
      .selectFrom("criminal_record_checks")
      .select(["user_id", "checked_on", "checked_by", "valid_until"])
      .where("organisation_id", "=", organisationId)
      .where("user_id", "in", userIds)
      .execute(),
  ]);
  for (const person of people) {
    result.set(person.id, {
      userId: person.id,
      name: person.display_name,
      declaration: summariseDeclarations(
        declarations.filter((d) => d.user_id === person.id).map((d) => ({ status: d.status, declaredOn: d.declared_on, validUntil: d.valid_until })),
        today,
      ),
      check: summariseChecks(
        checks.filter((c) => c.user_id === person.id).map((c) => ({ checkedOn: c.checked_on, checkedBy: c.checked_by, validUntil: c.valid_until })),
        today,
      ),
    });
  }
  return result;
}

async function currentMembers(db: Executor, organisationId: number) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.display_name", "memberships.role"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("users.deleted_at", "is", null)
    .orderBy("memberships.role")
    .orderBy("users.display_name")
    .execute();
}

/** The organisation's people, each with their declaration and check status, and the postings naming them. */
export async function safeguardingPeople(db: DB, organisationId: number, today: string) {
  const members = await currentMembers(db, organisationId);
  const credentials = await credentialsOf(
    db,
    organisationId,
    members.map((m) => m.id),
    today,
  );
  const named = members.length
    ? await db
        .selectFrom("posting_responsible_adults as a")
        .innerJoin("postings as p", "p.id", "a.posting_id")
        .select(["a.user_id", "p.id", "p.title"])
        .where("p.organisation_id", "=", organisationId)
        .where("p.status", "<>", "cancelled")
        .where(
          "a.user_id",
          "in",
          members.map((m) => m.id),
        )
        .orderBy("p.id")
        .execute()
    : [];
  return members.map((m) => ({
    ...credentials.get(m.id)!,
    userId: m.id,
    name: m.display_name,
    role: m.role,
    postings: named.filter((n) => n.user_id === m.id).map((n) => ({ id: n.id, title: n.title })),
  }));
}

/** The checks recorded by an organisation, newest first (for its people page). */
export function listChecks(db: DB, organisationId: number) {
  return db
    .selectFrom("criminal_record_checks as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.id", "c.user_id", "u.display_name", "c.checked_on", "c.checked_by", "c.valid_until", "c.created_at"])
    .where("c.organisation_id", "=", organisationId)
    .orderBy("c.id", "desc")
    .limit(200)
    .execute();
}

/** A person's own declarations, newest first. */
export function myDeclarations(db: DB, userId: number) {
  return db
    .selectFrom("safeguarding_declarations")
    .select(["id", "status", "declared_on", "valid_until", "code_version", "decision_comment", "decided_at", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .execute();
}

export type DeclarationResult = { status: "ok"; id: number } | { status: "already-pending" };

/**
 * Records a member's declaration, waiting for staff. It is valid from today (Tokyo) for a year once confirmed;
 * a person has at most one declaration waiting at a time (a renewal is a new declaration).
 */
export async function makeDeclaration(db: DB, organisationId: number, userId: number, input: DeclarationInput, ip: string, today: string): Promise<DeclarationResult> {
  return db.transaction().execute(async (trx) => {
    const waiting = await trx.selectFrom("safeguarding_declarations").select("id").where("user_id", "=", userId).where("status", "=", "pending").executeTakeFirst();
    if (waiting) return { status: "already-pending" as const };
    const row = await trx
      .insertInto("safeguarding_declarations")
      .values({
        user_id: userId,
        organisation_id: organisationId,
        signed_name: input.signedName,
        no_relevant_convictions: true,
        agrees_code_of_conduct: true,
        code_version: CODE_OF_CONDUCT.version,
        declared_on: today,
        valid_until: declarationValidUntil(today),
      })
      // Two copies of the form sent at once: the unique index keeps one waiting declaration.
      .onConflict((oc) => oc.column("user_id").where(sql<boolean>`status = 'pending'`).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return { status: "already-pending" as const };
    await audit(trx, {
      actorUserId: userId,
      action: "safeguarding.declaration_made",
      subjectType: "safeguarding_declaration",
      subjectId: row.id,
      ip,
      details: { organisationId, codeVersion: CODE_OF_CONDUCT.version, declaredOn: today },
    });
    return { status: "ok" as const, id: row.id };
  });
}

/** Records that a member's criminal-record check was done. Only for current members of the organisation. */
export async function recordCriminalRecordCheck(
  db: DB,
  organisationId: number,
  recordedBy: number,
  input: CriminalRecordCheckInput,
  ip: string,
): Promise<"ok" | "not-member"> {
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select("users.id")
      .where("memberships.organisation_id", "=", organisationId)
      .where("memberships.user_id", "=", input.userId)
      .where("users.deleted_at", "is", null)
      .executeTakeFirst();
    if (!member) return "not-member" as const;
    const row = await trx
      .insertInto("criminal_record_checks")
      .values({
        organisation_id: organisationId,
        user_id: input.userId,
        checked_on: input.checkedOn,
        checked_by: input.checkedBy,
        valid_until: input.validUntil,
        recorded_by: recordedBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: recordedBy,
      action: "safeguarding.check_recorded",
      subjectType: "criminal_record_check",
      subjectId: row.id,
      ip,
      details: { organisationId, userId: input.userId, checkedOn: input.checkedOn, validUntil: input.validUntil },
    });
    return "ok" as const;
  });
}

export type DeclarationFilter = DeclarationStatus | "all";

/** Declarations for staff: the waiting ones oldest first, the others newest first. */
export async function listDeclarationsForStaff(db: DB, filter: DeclarationFilter) {
  let q = db
    .selectFrom("safeguarding_declarations as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .leftJoin("organisations as o", "o.id", "d.organisation_id")
    .select([
      "d.id",
      "d.status",
      "d.signed_name",
      "d.declared_on",
      "d.valid_until",
      "d.code_version",
      "d.decision_comment",
      "d.decided_at",
      "d.created_at",
      "u.id as user_id",
      "u.display_name",
      "u.email",
      "o.id as organisation_id",
      "o.name as organisation_name",
    ]);
  if (filter !== "all") q = q.where("d.status", "=", filter);
  q = filter === "pending" ? q.orderBy("d.id", "asc") : q.orderBy("d.id", "desc");
  const [rows, counts] = await Promise.all([
    q.limit(200).execute(),
    db.selectFrom("safeguarding_declarations").select(["status", db.fn.countAll<number>().as("n")]).groupBy("status").execute(),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<DeclarationStatus, number>> };
}

/** Staff confirm a waiting declaration (it counts from then on) or refuse it with a comment. */
export async function decideDeclaration(
  db: DB,
  staffUserId: number,
  declarationId: number,
  decision: "confirm" | "reject",
  comment: string,
  ip: string,
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("safeguarding_declarations").select(["id", "status", "user_id"]).where("id", "=", declarationId).forUpdate().executeTakeFirst();
    if (!row) return "not-found" as const;
    if (row.status !== "pending") return "not-allowed" as const;
    const status = decision === "confirm" ? "confirmed" : "rejected";
    await trx
      .updateTable("safeguarding_declarations")
      .set({ status, decided_at: new Date(), decided_by: staffUserId, decision_comment: comment })
      .where("id", "=", declarationId)
      .execute();
    await audit(trx, {
      actorUserId: staffUserId,
      action: `safeguarding.declaration_${status}`,
      subjectType: "safeguarding_declaration",
      subjectId: declarationId,
      ip,
      details: { userId: row.user_id, ...(comment ? { comment } : {}) },
    });
    return "ok" as const;
  });
}
