import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/translate";
import { BreakdownBarChart } from "./breakdown-bar-chart";
import { breakdownSummary, changeSummary, monthlySummary } from "./chart-summary";
import { monthLabel, formatChange, niceScale } from "~/utils/chart-style";
import { ComparisonBarChart } from "./comparison-bar-chart";
import { MonthlyChart } from "./monthly-chart";

const ja = translator("ja");
const en = translator("en");
const FISCAL_MONTHS = ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"];
const years: [{ label: string }, { label: string }] = [{ label: "2026年度" }, { label: "2025年度", }];

/** The cells of every table row in the HTML, header cell first. */
function tableRows(html: string): string[][] {
  const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
}

describe("chart arithmetic", () => {
  it("rounds the axis up to a readable value with evenly spaced ticks", () => {
    expect(niceScale(97)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it("writes the change with its sign and percentage, and none against a zero or missing base", () => {
    expect(formatChange(92, 80)).toBe("+12（+15%）");
    expect(formatChange(27, 30)).toBe("−3（−10%）");
    expect(formatChange(5, 5)).toBe("±0");
    expect(formatChange(5, 0)).toBe("+5");
    expect(formatChange(5, null)).toBe("—");
  });

  it("names a Tokyo month in both languages", () => {
    expect(monthLabel("2026-04", "ja")).toBe("4月");
    expect(monthLabel("2027-03", "ja")).toBe("3月");
    expect(monthLabel("2026-04", "en")).toBe("Apr");
  });
});

describe("chart summaries", () => {
  it("says how much a figure changed against the previous year", () => {
    expect(changeSummary(ja, { value: 92, previous: 80, format: (n: number) => `${n}人`, against: "前年度" })).toBe("前年度より12人増えました（+15%）。今期は92人です。");
    expect(changeSummary(ja, { value: 27, previous: 30, format: (n: number) => `${n}件`, against: "前年度" })).toBe("前年度より3件減りました（−10%）。今期は27件です。");
    expect(changeSummary(ja, { value: 4, previous: 4, format: (n: number) => `${n}人`, against: "前年度" })).toBe("前年度と同じ4人でした。");
    expect(changeSummary(en, { value: 92, previous: 80, against: "the previous year" })).toBe("Up 12 on the previous year (+15%). Now 92.");
    expect(changeSummary(ja, { value: 3, previous: null, format: (n: number) => `${n}人`, against: "前年度" })).toContain("3人");
  });

  it("names the busiest month and the largest row, and says when there is nothing", () => {
    const months = FISCAL_MONTHS;
    expect(monthlySummary(ja, { months, values: [1, 5, 2, null, null, null, null, null, null, null, null, null], format: (n: number) => `${n}回` })).toBe("合計8回。最も多かったのは5月（5回）です。");
    expect(monthlySummary(ja, { months, values: Array(12).fill(0), format: (n: number) => `${n}回` })).toBe("この期間の記録はまだありません。");
    expect(breakdownSummary(ja, { rows: [{ label: "公園・緑化", value: 12 }, { label: "子ども", value: 30 }, { label: "防災", value: 0 }], format: (n: number) => `${n}件` })).toBe("2区分のうち、最も多いのは「子ども」（30件）です。");
  });
});

describe("report charts render to accessible HTML without JavaScript", () => {
  it("a comparison chart is a labelled image with a summary, a legend and a table of value, previous and change", () => {
    const html = renderToString(
      <ComparisonBarChart
        title="新しい担い手"
        summary="前年度より12人増えました（+15%）。"
        series={years}
        groups={[
          { label: "初めて参加", value: 92, previous: 80 },
          { label: "2回以上", value: 40, previous: null },
        ]}
        headers={["項目", "2026年度", "2025年度", "増減"]}
      />,
    );
    expect(html).toMatch(/<figure[^>]*aria-labelledby="([^"]+)-title"/);
    expect(html).toMatch(/<figcaption id="[^"]+-title"[^>]*>新しい担い手<\/figcaption>/);
    expect(html).toMatch(/role="img" aria-labelledby="[^"]+-title [^"]+-summary"/);
    expect(html).toContain("前年度より12人増えました（+15%）。");
    expect(html).toContain('<caption class="sr-only">新しい担い手</caption>');
    expect(tableRows(html)).toEqual([
      ["初めて参加", "92", "80", "+12（+15%）"],
      ["2回以上", "40", "—", "—"],
    ]);
    expect(html).toContain("2025年度</li>");
    // the previous year is hatched, not only another colour
    expect(html).toMatch(/<pattern id="[^"]+-hatch"/);
    expect(html).toMatch(/fill="url\(#[^"]+-hatch\)"/);
    expect(html).not.toContain("\u0000");
  });

  it("a monthly chart lists twelve months April first with both years", () => {
    const months = FISCAL_MONTHS;
    const values = [3, 4, 5, 6, 7, 8, 9, null, null, null, null, null];
    const previous = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    const html = renderToString(
      <MonthlyChart title="月ごとの活動回数" summary="s" series={[{ label: "2026年度" }, { label: "2025年度", shape: "line" }]} months={months} values={values} previous={previous} headers={["月", "2026年度", "2025年度", "増減"]} />,
    );
    const rows = tableRows(html);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual(["4月", "3", "1", "+2（+200%）"]);
    expect(rows[11]).toEqual(["3月", "—", "6", "—"]);
    expect(html.match(/<polyline/g)).toHaveLength(1);
  });

  it("a breakdown chart without a previous period has two columns and one bar per row", () => {
    const html = renderToString(
      <BreakdownBarChart
        title="地区別"
        summary="s"
        series={[{ label: "2026年度" }]}
        rows={[
          { label: "高見", value: 10 },
          { label: "槻田", value: 3 },
        ]}
        headers={["地区", "2026年度"]}
      />,
    );
    expect(tableRows(html)).toEqual([
      ["高見", "10"],
      ["槻田", "3"],
    ]);
    expect(html).not.toContain("<ul");
  });
});
