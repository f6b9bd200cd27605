import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { ApplicationStatus } from "#db/schema";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { createToken, hashToken, isWellFormedToken } from "~/utils/tokens.server";
import { translate } from "~/utils/translate";
import { applicationUid, buildCalendar, type IcsEvent, type IcsStatus } from "./ics";

/**
 * A person's shifts as calendar events: one application as a downloadable .ics, and a private feed of all of
 * them at an unguessable address that calendar apps poll. Only the SHA-256 of the feed's token is stored;
 * making a new address replaces (and so revokes) the old one.
 */

/** Past shifts stay in the feed this long, so last week's activity does not vanish from the calendar. */
export const FEED_PAST_DAYS = 60;
export const FEED_MAX_EVENTS = 500;
export const FEED_REFRESH_MINUTES = 60;

export interface CalendarShift {
  applicationId: number;
  status: ApplicationStatus;
  startsAt: Date;
  endsAt: Date;
  postingId: number;
  postingTitle: string;
  placeName: string;
  placeAddress: string;
  whatToBring: string;
  /** Where confirmed people meet; put in the event only while the person is confirmed. */
  meetingPoint: string;
  organisationName: string;
  updatedAt: Date;
}

function shiftQuery(db: Executor) {
  return db
    .selectFrom("applications as a")
    .leftJoin("shifts as s", "s.id", "a.shift_id")
    .innerJoin("postings as p", "p.id", "a.posting_id")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select([
      "a.id",
      "a.status",
      // The shift's current times; the copy on the application once the shift itself was removed.
      sql<Date>`coalesce(s.starts_at, a.shift_starts_at)`.as("starts_at"),
      sql<Date>`coalesce(s.ends_at, a.shift_ends_at)`.as("ends_at"),
      "p.id as posting_id",
      "p.title",
      "p.place_name",
      "p.place_address",
      "p.what_to_bring",
      "p.meeting_point",
      "o.name as organisation_name",
      "a.updated_at",
    ]);
}

type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftQuery>["execute"]>>[number];

