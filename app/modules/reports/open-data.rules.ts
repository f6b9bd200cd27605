import type { Figure, ImpactReport, ReportRange, ReportSectionId } from "./report.types";

/**
 * The open-data form of the impact report (GET /api/impact): the same aggregates with their labels in both
 * languages, small counts hidden, and the licence. Pure, so the rule is tested without a database.
 */

export const SMALL_COUNT = "<5" as const;
/** A count hidden only so that a "<5" beside it cannot be worked out from the total (secondary suppression). */
export const HIDDEN = "x" as const;
export type OpenValue = number | null | typeof SMALL_COUNT | typeof HIDDEN;

/** A count from 1 to 4 becomes "<5"; 0, 5 and more, and "no value" stay as they are. */
export function suppressSmall(n: number | null): OpenValue {
  return n !== null && n >= 1 && n <= 4 ? SMALL_COUNT : n;
}

/** What a reader knows of a published value: shown exactly, "<5" is 1 to 4, "x" is any count. */
export function boundsOf(shown: OpenValue, value: number): [number, number] {
  if (shown === SMALL_COUNT) return [1, 4];
  if (shown === HIDDEN) return [0, Infinity];
  return [value, value];
}

const isHidden = (v: OpenValue) => v === SMALL_COUNT || v === HIDDEN;

/**
 * Whether a reader can pin a hidden cell of a group (counts that add up to a total known to lie in [lo, hi]) to one
 * value: each hidden cell lies between what the total leaves when the other hidden cells are at their largest and
 * at their smallest. Also true when the bounds leave no room at all, which only too little hiding can cause.
 */
export function pinned(values: readonly number[], shown: readonly OpenValue[], total: readonly [number, number]): boolean {
  const shownSum = values.reduce((t, v, i) => (isHidden(shown[i]) ? t : t + v), 0);
  const hidden = values.map((v, i) => boundsOf(shown[i], v)).filter((_, i) => isHidden(shown[i]));
  const lowAll = hidden.reduce((t, h) => t + h[0], 0);
  const highAll = hidden.reduce((t, h) => t + h[1], 0);
  return hidden.some(([low, high]) => Math.max(low, total[0] - shownSum - (highAll - high)) >= Math.min(high, total[1] - shownSum - (lowAll - low)));
}

/** Where a reader can place the total: its own bounds, narrowed by each group that adds up to it. */
export function totalBounds(total: number, shown: OpenValue, groups: readonly { values: readonly number[]; shown: readonly OpenValue[] }[]): [number, number] {
  let [lo, hi] = boundsOf(shown, total);
  for (const g of groups) {
    const b = g.values.map((v, i) => boundsOf(g.shown[i], v));
    lo = Math.max(lo, b.reduce((t, x) => t + x[0], 0));
    hi = Math.min(hi, b.reduce((t, x) => t + x[1], 0));
  }
  return [lo, hi];
}

/**
 * Small counts hidden so that none can be recovered by subtraction (docs/decisions/041-impact-history-and-open-data-protection.md).
 * `groups` are the lists of counts published beside `total` (a breakdown's rows, a series' months). A group whose
 * counts add up exactly to the total lets a reader subtract its shown cells from it. First every count from 1 to
 * 4 becomes "<5" (and so does such a total). Then, while a hidden cell of an adding-up group could be pinned to one
 * value (a cell hidden alone, or cells whose sum leaves no room), that group's smallest shown count (a positive
 * one first) is hidden as "x"; a group with nothing left to hide hides the total as "x"; a hidden total that the
 * groups still pin down makes a group hide one more count; and where nothing shown is left, a "<5" becomes "x".
 * Each round hides one more value or widens one, so it ends. Groups
 * that do not add up to the total (people counted in each month they came) get the first step only.
 */
