import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { breakdownMonthsTable, figureText, reportMonthGrids } from "~/modules/reports/report-csv";
import { translator } from "~/utils/translate";
import { reportWithSeatsFixture } from "../../../tests/support/report-fixture";
import { MonthGridView } from "./month-grid-table";

const ja = { t: translator("ja"), locale: "ja" as const };
const en = { t: translator("en"), locale: "en" as const };

describe("a breakdown month by month on the page", () => {
  it("is a captioned table with headed rows and columns, in a region a keyboard can focus and scroll", () => {
    const [grid] = reportMonthGrids(ja, reportWithSeatsFixture());
    const html = renderToString(<MonthGridView table={grid} locale="ja" format={(v) => figureText(ja, v, grid.unit)} />);
    const region = /<div role="region" aria-labelledby="([^"]+)" tabindex="0"/.exec(html);
    expect(region).not.toBeNull();
    // The region is named by the title above it (which stays in view while the months scroll), the table by its caption.
    const title = new RegExp(`<p id="${region![1]}"[^>]*>民生委員・児童委員の充足率（地区別の推移）</p>`).exec(html);
    expect(title).not.toBeNull();
    expect(title!.index).toBeLessThan(region!.index);
    expect(html).toMatch(/<caption[^>]*>民生委員・児童委員の充足率（地区別の推移）<\/caption>/);
    const cols = [...html.matchAll(/<th scope="col"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
    expect(cols).toEqual(["地区", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"]);
    const rows = [...html.matchAll(/<tr[^>]*>(<th scope="row".*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));
    expect(rows).toEqual([
      ["枝光", "80%", "80%", "80%", "85.7%", "90%", "90%", "90%", "87.5%", "—", "—", "—", "—"],
      ["中央", "100%", "100%", "—", "75%", "75%", "83.3%", "83.3%", "83.3%", "—", "—", "—", "—"],
    ]);
  });

  it("speaks English, and a breakdown whose rows have no months has no such table", () => {
    const report = reportWithSeatsFixture();
    const fill = report.sections[2].figures[0];
    const grid = breakdownMonthsTable(en, fill, fill.breakdowns[0])!;
    const html = renderToString(<MonthGridView table={grid} locale="en" format={(v) => figureText(en, v, grid.unit)} />);
    expect(html).toContain("Commissioner seats filled by District over time");
    expect(html).toContain(">Edamitsu</th>");
    expect(html).toContain(">Apr</th>");
    const people = report.sections[0].figures[0];
    expect(breakdownMonthsTable(ja, people, people.breakdowns[0])).toBeNull();
  });
});
