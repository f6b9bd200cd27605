/**
 * Who is a minor, and which shifts a minor may take — pure rules, free of I/O (docs/decisions/011-minors-consent.md).
 *
 * Ages are counted on the calendar date in Asia/Tokyo of the shift's start (Japan has no daylight saving time, so
 * a fixed +09:00 offset is exact). Someone born on 29 February has their birthday on 1 March in other years: on
 * 28 February the birthday has not yet come (as Japanese law counts age, a year is complete at the end of the day
 * before the birthday, and 28 February ends the day before 1 March).
 */

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86400_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The calendar date in Tokyo of an instant. */
export function tokyoCalendarDate(instant: Date): CalendarDate {
  const shifted = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD (a real date) or returns null. */
export function parseBirthDate(value: string | null | undefined): CalendarDate | null {
  const match = value ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Completed years of a person born on `birthDate` (YYYY-MM-DD) on the Tokyo date of `instant`; null without a valid date. */
export function ageOn(birthDate: string | null | undefined, instant: Date): number | null {
  const born = parseBirthDate(birthDate);
  if (!born) return null;
  const { year, month, day } = tokyoCalendarDate(instant);
  const hadBirthday = month > born.month || (month === born.month && day >= born.day);
  return year - born.year - (hadBirthday ? 0 : 1);
}

/**
 * The school grade a person's age places them in on a date, as Japanese schools count it: children who are six by
 * 1 April start primary school that April, so those born 2 April to 1 April the next year share a year. Returns
 * the stage and the year within it, or null outside primary to high school. An estimate from the birth date (a
 * student who repeated or skipped a year differs); the organisation sees it instead of the birth date itself.
 */
export function schoolGradeOn(birthDate: string | null | undefined, instant: Date): { stage: "primary" | "junior_high" | "high"; year: number } | null {
  const born = parseBirthDate(birthDate);
  if (!born) return null;
  const bornByApril1 = born.month < 4 || (born.month === 4 && born.day === 1);
  const entryYear = born.year + (bornByApril1 ? 6 : 7);
  const today = tokyoCalendarDate(instant);
  const schoolYear = today.month >= 4 ? today.year : today.year - 1;
  const grade = schoolYear - entryYear + 1;
  if (grade < 1 || grade > 12) return null;
  if (grade <= 6) return { stage: "primary", year: grade };
  if (grade <= 9) return { stage: "junior_high", year: grade - 6 };
  return { stage: "high", year: grade - 9 };
}

/** Minutes since midnight of "HH:MM"; throws on anything else. */
export function minutesOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant of midnight starting a Tokyo calendar date. */
function tokyoMidnight(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) - TOKYO_OFFSET_MS;
}

/** The ordinance's night: from 23:00 to 04:00 the next morning (Fukuoka youth ordinance). */
export const NIGHT_STARTS = "23:00";
export const NIGHT_ENDS = "04:00";

export type ShiftProblem = "night" | "tooLate";

/**
 * Why a shift is not open to a minor: any part of it between 23:00 and 04:00 (Tokyo), or an end after the latest
 * end the ward set (21:00 by default) on the day it starts — a shift into the next day always ends too late.
 * A shift that ends exactly at 23:00, or starts exactly at 04:00, touches the night without entering it.
 */
export function minorShiftProblems(shift: { startsAt: Date; endsAt: Date }, latestEnd: string): ShiftProblem[] {
  const start = shift.startsAt.getTime();
  const end = shift.endsAt.getTime();
  const problems: ShiftProblem[] = [];
  const firstDay = tokyoMidnight(tokyoCalendarDate(shift.startsAt)) - DAY_MS;
  const nightFrom = minutesOfDay(NIGHT_STARTS) * 60_000;
  const nightTo = DAY_MS + minutesOfDay(NIGHT_ENDS) * 60_000;
  for (let midnight = firstDay; midnight < end; midnight += DAY_MS) {
    if (start < midnight + nightTo && midnight + nightFrom < end) {
      problems.push("night");
      break;
    }
  }
  const latest = tokyoMidnight(tokyoCalendarDate(shift.startsAt)) + minutesOfDay(latestEnd) * 60_000;
  if (end > latest) problems.push("tooLate");
  return problems;
}

export type EligibilityProblem =
  | "birthDateRequired"
  | "belowMinimumAge"
  | "notForMinors"
  | "notApprovedForMinors"
  | ShiftProblem;

export interface EligibilityInput {
  birthDate: string | null;
  shift: { startsAt: Date; endsAt: Date };
  posting: { minimumAge: number | null; welcomesMinors: boolean; approvedForMinors: boolean };
  settings: { minorAge: number; minorsLatestEnd: string };
}

export interface Eligibility {
  age: number | null;
  minor: boolean;
  problems: EligibilityProblem[];
}

/**
 * Whether this person may apply to this shift: a birth date is needed first; the posting's minimum age applies to
 * everyone; a minor needs a posting that welcomes under-18s and passed the safeguarding review, and a shift that
 * respects the time rules.
 */
export function shiftEligibility(input: EligibilityInput): Eligibility {
  const age = ageOn(input.birthDate, input.shift.startsAt);
  if (age === null) return { age, minor: false, problems: ["birthDateRequired"] };
  const minor = age < input.settings.minorAge;
  const problems: EligibilityProblem[] = [];
  if (input.posting.minimumAge !== null && age < input.posting.minimumAge) problems.push("belowMinimumAge");
  if (minor) {
    if (!input.posting.welcomesMinors) problems.push("notForMinors");
    else if (!input.posting.approvedForMinors) problems.push("notApprovedForMinors");
    problems.push(...minorShiftProblems(input.shift, input.settings.minorsLatestEnd));
  }
  return { age, minor, problems };
}

/** Whether the guardian must consent: under the age the ward set (by default the same as the minor age). */
export function needsGuardianConsent(age: number | null, guardianConsentUnder: number): boolean {
  return age !== null && age < guardianConsentUnder;
}

/** Until when a pending-consent application keeps its place: the hold period from now, but never past the start. */
export function holdUntil(now: Date, holdHours: number, shiftStartsAt: Date): Date {
  return new Date(Math.min(now.getTime() + holdHours * 3600_000, shiftStartsAt.getTime()));
}

/** The end of the Japanese school year (31 March, 24:00 Tokyo) that contains the instant. */
export function schoolYearEnd(instant: Date): Date {
  const { year, month } = tokyoCalendarDate(instant);
  const endYear = month >= 4 ? year + 1 : year;
  return new Date(tokyoMidnight({ year: endYear, month: 4, day: 1 }));
}
