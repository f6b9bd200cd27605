import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { unreadMessageCount } from "../messages/thread-reading.server";

/**
 * What waits for a person, by the roles they hold: the counts each role's home shows and the header adds up.
 * Every count is of things still to come or still open (an application to a session next month waits as much as
 * one tomorrow), and each is one query written here only.
 */

export interface OrganisationWaiting {
  id: number;
  name: string;
  school: boolean;
  /** Applications to sessions still to come that the organisation has not decided. */
  applications: number;
  /** Postings welcoming under-18s that the ward sent back for changes. */
  reviewsReturned: number;
  /** A school: its students' applications waiting for the school's approval. */
  schoolApprovals: number;
  /** A school: students who asked to join it and wait to be approved. */
  studentsToApprove: number;
}

export interface StaffWaiting {
  organisations: number;
  reviews: number;
  declarations: number;
  concerns: number;
}

export interface Waiting {
  /** The person's own applications waiting for a guardian's consent or their school's approval. */
  consents: number;
  messages: number;
  organisations: OrganisationWaiting[];
  staff: StaffWaiting | null;
}

const n = (v: unknown) => Number(v ?? 0);

/** Undecided applications to sessions still to come, per organisation. */
async function applicationsToDecide(db: Executor, organisationIds: number[], now: Date): Promise<Map<number, number>> {
  if (!organisationIds.length) return new Map();
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["p.organisation_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("p.organisation_id", "in", organisationIds)
    .where("a.status", "=", "pending")
    .where("a.shift_starts_at", ">", now)
    .groupBy("p.organisation_id")
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, n(r.n)]));
}

async function reviewsReturned(db: Executor, organisationIds: number[]): Promise<Map<number, number>> {
  if (!organisationIds.length) return new Map();
  const rows = await db
    .selectFrom("postings")
    .select(["organisation_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("organisation_id", "in", organisationIds)
    .where("welcomes_minors", "=", true)
    .where("safeguarding_status", "=", "returned")
    .where("status", "<>", "cancelled")
    .groupBy("organisation_id")
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, n(r.n)]));
}

/**
 * A school's students' applications waiting for its approval: exactly those the school's applications page lets it
 * decide (the application names the school, its approval is pending, the application waits for it).
 */
export async function schoolApprovalsWaiting(db: Executor, schoolIds: number[]): Promise<Map<number, number>> {
  if (!schoolIds.length) return new Map();
  const rows = await db
    .selectFrom("applications as a")
    .select(["a.school_organisation_id as id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("a.school_organisation_id", "in", schoolIds)
    .where("a.school_approval", "=", "pending")
    .where("a.status", "=", "pending_consent")
    // The student is still the school's: the applications page lists only its approved students.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("school_affiliations as sa")
          .select("sa.id")
          .whereRef("sa.user_id", "=", "a.user_id")
          .whereRef("sa.organisation_id", "=", "a.school_organisation_id")
          .where("sa.status", "=", "approved"),
      ),
    )
    .groupBy("a.school_organisation_id")
    .execute();
  return new Map(rows.map((r) => [r.id as number, n(r.n)]));
}

async function studentsToApprove(db: Executor, schoolIds: number[]): Promise<Map<number, number>> {
  if (!schoolIds.length) return new Map();
  const rows = await db
    .selectFrom("school_affiliations")
    .select(["organisation_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("organisation_id", "in", schoolIds)
    .where("status", "=", "pending")
    .groupBy("organisation_id")
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, n(r.n)]));
}

async function myConsentsPending(db: Executor, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom("applications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("status", "=", "pending_consent")
    .where("shift_starts_at", ">", now)
    .executeTakeFirst();
  return n(row?.n);
}

/** The ward's queues: organisations to verify, safeguarding reviews, declarations to check, concerns still open. */
export async function staffWaiting(db: Executor): Promise<StaffWaiting> {
  const row = await sql<{ organisations: string; reviews: string; declarations: string; concerns: string }>`
    select
      (select count(*) from organisations where status = 'pending') as organisations,
      (select count(*) from postings where welcomes_minors and safeguarding_status = 'pending' and status <> 'cancelled') as reviews,
      (select count(*) from safeguarding_declarations where status = 'pending') as declarations,
      (select count(*) from concerns where status = 'open') as concerns`.execute(db);
  const r = row.rows[0];
  return { organisations: n(r?.organisations), reviews: n(r?.reviews), declarations: n(r?.declarations), concerns: n(r?.concerns) };
}

export interface WaitingFor {
  userId: number;
  isStaff: boolean;
  organisations: { id: number; name: string; kind: string }[];
}

export async function waitingFor(db: Executor, who: WaitingFor, now = new Date()): Promise<Waiting> {
  const orgIds = who.organisations.map((o) => o.id);
  const schoolIds = who.organisations.filter((o) => o.kind === "high_school").map((o) => o.id);
  const [consents, messages, apps, returned, approvals, students, staff] = await Promise.all([
    myConsentsPending(db, who.userId, now),
    unreadMessageCount(db, who.userId),
    applicationsToDecide(db, orgIds, now),
    reviewsReturned(db, orgIds),
    schoolApprovalsWaiting(db, schoolIds),
    studentsToApprove(db, schoolIds),
    who.isStaff ? staffWaiting(db) : Promise.resolve(null),
  ]);
  return {
    consents,
    messages,
    staff,
    organisations: who.organisations.map((o) => ({
      id: o.id,
      name: o.name,
      school: o.kind === "high_school",
      applications: apps.get(o.id) ?? 0,
      reviewsReturned: returned.get(o.id) ?? 0,
      schoolApprovals: approvals.get(o.id) ?? 0,
      studentsToApprove: students.get(o.id) ?? 0,
    })),
  };
}

/**
 * An organisation's sessions still to come with applications it has not decided, however far ahead (its dashboard's
 * list of what to decide), soonest first.
 */
export async function sessionsWithUndecided(db: Executor, organisationId: number, now = new Date()) {
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["a.shift_id", "a.shift_starts_at", "a.shift_ends_at", "p.id as posting_id", "p.title", (eb) => eb.fn.countAll<string>().as("n")])
    .where("p.organisation_id", "=", organisationId)
    .where("a.status", "=", "pending")
    .where("a.shift_starts_at", ">", now)
    .groupBy(["a.shift_id", "a.shift_starts_at", "a.shift_ends_at", "p.id", "p.title"])
    .orderBy("a.shift_starts_at")
    .limit(100)
    .execute();
  return rows.map((r) => ({ shiftId: r.shift_id, startsAt: r.shift_starts_at, endsAt: r.shift_ends_at, postingId: r.posting_id, title: r.title, pending: n(r.n) }));
}