export function protectSmallCounts(total: number | null, groups: readonly (readonly (number | null)[])[]): { total: OpenValue; groups: OpenValue[][] } {
  const out = groups.map((g) => g.map(suppressSmall));
  let totalShown = suppressSmall(total);
  if (total === null) return { total: totalShown, groups: out };
  const additive = groups
    .map((g, k) => ({ k, idx: g.flatMap((v, i) => (v === null ? [] : [i])) }))
    .map((g) => ({ ...g, values: g.idx.map((i) => groups[g.k][i] as number) }))
    .filter((g) => g.values.length > 0 && g.values.reduce((t, v) => t + v, 0) === total);
  const view = (g: (typeof additive)[number]) => ({ values: g.values, shown: g.idx.map((i) => out[g.k][i]) });
  const hideSmallestShown = (g: (typeof additive)[number]): boolean => {
    const shown = view(g).shown;
    const candidates = g.values.map((v, j) => ({ v, j })).filter((c) => !isHidden(shown[c.j]));
    if (candidates.length === 0) return false;
    candidates.sort((a, b) => Number(a.v === 0) - Number(b.v === 0) || a.v - b.v || a.j - b.j);
    out[g.k][g.idx[candidates[0].j]] = HIDDEN;
    return true;
  };
  const widen = (g: (typeof additive)[number]): boolean => {
    const i = g.idx.find((i) => out[g.k][i] === SMALL_COUNT);
    if (i === undefined) return false;
    out[g.k][i] = HIDDEN;
    return true;
  };
  for (;;) {
    const bounds = totalBounds(total, totalShown, additive.map(view));
    const weak = additive.find((g) => pinned(g.values, view(g).shown, bounds));
    const totalPinned = isHidden(totalShown) && bounds[0] >= bounds[1];
    if (!weak && !totalPinned) break;
    if (weak && hideSmallestShown(weak)) continue;
    if (weak && !isHidden(totalShown)) {
      totalShown = HIDDEN;
      continue;
    }
    // The total is hidden but the groups still pin it (or the weak group through it): hide one more count.
    if (additive.some(hideSmallestShown)) continue;
    // Nothing shown is left to withhold, and what a reader knows of "<5" (1 to 4) still pins a value: one "<5"
    // becomes "x" (four people in four districts, with a total of "<5", would each be 1).
    if (weak && widen(weak)) continue;
    if (totalShown === SMALL_COUNT) {
      totalShown = HIDDEN;
      continue;
    }
    if (!additive.some(widen)) break;
  }
  return { total: totalShown, groups: out };
}

/**
 * Which figures count people (or what people did) finely enough to single someone out: everything about people
 * (新たな担い手, students and their hours by school, young people in parks) and every safeguarding count (minors'
 * applications, consents, concerns). Counts of postings, sessions, places, seats and associations are about
 * groups and places, not people, and are shown whole.
 */
const PERSONAL_SECTIONS: readonly ReportSectionId[] = ["newcomers", "schools", "safeguarding"];
export function couldSingleOut(figure: Pick<Figure, "section" | "unit"> & { id: string }): boolean {
  return PERSONAL_SECTIONS.includes(figure.section) || figure.unit === "people" || figure.id === "activity.noShows";
}

/** What the labels are read from: the two message catalogues. */
export type Catalogue = Record<string, string>;

export interface OpenLabel {
  ja: string;
  en: string;
}

export interface OpenRow {
  key: string;
  label: OpenLabel;
  value: OpenValue;
  previous: OpenValue;
  /** The row month by month (the welfare seats by district), where the figure is published whole. */
  series?: { month: string; value: OpenValue; previous: OpenValue }[];
}

export interface OpenFigure {
  id: string;
  label: OpenLabel;
  unit: Figure["unit"];
  value: OpenValue;
  previous: OpenValue;
  /** The state now, not the year (no previous value). */
  asOfNow: boolean;
  /** A state at the end of the year (or now while it runs), its previous value at the previous year's end; months at each month's end. */
  atPeriodEnd: boolean;
  /** When the figure's history begins (ISO instant): a null before it means "not recorded", not zero. */
  recordedSince?: string;
  series?: { month: string; value: OpenValue; previous: OpenValue }[];
  breakdowns: { id: string; label: OpenLabel; rows: OpenRow[] }[];
}

export interface OpenImpactReport {
  year: number;
  range: ReportRange;
  previousRange: ReportRange;
  computedAt: string;
  licence: { name: string; url: string; attribution: OpenLabel; note: OpenLabel };
  suppression: OpenLabel;
  sections: { id: ReportSectionId; label: OpenLabel; figures: OpenFigure[] }[];
}

