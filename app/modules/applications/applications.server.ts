import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob } from "#db/jobs.server";
import { inTransaction, rollback } from "#db/transaction.server";
import type { ApplicationStatus } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { ensureThread, postMessage } from "../messages/messages.server";
import { canTransition, initialStatus, isActive, overlaps, type Actor } from "./applications.rules";

/**
 * Applying to shifts, and everything that follows: confirmation within capacity, the waiting list and its
 * promotions, the organisation's decisions, and the emails and reminders each step sends.
 *
 * No overbooking: a place is taken only by `update shifts set confirmed_count = confirmed_count + 1 where
 * confirmed_count < capacity`, inside the transaction that writes the application. The row lock that update
 * takes serialises concurrent applicants to one shift, and PostgreSQL re-checks the condition on the latest row,
 * so exactly `capacity` people can be confirmed however many arrive at once; a check constraint backs it up.
 * The unique (shift, person) constraint means nobody holds two applications to one shift.
 */

export interface Context {
  origin: string;
  ip: string;
}

export const REMINDER_QUEUE = "reminders";
export const SECOND_REMINDER_HOURS = 2;

export interface ApplyInput {
  userId: number;
  postingId: number;
  shiftIds: number[];
  message: string;
  /** The person saw the warning that a chosen shift overlaps one they are already confirmed for, and goes on. */
  acknowledgeOverlap: boolean;
}

export type ApplyOutcome = { shiftId: number; applicationId: number; status: "confirmed" | "waitlisted" | "pending" };

export type ApplyResult =
  | { status: "ok"; outcomes: ApplyOutcome[]; threadId: number }
  | { status: "not-found" }
  | { status: "not-open" }
  | { status: "invalid"; field: string; message: string }
  | { status: "overlap"; conflicts: { shiftId: number; withTitle: string; startsAt: Date; endsAt: Date }[] };

/** The first name or display name an organisation sees in its lists and emails. */
function applicantLabel(user: { display_name: string; deleted_at: Date | string | null }) {
  return user.deleted_at ? "—" : user.display_name || "—";
}

async function takePlace(trx: Executor, shiftId: number): Promise<boolean> {
  const row = await sql<{ id: number }>`
    update shifts set confirmed_count = confirmed_count + 1
    where id = ${shiftId} and confirmed_count < capacity
    returning id`.execute(trx);
  return row.rows.length > 0;
}

async function releasePlace(trx: Executor, shiftId: number): Promise<void> {
  await sql`update shifts set confirmed_count = confirmed_count - 1 where id = ${shiftId} and confirmed_count > 0`.execute(trx);
}

interface ShiftContext {
  shift_id: number;
  starts_at: Date;
  ends_at: Date;
  posting_id: number;
  posting_title: string;
  place_name: string;
  what_to_bring: string;
  contact_name: string;
  organisation_id: number;
  organisation_name: string;
}

async function shiftContext(trx: Executor, shiftId: number): Promise<ShiftContext | undefined> {
  const row = await trx
    .selectFrom("shifts as s")
    .innerJoin("postings as p", "p.id", "s.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select([
      "s.id as shift_id",
      "s.starts_at",
      "s.ends_at",
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.what_to_bring",
      "p.contact_name",
      "o.id as organisation_id",
      "o.name as organisation_name",
    ])
    .where("s.id", "=", shiftId)
    .executeTakeFirst();
  return row ? { ...row, starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) } : undefined;
}

function shiftProps(ctx: ShiftContext, origin: string) {
  return {
    postingTitle: ctx.posting_title,
    organisationName: ctx.organisation_name,
    startsAt: ctx.starts_at.toISOString(),
    endsAt: ctx.ends_at.toISOString(),
    placeName: ctx.place_name,
    activitiesUrl: `${origin}/activities`,
    postingUrl: `${origin}/postings/${ctx.posting_id}`,
  };
}

interface Recipient {
  id: number;
  email: string;
  locale: Locale;
  display_name: string;
  deleted_at: Date | string | null;
  disabled_at: Date | string | null;
}

