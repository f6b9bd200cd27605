import { schoolYearOf, tokyoMidnight } from "~/modules/safeguarding/retention.rules";
import type { ReportRange, TokyoDate, TokyoMonth } from "./report.types";

/**
 * 年度 (April–March) and date ranges, all in Tokyo dates. Japan keeps no daylight saving time, so a Tokyo date is
 * the half-open interval [its midnight, the next midnight) in UTC+9, and month arithmetic is exact.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: TokyoDate): { year: number; month: number; day: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Whether a string is a real calendar date 'YYYY-MM-DD' (not 2026-02-30). */
export function isTokyoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const { year, month, day } = parts(value);
  return ymd(new Date(Date.UTC(year, month - 1, day))) === value;
}

/** The 年度 a Tokyo date or an instant belongs to, named by the year in which it began (2027-03-31 → 2026). */
export function fiscalYearOf(date: TokyoDate | Date): number {
  if (date instanceof Date) return schoolYearOf(date);
  const { year, month } = parts(date);
  return month >= 4 ? year : year - 1;
}

/** 年度 `year` as Tokyo dates: 2026 → 2026-04-01 … 2027-03-31. */
export function fiscalYearRange(year: number): ReportRange {
  return { from: `${pad(year, 4)}-04-01`, to: `${pad(year + 1, 4)}-03-31` };
}

/** The 年度 a range is exactly, or null. */
export function fiscalYearOfRange(range: ReportRange): number | null {
  const year = fiscalYearOf(range.from);
  const fy = fiscalYearRange(year);
  return fy.from === range.from && fy.to === range.to ? year : null;
}

/** How a range is named in a file's name: its 年度 ("2026") when it is one exactly, else "2026-05-01_2026-07-31". */
export function periodName(range: ReportRange): string {
  const year = fiscalYearOfRange(range);
  return year !== null ? `${year}` : `${range.from}_${range.to}`;
}

/** Adds days to a Tokyo date. */
export function addDays(date: TokyoDate, days: number): TokyoDate {
  const { year, month, day } = parts(date);
  return ymd(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Days in a range, both ends included. */
export function rangeDays(range: ReportRange): number {
  const a = parts(range.from);
  const b = parts(range.to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000) + 1;
}

/** The range compared with: the previous 年度 for a 年度, else the same number of days just before. */
export function previousRange(range: ReportRange): ReportRange {
  const year = fiscalYearOfRange(range);
  if (year !== null) return fiscalYearRange(year - 1);
  const days = rangeDays(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** The instants a range covers: [midnight of `from`, midnight after `to`) in Tokyo. */
export function rangeInstants(range: ReportRange): { from: Date; to: Date } {
  const a = parts(range.from);
  const b = parts(range.to);
  return { from: tokyoMidnight(a.year, a.month, a.day), to: tokyoMidnight(b.year, b.month, b.day + 1) };
}

/** The Tokyo months a range touches, in order: a 年度 gives its 12 months, April first. */
export function monthsOf(range: ReportRange): TokyoMonth[] {
  const a = parts(range.from);
  const b = parts(range.to);
  const out: TokyoMonth[] = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    out.push(`${pad(y, 4)}-${pad(m)}`);
  }
  return out;
}

/** The Tokyo month of an instant, 'YYYY-MM'. */
export function tokyoMonthOf(instant: Date): TokyoMonth {
  return ymd(new Date(instant.getTime() + 9 * 3600_000)).slice(0, 7);
}

/**
 * The Tokyo months an interval of instants [from, to) touches, in order, with the instant each begins (its 1st at
 * midnight in Tokyo; the first may be before `from`): the buckets a query sorts timestamps into by month.
 */
export function monthBuckets(from: Date, to: Date): { months: TokyoMonth[]; starts: Date[] } {
  const months: TokyoMonth[] = [];
  const starts: Date[] = [];
  const first = tokyoMonthOf(from);
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (let start = tokyoMidnight(y, m, 1); start < to; start = tokyoMidnight(y, m, 1)) {
    months.push(`${pad(y, 4)}-${pad(m)}`);
    starts.push(start);
    if (m === 12) {
      y += 1;
      m = 1;
    } else m += 1;
  }
  return { months, starts };
}

/** Whether a range is valid: real dates, from ≤ to, and at most `maxDays` long. */
export function validRange(range: ReportRange, maxDays = 366 * 5): boolean {
  return isTokyoDate(range.from) && isTokyoDate(range.to) && range.from <= range.to && rangeDays(range) <= maxDays;
}

/** Whole years of age on a Tokyo date, from a birth date; null when there is none. */
export function ageOn(birthDate: TokyoDate | null, on: TokyoDate): number | null {
  if (!birthDate) return null;
  const b = parts(birthDate);
  const d = parts(on);
  return d.year - b.year - (d.month < b.month || (d.month === b.month && d.day < b.day) ? 1 : 0);
}
