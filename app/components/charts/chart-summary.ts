import type { Translate } from "~/utils/translate";
import { formatNumber } from "~/utils/chart-style";

/**
 * The sentences a screen reader hears for a chart (and everyone reads under it): what changed against the
 * previous period, which month was busiest, which row is largest. Built from the same numbers as the table.
 */
type Format = (n: number) => string;

export function changeSummary(t: Translate, input: { value: number; previous: number | null; format?: Format; against: string }): string {
  const { value, previous, against } = input;
  const amount = input.format ?? formatNumber;
  if (previous === null) return t("reportsPage.summary.noPrevious", { value: amount(value) });
  const diff = value - previous;
  if (diff === 0) return t("reportsPage.summary.same", { against, value: amount(value) });
  if (previous === 0) return t("reportsPage.summary.fromZero", { against, value: amount(value) });
  const pct = formatNumber(Math.round((Math.abs(diff) / previous) * 1000) / 10);
  return t(diff > 0 ? "reportsPage.summary.up" : "reportsPage.summary.down", { against, diff: amount(Math.abs(diff)), pct, value: amount(value) });
}

export function monthlySummary(t: Translate, input: { months: readonly string[]; values: readonly (number | null)[]; format?: Format }): string {
  const amount = input.format ?? formatNumber;
  const known = input.values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
  const total = known.reduce((sum, x) => sum + x.v, 0);
  if (known.length === 0 || total === 0) return t("reportsPage.summary.monthlyEmpty");
  const top = known.reduce((a, b) => (b.v > a.v ? b : a));
  return t("reportsPage.summary.monthly", { total: amount(total), month: input.months[top.i], top: amount(top.v) });
}

export function breakdownSummary(t: Translate, input: { rows: readonly { label: string; value: number | null }[]; format?: Format }): string {
  const amount = input.format ?? formatNumber;
  const rows = input.rows.filter((r): r is { label: string; value: number } => r.value !== null && r.value > 0);
  if (rows.length === 0) return t("reportsPage.summary.breakdownEmpty");
  const top = rows.reduce((a, b) => (b.value > a.value ? b : a));
  return t("reportsPage.summary.breakdown", { count: rows.length, label: top.label, value: amount(top.value) });
}
