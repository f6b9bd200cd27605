import { csv } from "../applications/applications.rules";
import { rosterDateTime } from "../applications/roster-csv";
import { formatNumber } from "~/utils/chart-style";
import { formatDate } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { isMessageKey, type Translate } from "~/utils/translate";
import type { BehindList, Breakdown, BreakdownRow, Figure, FigureUnit, ImpactReport, ReportSection, TokyoMonth } from "./report.types";

/**
 * The report's tables, as the page, the PDF and the CSV files all show them: one per section (its figures), one per
 * figure's months, one per breakdown. Numbers stay numbers here (the CSV writes them plainly, the page and the
 * PDF format them); a missing value is null.
 */
export interface ReportTable {
  /** "newcomers", "newcomers.firstTime.months", "newcomers.firstTime.district"… (the CSV's `?table=`). */
  id: string;
  title: string;
  unit: FigureUnit | null;
  /** [row label, this period, previous period] (a section table adds the unit after the label). */
  headers: string[];
  rows: { label: string; unit?: FigureUnit; value: number | null; previous: number | null }[];
}

export interface Labeller {
  t: Translate;
  locale: Locale;
}

/** A locale key from the figures module, or the text itself when it is not one (a name from the data). */
export function label({ t }: Labeller, key: string): string {
  return isMessageKey(key) ? t(key) : key;
}

export function rowLabel(l: Labeller, row: BreakdownRow): string {
  if (row.labelKey) return label(l, row.labelKey);
  return (l.locale === "en" && row.labelEn) || row.label || row.key;
}

/** How the two periods are named: "2026年度" and "2025年度" for a 年度, else their dates. */
export function periodLabels({ t }: Labeller, report: Pick<ImpactReport, "fiscalYear" | "range" | "previousRange">): { current: string; previous: string } {
  if (report.fiscalYear !== null) {
    return { current: t("reportsPage.period.year", { year: report.fiscalYear }), previous: t("reportsPage.period.year", { year: report.fiscalYear - 1 }) };
  }
  const range = (r: { from: string; to: string }) => t("reportsPage.period.range", { from: r.from, to: r.to });
  return { current: range(report.range), previous: range(report.previousRange) };
}

export function unitLabel({ t }: Labeller, unit: FigureUnit): string {
  return t(`reportsPage.unit.${unit}`);
}

/** A figure's value as the page and the PDF write it: "92人", "1,234.5時間", "41.3%" (in English "92", "1,234.5 h"). */
export function figureText({ t }: Labeller, value: number | null, unit: FigureUnit | null | undefined): string {
  if (value === null) return "—";
  const n = formatNumber(value);
  return unit ? t(`reportsPage.value.${unit}`, { n }) : n;
}

/**
 * What a figure that is a state (not a count of events) means, for the page and the PDF: the state now, or the
 * state at each period's end with the date its history begins; null for the other figures.
 */
export function stateNote(l: Labeller, figure: Figure): string | null {
  if (figure.asOfNow) return l.t("reportsPage.figure.asOfNow");
  if (!figure.atPeriodEnd) return null;
  const parts = [l.t("reportsPage.figure.atPeriodEnd")];
  if (figure.recordedSince) parts.push(l.t("reportsPage.figure.recordedSince", { date: formatDate(figure.recordedSince, l.locale) }));
  return parts.join(l.locale === "en" ? " " : "");
}

export function sectionTable(l: Labeller, report: ImpactReport, section: ReportSection): ReportTable {
  const p = periodLabels(l, report);
  return {
    id: section.id,
    title: label(l, section.labelKey),
    unit: null,
    headers: [l.t("reportsPage.table.item"), l.t("reportsPage.table.unit"), p.current, p.previous],
    rows: section.figures.map((f) => ({ label: label(l, f.labelKey), unit: f.unit, value: f.value, previous: f.previous })),
  };
}

export function monthsTable(l: Labeller, report: ImpactReport, figure: Figure): ReportTable | null {
  if (!figure.series?.length) return null;
  const p = periodLabels(l, report);
  return {
    id: `${figure.id}.months`,
    title: l.t("reportsPage.table.monthsOf", { figure: label(l, figure.labelKey) }),
    unit: figure.unit,
    headers: [l.t("reportsPage.table.month"), p.current, p.previous],
    rows: figure.series.map((m) => ({ label: m.month, value: m.value, previous: m.previous })),
  };
}

export function breakdownTable(l: Labeller, report: ImpactReport, figure: Figure, breakdown: Breakdown): ReportTable {
  const p = periodLabels(l, report);
  const by = label(l, breakdown.labelKey);
  return {
    id: `${figure.id}.${breakdown.id}`,
    title: l.t("reportsPage.table.breakdownOf", { figure: label(l, figure.labelKey), by }),
    unit: figure.unit,
    headers: [by, p.current, p.previous],
    rows: breakdown.rows.map((r) => ({ label: rowLabel(l, r), value: r.value, previous: r.previous })),
  };
}

/**
 * A breakdown month by month, for a breakdown whose rows carry their own months (the welfare seats by district):
 * one row per breakdown row, one column per month of the range, this period only (each month's `previous` goes
 * to the long CSV). Its id is the breakdown table's with ".months" ("welfare.fillRate.district.months").
 */