function toShift(row: ShiftRow): CalendarShift {
  return {
    applicationId: row.id,
    status: row.status,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    postingId: row.posting_id,
    postingTitle: row.title,
    placeName: row.place_name,
    placeAddress: row.place_address,
    whatToBring: row.what_to_bring,
    meetingPoint: row.meeting_point,
    organisationName: row.organisation_name,
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * The person's confirmed shifts from `FEED_PAST_DAYS` ago on, soonest first; with `includeCancelled`, also those
 * the organisation cancelled, so that a subscribed calendar shows them as cancelled instead of silently dropping them.
 */
export async function myConfirmedShifts(db: Executor, userId: number, options: { now?: Date; includeCancelled?: boolean } = {}): Promise<CalendarShift[]> {
  const since = new Date((options.now ?? new Date()).getTime() - FEED_PAST_DAYS * 86400_000);
  const statuses: ApplicationStatus[] = options.includeCancelled ? ["confirmed", "cancelled"] : ["confirmed"];
  const rows = await shiftQuery(db)
    .where("a.user_id", "=", userId)
    .where("a.status", "in", statuses)
    .where(sql<boolean>`coalesce(s.ends_at, a.shift_ends_at) >= ${since}`)
    .orderBy(sql`coalesce(s.starts_at, a.shift_starts_at)`)
    .orderBy("a.id")
    .limit(FEED_MAX_EVENTS)
    .execute();
  return rows.map(toShift);
}

/** One of the person's own applications, whatever its state; null for anyone else's. */
export async function myApplicationShift(db: Executor, userId: number, applicationId: number): Promise<CalendarShift | null> {
  const row = await shiftQuery(db).where("a.id", "=", applicationId).where("a.user_id", "=", userId).executeTakeFirst();
  return row ? toShift(row) : null;
}

function icsStatus(status: ApplicationStatus): IcsStatus {
  if (status === "confirmed") return "CONFIRMED";
  if (status === "pending" || status === "waitlisted") return "TENTATIVE";
  return "CANCELLED";
}

/**
 * The event for a shift, in the person's language, with links back to the site (never anyone's contact details);
 * the meeting point only while the person's place is confirmed (a tentative or cancelled entry does not carry it).
 */
export function shiftEvent(shift: CalendarShift, origin: string, locale: Locale): IcsEvent {
  const status = icsStatus(shift.status);
  const postingUrl = `${origin}/postings/${shift.postingId}`;
  const meetingPoint = status === "CONFIRMED" ? shift.meetingPoint.trim() : "";
  const lines = [
    translate(locale, "calendar.event.organisation", { organisation: shift.organisationName }),
    meetingPoint ? translate(locale, "calendar.event.meetingPoint", { place: meetingPoint }) : "",
    shift.whatToBring ? translate(locale, "calendar.event.bring", { items: shift.whatToBring }) : "",
    translate(locale, "calendar.event.posting", { url: postingUrl }),
    translate(locale, "calendar.event.activities", { url: `${origin}/activities` }),
  ].filter(Boolean);
  const summary =
    status === "CANCELLED"
      ? translate(locale, "calendar.event.cancelled", { title: shift.postingTitle })
      : status === "TENTATIVE"
        ? translate(locale, "calendar.event.tentative", { title: shift.postingTitle })
        : shift.postingTitle;
  return {
    uid: applicationUid(shift.applicationId),
    start: shift.startsAt,
    end: shift.endsAt,
    summary,
    location: [shift.placeName, shift.placeAddress].filter(Boolean).join(" "),
    description: lines.join("\n"),
    url: postingUrl,
    status,
    lastModified: shift.updatedAt,
  };
}

/** The .ics of one application, or null when it is not the person's. */
export async function applicationCalendar(db: Executor, userId: number, applicationId: number, origin: string, locale: Locale, now = new Date()) {
  const shift = await myApplicationShift(db, userId, applicationId);
  if (!shift) return null;
  return buildCalendar({ events: [shiftEvent(shift, origin, locale)], now });
}

/** Makes a new private feed address for the person (the previous one stops working) and returns its token. */
export async function enableCalendarFeed(db: DB, userId: number, context: { ip?: string } = {}): Promise<string> {
  const { token, hash } = createToken();
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select("calendar_token_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    await trx.updateTable("users").set({ calendar_token_hash: hash, calendar_token_created_at: new Date() }).where("id", "=", userId).execute();
    await audit(trx, {
      actorUserId: userId,
      action: "calendar.feed_enabled",
      subjectType: "user",
      subjectId: userId,
      ip: context.ip,
      details: { replaced: before.calendar_token_hash !== null },
    });
  });
  return token;
}

/** Stops the person's feed address; false when there was none. */
export async function revokeCalendarFeed(db: DB, userId: number, context: { ip?: string } = {}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("users")
      .set({ calendar_token_hash: null, calendar_token_created_at: null })
      .where("id", "=", userId)
      .where("calendar_token_hash", "is not", null)
      .returning("id")
      .executeTakeFirst();
    if (!updated) return false;
    await audit(trx, { actorUserId: userId, action: "calendar.feed_revoked", subjectType: "user", subjectId: userId, ip: context.ip });
    return true;
  });
}

export async function calendarFeedStatus(db: Executor, userId: number): Promise<{ enabled: boolean; createdAt: Date | null }> {
  const row = await db.selectFrom("users").select(["calendar_token_hash", "calendar_token_created_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
  return { enabled: row.calendar_token_hash !== null, createdAt: row.calendar_token_created_at ? new Date(row.calendar_token_created_at) : null };
}

/** The feed behind a token: null for a malformed, unknown or revoked token, or an account deleted or disabled. */
export async function feedFor(db: Executor, token: string, origin: string, now = new Date()): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const user = await db
    .selectFrom("users")
    .select(["id", "locale"])
    .where("calendar_token_hash", "=", hashToken(token))
    .where("deleted_at", "is", null)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  if (!user) return null;
  const shifts = await myConfirmedShifts(db, user.id, { now, includeCancelled: true });
  return buildCalendar({
    events: shifts.map((s) => shiftEvent(s, origin, user.locale)),
    now,
    name: translate(user.locale, "calendar.feedName"),
    refreshMinutes: FEED_REFRESH_MINUTES,
  });
}

/** The two forms of a feed address: https for Google Calendar, webcal for Apple's apps. */
export function feedUrls(origin: string, token: string): { https: string; webcal: string } {
  const https = `${origin}/calendar/${token}.ics`;
  return { https, webcal: https.replace(/^https?:\/\//, "webcal://") };
}
