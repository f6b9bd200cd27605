import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { tellVolunteer } from "./notices.server";

/**
 * Places on a shift, and the waiting list's promotions into the places that come free.
 *
 * No overbooking: a place is taken only by `update shifts set confirmed_count = confirmed_count + 1 where
 * confirmed_count < capacity`, inside the transaction that writes the application. The row lock that update
 * takes serialises concurrent applicants to one shift, and PostgreSQL re-checks the condition on the latest row,
 * so exactly `capacity` people can be confirmed however many arrive at once; a check constraint backs it up.
 * The unique (shift, person) constraint means nobody holds two applications to one shift.
 */

export async function takePlace(trx: Executor, shiftId: number): Promise<boolean> {
  const row = await sql<{ id: number }>`
    update shifts set confirmed_count = confirmed_count + 1
    where id = ${shiftId} and confirmed_count < capacity
    returning id`.execute(trx);
  return row.rows.length > 0;
}

/**
 * The apply path's gate (docs/decisions/036-apply-in-few-round-trips.md): takes the shift's row lock, the one
 * `takePlace` and the waiting list take, and reads whether a place is left on the newest row (a locking read in
 * READ COMMITTED waits for the holder and then sees what it committed). Until this transaction ends nobody else
 * can take a place on the shift, so the caller takes it with `placeTakenUnderLock`, sent with the rest of its
 * writes; the check constraint (confirmed_count <= capacity) still refuses any overbooking.
 */
export async function lockShiftPlaces(trx: Executor, shiftId: number): Promise<boolean> {
  const row = await sql<{ free: boolean }>`select confirmed_count < capacity as free from shifts where id = ${shiftId} for no key update`.execute(trx);
  return Boolean(row.rows[0]?.free);
}

/** The place `lockShiftPlaces` found free, taken: the statement, for the caller to send with its others. */
export function placeTakenUnderLock(trx: Executor, shiftId: number) {
  return trx
    .updateTable("shifts")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", 1) }))
    .where("id", "=", shiftId);
}

/**
 * The same decision made by the database, for a caller that sends it without waiting for the lock's answer (the
 * apply path's closing statements): after `shiftLock`, takes a place if one is left and makes the application
 * confirmed, or stamps it on the waiting list — the stamp taken under the lock, as `joinWaitlist` takes it.
 * Returns the status it got, and when the server began it (after the lock: see `shiftLock`).
 */
export function placeOrWaitlist(shiftId: number, applicationId: number, now: Date) {
  return sql<{ status: "confirmed" | "waitlisted"; began: number }>`
    with place as (
      update shifts set confirmed_count = confirmed_count + 1
      where id = ${shiftId} and confirmed_count < capacity
      returning id)
    update applications set
      status = case when exists (select 1 from place) then 'confirmed' else 'waitlisted' end,
      waitlisted_at = case when exists (select 1 from place) then null else clock_timestamp() end,
      decided_at = ${now}
    where id = ${applicationId}
    returning status, extract(epoch from statement_timestamp())::float8 as began`;
}

/**
 * The shift's row lock, the one `takePlace` and the waiting list take: the statement, to be sent with others.
 * Returns when the server began it: the next statement's start, less this, is the wait for the lock.
 */
export function shiftLock(shiftId: number) {
  return sql<{ began: number }>`select extract(epoch from statement_timestamp())::float8 as began from shifts where id = ${shiftId} for no key update`;
}

export async function releasePlace(trx: Executor, shiftId: number): Promise<void> {
  await sql`update shifts set confirmed_count = confirmed_count - 1 where id = ${shiftId} and confirmed_count > 0`.execute(trx);
}

/**
 * Moves the first people on a shift's waiting list into places that are free, in the order they joined it, and
 * tells each. Returns how many were promoted.
 */
export async function promoteWaitlisted(trx: Executor, shiftId: number, origin: string): Promise<number> {
  let promoted = 0;
  for (;;) {
    const next = await trx
      .selectFrom("applications")
      .select(["id"])
      .where("shift_id", "=", shiftId)
      .where("status", "=", "waitlisted")
      .orderBy("waitlisted_at")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!next) break;
    if (!(await takePlace(trx, shiftId))) break;
    await trx.updateTable("applications").set({ status: "confirmed", waitlisted_at: null, updated_at: new Date() }).where("id", "=", next.id).execute();
    await tellVolunteer(trx, next.id, "confirmed", origin, { promoted: true });
    promoted++;
  }
  return promoted;
}
