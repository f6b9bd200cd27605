import { describe, expect, it } from "vitest";
import { encodeCsv } from "~/utils/csv-file.server";
import { translator } from "~/utils/translate";
import { reportFixture, reportWithSeatsFixture } from "../../../tests/support/report-fixture";
import { allTablesCsv, behindCsv, csvOfTable, label, periodLabels, reportMonthGrids, reportTables, tableCsv } from "./report-csv";

const ja = { t: translator("ja"), locale: "ja" as const };
const en = { t: translator("en"), locale: "en" as const };

const lines = (text: string) => text.replace(/^\uFEFF/, "").split("\r\n").slice(0, -1);

describe("the report's tables and CSV files", () => {
  it("has a table per section, per figure's months and per breakdown, in page order", () => {
    expect(reportTables(ja, reportFixture()).map((t) => t.id)).toEqual(["newcomers", "newcomers.firstTime.months", "newcomers.firstTime.district", "activity", "activity.noShows.category"]);
  });

  it("names the periods by 年度, or by dates for a range", () => {
    expect(periodLabels(ja, reportFixture())).toEqual({ current: "2026年度", previous: "2025年度" });
    expect(periodLabels(en, { ...reportFixture(), fiscalYear: null, range: { from: "2026-05-01", to: "2026-05-31" }, previousRange: { from: "2026-03-31", to: "2026-04-30" } })).toEqual({
      current: "2026-05-01 to 2026-05-31",
      previous: "2026-03-31 to 2026-04-30",
    });
  });

  it("writes a breakdown as CSV with a BOM and CRLF, plain numbers, names in the reader's language, empty for missing", () => {
    const tables = reportTables(ja, reportFixture());
    const district = tableCsv(ja, tables.find((t) => t.id === "newcomers.firstTime.district")!);
    expect(district.startsWith("\uFEFF")).toBe(true);
    expect(lines(district)).toEqual([`${label(ja, "reports.breakdown.district")},2026年度,2025年度`, "高見,40,30", "槻田,30,35", expect.stringMatching(/,22,15$/)]);
    const months = tableCsv(ja, tables.find((t) => t.id === "newcomers.firstTime.months")!);
    expect(lines(months)[1]).toBe("2026-04,10,5");
    expect(lines(months)[12]).toBe("2027-03,,6");
    const enDistrict = tableCsv(en, reportTables(en, reportFixture()).find((t) => t.id === "newcomers.firstTime.district")!);
    expect(lines(enDistrict)[1]).toBe("Takami,40,30");
  });

  it("a section's table gives each figure's unit; a missing previous value is an empty cell", () => {
    const text = tableCsv(ja, reportTables(ja, reportFixture())[0]);
    expect(lines(text)[2]).toMatch(/,%,41\.3,$/);
    expect(lines(text)[0]).toBe("項目,単位,2026年度,2025年度");
  });

  it("writes every table in one long CSV, one row per number, that Shift_JIS round-trips", () => {
    const text = allTablesCsv(ja, reportFixture());
    const rows = lines(text);
    expect(rows[0]).toBe("表ID,表,項目,単位,2026年度,2025年度");
    // 2 + 12 + 3 figures' rows in newcomers, 2 in activity, 0 for the empty breakdown
    expect(rows).toHaveLength(1 + 2 + 12 + 3 + 2);
    expect(rows.find((r) => r.startsWith("activity,") && r.includes("時間"))).toMatch(/,時間,1234\.5,1000$/);
    const sjis = new TextDecoder("shift_jis", { fatal: true }).decode(encodeCsv(text, "sjis"));
    expect(sjis).toBe(text.replace(/^\uFEFF/, ""));
  });

  it("writes a breakdown whose rows carry months as one row per district and one column per month, empty where there is no value", () => {
    const report = reportWithSeatsFixture();
    expect(reportMonthGrids(ja, reportFixture())).toEqual([]);
    expect(reportMonthGrids(ja, report).map((g) => [g.id, g.title])).toEqual([["welfare.fillRate.district.months", "民生委員・児童委員の充足率（地区別の推移）"]]);
    const text = csvOfTable(ja, report, "welfare.fillRate.district.months")!;
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(lines(text)).toEqual([
      "地区,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12,2027-01,2027-02,2027-03",
      "枝光,80,80,80,85.7,90,90,90,87.5,,,,",
      "中央,100,100,,75,75,83.3,83.3,83.3,,,,",
    ]);
    expect(lines(csvOfTable(en, report, "welfare.fillRate.district.months")!)[0]).toMatch(/^District,2026-04,/);
    expect(lines(csvOfTable(en, report, "welfare.fillRate.district.months")!)[1]).toMatch(/^Edamitsu,80,/);
    // The other tables are found by the same id lookup; an unknown id is none.
    expect(csvOfTable(ja, report, "welfare.fillRate.district")).toBe(tableCsv(ja, reportTables(ja, report).find((t) => t.id === "welfare.fillRate.district")!));
    expect(csvOfTable(ja, report, "welfare.vacancies.district.months")).toBeNull();
    // Shift_JIS goes through the same text.
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(encodeCsv(text, "sjis"))).toBe(text.replace(/^\uFEFF/, ""));
  });

  it("puts each district's months in the long CSV after its breakdown, with the previous 年度's month beside it", () => {
    const rows = lines(allTablesCsv(ja, reportWithSeatsFixture()));
    const at = rows.findIndex((r) => r.startsWith("welfare.fillRate.district.months,"));
    expect(rows[at - 1]).toMatch(/^welfare\.fillRate\.district,.*,中央,%,83\.3,100$/);
    expect(rows.slice(at, at + 2)).toEqual(["welfare.fillRate.district.months,民生委員・児童委員の充足率（地区別の推移）,枝光 2026-04,%,80,", "welfare.fillRate.district.months,民生委員・児童委員の充足率（地区別の推移）,枝光 2026-05,%,80,75"]);
    expect(rows.filter((r) => r.startsWith("welfare.fillRate.district.months,"))).toHaveLength(24);
    expect(rows).toContain("welfare.fillRate.district.months,民生委員・児童委員の充足率（地区別の推移）,中央 2026-06,%,,100");
  });

  it("writes the list behind a figure with the page's columns, Japan time and its counts, in either language", () => {
    const list = { kind: "sessions" as const, rows: [{ id: 7, title: "桃園公園の清掃", context: "（デモ）桃園公園愛護会", at: "2026-06-01T01:00:00.000Z", count: 3 }, { id: 9, title: "夏祭り, 準備", count: 12.5 }] };
    const text = behindCsv(ja, list);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(lines(text)).toEqual(["活動日,団体・学校・地区,日時,数", "桃園公園の清掃,（デモ）桃園公園愛護会,2026/06/01 10:00,3", '"夏祭り, 準備",,,12.5']);
    expect(lines(behindCsv(en, { kind: "areas", rows: [] }))).toEqual(['Area,"Group, school or district",When,Count']);
  });
});