async function recipient(trx: Executor, userId: number): Promise<Recipient | undefined> {
  return trx
    .selectFrom("users")
    .select(["id", "email", "locale", "display_name", "deleted_at", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

const reachable = (u: Recipient | undefined): u is Recipient => Boolean(u && !u.deleted_at && !u.disabled_at);

/** The emails a state change sends the volunteer, plus reminders once confirmed. */
async function tellVolunteer(trx: Executor, applicationId: number, status: ApplicationStatus, origin: string, extra: { reason?: string; promoted?: boolean } = {}) {
  const app = await trx.selectFrom("applications").select(["id", "user_id", "shift_id"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
  const ctx = app.shift_id === null ? undefined : await shiftContext(trx, app.shift_id);
  const user = await recipient(trx, app.user_id);
  if (!ctx || !reachable(user)) return;
  await noticeToVolunteer(trx, { applicationId, status, ctx, user, origin, ...extra });
}

/** The same, with the shift and the person already read (the apply path reads them before taking a place). */
async function noticeToVolunteer(
  trx: Executor,
  n: { applicationId: number; status: ApplicationStatus; ctx: ShiftContext; user: Recipient; origin: string; reason?: string; promoted?: boolean },
) {
  const { applicationId, status, ctx, user, origin } = n;
  const base = { to: user.email, locale: user.locale };
  const props = shiftProps(ctx, origin);
  const icsUrl = `${origin}/activities/${applicationId}/calendar.ics`;
  if (status === "confirmed") {
    if (n.promoted) await sendEmail(trx, { ...base, template: "application-promoted", props: { ...props, icsUrl } });
    else
      await sendEmail(trx, {
        ...base,
        template: "application-confirmed",
        props: { ...props, icsUrl, whatToBring: ctx.what_to_bring, contactName: ctx.contact_name },
      });
    await scheduleReminders(trx, applicationId, ctx.starts_at, origin);
  } else if (status === "waitlisted") {
    const position = await waitlistPosition(trx, applicationId);
    await sendEmail(trx, { ...base, template: "application-waitlisted", props: { ...props, position } });
  } else if (status === "pending") {
    await sendEmail(trx, { ...base, template: "application-received", props: { ...props, settingsUrl: `${origin}/account#notifications` } });
  } else if (status === "declined") {
    await sendEmail(trx, { ...base, template: "application-declined", props: { ...props, reason: n.reason ?? "" } });
  }
}

/** Tells the organisation's members that someone applied (and whether they must decide). */
async function tellOrganisation(trx: Executor, ctx: ShiftContext, applicantName: string, status: "pending" | "confirmed" | "waitlisted", origin: string) {
  const members = await trx
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.email", "u.locale"])
    .where("m.organisation_id", "=", ctx.organisation_id)
    .where("u.deleted_at", "is", null)
    .where("u.disabled_at", "is", null)
    .execute();
  for (const m of members) {
    await sendEmail(trx, {
      template: "new-applicant",
      to: m.email,
      locale: m.locale,
      props: {
        postingTitle: ctx.posting_title,
        startsAt: ctx.starts_at.toISOString(),
        endsAt: ctx.ends_at.toISOString(),
        applicantLabel: applicantName,
        status,
        manageUrl: `${origin}/orgs/${ctx.organisation_id}/postings/${ctx.posting_id}/applicants`,
      },
    });
  }
}

export async function waitlistPosition(db: Executor, applicationId: number): Promise<number> {
  const row = await sql<{ position: number }>`
    select count(*)::int as position from applications w
    join applications a on a.id = ${applicationId}
    where w.shift_id = a.shift_id and w.status = 'waitlisted'
      and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id)`.execute(db);
  return Number(row.rows[0]?.position ?? 0);
}

/**
 * Reminder jobs in the outbox: the day before and a few hours before. The dedupe key names the application and
 * the shift's start, so scheduling twice (a retry, a restart, a re-confirmation) queues nothing new; a changed
 * start time gets new reminders and the old ones find the time no longer matches and do nothing.
 */
export async function scheduleReminders(trx: Executor, applicationId: number, startsAt: Date, origin: string, now = new Date()) {
  const plans: { when: "day-before" | "two-hours"; at: Date }[] = [
    { when: "day-before", at: new Date(startsAt.getTime() - 24 * 3600_000) },
    { when: "two-hours", at: new Date(startsAt.getTime() - SECOND_REMINDER_HOURS * 3600_000) },
  ];
  for (const plan of plans) {
    if (plan.at.getTime() <= now.getTime()) continue;
    await enqueueJob(
      trx,
      REMINDER_QUEUE,
      { applicationId, when: plan.when, startsAt: startsAt.toISOString(), origin },
      { runAt: plan.at, dedupeKey: `reminder:${plan.when}:${applicationId}:${startsAt.toISOString()}` },
    );
  }
}

export interface ReminderPayload {
  applicationId: number;
  when: "day-before" | "two-hours";
  startsAt: string;
  origin: string;
}

/** Runs a reminder job: sends only if the person is still confirmed for that very start time and wants it. */
export function reminderJobHandler(db: DB) {
  return async (payload: ReminderPayload) => {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("applications as a")
        .innerJoin("users as u", "u.id", "a.user_id")
        .select(["a.id", "a.status", "a.shift_id", "a.posting_id", "a.user_id", "u.notify_reminders", "u.notify_second_reminder"])
        .where("a.id", "=", payload.applicationId)
        .executeTakeFirst();
      if (!row || row.status !== "confirmed" || !row.notify_reminders || row.shift_id === null) return;
      if (payload.when === "two-hours" && !row.notify_second_reminder) return;
      const ctx = await shiftContext(trx, row.shift_id);
      if (!ctx || ctx.starts_at.toISOString() !== payload.startsAt) return;
      const user = await recipient(trx, row.user_id);
      if (!reachable(user)) return;
      const threadId = await ensureThread(trx, { postingId: row.posting_id, volunteerUserId: row.user_id });
      await enqueueJob(
        trx,
        "email",
        {
          template: "shift-reminder",
          to: user.email,
          locale: user.locale,
          props: {
            ...shiftProps(ctx, payload.origin),
            when: payload.when,
            whatToBring: ctx.what_to_bring,
            contactName: ctx.contact_name,
            threadUrl: `${payload.origin}/messages/${threadId}`,
            settingsUrl: `${payload.origin}/account#notifications`,
          },
        },
        // A worker that dies after this and before marking the reminder done runs it again: this key keeps the
        // email single.
        { dedupeKey: `email:reminder:${payload.when}:${row.id}:${payload.startsAt}` },
      );
    });
  };
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

/** Shifts the person is confirmed for that overlap any of the chosen ones (or chosen ones that overlap each other). */
async function overlapping(trx: Executor, userId: number, chosen: { id: number; starts_at: Date; ends_at: Date }[]) {
  const mine = await trx
    .selectFrom("applications as a")
    .innerJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "p.title"])
    .where("a.user_id", "=", userId)
    .where("a.status", "in", ["confirmed", "pending"])
    .where("s.ends_at", ">", new Date())
    .execute();
  const conflicts: { shiftId: number; withTitle: string; startsAt: Date; endsAt: Date }[] = [];
  for (const c of chosen) {
    const interval = { startsAt: c.starts_at, endsAt: c.ends_at };
    for (const m of mine) {
      if (m.id === c.id) continue;
      const other = { startsAt: new Date(m.starts_at), endsAt: new Date(m.ends_at) };
      if (overlaps(interval, other)) conflicts.push({ shiftId: c.id, withTitle: m.title, startsAt: other.startsAt, endsAt: other.endsAt });
    }
  }
  return conflicts;
}

/** Applies to one or more shifts of a published posting, in one transaction. */
export async function applyToShifts(db: DB, input: ApplyInput, ctx: Context, now = new Date()): Promise<ApplyResult> {
  return inTransaction(db, async (trx): Promise<ApplyResult> => {
    const posting = await trx
      .selectFrom("postings as p")
      .innerJoin("organisations as o", "o.id", "p.organisation_id")
      .select(["p.id", "p.status", "p.application_mode", "o.status as organisation_status"])
      .where("p.id", "=", input.postingId)
      .executeTakeFirst();
    if (!posting) return { status: "not-found" };
    if (posting.status !== "published" || posting.organisation_status !== "verified") return { status: "not-open" };
    const wanted = [...new Set(input.shiftIds)].sort((a, b) => a - b);
    if (wanted.length === 0) return { status: "invalid", field: "shiftId", message: "applications.error.chooseShift" };
    const shifts = (
      await trx.selectFrom("shifts").select(["id", "starts_at", "ends_at"]).where("posting_id", "=", posting.id).where("id", "in", wanted).orderBy("id").execute()
    ).map((s) => ({ ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) }));
    if (shifts.length !== wanted.length) return { status: "invalid", field: "shiftId", message: "applications.error.chooseShift" };
    if (shifts.some((s) => s.starts_at.getTime() <= now.getTime())) return { status: "invalid", field: "shiftId", message: "applications.error.shiftStarted" };

    const existing = await trx
      .selectFrom("applications")
      .select(["shift_id", "status"])
      .where("user_id", "=", input.userId)
      .where("shift_id", "in", wanted)
      .execute();
    for (const e of existing) {
      if (isActive(e.status)) return { status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" };
      if (!canTransition(e.status, "pending", "volunteer")) return { status: "invalid", field: "shiftId", message: "applications.error.cannotReapply" };
    }

    if (!input.acknowledgeOverlap) {
      const conflicts = await overlapping(trx, input.userId, shifts);
      for (let i = 0; i < shifts.length; i++)
        for (let j = i + 1; j < shifts.length; j++)
          if (overlaps({ startsAt: shifts[i].starts_at, endsAt: shifts[i].ends_at }, { startsAt: shifts[j].starts_at, endsAt: shifts[j].ends_at }))
            conflicts.push({ shiftId: shifts[j].id, withTitle: "", startsAt: shifts[i].starts_at, endsAt: shifts[i].ends_at });
      if (conflicts.length) return { status: "overlap", conflicts };
    }

    // Everything that does not depend on a place comes first: the place is taken last, so the shift's row lock
    // (which queues everyone applying to that shift) is held for as short a time as possible.
    const applicant = await recipient(trx, input.userId);
    const contexts = new Map<number, ShiftContext>();
    for (const shift of shifts) {
      const sc = await shiftContext(trx, shift.id);
      if (sc) contexts.set(shift.id, sc);
    }
    const claimedIds = new Map<number, number>();
    for (const shift of shifts) {
      // Claim the (shift, person) row first: a concurrent double submit waits here and then finds it taken.
      const claimed = await sql<{ id: number }>`
        insert into applications (shift_id, posting_id, user_id, status, message, shift_starts_at, shift_ends_at)
        values (${shift.id}, ${posting.id}, ${input.userId}, 'pending', ${input.message}, ${shift.starts_at}, ${shift.ends_at})
        on conflict (shift_id, user_id) do update
          set status = 'pending', message = excluded.message, decision_reason = '', waitlisted_at = null,
            decided_at = null, decided_by = null, created_at = now(), updated_at = now()
          where applications.status in ('withdrawn', 'cancelled')
        returning id`.execute(trx);
      const applicationId = claimed.rows[0]?.id;
      if (!applicationId) return rollback({ status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" });
      claimedIds.set(shift.id, applicationId);
    }

    const threadId = await ensureThread(trx, { postingId: posting.id, volunteerUserId: input.userId });
    for (const shift of shifts)
      await postMessage(trx, { threadId, senderUserId: null, side: "system", body: `applications.system.applied?when=${shift.starts_at.toISOString()}` });
    if (input.message.trim())
      // The organisation sees it on the applicants page (and, in review mode, hears of it by email).
      await postMessage(trx, { threadId, senderUserId: input.userId, side: "volunteer", body: input.message.trim(), notify: false, origin: ctx.origin });
    if (posting.application_mode === "review")
      for (const shift of shifts) {
        const sc = contexts.get(shift.id);
        if (sc) await tellOrganisation(trx, sc, applicant ? applicantLabel(applicant) : "—", "pending", ctx.origin);
      }

    const outcomes: ApplyOutcome[] = [];
    for (const shift of shifts) {
      const applicationId = claimedIds.get(shift.id)!;
      const status = posting.application_mode === "auto" ? initialStatus("auto", await takePlace(trx, shift.id)) : initialStatus("review", false);
      if (status !== "pending")
        await trx
          .updateTable("applications")
          .set({ status, waitlisted_at: status === "waitlisted" ? new Date() : null, decided_at: new Date() })
          .where("id", "=", applicationId)
          .execute();
      outcomes.push({ shiftId: shift.id, applicationId, status });
      const sc = contexts.get(shift.id);
      if (sc && reachable(applicant)) await noticeToVolunteer(trx, { applicationId, status, ctx: sc, user: applicant, origin: ctx.origin });
    }
    return { status: "ok", outcomes, threadId };
  });
}

/** The volunteer withdraws; a confirmed place goes to the first on the waiting list. */
export async function withdrawApplication(db: DB, userId: number, applicationId: number, ctx: Context, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .select(["a.id", "a.status", "s.id as shift_id", "a.posting_id", "s.starts_at"])
      .where("a.id", "=", applicationId)
      .where("a.user_id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return "not-found" as const;
    if (!canTransition(app.status, "withdrawn", "volunteer")) return "not-allowed" as const;
    if (new Date(app.starts_at).getTime() <= now.getTime()) return "started" as const;
    await trx.updateTable("applications").set({ status: "withdrawn", waitlisted_at: null, updated_at: new Date() }).where("id", "=", app.id).execute();
    if (app.status === "confirmed") {
      await releasePlace(trx, app.shift_id);
      await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    }
    const threadId = await ensureThread(trx, { postingId: app.posting_id, volunteerUserId: userId });
    await postMessage(trx, { threadId, senderUserId: null, side: "system", body: `applications.system.withdrawn?when=${new Date(app.starts_at).toISOString()}` });
    return "ok" as const;
  });
}

export type Decision = "confirm" | "decline" | "waitlist" | "no_show";
const DECISION_TARGET: Record<Decision, ApplicationStatus> = { confirm: "confirmed", decline: "declined", waitlist: "waitlisted", no_show: "no_show" };

/** The organisation decides on an application to one of its shifts. */
export async function decideApplication(
  db: DB,
  input: { organisationId: number; applicationId: number; decision: Decision; reason: string; actorUserId: number },
  ctx: Context,
  now = new Date(),
): Promise<"ok" | "not-found" | "not-allowed" | "full" | "not-yet" | "started"> {
  return db.transaction().execute(async (trx) => {
    const app = await trx
      .selectFrom("applications as a")
      .innerJoin("shifts as s", "s.id", "a.shift_id")
      .innerJoin("postings as p", "p.id", "a.posting_id")
      .select(["a.id", "a.status", "s.id as shift_id", "a.posting_id", "a.user_id", "s.starts_at"])
      .where("a.id", "=", input.applicationId)
      .where("p.organisation_id", "=", input.organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!app) return "not-found";
    const target = DECISION_TARGET[input.decision];
    const actor: Actor = "organisation";
    if (!canTransition(app.status, target, actor)) return "not-allowed";
    const started = new Date(app.starts_at).getTime() <= now.getTime();
    if (input.decision === "no_show" && !started) return "not-yet";
    if (input.decision !== "no_show" && !(app.status === "no_show" && target === "confirmed") && started) return "started";

    if (target === "confirmed" && app.status !== "no_show") {
      if (!(await takePlace(trx, app.shift_id))) return "full";
    }
    await trx
      .updateTable("applications")
      .set({
        status: target,
        decision_reason: input.decision === "decline" ? input.reason : "",
        waitlisted_at: target === "waitlisted" ? new Date() : null,
        decided_at: new Date(),
        decided_by: input.actorUserId,
        updated_at: new Date(),
      })
      .where("id", "=", app.id)
      .execute();
    if (app.status === "confirmed" && (target === "declined" || target === "waitlisted")) {
      await releasePlace(trx, app.shift_id);
      await promoteWaitlisted(trx, app.shift_id, ctx.origin);
    }
    if (target !== "no_show" && !(app.status === "no_show" && target === "confirmed"))
      await tellVolunteer(trx, app.id, target, ctx.origin, { reason: input.reason });
    await audit(trx, {
      actorUserId: input.actorUserId,
      action: `application.${input.decision}`,
      subjectType: "application",
      subjectId: app.id,
      ip: ctx.ip,
      details: { from: app.status, to: target },
    });
    return "ok";
  });
}

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
    const people = await trx.selectFrom("applications").select(["id", "user_id", "status"]).where("shift_id", "=", m.shiftId).where("status", "in", ["pending", "confirmed", "waitlisted"]).execute();
    for (const p of people) {
      const user = await recipient(trx, p.user_id);
      if (!reachable(user)) continue;
      await sendEmail(trx, {
        template: "shift-changed",
        to: user.email,
        locale: user.locale,
        props: { ...shiftProps(ctx, origin), previousStartsAt: m.previousStartsAt.toISOString(), previousEndsAt: m.previousEndsAt.toISOString(), capacityChanged: m.capacityChanged },
      });
      if (p.status === "confirmed") await scheduleReminders(trx, p.id, ctx.starts_at, origin);
    }
  }
  for (const shiftId of changes.removed) await cancelShiftApplications(trx, shiftId, origin, reason);
  for (const shiftId of changes.grew) await promoteWaitlisted(trx, shiftId, origin);
}

/** Cancels every active application of a shift that is going away, telling each person (unless told otherwise). */
export async function cancelShiftApplications(trx: Executor, shiftId: number, origin: string, reason: string, notify = true): Promise<number[]> {
  const ctx = await shiftContext(trx, shiftId);
  const people = await trx.selectFrom("applications").select(["id", "user_id", "status"]).where("shift_id", "=", shiftId).where("status", "in", ["pending", "confirmed", "waitlisted"]).execute();
  for (const p of people) {
    await trx.updateTable("applications").set({ status: "cancelled", updated_at: new Date() }).where("id", "=", p.id).execute();
    const user = await recipient(trx, p.user_id);
    if (!notify || !ctx || !reachable(user)) continue;
    await sendEmail(trx, { template: "shift-cancelled", to: user.email, locale: user.locale, props: { ...shiftProps(ctx, origin), reason } });
  }
  if (people.some((p) => p.status === "confirmed")) await sql`update shifts set confirmed_count = 0 where id = ${shiftId}`.execute(trx);
  return people.map((p) => p.user_id);
}

/**
 * Cancels the active applications to the shifts still to come of a cancelled posting, and tells each person
 * once (not once per shift).
 */
export async function cancelPostingApplications(trx: Executor, postingId: number, origin: string, reason: string, now = new Date()) {
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
      props: { postingTitle: posting.title, organisationName: posting.name, reason, postingUrl: `${origin}/postings/${postingId}` },
    });
  }
}

