import type { DB } from "#db/client.server";
import type { ApplicationMode } from "#db/schema";
import { applyToShifts, type ApplyResult } from "~/modules/applications/applications.server";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "./factories";
import { DAY, emailsTo, HOUR, tokenFromUrl } from "./more-factories";

/** Rows for tests of minors' applications, guardian consent and schools. */

const TOKYO = 9 * HOUR;

/** A birth date (YYYY-MM-DD) that makes a person `years` old today in Tokyo, with their birthday a month away. */
export function birthDateForAge(years: number, now = new Date()): string {
  const tokyo = new Date(now.getTime() + TOKYO + 30 * DAY);
  return `${tokyo.getUTCFullYear() - years - 1}-${String(tokyo.getUTCMonth() + 1).padStart(2, "0")}-${String(Math.min(tokyo.getUTCDate(), 28)).padStart(2, "0")}`;
}

/** An instant at a Tokyo wall-clock time, `days` from today. */
export function tokyoAt(days: number, hhmm: string, now = new Date()): Date {
  const day = new Date(now.getTime() + TOKYO + days * DAY).toISOString().slice(0, 10);
  return new Date(`${day}T${hhmm}:00+09:00`);
}

export async function createPerson(db: DB, options: { age?: number | null; name?: string } = {}) {
  const user = await createUser(db, { displayName: options.name ?? "佐藤 翔太" });
  const birth = options.age === null ? null : birthDateForAge(options.age ?? 16);
  await db.updateTable("users").set({ birth_date: birth, volunteer_type: "high_school" }).where("id", "=", user.id).execute();
  return { ...user, birth_date: birth };
}

/**
 * An organisation (with its owner) and a published posting that welcomes under-18s, reviewed and approved, with
 * the given sessions (by default one morning a week from now).
 */
export async function minorsPosting(
  db: DB,
  options: { capacity?: number; mode?: ApplicationMode; approved?: boolean; shifts?: { startsAt: Date; endsAt: Date; capacity?: number }[]; minimumAge?: number } = {},
) {
  await createCatalogue(db);
  const owner = await createUser(db, { displayName: "代表 花子" });
  const organisation = await createOrganisation(db, { ownerId: owner.id });
  const shifts = options.shifts ?? [{ startsAt: tokyoAt(7, "09:00"), endsAt: tokyoAt(7, "11:00"), capacity: options.capacity ?? 5 }];
  const posting = await createPosting(db, organisation.id, { welcomesMinors: true, shifts });
  await db
    .updateTable("postings")
    .set({ safeguarding_status: options.approved === false ? "pending" : "approved", application_mode: options.mode ?? "auto", minimum_age: options.minimumAge ?? null })
    .where("id", "=", posting.id)
    .execute();
  const rows = await db.selectFrom("shifts").selectAll().where("posting_id", "=", posting.id).orderBy("starts_at").execute();
  return { owner, organisation, posting, shifts: rows };
}

/** A verified high school with a coordinator (an owner member) and its settings. */
export async function createSchool(db: DB, settings: { requiresCoordinatorApproval?: boolean; coordinatorReadsMinorThreads?: boolean } = {}) {
  const coordinator = await createUser(db, { displayName: "顧問 岡田" });
  const school = await createOrganisation(db, { ownerId: coordinator.id, kind: "high_school" });
  await db
    .insertInto("school_settings")
    .values({
      organisation_id: school.id,
      requires_coordinator_approval: settings.requiresCoordinatorApproval ?? false,
      coordinator_reads_minor_threads: settings.coordinatorReadsMinorThreads ?? false,
    })
    .execute();
  return { coordinator, school };
}

/** Affiliates a student with a school (approved), as a coordinator's approval would. */
export async function affiliate(db: DB, schoolId: number, userId: number) {
  await db.insertInto("school_affiliations").values({ organisation_id: schoolId, user_id: userId, status: "approved", decided_at: new Date() }).execute();
  await db.updateTable("users").set({ school_organisation_id: schoolId }).where("id", "=", userId).execute();
}

export const guardian = (email: string) => ({ guardianName: "佐藤 恵子", guardianRelationship: "母", guardianEmail: email });

export async function applyAsMinor(db: DB, userId: number, postingId: number, shiftIds: number[], guardianEmail: string | null, now?: Date): Promise<ApplyResult> {
  return applyToShifts(
    db,
    { userId, postingId, shiftIds, message: "よろしくお願いします", acknowledgeOverlap: true, guardian: guardianEmail ? guardian(guardianEmail) : undefined },
    ctx,
    now,
  );
}

/** The consent and revoke tokens of the latest consent request emailed to a guardian. */
export async function consentTokens(db: DB, guardianEmail: string) {
  const requests = (await emailsTo(db, guardianEmail)).filter((e) => e.template === "guardian-consent-request");
  const last = requests.at(-1);
  if (!last) throw new Error(`no consent request to ${guardianEmail}`);
  return { consent: tokenFromUrl(last.props.consentUrl), revoke: tokenFromUrl(last.props.revokeUrl), props: last.props };
}

export const shiftRow = (db: DB, id: number) => db.selectFrom("shifts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
export const applicationRow = (db: DB, id: number) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
