/**
 * How the report charts draw their series: the Okabe–Ito palette (told apart with the common colour-vision
 * deficiencies), each series also told by a fill pattern and a dark outline, so bars stay distinct when printed in
 * greyscale and meet the 3:1 contrast for graphics against white. Values are written beside the bars, so no
 * reading depends on colour at all.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

export const INK = "#1c1917";
export const GRID = "#a8a29e";

/** The current period: solid dark blue. The previous: orange with diagonal hatching. */
export const SERIES = [
  { fill: OKABE_ITO.blue, pattern: null },
  { fill: OKABE_ITO.orange, pattern: "hatch" },
] as const;

/** A number as the report writes it: grouped digits, at most one decimal. */
const NUMBER = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 1 });
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** A round upper bound for an axis (1, 2, 2.5, 5 × 10ⁿ) and its ticks, so grid lines fall on readable values. */
export function niceScale(max: number, tickCount = 4): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 1] };
  const rough = max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { max: top, ticks };
}

/** The change from the previous value as the tables show it: "+12（+15%）", "−3（−10%）", "±0", or "+5" with no base. */
export function formatChange(value: number | null, previous: number | null | undefined): string {
  if (value === null || previous === null || previous === undefined) return "—";
  const diff = value - previous;
  if (diff === 0) return "±0";
  const sign = diff > 0 ? "+" : "−";
  const abs = `${sign}${formatNumber(Math.abs(diff))}`;
  if (previous === 0) return abs;
  return `${abs}（${sign}${formatNumber(Math.round((Math.abs(diff) / previous) * 1000) / 10)}%）`;
}

const MONTH_NAMES = new Map<string, Intl.DateTimeFormat>();
/** A Tokyo month ('2026-04') as a chart's axis and table name it: 「4月」 in Japanese, "Apr" in English. */
export function monthLabel(month: string, locale: "ja" | "en"): string {
  let f = MONTH_NAMES.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { month: "short", timeZone: "UTC" });
    MONTH_NAMES.set(locale, f);
  }
  const [y, m] = month.split("-").map(Number);
  return f.format(new Date(Date.UTC(y, m - 1, 1)));
}