/** Confirmed counts per shift, to refuse lowering a capacity below the people already confirmed. */
export async function confirmedCounts(db: Executor, shiftIds: number[]): Promise<Map<number, number>> {
  if (shiftIds.length === 0) return new Map();
  const rows = await db.selectFrom("shifts").select(["id", "confirmed_count"]).where("id", "in", shiftIds).execute();
  return new Map(rows.map((r) => [r.id, r.confirmed_count]));
}

/** The person's applications to one posting's shifts (for the posting page). */
export async function myApplicationsForPosting(db: Executor, userId: number, postingId: number) {
  return db
    .selectFrom("applications")
    .select(["id", "shift_id", "status"])
    .where("user_id", "=", userId)
    .where("posting_id", "=", postingId)
    .execute();
}

export type ActivityGroup = "upcoming" | "waiting" | "past";

/** My activities: every application with its shift, posting, organisation, thread and waiting-list place. */
export async function myActivities(db: Executor, userId: number, now = new Date()) {
  const rows = await db
    .selectFrom("applications as a")
    .leftJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .select([
      "a.id",
      "a.status",
      "a.decision_reason",
      "a.created_at",
      "a.shift_id",
      sql<Date>`coalesce(s.starts_at, a.shift_starts_at)`.as("starts_at"),
      sql<Date>`coalesce(s.ends_at, a.shift_ends_at)`.as("ends_at"),
      "p.id as posting_id",
      "p.title as posting_title",
      "p.place_name",
      "p.application_mode",
      "o.name as organisation_name",
      "t.id as thread_id",
      sql<number | null>`case when a.status = 'waitlisted' then (
        select count(*)::int from applications w where w.shift_id = a.shift_id and w.status = 'waitlisted'
          and (w.waitlisted_at, w.id) <= (a.waitlisted_at, a.id)) end`.as("waitlist_position"),
    ])
    .where("a.user_id", "=", userId)
    .orderBy(sql`coalesce(s.starts_at, a.shift_starts_at)`)
    .execute();
  const groups: Record<ActivityGroup, (typeof rows)[number][]> = { upcoming: [], waiting: [], past: [] };
  for (const r of rows) {
    const future = new Date(r.ends_at).getTime() > now.getTime();
    if (future && r.status === "confirmed") groups.upcoming.push(r);
    else if (future && (r.status === "pending" || r.status === "waitlisted")) groups.waiting.push(r);
    else groups.past.push(r);
  }
  groups.past.reverse();
  return groups;
}

