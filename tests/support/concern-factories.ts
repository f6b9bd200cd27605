import { randomBytes } from "node:crypto";
import type { DB } from "#db/client.server";
import type { ApplicationStatus, ConcernCategory } from "#db/schema";
import { searchPostings } from "#search/engine.server";
import { applyToShifts } from "~/modules/applications/applications.server";
import type { ConcernReportInput } from "~/modules/concerns/concerns.schema";
import { reportConcern } from "~/modules/concerns/concerns.server";
import { createOrganisation, createPosting, createUser, ctx } from "./factories";
import { DAY, HOUR } from "./more-factories";

/** Helpers for the concern, suspension, audit and retention tests. */

/** A word no other posting has, so a search for it finds exactly the posting that carries it. */
export const searchableWord = () => `kenen${randomBytes(4).toString("hex")}`;

/** Whether a search for the word finds the posting (the PostgreSQL engine, as the site runs by default). */
export async function foundInSearch(db: DB, word: string, postingId: number): Promise<boolean> {
  const result = await searchPostings(db, { text: word, filters: {}, sort: "relevance", page: 1, pageSize: 20 });
  return result.hits.some((h) => h.id === postingId);
}

/**
 * A verified organisation (with an owner) and its published posting with two coming shifts and one past, the
 * title carrying a searchable word.
 */
export async function postingWithShifts(db: DB, options: { capacity?: number } = {}) {
  const owner = await createUser(db, { displayName: "代表 花子" });
  const organisation = await createOrganisation(db, { ownerId: owner.id });
  const word = searchableWord();
  const soon = Date.now() + 5 * DAY;
  const posting = await createPosting(db, organisation.id, {
    title: `花壇の手入れ ${word}`,
    shifts: [
      { startsAt: new Date(soon), endsAt: new Date(soon + 2 * HOUR), capacity: options.capacity ?? 5 },
      { startsAt: new Date(soon + 7 * DAY), endsAt: new Date(soon + 7 * DAY + 2 * HOUR), capacity: options.capacity ?? 5 },
    ],
  });
  const shifts = await db.selectFrom("shifts").select(["id", "starts_at", "capacity"]).where("posting_id", "=", posting.id).orderBy("starts_at").execute();
  return { owner, organisation, posting, word, shifts };
}

/** A new adult volunteer (with a birth date, which applying needs) applies through the applications module. */
export async function applicant(db: DB, postingId: number, shiftIds: number[], name = "応募 太郎") {
  const user = await createUser(db, { displayName: name });
  await db.updateTable("users").set({ birth_date: "1990-04-01" }).where("id", "=", user.id).execute();
  const result = await applyToShifts(db, { userId: user.id, postingId, shiftIds, message: "よろしくお願いします。", acknowledgeOverlap: true }, ctx);
  if (result.status !== "ok") throw new Error(`applying failed: ${result.status}`);
  return { user, outcomes: result.outcomes };
}

/** Sends a report as the form would, anonymously unless a reporter is given. */
export async function report(db: DB, input: Partial<ConcernReportInput> & { category?: ConcernCategory } = {}, reporterUserId: number | null = null) {
  const result = await reportConcern(
    db,
    { subjectType: "general", category: "other", description: "気になることがありました。", ...input } as ConcernReportInput,
    reporterUserId,
    ctx,
  );
  if (result.status !== "ok") throw new Error(`report failed: ${result.status}`);
  const concern = await db.selectFrom("concerns").selectAll().where("reference", "=", result.reference).executeTakeFirstOrThrow();
  return concern;
}

/**
 * An application to a shift that already took place (the applications module refuses those), written as it
 * would stand afterwards: for the retention job.
 */
export async function pastApplication(
  db: DB,
  options: { userId: number; startsAt: Date; hours?: number; status?: ApplicationStatus; message?: string; decisionReason?: string },
) {
  const organisation = await createOrganisation(db);
  const endsAt = new Date(options.startsAt.getTime() + (options.hours ?? 2) * HOUR);
  const posting = await createPosting(db, organisation.id, { shifts: [{ startsAt: options.startsAt, endsAt }] });
  const shift = await db.selectFrom("shifts").select("id").where("posting_id", "=", posting.id).executeTakeFirstOrThrow();
  return db
    .insertInto("applications")
    .values({
      shift_id: shift.id,
      posting_id: posting.id,
      user_id: options.userId,
      status: options.status ?? "confirmed",
      message: options.message ?? "参加します。電話は090-0000-0000です。",
      decision_reason: options.decisionReason ?? "",
      shift_starts_at: options.startsAt,
      shift_ends_at: endsAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A volunteer with a birth date (YYYY-MM-DD). */
export async function personBorn(db: DB, birthDate: string) {
  const user = await createUser(db);
  await db.updateTable("users").set({ birth_date: birthDate }).where("id", "=", user.id).execute();
  return user;
}
