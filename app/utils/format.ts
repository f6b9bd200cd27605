import type { Locale } from "./i18n";

const TZ = "Asia/Tokyo";

function parts(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { timeZone: TZ, ...options }).format(date);
}

/** 2026年12月6日(土) / Sat 6 Dec 2026 */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (locale === "ja") {
    const ymd = parts(date, "ja", { year: "numeric", month: "long", day: "numeric" });
    const wd = parts(date, "ja", { weekday: "short" });
    return `${ymd}(${wd})`;
  }
  return parts(date, "en", { weekday: "short", day: "numeric", month: "short", year: "numeric" }).replace(",", "");
}

/** 9:00 (24-hour, Tokyo) */
export function formatTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "numeric", minute: "2-digit", hourCycle: "h23" }).format(date);
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
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** HH:MM in Tokyo. */
export function tokyoTimeString(date: Date): string {
  return formatTime(date).padStart(5, "0");
}

/** A wall-clock date and time in Tokyo (no DST) as an instant. */
export function tokyoInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}
