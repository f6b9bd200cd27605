import { tokyoMidnight } from "~/modules/safeguarding/retention.rules";
import { percent, type Labels } from "./report.rules";
import type { BreakdownRow, Figure, FigureId, MonthPoint, TokyoMonth } from "./report.types";

/**
 * The 民生委員・児童委員 seats over time, pure: which instants a report reads the seat history at, and the fill rate
 * and vacancies built from the states read there. A seat count is a state, not an event: a period shows the state
 * at its end — the range's last day, each month's last day — or the state now while the period runs. A period not
 * begun yet, or one that ended before the history began, has no value (null), never zero.
 */

/** The seat areas' counts at an instant, as the recruitment module reads them from its history. */
export interface SeatState {
  districtId: number;
  seats: number;
  serving: number;
}

/** The instant a period [from, to) shows: the last moment of it, or now while it runs; null before it starts. */
export function stateInstant(period: { from: Date; to: Date }, now: Date): Date | null {
  if (period.from.getTime() > now.getTime()) return null;
  return period.to.getTime() <= now.getTime() ? new Date(period.to.getTime() - 1) : now;
}

function monthPeriod(month: TokyoMonth): { from: Date; to: Date } {
  const [y, m] = month.split("-").map(Number);
  return { from: tokyoMidnight(y, m, 1), to: tokyoMidnight(y, m + 1, 1) };
}

export interface SeatPeriods {
  cur: { from: Date; to: Date };
  prev: { from: Date; to: Date };
  months: { cur: TokyoMonth[]; prev: TokyoMonth[] };
}

/** The instants to read, in this order: the range, the comparison range, the range's months, the comparison's months. */
export function seatInstants(periods: SeatPeriods, now: Date): (Date | null)[] {
  return [periods.cur, periods.prev, ...periods.months.cur.map(monthPeriod), ...periods.months.prev.map(monthPeriod)].map((p) => stateInstant(p, now));
}

type Totals = Map<number, { seats: number; serving: number }>;

function byDistrict(state: readonly SeatState[]): Totals {
  const totals: Totals = new Map();
  for (const a of state) {
    const t = totals.get(a.districtId) ?? { seats: 0, serving: 0 };
    t.seats += a.seats;
    t.serving += a.serving;
    totals.set(a.districtId, t);
  }
  return totals;
}

function ward(state: readonly SeatState[]): { seats: number; serving: number } {
  return state.reduce((t, a) => ({ seats: t.seats + a.seats, serving: t.serving + a.serving }), { seats: 0, serving: 0 });
}

const MEASURES = {
  "welfare.fillRate": { unit: "percent", of: (t: { seats: number; serving: number }) => percent(t.serving, t.seats), absent: null },
  "welfare.vacancies": { unit: "count", of: (t: { seats: number; serving: number }) => Math.max(0, t.seats - t.serving), absent: 0 },
} as const;

/**
 * The fill rate (serving ÷ 定数, percent) and the vacancies (定数 − serving), for the ward, by district and per
 * month, from the states at `seatInstants(periods, now)` (null where not recorded or not reached).
 * `districts` names and orders the district rows; a district appears when it had seats at either end, and carries
 * its own months, aligned as the figure's: a month without seats in that district counts as the rows do (no
 * rate, no vacancy). The states are grouped by district once per instant and shared by both figures.
 */
export function seatFigures(states: readonly (readonly SeatState[] | null)[], months: { cur: TokyoMonth[]; prev: TokyoMonth[] }, districts: Labels, began: Date): Figure[] {
  const [cur, prev] = states;
  const curMonths = states.slice(2, 2 + months.cur.length);
  const prevMonths = states.slice(2 + months.cur.length, 2 + months.cur.length + months.prev.length);
  const curDistricts = cur ? byDistrict(cur) : null;
  const prevDistricts = prev ? byDistrict(prev) : null;
  const curMonthDistricts = curMonths.map((state) => (state ? byDistrict(state) : null));
  const prevMonthDistricts = prevMonths.map((state) => (state ? byDistrict(state) : null));
  const keys = [...new Set([...(curDistricts?.keys() ?? []), ...(prevDistricts?.keys() ?? [])])].sort(
    (a, b) => (districts.get(String(a))?.order ?? Number.MAX_SAFE_INTEGER) - (districts.get(String(b))?.order ?? Number.MAX_SAFE_INTEGER) || a - b,
  );
  return (Object.keys(MEASURES) as (keyof typeof MEASURES)[]).map((id: FigureId & keyof typeof MEASURES): Figure => {
    const m = MEASURES[id];
    const at = (state: readonly SeatState[] | null | undefined) => (state ? m.of(ward(state)) : null);
    const inDistrict = (totals: Totals | null, key: number) => {
      if (!totals) return null;
      const t = totals.get(key);
      return t ? m.of(t) : m.absent;
    };
    // A series from the states of each month of the range and of the comparison range, aligned by position.
    const monthly = <S>(cur: readonly S[], prev: readonly S[], of: (state: S) => number | null): MonthPoint[] =>
      months.cur.map((month, i) => ({ month, value: of(cur[i]), previous: i < prev.length ? of(prev[i]) : null }));
    const series = monthly(curMonths, prevMonths, at);
    const rows: BreakdownRow[] = keys.map((key) => {
      const l = districts.get(String(key));
      const row: BreakdownRow = {
        key: String(key),
        value: inDistrict(curDistricts, key),
        previous: inDistrict(prevDistricts, key),
        series: monthly(curMonthDistricts, prevMonthDistricts, (totals) => inDistrict(totals ?? null, key)),
        drill: true,
      };
      if (l?.label !== undefined) row.label = l.label;
      if (l?.labelEn !== undefined) row.labelEn = l.labelEn;
      if (l?.label === undefined) row.labelKey = "reports.key.district.none";
      return row;
    });
    return {
      id,
      section: "welfare",
      labelKey: `reports.figure.${id}`,
      unit: m.unit,
      value: at(cur),
      previous: at(prev),
      series,
      breakdowns: [{ id: "district", labelKey: "reports.breakdown.district", rows }],
      drill: true,
      atPeriodEnd: true,
      recordedSince: began.toISOString(),
    };
  });
}
