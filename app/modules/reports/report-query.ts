import { fiscalYearOf, fiscalYearRange, isTokyoDate, validRange } from "./fiscal-year.rules";
import { FIGURE_IDS, type FigureId, type ReportRange } from "./report.types";

/** How far back the year selector goes: the site's first 年度. */
export const FIRST_REPORT_YEAR = 2024;

export interface ReportQuery {
  range: ReportRange;
  /** The 年度 asked for (or the current one), for the selector. */
  year: number;
  /** The custom range as typed, kept in the form. */
  from: string;
  to: string;
  /** Message keys beside the range fields when what was typed could not be used (the 年度 is shown instead). */
  errors: { from?: string; to?: string; year?: string };
}

/**
 * Which period a report page or file is for, from its query: `from`+`to` (Tokyo dates, at most five years) win,
 * else `year` (a 年度 from FIRST_REPORT_YEAR to the current one), else the current 年度. Bad input never fails
 * the page: it says what was wrong beside the field and shows the 年度.
 */
export function reportQueryOf(params: URLSearchParams, today: string): ReportQuery {
  const current = fiscalYearOf(today);
  const errors: ReportQuery["errors"] = {};
  const yearText = params.get("year")?.trim() ?? "";
  let year = current;
  if (yearText) {
    const n = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (n >= FIRST_REPORT_YEAR && n <= current) year = n;
    else errors.year = "reportsPage.error.year";
  }
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  if (from || to) {
    if (!isTokyoDate(from)) errors.from = "v.date";
    if (!isTokyoDate(to)) errors.to = "v.date";
    if (!errors.from && !errors.to) {
      if (validRange({ from, to })) return { range: { from, to }, year: fiscalYearOf(from), from, to, errors };
      errors.to = from > to ? "reportsPage.error.order" : "reportsPage.error.tooLong";
    }
  }
  return { range: fiscalYearRange(year), year, from, to, errors };
}

/** The query string that names a report's period (for links to lists and files). */
export function periodParams(query: Pick<ReportQuery, "range" | "year">): string {
  const fy = fiscalYearRange(query.year);
  return fy.from === query.range.from && fy.to === query.range.to ? `year=${query.year}` : `from=${query.range.from}&to=${query.range.to}`;
}

export function isFigureId(value: string | null): value is FigureId {
  return value !== null && (FIGURE_IDS as readonly string[]).includes(value);
}
