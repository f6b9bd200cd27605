/**
 * When minors' personal data from an activity is due for deletion. The rule: a set number of months after the end
 * of the Japanese school year (1 April – 31 March) in which the activity took place, the school year taken in
 * Asia/Tokyo. With the default of 12 months, an activity on 10 June 2026 (school year 2026, ending 31 March 2027)
 * is due from 1 April 2028 00:00 in Tokyo.
 *
 * Japan keeps no daylight saving time, so Tokyo is always UTC+9 and the arithmetic below is exact.
 */

const TOKYO_OFFSET_MS = 9 * 3600_000;

export const DEFAULT_RETENTION_MONTHS = 12;
/** Under 18 is a minor (the site's definition, as in the safeguarding rules). */
export const MINOR_AGE = 18;

/** The calendar date in Tokyo of an instant, as numbers. */
export function tokyoCalendarDate(instant: Date): { year: number; month: number; day: number } {
  const shifted = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Midnight in Tokyo at the start of a calendar date (months past 12 roll into the next years). */
export function tokyoMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - TOKYO_OFFSET_MS);
}

/** The school year of an instant, named by the year in which it began: 31 March 2027 belongs to 2026. */
export function schoolYearOf(instant: Date): number {
  const { year, month } = tokyoCalendarDate(instant);
  return month >= 4 ? year : year - 1;
}

/** The first moment after school year `schoolYear`: 1 April of the next year, 00:00 in Tokyo. */
export function schoolYearEnd(schoolYear: number): Date {
  return tokyoMidnight(schoolYear + 1, 4, 1);
}

function checkMonths(months: number): void {
  if (!Number.isInteger(months) || months < 0 || months > 1200) throw new RangeError(`retention months must be a whole number from 0 to 1200, not ${months}`);
}

/** From when an activity's data is to be deleted: `months` after the end of its school year, in Tokyo. */
export function retentionDeletionDate(activity: Date, months = DEFAULT_RETENTION_MONTHS): Date {
  checkMonths(months);
  // The school year ends on the first of a month, so adding months never meets a short month or a leap day.
  return tokyoMidnight(schoolYearOf(activity) + 1, 4 + months, 1);
}

/**
 * The instant before which every activity is due at `now`: an activity is due exactly when it happened before
 * this cutoff (the start of the oldest school year whose data must still be kept).
 */
export function retentionCutoff(now: Date, months = DEFAULT_RETENTION_MONTHS): Date {
  checkMonths(months);
  // Activities of school year Y are due from (end of Y) + months; find the latest Y already due.
  let year = schoolYearOf(now);
  while (retentionDeletionDate(tokyoMidnight(year, 4, 1), months).getTime() > now.getTime()) year--;
  return schoolYearEnd(year);
}

/**
 * Whether a person born on `birthDate` (YYYY-MM-DD) was under `minorAge` on the Tokyo date of `instant`. A
 * birthday on 29 February counts, in other years, from 1 March (the birthday has not come on 28 February).
 */
export function wasMinorOn(birthDate: string, instant: Date, minorAge = MINOR_AGE): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new RangeError(`not a date: ${birthDate}`);
  const [born, bornMonth, bornDay] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const { year, month, day } = tokyoCalendarDate(instant);
  const hadBirthday = month > bornMonth || (month === bornMonth && day >= bornDay);
  const age = year - born - (hadBirthday ? 0 : 1);
  return age < minorAge;
}

/**
 * 日本版DBS records (that a criminal-record check was done: date, by whom, valid until). The guidelines of the
 * こども性暴力防止法 (こども家庭庁, 2026-01-09): delete within 30 days after the person stops doing the work, and by
 * the fifth year after the check at the latest. Here: 30 days after the person's membership of the organisation
 * ended, or on the fifth anniversary of the check date (Tokyo), whichever comes first.
 */
export const CHECK_RECORD_DAYS_AFTER_LEAVING = 30;
export const CHECK_RECORD_MAX_YEARS = 5;

export interface CheckRecordCutoffs {
  /** Records whose person's work ended before this instant are due. */
  workEndedBefore: Date;
  /** Records of checks on or before this Tokyo date (YYYY-MM-DD) are due: five years have passed. */
  checkedOnOrBefore: string;
}

export function checkRecordCutoffs(now: Date): CheckRecordCutoffs {
  const { year, month, day } = tokyoCalendarDate(now);
  const then = year - CHECK_RECORD_MAX_YEARS;
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // A check on 29 February has no anniversary in a common year: it is due on 28 February, not a day late.
  const lastOfFebruary = month === 2 && day === 28 && leap(then) && !leap(year);
  // 29 February today, five years after a common year: 28 February then (and before) is due.
  const d = month === 2 && day === 29 && !leap(then) ? 28 : lastOfFebruary ? 29 : day;
  return {
    workEndedBefore: new Date(now.getTime() - CHECK_RECORD_DAYS_AFTER_LEAVING * 86400_000),
    checkedOnOrBefore: `${String(then).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
  };
}

/** Why a check record is due on `now` ("left" the work 30 days ago, or "aged" five years), or null while it is kept. */
export function checkRecordDue(record: { checkedOn: string; workEndedAt: Date | null }, now: Date): "left" | "aged" | null {
  const cut = checkRecordCutoffs(now);
  if (record.workEndedAt && record.workEndedAt.getTime() < cut.workEndedBefore.getTime()) return "left";
  if (record.checkedOn <= cut.checkedOnOrBefore) return "aged";
  return null;
}

/** What each retention step is told: the moment of the run and the cutoff it derives from the settings. */
export interface RetentionStepContext {
  now: Date;
  /** Activities (by their end) before this instant are due. */
  cutoff: Date;
  minorAge: number;
}
