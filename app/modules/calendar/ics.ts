/**
 * iCalendar (RFC 5545) text for shifts: a single event to download, or a whole feed that calendar apps subscribe
 * to. Pure: the caller gives the events and the time of writing.
 *
 * - Lines end in CRLF and are folded at 75 octets of UTF-8; a fold never splits a character (Japanese text is
 *   three octets a character, emoji four).
 * - TEXT values escape backslash, semicolon, comma and newlines; other control characters are dropped.
 * - Times are written in UTC (`20261205T000000Z`): exact for every calendar app, which shows them in the
 *   reader's zone (Asia/Tokyo here, which has no daylight saving). X-WR-TIMEZONE tells apps the zone to show a
 *   subscribed calendar in.
 * - A UID is stable per application (`application-<id>@tsunagu-yahatahigashi`), so a re-downloaded or refreshed
 *   event replaces the old one instead of duplicating it.
 */

export type IcsStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status: IcsStatus;
  /** When the event last changed: calendar apps use it (with SEQUENCE) to know an update is newer. */
  lastModified?: Date;
  sequence?: number;
}

export interface IcsCalendar {
  events: IcsEvent[];
  /** DTSTAMP: when this text was written. */
  now: Date;
  /** The calendar's name in apps that show one (a subscribed feed). */
  name?: string;
  /** How often a subscribing app should fetch again, in minutes (a feed). */
  refreshMinutes?: number;
}

export const PRODID = "-//Tsunagu Yahatahigashi//Volunteer shifts//JA";
const MAX_OCTETS = 75;

export function applicationUid(applicationId: number): string {
  return `application-${applicationId}@tsunagu-yahatahigashi`;
}

/** 2026-12-05T00:00:00Z → 20261205T000000Z */
export function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** A TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** A URI value: no escaping, but never a line break or control character. */
function uriValue(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\s]/g, "");
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Folds a content line so that no physical line is longer than 75 octets (RFC 5545 3.1): continuation lines
 * start with one space, which counts towards their 75. Splits only between characters (code points).
 */
export function foldLine(line: string): string {
  if (octets(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const n = octets(char);
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function eventLines(event: IcsEvent, now: Date): string[] {
  const lines = [
    "BEGIN:VEVENT",
    property("UID", uriValue(event.uid)),
    property("DTSTAMP", formatUtc(now)),
    property("DTSTART", formatUtc(event.start)),
    property("DTEND", formatUtc(event.end)),
    property("SUMMARY", escapeText(event.summary)),
  ];
  if (event.location) lines.push(property("LOCATION", escapeText(event.location)));
  if (event.description) lines.push(property("DESCRIPTION", escapeText(event.description)));
  if (event.url) lines.push(property("URL", uriValue(event.url)));
  lines.push(property("STATUS", event.status));
  if (event.sequence !== undefined) lines.push(property("SEQUENCE", String(Math.max(0, Math.trunc(event.sequence)))));
  if (event.lastModified) lines.push(property("LAST-MODIFIED", formatUtc(event.lastModified)));
  // Busy while it happens; a cancelled event frees the time.
  lines.push(property("TRANSP", event.status === "CANCELLED" ? "TRANSPARENT" : "OPAQUE"));
  lines.push("END:VEVENT");
  return lines;
}

export function buildCalendar(calendar: IcsCalendar): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", property("PRODID", PRODID), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (calendar.name) {
    lines.push(property("NAME", escapeText(calendar.name)));
    lines.push(property("X-WR-CALNAME", escapeText(calendar.name)));
  }
  lines.push("X-WR-TIMEZONE:Asia/Tokyo");
  if (calendar.refreshMinutes) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshMinutes}M`);
    lines.push(`X-PUBLISHED-TTL:PT${calendar.refreshMinutes}M`);
  }
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.now));
  lines.push("END:VCALENDAR");
  return `${lines.join("\r\n")}\r\n`;
}
