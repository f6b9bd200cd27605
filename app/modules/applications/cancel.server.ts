import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { translate } from "~/utils/translate";
import { minorShiftProblems } from "../safeguarding/minors.rules";
import { getSafeguardingSettings } from "../safeguarding/settings.server";
import { isActive } from "./applications.rules";
import { reachable, recipient, scheduleReminders, shiftContext, shiftProps } from "./notices.server";
import { promoteWaitlisted, releasePlace } from "./places.server";

/**
 * Applied inside a posting edit: tells people whose shift moved, cancels applications to removed shifts (and
 * tells them), and promotes the waiting list where capacity grew. Capacity below the confirmed count never gets
 * here: the edit is refused first (see capacityProblems).
 */
export async function afterShiftChanges(
  trx: Executor,
  changes: { moved: { shiftId: number; previousStartsAt: Date; previousEndsAt: Date; capacityChanged: boolean }[]; removed: number[]; grew: number[] },
  origin: string,
  reason = "",
) {
  for (const m of changes.moved) {
    const ctx = await shiftContext(trx, m.shiftId);
    if (!ctx) continue;
    await trx.updateTable("applications").set({ shift_starts_at: ctx.starts_at, shift_ends_at: ctx.ends_at }).where("shift_id", "=", m.shiftId).execute();
    const people = await trx
      .selectFrom("applications")
      .select(["id", "user_id", "status", "minor"])
      .where("shift_id", "=", m.shiftId)
      .where("status", "in", ["pending", "pending_consent", "confirmed", "waitlisted"])
      .execute();
    // A minor cannot keep a shift moved into the night or past the latest end: their application is cancelled.
    const latestEnd = (await getSafeguardingSettings(trx)).minorsLatestEnd;
    const outOfHours = minorShiftProblems({ startsAt: ctx.starts_at, endsAt: ctx.ends_at }, latestEnd).length > 0;
    let freed = false;
    for (const p of people) {
      const user = await recipient(trx, p.user_id);
      if (p.minor && outOfHours) {
        await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: new Date() }).where("id", "=", p.id).execute();
        if (p.status === "confirmed") await releasePlace(trx, m.shiftId);
        freed ||= p.status === "confirmed" || p.status === "pending_consent";
        if (reachable(user))
          await sendEmail(trx, { template: "shift-cancelled", to: user.email, locale: user.locale, props: { ...shiftProps(ctx, origin), reason: translate(user.locale, "minors.cancel.timeRules") } });
        continue;
      }
      if (!reachable(user)) continue;
      await sendEmail(trx, {
        template: "shift-changed",
        to: user.email,
        locale: user.locale,
        props: { ...shiftProps(ctx, origin), previousStartsAt: m.previousStartsAt.toISOString(), previousEndsAt: m.previousEndsAt.toISOString(), capacityChanged: m.capacityChanged },
      });
      if (p.status === "confirmed") await scheduleReminders(trx, p.id, ctx.starts_at, origin);
    }
    if (freed) await promoteWaitlisted(trx, m.shiftId, origin);
  }
  for (const shiftId of changes.removed) await cancelShiftApplications(trx, shiftId, origin, reason);
  for (const shiftId of changes.grew) await promoteWaitlisted(trx, shiftId, origin);
}

/** Cancels every active application of a shift that is going away, telling each person (unless told otherwise). */
export async function cancelShiftApplications(trx: Executor, shiftId: number, origin: string, reason: string, notify = true): Promise<number[]> {
  const ctx = await shiftContext(trx, shiftId);
  const people = await trx
    .selectFrom("applications")
    .select(["id", "user_id", "status"])
    .where("shift_id", "=", shiftId)
    .where("status", "in", ["pending", "pending_consent", "confirmed", "waitlisted"])
    .execute();
  for (const p of people) {
    await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: new Date() }).where("id", "=", p.id).execute();
    const user = await recipient(trx, p.user_id);
    if (!notify || !ctx || !reachable(user)) continue;
    await sendEmail(trx, { template: "shift-cancelled", to: user.email, locale: user.locale, props: { ...shiftProps(ctx, origin), reason } });
  }
  if (people.some((p) => p.status === "confirmed" || p.status === "pending_consent")) await sql`update shifts set confirmed_count = 0 where id = ${shiftId}`.execute(trx);
  return people.map((p) => p.user_id);
}

/**
 * Cancels single applications (an account suspended, say) without emailing anyone: a confirmed place is
 * released, a held one goes back through the applications_release_hold trigger, and either way the first in
 * line is promoted. Use this rather than writing the status: the confirmed count stays exact.
 */
export async function cancelApplications(trx: Executor, applicationIds: number[], origin: string, now = new Date()): Promise<number> {
  let cancelled = 0;
  for (const id of applicationIds) {
    const app = await trx.selectFrom("applications").select(["id", "status", "shift_id", "held_until"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!app || !isActive(app.status)) continue;
    await trx.updateTable("applications").set({ status: "cancelled", waitlisted_at: null, updated_at: now }).where("id", "=", app.id).execute();
    cancelled++;
    if (app.shift_id === null) continue;
    if (app.status === "confirmed") await releasePlace(trx, app.shift_id);
    if (app.status === "confirmed" || app.held_until) await promoteWaitlisted(trx, app.shift_id, origin);
  }
  return cancelled;
}

/**
 * Cancels the active applications to the shifts still to come of a cancelled posting, and tells each person
 * once (not once per shift).
 */
/**
 * Cancels the applications to a posting's coming shifts and emails each person once. `by` "staff" when ward staff
 * suspended it: the email then says so and quotes no reason (the reason still goes into the thread notices).
 */
export async function cancelPostingApplications(
  trx: Executor,
  postingId: number,
  origin: string,
  reason: string,
  now = new Date(),
  by: "organisation" | "staff" = "organisation",
) {
  const shifts = await trx.selectFrom("shifts").select("id").where("posting_id", "=", postingId).where("starts_at", ">", now).execute();
  const people = new Set<number>();
  for (const s of shifts) for (const userId of await cancelShiftApplications(trx, s.id, origin, reason, false)) people.add(userId);
  const posting = await trx
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["p.title", "o.name"])
    .where("p.id", "=", postingId)
    .executeTakeFirst();
  if (!posting) return;
  for (const userId of people) {
    const user = await recipient(trx, userId);
    if (!reachable(user)) continue;
    await sendEmail(trx, {
      template: "posting-cancelled",
      to: user.email,
      locale: user.locale,
      props: { postingTitle: posting.title, organisationName: posting.name, reason: by === "staff" ? "" : reason, postingUrl: `${origin}/postings/${postingId}`, by },
    });
  }
}
