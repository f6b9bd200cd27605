import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/translate";
import { reportFixture, reportWithSeatsFixture } from "../../../tests/support/report-fixture";
import { impactReportPdf } from "./report-pdf.server";

function pdfText(pdf: Buffer, ...options: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", [...options, "-layout", file, "-"]).toString("utf8");
}

describe("the impact report as a PDF", () => {
  it("is an A4 document in Japanese with the ward's cover, each section's charts and tables", async () => {
    const pdf = await impactReportPdf(reportFixture(), { t: translator("ja"), locale: "ja" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const cover = pdfText(pdf, "-f", "1", "-l", "1").replace(/\s+/g, " ");
    expect(cover).toContain("八幡東区 地域の担い手づくり 施策進捗報告 2026年度");
    expect(cover).toContain("2025-04-01 〜 2026-03-31");
    expect(cover).toContain("2026/12/06 21:00");
    const text = pdfText(pdf);
    // the district breakdown's table: label, both years, the change
    expect(text).toMatch(/高見\s+40人\s+30人\s+\+10（\+33\.3%）/);
    expect(text).toMatch(/4月\s+10人\s+5人/);
    expect(text).toContain("1,234.5時間");
    expect(text).toContain("この期間の記録はありません。");
    const info = execFileSync("pdfinfo", ["-"], { input: pdf }).toString("utf8");
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(3);
  });

  it("prints a breakdown's months as a table of twelve months and the names, inside the A4 page", async () => {
    const pdf = await impactReportPdf(reportWithSeatsFixture(), { t: translator("ja"), locale: "ja" });
    // Only what lies on the page (595 × 842 pt) is read: a column pushed off its right edge would be missing.
    const text = pdfText(pdf, "-x", "0", "-y", "0", "-W", "595", "-H", "842");
    expect(text).toContain("民生委員・児童委員の充足率（地区別の推移）");
    expect(text).toMatch(/地区\s+4月\s+5月\s+6月\s+7月\s+8月\s+9月\s+10月\s+11月\s+12月\s+1月\s+2月\s+3月/);
    expect(text).toMatch(/枝光\s+80%\s+80%\s+80%\s+85\.7%\s+90%\s+90%\s+90%\s+87\.5%\s+—\s+—\s+—\s+—/);
    expect(text).toMatch(/中央\s+100%\s+100%\s+—\s+75%\s+75%\s+83\.3%\s+83\.3%\s+83\.3%\s+—\s+—\s+—\s+—/);
    const en = pdfText(await impactReportPdf(reportWithSeatsFixture(), { t: translator("en"), locale: "en" }), "-x", "0", "-y", "0", "-W", "595", "-H", "842");
    expect(en).toContain("Commissioner seats filled by District over time");
    expect(en).toMatch(/Edamitsu\s+80%\s+80%\s+80%\s+85\.7%(\s+\S+){7}\s+—/);
  });

  it("speaks English for an English reader", async () => {
    const text = pdfText(await impactReportPdf(reportFixture(), { t: translator("en"), locale: "en" }));
    expect(text).toContain("policy progress report FY2026");
    expect(text).toMatch(/Takami\s+40\s+30/);
  });
});
