import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob, jobInsert } from "#db/jobs.server";
import type { ApplicationStatus } from "#db/schema";
import { emailInsert, sendEmail } from "#emails/outbox.server";
import type { EmailMessage } from "#emails/render";
import type { Locale } from "~/utils/i18n";
import { ensureThread } from "../messages/messages.server";
import { organisationMemberRecipients } from "../organisations/memberships.server";
import { shiftContext, type ShiftContext } from "../postings/session-details.server";
import type { OtherSession } from "#emails/templates/shared";
import { positionInLine, waitlistPosition } from "./waitlist.server";

/**
 * What an application's steps tell people: the shift's facts every email quotes, the volunteer's and the
 * organisation's emails, and the reminders before a confirmed shift.
 */

export interface Context {
  origin: string;
  ip: string;
}

export const REMINDER_QUEUE = "reminders";
export const SECOND_REMINDER_HOURS = 2;

// The shift's facts every email quotes are read where postings and their shifts live.
export { shiftContext, type ShiftContext } from "../postings/session-details.server";

export function shiftProps(ctx: ShiftContext, origin: string) {
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

export interface Recipient {
  id: number;
  email: string;
  locale: Locale;
  display_name: string;
  deleted_at: Date | string | null;
  disabled_at: Date | string | null;
}

export async function recipient(trx: Executor, userId: number): Promise<Recipient | undefined> {
  return trx
    .selectFrom("users")
    .select(["id", "email", "locale", "display_name", "deleted_at", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export const reachable = (u: Recipient | undefined): u is Recipient => Boolean(u && !u.deleted_at && !u.disabled_at);

/** The emails a state change sends the volunteer, plus reminders once confirmed. */
export async function tellVolunteer(trx: Executor, applicationId: number, status: ApplicationStatus, origin: string, extra: { reason?: string; promoted?: boolean } = {}) {
  const app = await trx.selectFrom("applications").select(["id", "user_id", "shift_id"]).where("id", "=", applicationId).executeTakeFirstOrThrow();
  const ctx = app.shift_id === null ? undefined : await shiftContext(trx, app.shift_id);
  const user = await recipient(trx, app.user_id);
  if (!ctx || !reachable(user)) return;
  await noticeToVolunteer(trx, { applicationId, status, ctx, user, origin, ...extra });
}

/** The same, with the shift and the person already read (the apply path reads them before taking a place). */
export async function noticeToVolunteer(
  trx: Executor,
  n: {
    applicationId: number;
    status: ApplicationStatus;
    ctx: ShiftContext;
    user: Recipient;
    origin: string;
    reason?: string;
    promoted?: boolean;
    /** The waiting-list place when the caller has just counted it (joinWaitlist returns it). */
    position?: number;
    /** The application's other dates, listed in the same email. */
    otherSessions?: OtherSession[];
    /** false when the caller schedules the reminders itself. */
    reminders?: boolean;
  },
) {
  const position = n.status === "waitlisted" ? (n.position ?? (await waitlistPosition(trx, n.applicationId))) : undefined;
  // The email and the reminders are independent inserts: sent together (see scheduleReminders).
  await Promise.all(noticeStatements(trx, { ...n, position }).map((q) => q.execute()));
}

/** The inserts `noticeToVolunteer` makes (a waiting-list place must be given), for a caller that sends them itself. */
function noticeStatements(trx: Executor, n: Parameters<typeof noticeToVolunteer>[1]) {
  const message = noticeMessage(n);
  return [
    ...(message ? [emailInsert(trx, message)] : []),
    ...(n.status === "confirmed" && n.reminders !== false ? reminderInserts(trx, n.applicationId, n.ctx.starts_at, n.origin) : []),
  ];
}

/** The email telling the volunteer where their application stands, if that status has one. */
function noticeMessage(n: Parameters<typeof noticeToVolunteer>[1]): EmailMessage | null {
  const { applicationId, status, ctx, user, origin } = n;
  const base = { to: user.email, locale: user.locale };
  const props = { ...shiftProps(ctx, origin), ...(n.otherSessions?.length ? { otherSessions: n.otherSessions } : {}) };
  const icsUrl = `${origin}/activities/${applicationId}/calendar.ics`;
  // Only a confirmed person is told where to meet (the posting's meeting point, when the group gave one).
  const meetingPoint = ctx.meeting_point.trim() ? { meetingPoint: ctx.meeting_point } : {};
  if (status === "confirmed")
    return n.promoted
      ? { ...base, template: "application-promoted", props: { ...props, ...meetingPoint, icsUrl } }
      : {
          ...base,
          template: "application-confirmed",
          props: { ...props, ...meetingPoint, icsUrl, whatToBring: ctx.what_to_bring, contactName: ctx.contact_name },
        };
  if (status === "waitlisted") return { ...base, template: "application-waitlisted", props: { ...props, position: n.position! } };
  if (status === "pending") return { ...base, template: "application-received", props: { ...props, settingsUrl: `${origin}/account#notifications` } };
  if (status === "declined") return { ...base, template: "application-declined", props: { ...props, reason: n.reason ?? "" } };
  return null;
}

/**
 * The notices of a one-date application whose outcome the database decides as they run (`placeOrWaitlist`, sent
 * before them in the same transaction): the confirmation with its two reminders, or the waiting-list notice with
 * the place counted there, in the stored order. Statements, unsent: the apply path sends them with its COMMIT.
 */
export function outcomeNoticeInserts(applicationId: number, ctx: ShiftContext, user: Recipient, origin: string, now = new Date()) {
  const confirmed = noticeMessage({ applicationId, status: "confirmed", ctx, user, origin });
  const waitlisted = noticeMessage({ applicationId, status: "waitlisted", ctx, user, origin, position: 0 });
  const json = (message: unknown) => sql`cast(${JSON.stringify(message)} as text)::jsonb`;
  const email = sql`
    insert into jobs (queue, payload, run_at)
    select 'email',
      case when a.status = 'confirmed' then ${json(confirmed)}
        else jsonb_set(${json(waitlisted)}, '{props,position}', to_jsonb(${positionInLine(applicationId)})) end,
      ${now}
    from applications a where a.id = ${applicationId} and a.status in ('confirmed', 'waitlisted')`;
  const reminders = reminderPlans(ctx.starts_at, now).map(
    (plan) => sql`
    insert into jobs (queue, payload, run_at, dedupe_key)
    select ${REMINDER_QUEUE}, ${json({ applicationId, when: plan.when, startsAt: ctx.starts_at.toISOString(), origin })}, ${plan.at},
      ${reminderKey(plan.when, applicationId, ctx.starts_at)}
    where exists (select 1 from applications where id = ${applicationId} and status = 'confirmed')
    on conflict (dedupe_key) do nothing`,
  );
  return [email, ...reminders];
}

/** One session of an application and where it stands, for the email that tells the volunteer about it. */
export interface ApplicationSession {
  applicationId: number;
  status: "confirmed" | "waitlisted" | "pending" | "pending_consent";
  position?: number;
  ctx: ShiftContext;
}

/**
 * The one email an application sends the volunteer, however many dates it was for: about its first date that
 * has a place, a waiting-list place or a decision to wait for, with every other date listed with where it stands.
 * Reminders are the caller's (one pair per confirmed session). None while every date waits for consent: the
 * guardian is asked first. Returns the statements, unsent: the apply path sends them with its COMMIT.
 */
export function applicationNoticeInserts(trx: Executor, sessions: ApplicationSession[], user: Recipient, origin: string) {
  const sorted = [...sessions].sort((a, b) => a.ctx.starts_at.getTime() - b.ctx.starts_at.getTime());
  const main = sorted.find((s) => s.status !== "pending_consent");
  if (!main) return [];
  const others = sorted
    .filter((s) => s !== main)
    .map((s) => ({ startsAt: s.ctx.starts_at.toISOString(), endsAt: s.ctx.ends_at.toISOString(), status: s.status, ...(s.position ? { position: s.position } : {}) }));
  return noticeStatements(trx, { applicationId: main.applicationId, status: main.status, ctx: main.ctx, user, origin, position: main.position, otherSessions: others, reminders: false });
}

/** Tells the organisation's members that someone applied (and whether they must decide). */
export async function tellOrganisation(trx: Executor, ctx: ShiftContext, applicantName: string, status: "pending" | "confirmed" | "waitlisted", origin: string) {
  for (const m of await organisationMemberRecipients(trx, ctx.organisation_id)) {
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

/**
 * Reminder jobs in the outbox: the day before and a few hours before. The dedupe key names the application and
 * the shift's start, so scheduling twice (a retry, a restart, a re-confirmation) queues nothing new; a changed
 * start time gets new reminders and the old ones find the time no longer matches and do nothing.
 */
export async function scheduleReminders(trx: Executor, applicationId: number, startsAt: Date, origin: string, now = new Date()) {
  // Sent together, without waiting for each answer (on a connection that pipelines them, one round trip).
  await Promise.all(reminderInserts(trx, applicationId, startsAt, origin, now).map((q) => q.execute()));
}

/** The inserts `scheduleReminders` makes, for a caller that sends them itself. */
export function reminderInserts(trx: Executor, applicationId: number, startsAt: Date, origin: string, now = new Date()) {
  return reminderPlans(startsAt, now).map((plan) =>
    jobInsert(trx, REMINDER_QUEUE, { applicationId, when: plan.when, startsAt: startsAt.toISOString(), origin }, { runAt: plan.at, dedupeKey: reminderKey(plan.when, applicationId, startsAt) }),
  );
}

/** The reminders still to come for a shift starting then: the day before and a few hours before. */
function reminderPlans(startsAt: Date, now: Date) {
  const plans: { when: "day-before" | "two-hours"; at: Date }[] = [
    { when: "day-before", at: new Date(startsAt.getTime() - 24 * 3600_000) },
    { when: "two-hours", at: new Date(startsAt.getTime() - SECOND_REMINDER_HOURS * 3600_000) },
  ];
  return plans.filter((plan) => plan.at.getTime() > now.getTime());
}

const reminderKey = (when: string, applicationId: number, startsAt: Date) => `reminder:${when}:${applicationId}:${startsAt.toISOString()}`;

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
            ...(ctx.meeting_point.trim() ? { meetingPoint: ctx.meeting_point } : {}),
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
