import type { Figure, ImpactReport, ReportRange, ReportSectionId } from "./report.types";

/**
 * The open-data form of the impact report (GET /api/impact): the same aggregates with their labels in both
 * languages, small counts hidden, and the licence. Pure, so the rule is tested without a database.
 */

export const SMALL_COUNT = "<5" as const;
export type OpenValue = number | null | typeof SMALL_COUNT;

/** A count from 1 to 4 becomes "<5"; 0, 5 and more, and "no value" stay as they are. */
export function suppressSmall(n: number | null): OpenValue {
  return n !== null && n >= 1 && n <= 4 ? SMALL_COUNT : n;
}

/**
 * Which figures count people (or what people did) finely enough to single someone out: everything about people
 * (新たな担い手, students and their hours by school, young people in parks) and every safeguarding count (minors'
 * applications, consents, concerns). Counts of postings, sessions, places, seats and associations are about
 * groups and places, not people, and are shown whole.
 */
const PERSONAL_SECTIONS: readonly ReportSectionId[] = ["newcomers", "schools", "safeguarding"];
export function couldSingleOut(figure: Pick<Figure, "id" | "section" | "unit">): boolean {
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
}

export interface OpenFigure {
  id: string;
  label: OpenLabel;
  unit: Figure["unit"];
  value: OpenValue;
  previous: OpenValue;
  /** The state now, not the year (no previous value). */
  asOfNow: boolean;
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
  ja: "個人が特定されるおそれのある1〜4の数は「<5」と表示しています。その割合（%）も、もとの人数が5未満のときは「<5」と表示しています。",
  en: 'Counts from 1 to 4 that could single out a person are shown as "<5"; so is a percentage whose number of people is under 5.',
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
  return {
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
        const out: OpenFigure = {
          id: f.id,
          label: label(f.labelKey),
          unit: f.unit,
          value: open(f, f.value, base(f, null, null, false)),
          previous: open(f, f.previous, base(f, null, null, true)),
          asOfNow: f.asOfNow === true,
          breakdowns: f.breakdowns.map((b) => ({
            id: b.id,
            label: label(b.labelKey),
            rows: b.rows.map((r) => ({
              key: r.key,
              label: label(r.labelKey, r.label, r.labelEn),
              value: open(f, r.value, base(f, b.id, r.key, false)),
              previous: open(f, r.previous, base(f, b.id, r.key, true)),
            })),
          })),
        };
        // A percentage per month has no count of people behind it in the report: it is not published.
        if (f.series && !(f.unit === "percent" && couldSingleOut(f))) out.series = f.series.map((m) => ({ month: m.month, value: open(f, m.value, null), previous: open(f, m.previous, null) }));
        return out;
      }),
    })),
  };
}

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
