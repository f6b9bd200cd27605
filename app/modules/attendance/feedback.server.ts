import type { DB, Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { appOrigin } from "~/utils/env.server";
import { shiftContext } from "../postings/session-details.server";
import { formatDecimalHours, formatHoursMinutes } from "./attendance.rules";
import { countedFeedback, type FeedbackCounts } from "./feedback.rules";

/**
 * After the event: each person who attended gets a thank-you email with their confirmed hours and one question
 * (また参加したい？ and an optional comment). The group sees the answers counted, and only from three answers on, so
 * that no answer can be traced to the person who gave it.
 */

/** Confirmed entries that were attended (present or late; a walk-in once its person confirmed it) by an account still open. */
function attendedEntries(db: Executor) {
  return db
    .selectFrom("attendance")
    .innerJoin("users", "users.id", "attendance.user_id")
    .where("attendance.status", "in", ["present", "late"])
    .where("attendance.confirmed_minutes", "is not", null)
    .where((eb) => eb.or([eb("attendance.source", "!=", "walk_in"), eb("attendance.walk_in_confirmed_at", "is not", null)]))
    .where("users.deleted_at", "is", null)
    .where("users.disabled_at", "is", null);
}

/** In the confirmation's transaction: one thank-you email per person who attended (sent after it commits). */
export async function thankAttendees(trx: Executor, shiftId: number, origin?: string): Promise<number> {
  const session = await shiftContext(trx, shiftId);
  if (!session) return 0;
  const site = (origin ?? appOrigin()).replace(/\/$/, "");
  const people = await attendedEntries(trx).where("attendance.shift_id", "=", shiftId).select(["attendance.id", "attendance.confirmed_minutes", "users.email", "users.locale"]).execute();
  for (const person of people) {
    const minutes = person.confirmed_minutes ?? 0;
    await sendEmail(trx, {
      template: "attendance-thanks",
      to: person.email,
      locale: person.locale,
      props: {
        postingTitle: session.posting_title,
        organisationName: session.organisation_name,
        startsAt: session.starts_at.toISOString(),
        endsAt: session.ends_at.toISOString(),
        placeName: session.place_name,
        activitiesUrl: `${site}/activities`,
        postingUrl: `${site}/postings/${session.posting_id}`,
        hoursClock: formatHoursMinutes(minutes),
        hoursDecimal: formatDecimalHours(minutes),
        feedbackUrl: `${site}/account/feedback/${person.id}`,
        hoursUrl: `${site}/account/hours`,
      },
    });
  }
  return people.length;
}

export type FeedbackView =
  | { kind: "not-found" }
  | { kind: "open" | "answered"; title: string; organisationName: string; startsAt: Date; endsAt: Date; again: boolean | null; comment: string };

/** The question for one attended entry of this person's, with their answer if they gave one. */
export async function feedbackView(db: Executor, userId: number, attendanceId: number): Promise<FeedbackView> {
  const entry = await attendedEntries(db)
    .innerJoin("shifts", "shifts.id", "attendance.shift_id")
    .innerJoin("postings", "postings.id", "shifts.posting_id")
    .innerJoin("organisations", "organisations.id", "postings.organisation_id")
    .leftJoin("attendance_feedback", "attendance_feedback.attendance_id", "attendance.id")
    .select(["postings.title", "organisations.name", "shifts.starts_at", "shifts.ends_at", "attendance_feedback.again", "attendance_feedback.comment"])
    .where("attendance.id", "=", attendanceId)
    .where("attendance.user_id", "=", userId)
    .executeTakeFirst();
  if (!entry) return { kind: "not-found" };
  return {
    kind: entry.again === null ? "open" : "answered",
    title: entry.title,
    organisationName: entry.name,
    startsAt: entry.starts_at,
    endsAt: entry.ends_at,
    again: entry.again,
    comment: entry.comment ?? "",
  };
}

/** Stores (or changes) the person's answer for an entry of theirs that they attended. */
export async function answerFeedback(db: DB, input: { userId: number; attendanceId: number; again: boolean; comment: string }): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const view = await feedbackView(trx, input.userId, input.attendanceId);
    if (view.kind === "not-found") return "not-found" as const;
    await trx
      .insertInto("attendance_feedback")
      .values({ attendance_id: input.attendanceId, again: input.again, comment: input.comment })
      .onConflict((oc) => oc.column("attendance_id").doUpdateSet({ again: input.again, comment: input.comment }))
      .execute();
    return "ok" as const;
  });
}

/** The answers for a session, as the group sees them (feedback.rules.ts decides what may be shown). */
export async function sessionFeedback(db: Executor, shiftId: number): Promise<FeedbackCounts> {
  const rows = await db
    .selectFrom("attendance_feedback")
    .innerJoin("attendance", "attendance.id", "attendance_feedback.attendance_id")
    .select(["attendance_feedback.again", "attendance_feedback.comment"])
    .where("attendance.shift_id", "=", shiftId)
    .execute();
  return countedFeedback(rows);
}