export const LICENCE = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/deed.ja",
  attribution: { ja: "出典：八幡東区役所「つなぐ八幡東」実績データ", en: "Source: Yahatahigashi Ward Office, Tsunagu Yahatahigashi impact figures" },
  note: {
    ja: "このデータはクリエイティブ・コモンズ 表示 4.0 国際 ライセンス（CC BY 4.0）の下で提供します。出典を示せば、複製・加工・再配布・商用利用ができます。",
    en: "This data is offered under the Creative Commons Attribution 4.0 International licence (CC BY 4.0), the usual licence for Japanese municipal open data: copy, adapt, redistribute and use it commercially, naming the source.",
  },
};

export const SUPPRESSION_NOTE = {
  ja: "個人が特定されるおそれのある1〜4の数は「<5」と表示しています。その割合（%）も、もとの人数が5未満のときは「<5」、もとの人数が「x」のときは「x」と表示しています。合計から他の数を引いて「<5」の数が分からないよう、ほかの数や合計も「x」（秘匿、値は示しません）と表示することがあります。",
  en: 'Counts from 1 to 4 that could single out a person are shown as "<5"; so is a percentage whose number of people is under 5, and a percentage whose number of people is withheld is withheld too. So that a "<5" cannot be worked out by subtracting the other counts from a total, another count or the total may be shown as "x" (withheld, any value).',
};

/**
 * The report as open data. In a figure that could single out a person every count from 1 to 4 is "<5"; a
 * percentage is shown as "<5" when the people it is taken of (the participants of the same row) are 1 to 4.
 */
export function toOpenData(report: ImpactReport, year: number, ja: Catalogue, en: Catalogue): OpenImpactReport {
  const label = (key: string | undefined, fallbackJa?: string, fallbackEn?: string): OpenLabel => ({
    ja: key ? (ja[key] ?? key) : (fallbackJa ?? ""),
    en: key ? (en[key] ?? key) : (fallbackEn ?? fallbackJa ?? ""),
  });
  const participants = report.sections.flatMap((s) => s.figures).find((f) => f.id === "newcomers.participants");
  const base = (figure: Figure, breakdown: string | null, key: string | null, previous: boolean): number | null => {
    if (figure.unit !== "percent" || !couldSingleOut(figure) || !participants) return null;
    if (breakdown === null) return previous ? participants.previous : participants.value;
    const row = participants.breakdowns.find((b) => b.id === breakdown)?.rows.find((r) => r.key === key);
    return row ? (previous ? row.previous : row.value) : null;
  };
  const open = (figure: Figure, n: number | null, denominator: number | null): OpenValue => {
    if (!couldSingleOut(figure)) return n;
    if (figure.unit === "percent") return denominator !== null && denominator >= 1 && denominator <= 4 ? SMALL_COUNT : n;
    return suppressSmall(n);
  };
  return withheldBasesWithholdShares({
    year,
    range: report.range,
    previousRange: report.previousRange,
    computedAt: report.computedAt,
    licence: LICENCE,
    suppression: SUPPRESSION_NOTE,
    sections: report.sections.map((s) => ({
      id: s.id,
      label: label(s.labelKey),
      figures: s.figures.map((f) => {
        // Counts that could single out a person: small ones hidden, and hidden so that subtraction cannot find them.
        const counts = couldSingleOut(f) && f.unit !== "percent";
        const series = f.series && !(f.unit === "percent" && couldSingleOut(f)) ? f.series : undefined;
        const protect = (total: number | null, pick: (x: { value: number | null; previous: number | null }) => number | null) =>
          protectSmallCounts(total, [...(series ? [series.map(pick)] : []), ...f.breakdowns.map((b) => b.rows.map(pick))]);
        const cur = counts ? protect(f.value, (x) => x.value) : null;
        const prev = counts ? protect(f.previous, (x) => x.previous) : null;
        const offset = series ? 1 : 0;
        const out: OpenFigure = {
          id: f.id,
          label: label(f.labelKey),
          unit: f.unit,
          value: cur ? cur.total : open(f, f.value, base(f, null, null, false)),
          previous: prev ? prev.total : open(f, f.previous, base(f, null, null, true)),
          asOfNow: f.asOfNow === true,
          atPeriodEnd: f.atPeriodEnd === true,
          breakdowns: f.breakdowns.map((b, k) => ({
            id: b.id,
            label: label(b.labelKey),
            rows: b.rows.map((r, i) => {
              const row: OpenRow = {
                key: r.key,
                label: label(r.labelKey, r.label, r.labelEn),
                value: cur ? cur.groups[offset + k][i] : open(f, r.value, base(f, b.id, r.key, false)),
                previous: prev ? prev.groups[offset + k][i] : open(f, r.previous, base(f, b.id, r.key, true)),
              };
              // A row's own months are not among the lists protected above: published only for a figure shown whole.
              if (r.series && !couldSingleOut(f)) row.series = r.series.map((m) => ({ month: m.month, value: m.value, previous: m.previous }));
              return row;
            }),
          })),
        };
        if (f.recordedSince) out.recordedSince = f.recordedSince;
        // A percentage per month has no count of people behind it in the report: it is not published.
        if (series) out.series = series.map((m, i) => ({ month: m.month, value: cur ? cur.groups[0][i] : open(f, m.value, null), previous: prev ? prev.groups[0][i] : open(f, m.previous, null) }));
        return out;
      }),
    })),
  });
}

