/**
 * The impact report's contract: what the figures module returns and what the staff page, its charts, its files
 * and the open-data API read. Every figure is defined once in this folder (docs/decisions/031-impact-figures.md);
 * these types carry numbers and keys only — never a person's name or contact, and never a minor's identity.
 */

/** A calendar date in Asia/Tokyo, 'YYYY-MM-DD'. */
export type TokyoDate = string;

/** A month in Asia/Tokyo, 'YYYY-MM'. */
export type TokyoMonth = string;

/** A closed range of Tokyo dates: both `from` and `to` are included. */
export interface ReportRange {
  from: TokyoDate;
  to: TokyoDate;
}

export const REPORT_SECTIONS = ["newcomers", "activity", "schools", "parks", "welfare", "safeguarding", "centres"] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

/** Every figure the report knows, by stable id: "<section>.<name>". Labels: `reports.figure.<id>` in the locales. */
export const FIGURE_IDS = [
  // New 担い手 (people with an account whose attendance was recorded as present or late)
  "newcomers.participants",
  "newcomers.firstTime",
  "newcomers.returning",
  "newcomers.youngShare",
  // Activity
  "activity.postingsPublished",
  "activity.sessionsHeld",
  "activity.placesOffered",
  "activity.placesFilled",
  "activity.fillRate",
  "activity.applications",
  "activity.confirmations",
  "activity.noShows",
  "activity.hours",
  // Schools and universities
  "schools.students",
  "schools.hours",
  // Park care
  "parks.associations",
  "parks.atRisk",
  "parks.withoutAssociation",
  "parks.youngPeople",
  // 民生委員・児童委員
  "welfare.fillRate",
  "welfare.vacancies",
  "welfare.pipeline",
  "welfare.conversion",
  // Safeguarding (counts only)
  "safeguarding.postingsReviewed",
  "safeguarding.minorApplications",
  "safeguarding.consents",
  "safeguarding.concernsReceived",
  "safeguarding.concernsClosed",
  // 市民センター
  "centres.postings",
  "centres.sessions",
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/**
 * How to read a value: `people` and `count` are whole numbers, `hours` has one decimal, `percent` is 0–100 with
 * one decimal (null when there is nothing to divide by).
 */
export type FigureUnit = "people" | "count" | "hours" | "percent";

/** One month of a series. `previous` is the same month of the comparison range (null when it has no such month). */
export interface MonthPoint {
  month: TokyoMonth;
  value: number | null;
  previous: number | null;
}

/**
 * One row of a breakdown. `key` is stable (a vocabulary word, or an id as a string, or "none" for unknown);
 * a row has either a `labelKey` (a locale key) or a `label` (a name stored in the data: group, school, district,
 * place, campaign). `drill` says whether `listBehind(db, figureId, range, key)` answers for this row.
 */
export interface BreakdownRow {
  key: string;
  label?: string;
  /** The English name, when the data has one (districts, categories, places). */
  labelEn?: string;
  labelKey?: string;
  value: number | null;
  previous: number | null;
  /**
   * The row month by month, for a figure that is a state read at each month's end (the welfare seats by
   * district): the same months as the figure's `series`, with `previous` aligned the same way; null where the
   * state was not recorded or the month has not begun. Absent for rows counted from events.
   */
  series?: MonthPoint[];
  drill: boolean;
}

export const BREAKDOWN_IDS = [
  "type",
  "ageBand",
  "district",
  "category",
  "organisationKind",
  "organisation",
  "school",
  "status",
  "stage",
  "campaign",
  "channel",
  "outcome",
  "place",
  "event",
] as const;
export type BreakdownId = (typeof BREAKDOWN_IDS)[number];

export interface Breakdown {
  id: BreakdownId;
  /** `reports.breakdown.<id>` */
  labelKey: string;
  rows: BreakdownRow[];
}

export interface Figure {
  id: FigureId;
  section: ReportSectionId;
  /** `reports.figure.<id>` */
  labelKey: string;
  unit: FigureUnit;
  value: number | null;
  previous: number | null;
  /** Months of the range (the 12 months of a 年度), when the figure has a meaning per month. */
  series?: MonthPoint[];
  breakdowns: Breakdown[];
  /** Whether `listBehind(db, id, range)` answers for the whole figure. */
  drill: boolean;
  /**
   * Figures that describe the state now rather than the range (park associations, welfare seats): their
   * `previous` is the state at the end of the comparison range where it is known, else null.
   */
  asOfNow?: boolean;
  /**
   * A state read at the end of each period (the range, each month) from its history, or now while the period
   * runs (welfare seats): `previous` is the state at the end of the comparison range.
   */
  atPeriodEnd?: boolean;
  /** ISO instant the figure's history begins: a period that ended before it has no value (null), not zero. */
  recordedSince?: string;
}

export interface ReportSection {
  id: ReportSectionId;
  /** `reports.section.<id>` */
  labelKey: string;
  figures: Figure[];
}

export interface ImpactReport {
  range: ReportRange;
  /** The previous 年度 when `range` is a 年度, else the same-length range just before `range`. */
  previousRange: ReportRange;
  /** The 年度 (the calendar year it starts in, April) when `range` is exactly one, else null. */
  fiscalYear: number | null;
  /** When the figures were read from the database (ISO instant): the report is never cached. */
  computedAt: string;
  sections: ReportSection[];
}

/** What a drill-down lists: things, never people. */
export type BehindKind = "postings" | "sessions" | "groups" | "schools" | "districts" | "parks" | "areas" | "campaigns" | "concerns";

/**
 * One row behind a figure. `id` and `href` (a staff page, when one exists) identify the thing; `count` is how
 * much of the figure the row accounts for (people, applications, hours…, in the figure's unit).
 */
export interface BehindRow {
  id: number;
  title: string;
  /** The group that runs a posting or session, or the school, district or park a row belongs to. */
  context?: string;
  /** ISO instant of a session's start, or a posting's publication. */
  at?: string;
  count: number;
  href?: string;
}

export interface BehindList {
  figureId: FigureId;
  key: string | null;
  kind: BehindKind;
  range: ReportRange;
  rows: BehindRow[];
  /** Rows before the limit was applied. */
  total: number;
  truncated: boolean;
}

/** Age bands, at the `to` date of the range, from the account's birth date ("none" when not given). */
export const AGE_BANDS = ["under_18", "18_22", "23_29", "30_39", "40_64", "65_plus", "none"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