/** A posting's shifts with their applicants, for the organisation (only what it may see of each person). */
export async function postingApplicants(db: Executor, organisationId: number, postingId: number) {
  const posting = await db
    .selectFrom("postings")
    .select(["id", "title", "status", "application_mode", "organisation_id"])
    .where("id", "=", postingId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!posting) return null;
  const shifts = await db
    .selectFrom("shifts")
    .select(["id", "starts_at", "ends_at", "capacity", "confirmed_count"])
    .where("posting_id", "=", postingId)
    .orderBy("starts_at")
    .execute();
  const applicants = await db
    .selectFrom("applications as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .leftJoin("districts as d", "d.id", "u.district_id")
    .leftJoin("organisations as school", "school.id", "u.school_organisation_id")
    .leftJoin("message_threads as t", (j) => j.onRef("t.posting_id", "=", "a.posting_id").onRef("t.volunteer_user_id", "=", "a.user_id"))
    .select([
      "a.id",
      "a.shift_id",
      "a.status",
      "a.message",
      "a.decision_reason",
      "a.created_at",
      "a.waitlisted_at",
      "u.display_name",
      "u.name_kana",
      "u.volunteer_type",
      sql<string>`coalesce(school.name, u.school_name)`.as("school_name"),
      "u.skills",
      "u.languages",
      "u.deleted_at",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
      "t.id as thread_id",
    ])
    .where("a.posting_id", "=", postingId)
    .orderBy("a.shift_id")
    .orderBy(sql`case a.status when 'pending' then 0 when 'confirmed' then 1 when 'waitlisted' then 2 else 3 end`)
    .orderBy(sql`coalesce(a.waitlisted_at, a.created_at)`)
    .orderBy("a.id")
    .execute();
  return {
    posting,
    shifts: shifts.map((s) => ({
      ...s,
      applicants: applicants
        .filter((a) => a.shift_id === s.id)
        .map((a) => ({ ...a, display_name: a.deleted_at ? "" : a.display_name, name_kana: a.deleted_at ? "" : a.name_kana })),
    })),
  };
}

/** An organisation's shifts still to come that need attention, with their counts (for its dashboard). */
export async function organisationShiftLoads(db: Executor, organisationId: number, now = new Date(), days = 14) {
  const rows = await db
    .selectFrom("shifts as s")
    .innerJoin("postings as p", "p.id", "s.posting_id")
    .select([
      "s.id",
      "s.starts_at",
      "s.ends_at",
      "s.capacity",
      "s.confirmed_count",
      "p.id as posting_id",
      "p.title",
      (eb) =>
        eb
          .selectFrom("applications as a")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("a.shift_id", "=", "s.id")
          .where("a.status", "=", "pending")
          .as("pending"),
    ])
    .where("p.organisation_id", "=", organisationId)
    .where("p.status", "=", "published")
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<", new Date(now.getTime() + days * 86400_000))
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0) }));
}
