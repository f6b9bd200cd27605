import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { SafeguardingStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { enqueueSearchSync } from "#search/sync.server";
import { postingShifts } from "../postings/session-details.server";
import { tokyoDate } from "./declarations.rules";
import { credentialsOf } from "./declarations.server";
import { EMPTY_CHECKLIST, type AdultFacts, type ChecklistAnswers, type ReviewChange } from "./review.rules";

/**
 * What the safeguarding review reads and writes of one posting — its checklist, named adults and their
 * credentials, upcoming shifts, history — shared by the organisation's side (review.server.ts) and staff's
 * (review-staff.server.ts).
 */

export async function loadChecklist(db: Executor, postingId: number): Promise<ChecklistAnswers> {
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

export function checklistColumns(c: ChecklistAnswers) {
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

export async function namedAdultIds(db: Executor, postingId: number): Promise<number[]> {
  const rows = await db.selectFrom("posting_responsible_adults").select("user_id").where("posting_id", "=", postingId).orderBy("added_at").orderBy("user_id").execute();
  return rows.map((r) => r.user_id);
}

export async function memberIds(db: Executor, organisationId: number, userIds: number[]): Promise<Set<number>> {
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
export async function adultFacts(db: Executor, organisationId: number, userIds: number[], today: string): Promise<AdultFacts[]> {
  const [credentials, members] = await Promise.all([credentialsOf(db, organisationId, userIds, today), memberIds(db, organisationId, userIds)]);
  return userIds
    .filter((id) => credentials.has(id))
    .map((id) => ({ ...credentials.get(id)!, member: members.has(id) }));
}

export async function upcomingShifts(db: Executor, postingId: number, now: Date) {
  const rows = await postingShifts(db, postingId, { after: now });
  return rows.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
}

export const shiftDates = (shifts: { startsAt: Date; endsAt: Date }[]) => [...new Set(shifts.flatMap((s) => [tokyoDate(s.startsAt), tokyoDate(s.endsAt)]))];

/** What the review is about at this moment, kept with each history row: what staff saw, or what changed. */
export function snapshot(checklist: ChecklistAnswers, adults: AdultFacts[], shifts: { startsAt: Date; endsAt: Date }[]) {
  const json = JSON.stringify({
    checklist,
    adults: adults.map((a) => ({ userId: a.userId, name: a.name, declarationValidUntil: a.declaration.validUntil, checkValidUntil: a.check.validUntil })),
    shifts: shifts.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
  });
  return sql<string>`cast(${json} as text)::jsonb`;
}

export async function staffRecipients(db: Executor) {
  return db
    .selectFrom("users")
    .select(["email", "locale"])
    .where("role", "in", ["staff", "admin"])
    .where("disabled_at", "is", null)
    .where("deleted_at", "is", null)
    .execute();
}

export async function askStaffToReview(
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

export async function lockPosting(trx: Executor, postingId: number, organisationId?: number) {
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

export async function reviewHistory(db: Executor, postingId: number) {
  return db
    .selectFrom("safeguarding_reviews as r")
    .leftJoin("users as u", "u.id", "r.actor_user_id")
    .select(["r.id", "r.event", "r.comment", "r.changes", "r.created_at", "u.display_name as actor_name", "u.role as actor_role"])
    .where("r.posting_id", "=", postingId)
    .orderBy("r.id", "desc")
    .execute();
}

export async function setStatus(trx: Executor, postingId: number, status: SafeguardingStatus, now: Date) {
  await trx.updateTable("postings").set({ safeguarding_status: status, updated_at: now }).where("id", "=", postingId).execute();
  // Whether an under-18 can apply (postings.open_to_minors) may have changed: the search documents follow.
  await enqueueSearchSync(trx, [postingId]);
}
