import type { Locale } from "~/utils/i18n";
import { sanitizeHeaderValue } from "../sanitize";

export const SUBJECT_PREFIX: Record<Locale, string> = {
  ja: "【つなぐ八幡東】",
  en: "[Tsunagu Yahatahigashi] ",
};

/**
 * A value placed in a title. Titles become subjects, so every interpolated value is made header-safe on its own
 * (the finished subject is cleaned again and capped as a whole).
 */
export function v(value: string): string {
  return sanitizeHeaderValue(value);
}

export function minutes(locale: Locale, n: number): string {
  return locale === "ja" ? `${n}分` : `${n} ${n === 1 ? "minute" : "minutes"}`;
}

export function days(locale: Locale, n: number): string {
  return locale === "ja" ? `${n}日` : `${n} ${n === 1 ? "day" : "days"}`;
}

/** Each template module exports its component and the title it shows (also the subject, after the prefix). */
export type TemplateProps<P> = P & { locale: Locale };

/**
 * What every email about one shift (a dated session of a posting) carries. Times are ISO strings; templates show
 * them in Asia/Tokyo in the reader's language. The URLs are absolute http(s) links.
 */
/** Another session of the same application, and where it stands (absent in an email that is not about places). */
export interface OtherSession {
  startsAt: string;
  endsAt: string;
  status?: "confirmed" | "waitlisted" | "pending" | "pending_consent";
  /** The waiting-list place, for a waitlisted one. */
  position?: number;
}

export interface ShiftEmailProps {
  postingTitle: string;
  organisationName: string;
  startsAt: string;
  endsAt: string;
  /** Where it happens; may be empty when the posting gives no place (the email then says so). */
  placeName: string;
  /** The volunteer's My activities page (state, calendar, withdraw). */
  activitiesUrl: string;
  postingUrl: string;
  /** The application's other sessions, when it was for several dates: one email lists them all. */
  otherSessions?: OtherSession[];
  /**
   * Where the group meets people on the day, as the group wrote it: only in the emails to a confirmed person
   * (confirmed, promoted from the waiting list, reminders); absent or empty when the group gave none.
   */
  meetingPoint?: string;
}

/** The props of every ShiftEmailProps that are links, for a definition's `urls`. */
export const SHIFT_URLS = ["activitiesUrl", "postingUrl"] as const;

/** The props of every ShiftEmailProps that are times, for a definition's `dates`. */
export const SHIFT_DATES = ["startsAt", "endsAt"] as const;