/**
 * A share taken of people whose count is withheld as "x" is withheld too: with one decimal it can give its base
 * away (44.4 % is most likely 4 of 9), and the base is withheld exactly so that a "<5" beside it stays hidden.
 */
function withheldBasesWithholdShares(open: OpenImpactReport): OpenImpactReport {
  const participants = open.sections.flatMap((s) => s.figures).find((f) => f.id === "newcomers.participants");
  if (!participants) return open;
  const baseRow = (breakdown: string, key: string) => participants.breakdowns.find((b) => b.id === breakdown)?.rows.find((r) => r.key === key);
  const follow = (share: OpenValue, base: OpenValue | undefined): OpenValue => (base === HIDDEN && share !== null ? HIDDEN : share);
  for (const f of open.sections.flatMap((s) => s.figures.filter((figure) => figure.unit === "percent" && couldSingleOut({ ...figure, section: s.id })))) {
    f.value = follow(f.value, participants.value);
    f.previous = follow(f.previous, participants.previous);
    for (const b of f.breakdowns) {
      for (const r of b.rows) {
        const base = baseRow(b.id, r.key);
        r.value = follow(r.value, base?.value);
        r.previous = follow(r.previous, base?.previous);
      }
    }
  }
  return open;
}

/**
 * How often one client address may ask (each answer counts the whole report afresh): a script that reads the
 * figures now and then is far below it; a loop is not.
 */
export const IMPACT_RATE_LIMITS = (ip: string) => [
  { key: `impact:ip:${ip}`, limit: 30, windowSeconds: 60 },
  { key: `impact:ip-hour:${ip}`, limit: 300, windowSeconds: 3600 },
];

export const TOO_MANY_REQUESTS: OpenLabel = {
  ja: "短い時間に多くのリクエストがありました。Retry-After ヘッダーの秒数だけ待ってから、もう一度お試しください。",
  en: "Too many requests from this address. Wait for the number of seconds in the Retry-After header, then try again.",
};

/** The 年度 asked for: four digits, from 2020 (before the site) to the current 年度. */
export function parseYear(raw: string | null, currentFiscalYear: number): { ok: true; year: number } | { ok: false; message: OpenLabel } {
  if (raw === null || !/^\d{4}$/.test(raw)) {
    return { ok: false, message: { ja: "year には年度を4桁の数字で指定してください（例：2026 は 2026年4月1日〜2027年3月31日）。", en: "year must be a fiscal year (April to March) as four digits, e.g. 2026 for 1 April 2026 to 31 March 2027." } };
  }
  const year = Number(raw);
  if (year < 2020 || year > currentFiscalYear) {
    return { ok: false, message: { ja: `year は 2020 から ${currentFiscalYear} までの年度を指定してください。`, en: `year must be a fiscal year from 2020 to ${currentFiscalYear}.` } };
  }
  return { ok: true, year };
}
