import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parseCsvRecords } from "../../app/modules/parks/csv.rules";
import { ACCOUNTS, loginInBrowser, open } from "./support";

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "impact-report-")), "r.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
}

async function download(page: Page, name: string | RegExp): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).first().click()]);
  return readFileSync((await file.path())!);
}

test.describe("the impact report on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("staff open the report, switch the year and open the list behind a figure", async ({ page }) => {
    test.setTimeout(120_000);
    await loginInBrowser(page, ACCOUNTS.staff);
    await open(page, "/staff");
    await page.getByRole("link", { name: "施策進捗報告" }).first().click();
    await page.waitForURL(/\/staff\/reports$/);
    await expect(page.getByRole("heading", { name: "施策進捗報告", level: 1 })).toBeVisible();
    await expect(page.getByTestId("report-period")).toContainText("2026年度（比較: 2025年度）");
    // Nothing wider than the phone: charts scale, tables scroll inside their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The fill rate by district over time: a captioned table in a region that scrolls sideways, not the page.
    const fillCard = page.locator("li", { has: page.getByTestId("figure-welfare.fillRate") });
    await fillCard.locator("summary").click();
    const overTime = page.getByRole("region", { name: "民生委員・児童委員の充足率（地区別の推移）" });
    await expect(overTime.getByRole("table", { name: "民生委員・児童委員の充足率（地区別の推移）" })).toBeVisible();
    await expect(overTime.getByRole("columnheader")).toHaveCount(13);
    await expect(overTime.getByRole("rowheader")).not.toHaveCount(0);
    await expect(overTime).toHaveAttribute("tabindex", "0");
    expect(await overTime.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const gridCsv = await page.request.get("/staff/reports.csv?table=welfare.fillRate.district.months&year=2026");
    expect(gridCsv.status()).toBe(200);
    expect((await gridCsv.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("地区,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12,2027-01,2027-02,2027-03");

    // Every figure opened on the phone, where tables are wider than the screen: axe finds nothing serious
    // (a table that scrolls sideways is a region a keyboard can reach and scroll).
    const closed = page.locator("main details:not([open]) > summary");
    while ((await closed.count()) > 0) await closed.first().click();
    const opened = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(opened.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel("年度", { exact: true }).selectOption("2025");
    await page.getByRole("button", { name: "表示" }).first().click();
    await page.waitForURL(/year=2025/);
    await expect(page.getByTestId("report-period")).toContainText("2025年度（比較: 2024年度）");

    // A date range: a wrong order is refused beside the field, the 年度 is shown meanwhile.
    await page.getByLabel("開始日").fill("2026-09-30");
    await page.getByLabel("終了日").fill("2026-05-01");
    await page.getByRole("button", { name: "表示" }).nth(1).click();
    await expect(page.locator("#f-to-error")).toContainText("終わりの日は始まりの日より後にしてください。");

    await open(page, "/staff/reports?year=2026");
    const sessions = page.getByTestId("figure-activity.sessionsHeld");
    const shown = (await sessions.textContent())!.trim();
    await sessions.click();
    await page.waitForURL(/\/staff\/reports\/list\?figure=activity\.sessionsHeld/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("内訳");
    if (shown.startsWith("0")) await expect(page.getByText("この期間に数えたものはありません。")).toBeVisible();
    else await expect(page.getByTestId("behind-list").locator("tbody tr")).not.toHaveCount(0);
    await page.getByRole("link", { name: "施策進捗報告に戻る" }).click();
    await page.waitForURL(/\/staff\/reports\?year=2026$/);
  });
});

test.describe("the impact report on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("staff download every table as CSV in UTF-8 and Shift_JIS and the report as a PDF; axe finds nothing serious", async ({ page }) => {
    test.setTimeout(180_000);
    await loginInBrowser(page, ACCOUNTS.staff);
    await open(page, "/staff/reports?year=2026");

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(serious).toEqual([]);
    // Every figure opened (axe skips what a closed <details> hides): nothing serious either.
    const closed = page.locator("main details:not([open]) > summary");
    while ((await closed.count()) > 0) await closed.first().click();
    const opened = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(opened.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // The fill rate by district over time among them.
    const overTime = await new AxeBuilder({ page }).include('[data-testid="month-grid-welfare.fillRate.district.months"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(overTime.violations.map((v) => v.id)).toEqual([]);
    expect(overTime.passes.map((v) => v.id)).toEqual(expect.arrayContaining(["scrollable-region-focusable", "th-has-data-cells"]));

    const utf8 = await download(page, "すべての表をCSVで（UTF-8）");
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { records } = parseCsvRecords(utf8.toString("utf8"));
    expect(records[0].fields).toEqual(["表ID", "表", "項目", "単位", "2026年度", "2025年度"]);
    expect(records.length).toBeGreaterThan(10);
    const sections = new Set(records.slice(1).map((r) => r.fields[0].split(".")[0]));
    expect([...sections]).toEqual(expect.arrayContaining(["newcomers", "activity", "parks", "welfare", "safeguarding"]));
    for (const r of records.slice(1)) expect(r.fields[4]).toMatch(/^(\d+(\.\d)?)?$/);

    const sjis = await download(page, "すべての表をCSVで（Shift_JIS）");
    expect(sjis[0]).not.toBe(0xef);
    const decoded = new TextDecoder("shift_jis", { fatal: true }).decode(sjis);
    // The same text, with the wave dash of 「18〜22歳」 in the form Shift_JIS has, and no character lost to "?".
    expect(decoded).toBe(utf8.toString("utf8").replace(/^\uFEFF/, "").replace(/\u301C/g, "\uFF5E"));

    // One table on its own, from the link under its chart.
    const one = await download(page, /をCSV（UTF-8）でダウンロード/);
    expect(one.toString("utf8").startsWith("\uFEFF")).toBe(true);

    const pdf = await download(page, "報告書をPDFでダウンロード");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf).replace(/[ \t]+/g, " ");
    expect(text).toContain("八幡東区 地域の担い手づくり 施策進捗報告");
    expect(text).toContain("2026-04-01 〜 2027-03-31");
    expect(text).toContain("2026年度");

    // The list behind a figure passes axe too.
    await open(page, "/staff/reports/list?figure=activity.postingsPublished&year=2026");
    const list = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(list.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // …and downloads as CSV: the rows the page shows, with a BOM, and no person in it.
    await open(page, "/staff/reports/list?figure=activity.sessionsHeld&year=2026");
    const shownRows = await page.getByTestId("behind-list").locator("tbody tr").count();
    expect(shownRows).toBeGreaterThan(0);
    const listCsv = await download(page, /の内訳をCSV（UTF-8）でダウンロード/);
    expect([...listCsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const listRecords = parseCsvRecords(listCsv.toString("utf8")).records;
    expect(listRecords[0].fields).toEqual(["活動日", "団体・学校・地区", "日時", "数"]);
    expect(listRecords.length - 1).toBe(shownRows);
    for (const r of listRecords.slice(1)) {
      expect(r.fields[2]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
      expect(r.fields[3]).toMatch(/^\d+$/);
    }
    const listText = listCsv.toString("utf8");
    for (const person of ["高校生", "highschool@", "student@"]) expect(listText).not.toContain(person);
    const listSjis = await download(page, /の内訳をCSV（Shift_JIS/);
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(listSjis)).toBe(listText.replace(/^\uFEFF/, ""));
  });
});
