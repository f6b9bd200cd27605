import type { AgeBand, Breakdown, BreakdownId, BreakdownRow, Figure, FigureId, FigureUnit, MonthPoint, ReportSectionId, TokyoMonth } from "./report.types";

/**
 * The arithmetic of the report, pure: a figure's query returns "cells" (a count per period, month and the keys of
 * its breakdowns); these functions add them up into the total, the monthly series and the breakdowns, so that
 * every figure is rolled up the same way and tested without a database.
 */

/** The instants of the report (cur) and of the comparison range just before it (prev): [prevFrom, curFrom, curTo). */
export interface Span {
  prevFrom: Date;
  curFrom: Date;
  curTo: Date;
}

/**
 * One group of a figure's query: `cur` is the report's range, else the comparison range. A cell counts in the
 * rows of each breakdown it has a key for, and in the total and series unless `inTotal` is false (a query that
 * groups by each breakdown separately returns such cells beside its cells per month).
 */
export interface Cell {
  cur: boolean;
  month?: TokyoMonth;
  value: number;
  keys?: Partial<Record<BreakdownId, string>>;
  inTotal?: false;
}

/** A breakdown's labels: for each key, a name from the data (label, labelEn) or a locale key. */
export type Labels = Map<string, { label?: string; labelEn?: string; labelKey?: string; order?: number }>;

export interface FigureSpec {
  id: FigureId;
  unit: FigureUnit;
  /** Months of the range and of the comparison range, aligned by position, when the figure has a series. */
  months?: { cur: TokyoMonth[]; prev: TokyoMonth[] };
  breakdowns?: { id: BreakdownId; labels?: Labels; drill?: boolean }[];
  drill?: boolean;
  asOfNow?: boolean;
  /** Totals when the cells do not add up to them (distinct people counted in several months). */
  totals?: { value: number | null; previous: number | null };
}

/** Labels of vocabulary keys, in the vocabulary's order, from a locale key prefix ("volunteerType" → "volunteerType.<key>"). */
export function keyLabels(prefix: string, keys: readonly string[], extra: Record<string, string> = {}): Labels {
  return new Map(keys.map((k, i) => [k, { labelKey: extra[k] ?? `${prefix}.${k}`, order: i }]));
}

export function sectionOf(id: FigureId): ReportSectionId {
  return id.slice(0, id.indexOf(".")) as ReportSectionId;
}

/** Hours with one decimal from minutes. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The order of keys without one of their own (as `localeCompare` sorts them; one collator rather than one per comparison). */
const KEY_ORDER = new Intl.Collator();

function rowsOf(cells: readonly Cell[], id: BreakdownId, labels: Labels | undefined, drill: boolean, map: (n: number) => number): BreakdownRow[] {
  const totals = new Map<string, { value: number; previous: number }>();
  for (const c of cells) {
    const key = c.keys?.[id];
    if (key === undefined) continue;
    const t = totals.get(key) ?? { value: 0, previous: 0 };
    if (c.cur) t.value += c.value;
    else t.previous += c.value;
    totals.set(key, t);
  }
  // Every labelled key is shown (a zero is a figure too), then keys found only in the data.
  const keys = [...new Set([...(labels?.keys() ?? []), ...totals.keys()])];
  const orders = new Map(keys.map((k) => [k, labels?.get(k)?.order ?? (k === "none" ? Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER - 1)]));
  keys.sort((a, b) => orders.get(a)! - orders.get(b)! || KEY_ORDER.compare(a, b));
  return keys.map((key) => {
    const t = totals.get(key) ?? { value: 0, previous: 0 };
    const l = labels?.get(key);
    const row: BreakdownRow = { key, value: map(t.value), previous: map(t.previous), drill: drill && key !== "none" };
    if (l?.label !== undefined) row.label = l.label;
    if (l?.labelEn !== undefined) row.labelEn = l.labelEn;
    if (l?.labelKey !== undefined || l?.label === undefined) row.labelKey = l?.labelKey ?? `reports.key.${id}.${key}`;
    return row;
  });
}