export interface MonthGridTable {
  id: string;
  title: string;
  unit: FigureUnit;
  /** The row header (the breakdown's name). */
  by: string;
  /** The columns: the figure's months, 'YYYY-MM'. */
  months: TokyoMonth[];
  rows: { label: string; values: (number | null)[]; previous: (number | null)[] }[];
}

export function breakdownMonthsTable(l: Labeller, figure: Figure, breakdown: Breakdown): MonthGridTable | null {
  if (!figure.series?.length || !breakdown.rows.some((r) => r.series)) return null;
  const months = figure.series.map((m) => m.month);
  const by = label(l, breakdown.labelKey);
  return {
    id: `${figure.id}.${breakdown.id}.months`,
    title: l.t("reportsPage.table.breakdownMonthsOf", { figure: label(l, figure.labelKey), by }),
    unit: figure.unit,
    by,
    months,
    rows: breakdown.rows.map((r) => {
      const of = new Map((r.series ?? []).map((m) => [m.month, m]));
      return { label: rowLabel(l, r), values: months.map((m) => of.get(m)?.value ?? null), previous: months.map((m) => of.get(m)?.previous ?? null) };
    }),
  };
}

/** Every month-by-breakdown table of the report, in page order. */
export function reportMonthGrids(l: Labeller, report: ImpactReport): MonthGridTable[] {
  return report.sections.flatMap((s) => s.figures.flatMap((f) => f.breakdowns.map((b) => breakdownMonthsTable(l, f, b)))).filter((x): x is MonthGridTable => x !== null);
}

/** The month-by-breakdown tables by the id of the breakdown table each follows (in the long CSV and the PDF). */
export function monthGridsByTable(l: Labeller, report: ImpactReport): Map<string, MonthGridTable> {
  return new Map(reportMonthGrids(l, report).map((g) => [g.id.slice(0, -".months".length), g]));
}

/** Every table of the report in page order. */
export function reportTables(l: Labeller, report: ImpactReport): ReportTable[] {
  return report.sections.flatMap((section) => [
    sectionTable(l, report, section),
    ...section.figures.flatMap((f) => [monthsTable(l, report, f), ...f.breakdowns.map((b) => breakdownTable(l, report, f, b))].filter((x): x is ReportTable => x !== null)),
  ]);
}

/** A value as a spreadsheet should read it: a plain number (hours and percentages to one decimal), empty when missing. */
function cell(value: number | null): number | string {
  return value === null ? "" : Math.round(value * 10) / 10;
}

/** One table as CSV text (UTF-8 with a BOM, CRLF; encode it with `encodeCsv` for Shift_JIS). */
export function tableCsv(l: Labeller, table: ReportTable): string {
  const withUnit = table.unit === null;
  return csv([table.headers, ...table.rows.map((r) => (withUnit ? [r.label, r.unit ? unitLabel(l, r.unit) : "", cell(r.value), cell(r.previous)] : [r.label, cell(r.value), cell(r.previous)]))]);
}

/** A month-by-breakdown table as CSV, as the page shows it: the row header, then one column per month ('YYYY-MM'). */
export function monthGridCsv(table: MonthGridTable): string {
  return csv([[table.by, ...table.months], ...table.rows.map((r) => [r.label, ...r.values.map(cell)])]);
}

/** The table `?table=<id>` names, as CSV text, or null when the report has no such table. */
export function csvOfTable(l: Labeller, report: ImpactReport, id: string): string | null {
  const table = reportTables(l, report).find((t) => t.id === id);
  if (table) return tableCsv(l, table);
  const grid = reportMonthGrids(l, report).find((t) => t.id === id);
  return grid ? monthGridCsv(grid) : null;
}

/**
 * Every table in one CSV, one row per number in long form (table, row, unit, both periods), which a pivot table
 * or a script reads without knowing the report's layout. A month-by-breakdown table follows its breakdown, one
 * row per row and month ("枝光 2026-04").
 */
export function allTablesCsv(l: Labeller, report: ImpactReport): string {
  const p = periodLabels(l, report);
  const rows: (string | number)[][] = [[l.t("reportsPage.csv.tableId"), l.t("reportsPage.csv.table"), l.t("reportsPage.table.item"), l.t("reportsPage.table.unit"), p.current, p.previous]];
  const grids = monthGridsByTable(l, report);
  for (const table of reportTables(l, report)) {
    for (const r of table.rows) {
      const unit = r.unit ?? table.unit;
      rows.push([table.id, table.title, r.label, unit ? unitLabel(l, unit) : "", cell(r.value), cell(r.previous)]);
    }
    const grid = grids.get(table.id);
    if (!grid) continue;
    for (const r of grid.rows) {
      grid.months.forEach((month, i) => rows.push([grid.id, grid.title, `${r.label} ${month}`, unitLabel(l, grid.unit), cell(r.values[i]), cell(r.previous[i])]));
    }
  }
  return csv(rows);
}

/**
 * The list behind a figure as CSV, in the columns the list page shows (the thing, its group, school or district,
 * when in Japan time, its share of the figure): postings, sessions, groups, areas — never a person.
 */
export function behindCsv(l: Labeller, list: Pick<BehindList, "kind" | "rows">): string {
  const header = [l.t(`reportsPage.list.kind.${list.kind}`), l.t("reportsPage.list.context"), l.t("reportsPage.list.at"), l.t("reportsPage.list.count")];
  return csv([header, ...list.rows.map((r) => [r.title, r.context ?? "", r.at ? rosterDateTime(r.at) : "", r.count])]);
}
