import type { Locale } from "./i18n";

const TZ = "Asia/Tokyo";

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A Tokyo-time formatter, made once per language tag and options and then reused. Creating one costs ~67 µs
 * and holds native memory outside the JavaScript heap; made per call (six per posting card), it was the largest
 * single cost of a page and took a busy server to 2 GB. Callers pass a fixed set of option objects, so the map
 * stays small.
 */
export function tokyoFormatter(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(tag, { timeZone: TZ, ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

const JA_DAY = tokyoFormatter("ja-JP", { year: "numeric", month: "long", day: "numeric" });
const JA_WEEKDAY = tokyoFormatter("ja-JP", { weekday: "short" });
const EN_DAY = tokyoFormatter("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
const TIME = tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", hourCycle: "h23" });
const ISO_DAY = tokyoFormatter("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

/** 2026年12月6日(土) / Sat 6 Dec 2026 */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (locale === "ja") {
    return `${JA_DAY.format(date)}(${JA_WEEKDAY.format(date)})`;
  }
  return EN_DAY.format(date).replace(",", "");
}

/** 9:00 (24-hour, Tokyo) */
export function formatTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return TIME.format(date);
}

/** 2026年12月6日(土) 9:00–11:00 — the end gets its own date when it falls on another day. */
export function formatRange(start: Date | string, end: Date | string, locale: Locale): string {
  const s = typeof start === "string" ? new Date(start) : start;
  const e = typeof end === "string" ? new Date(end) : end;
  const sameDay = tokyoDateString(s) === tokyoDateString(e);
  return sameDay
    ? `${formatDate(s, locale)} ${formatTime(s)}–${formatTime(e)}`
    : `${formatDate(s, locale)} ${formatTime(s)} – ${formatDate(e, locale)} ${formatTime(e)}`;
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  return `${formatDate(value, locale)} ${formatTime(value)}`;
}

/** The calendar date in Tokyo as YYYY-MM-DD. */
export function tokyoDateString(date: Date): string {
  return ISO_DAY.format(date);
}

/** HH:MM in Tokyo. */
export function tokyoTimeString(date: Date): string {
  return formatTime(date).padStart(5, "0");
}

/** A wall-clock date and time in Tokyo (no DST) as an instant. */
export function tokyoInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}