/** A figure's monthly series: each cell's value (through `map`, as the figure's total) added up per month. */
export function seriesOf(cells: readonly Cell[], months: { cur: TokyoMonth[]; prev: TokyoMonth[] }, map: (n: number) => number = (n) => n): MonthPoint[] {
  const cur = new Map<string, number>();
  const prev = new Map<string, number>();
  for (const c of cells) {
    if (!c.month || c.inTotal === false) continue;
    const m = c.cur ? cur : prev;
    m.set(c.month, (m.get(c.month) ?? 0) + map(c.value));
  }
  return months.cur.map((month, i) => ({ month, value: cur.get(month) ?? 0, previous: i < months.prev.length ? (prev.get(months.prev[i]) ?? 0) : null }));
}

/** Rolls a figure's cells up into the figure. */
export function figureOf(spec: FigureSpec, cells: readonly Cell[], map: (n: number) => number = (n) => n): Figure {
  let cur = 0;
  let prev = 0;
  for (const c of cells) {
    if (c.inTotal === false) continue;
    if (c.cur) cur += c.value;
    else prev += c.value;
  }
  const figure: Figure = {
    id: spec.id,
    section: sectionOf(spec.id),
    labelKey: `reports.figure.${spec.id}`,
    unit: spec.unit,
    value: spec.totals ? spec.totals.value : map(cur),
    previous: spec.totals ? spec.totals.previous : map(prev),
    breakdowns: (spec.breakdowns ?? []).map((b) => ({
      id: b.id,
      labelKey: `reports.breakdown.${b.id}`,
      rows: rowsOf(cells, b.id, b.labels, b.drill ?? spec.drill ?? false, map),
    })),
    drill: spec.drill ?? false,
  };
  if (spec.months) figure.series = seriesOf(cells, spec.months, map);
  if (spec.asOfNow) {
    // The state now: what it was at the end of the comparison range is not kept.
    figure.asOfNow = true;
    figure.previous = null;
    for (const b of figure.breakdowns) for (const r of b.rows) r.previous = null;
  }
  return figure;
}

/** A ratio figure (percent) from two figures with the same breakdowns: part / whole, row by row and by month. */
export function ratioFigure(id: FigureId, part: Figure, whole: Figure): Figure {
  const byKey = (b: Breakdown | undefined) => new Map((b?.rows ?? []).map((r) => [r.key, r]));
  const figure: Figure = {
    id,
    section: sectionOf(id),
    labelKey: `reports.figure.${id}`,
    unit: "percent",
    value: percent(part.value ?? 0, whole.value ?? 0),
    previous: percent(part.previous ?? 0, whole.previous ?? 0),
    breakdowns: whole.breakdowns.map((wb) => {
      const parts = byKey(part.breakdowns.find((b) => b.id === wb.id));
      return {
        ...wb,
        rows: wb.rows.map((w) => {
          const p = parts.get(w.key);
          return { ...w, value: percent(p?.value ?? 0, w.value ?? 0), previous: percent(p?.previous ?? 0, w.previous ?? 0) };
        }),
      };
    }),
    drill: whole.drill,
  };
  if (whole.series && part.series) {
    figure.series = whole.series.map((w, i) => ({
      month: w.month,
      value: percent(part.series![i]?.value ?? 0, w.value ?? 0),
      previous: w.previous === null ? null : percent(part.series![i]?.previous ?? 0, w.previous),
    }));
  }
  return figure;
}

/**
 * The age bands by the age each begins at, oldest first: a person is in the first band whose age they have
 * reached. Read by `ageBandOf` here and by the report's query (participation.server.ts `ageBandSql`).
 */
export const AGE_BAND_FLOORS: readonly (readonly [number, AgeBand])[] = [
  [65, "65_plus"],
  [40, "40_64"],
  [30, "30_39"],
  [23, "23_29"],
  [18, "18_22"],
  [0, "under_18"],
];

/** The age band of an age in whole years ("none" without one, or before birth). */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null || age < 0) return "none";
  for (const [floor, band] of AGE_BAND_FLOORS) if (age >= floor) return band;
  return "none";
}

/**
 * Young people: 高校生 or 大学生・専門学校生 by the account's type (`YOUNG_TYPES`), or under 30 (the park-care
 * reports' rule, app/modules/parks/activities.server.ts). Read by `isYoung` here and by the report's query.
 */
export const YOUNG_AGE = 30;
export const YOUNG_TYPES: readonly string[] = ["high_school", "university"];
export function isYoung(type: string | null, age: number | null): boolean {
  return (type !== null && YOUNG_TYPES.includes(type)) || (age !== null && age < YOUNG_AGE);
}
