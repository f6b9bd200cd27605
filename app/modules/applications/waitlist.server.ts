import { sql } from "kysely";
import type { Executor } from "#db/client.server";

/**
 * The waiting list's order, and the place in line people are told.
 *
 * The order is stored as (waitlisted_at, id). Joining the list takes the shift's row lock first and stamps
 * waitlisted_at after it (clock_timestamp(), not the transaction's start), so whoever joins later is stamped later
 * and everyone who joined earlier has already committed: the place counted next, in the same transaction, is the
 * place in the stored order, however many people join at once. (Counting without the lock, each applicant saw only
 * the others who had committed, and concurrent applicants were told the same place.) Confirmed applicants take the
 * same row lock in `takePlace`, so the lock costs the waiting list nothing the confirmed path does not pay already.
 */

/**
 * Waits for, and holds until commit, the lock that orders a shift's waiting list. FOR NO KEY UPDATE: the lock
 * `takePlace`'s update takes, so it queues with it, while the key-share locks that inserting applications (their
 * foreign key to the shift) take do not conflict with it (FOR UPDATE would, and deadlock two applicants).
 */
export async function lockShiftQueue(trx: Executor, shiftId: number): Promise<void> {
  await sql`select id from shifts where id = ${shiftId} for no key update`.execute(trx);
}

/**
 * Puts an application at the end of its shift's waiting list (with any other columns to set) and returns its place.
 * An application that holds a place in line already keeps it: a minor who asked for a full session was stamped
 * then, under this lock, and waited in line while the guardian's consent came (apply.server.ts).
 */
export async function joinWaitlist(
  trx: Executor,
  applicationId: number,
  shiftId: number,
  set: { decided_at?: Date | null; decided_by?: number | null; decision_reason?: string; updated_at?: Date } = {},
): Promise<number> {
  // Started together: the server runs them one after the other, lock first. On a connection that pipelines
  // (db/pipeline.server.ts: the apply path) that is one round trip instead of three, and the lock is held that much
  // less; in a Kysely transaction they still go one at a time (docs/decisions/036-apply-in-few-round-trips.md).
  const [, , position] = await Promise.all([
    lockShiftQueue(trx, shiftId),
    trx
      .updateTable("applications")
      .set({ ...set, status: "waitlisted", waitlisted_at: sql<Date>`coalesce(waitlisted_at, clock_timestamp())` })
      .where("id", "=", applicationId)
      .execute(),
    waitlistPosition(trx, applicationId),
  ]);
  return position;
}

/** The application's place on its shift's waiting list, in the stored order (1 = next to be offered a place). */
export async function waitlistPosition(db: Executor, applicationId: number): Promise<number> {
  const row = await sql<{ position: number }>`select ${positionInLine(applicationId)} as position`.execute(db);
  return Number(row.rows[0]?.position ?? 0);
}

/** The place in line as an SQL expression (an int), for statements that use it where they run. */
export function positionInLine(applicationId: number) {
  return sql<number>`(select count(*)::int from applications w
    join applications a on a.id = ${applicationId}
    where w.shift_id = a.shift_id and w.status = 'waitlisted'
      and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id))`;
}
