import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { ApplicationStatus } from "#db/schema";
import { createOrganisation, createPosting, createUser } from "./factories";

/**
 * Rows for tests of messages and calendars, written directly: these tests are about what happens after an
 * application exists, not about applying (the applications module has its own tests).
 */

export async function shiftsOf(db: DB, postingId: number) {
  return db.selectFrom("shifts").selectAll().where("posting_id", "=", postingId).orderBy("starts_at").orderBy("id").execute();
}

/** An application in a given state; a confirmed one also takes its place in the shift, as applying would. */
export async function createApplication(db: DB, input: { shiftId: number; userId: number; status?: ApplicationStatus }) {
  const status = input.status ?? "confirmed";
  return db.transaction().execute(async (trx) => {
    const shift = await trx.selectFrom("shifts").select(["posting_id", "starts_at", "ends_at"]).where("id", "=", input.shiftId).executeTakeFirstOrThrow();
    const application = await trx
      .insertInto("applications")
      .values({
        shift_id: input.shiftId,
        shift_starts_at: shift.starts_at,
        shift_ends_at: shift.ends_at,
        posting_id: shift.posting_id,
        user_id: input.userId,
        status,
        decided_at: status === "pending" ? null : new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (status === "confirmed") await sql`update shifts set confirmed_count = confirmed_count + 1 where id = ${input.shiftId}`.execute(trx);
    return application;
  });
}

/**
 * An organisation with an owner and an editor, a published posting with the given shifts, and a volunteer:
 * the cast of most message and calendar tests.
 */
export async function createMatchingScene(
  db: DB,
  options: { shifts?: { startsAt: Date; endsAt: Date; capacity?: number }[]; title?: string; volunteerName?: string } = {},
) {
  const owner = await createUser(db, { displayName: "団体 代表" });
  const editor = await createUser(db, { displayName: "団体 編集" });
  const volunteer = await createUser(db, { displayName: options.volunteerName ?? "学生 一郎" });
  const organisation = await createOrganisation(db, { ownerId: owner.id, members: [{ userId: editor.id, role: "editor" }] });
  const posting = await createPosting(db, organisation.id, { shifts: options.shifts, title: options.title });
  const shifts = await shiftsOf(db, posting.id);
  return { owner, editor, volunteer, organisation, posting, shifts };
}
