import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, idsIn, loginInBrowser, open } from "./support";

// The association's member records the morning's weeding on a phone in the park.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "park-report-")), "r.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
}

test("an association records an activity on a phone and downloads the year's report, which holds it", async ({ page }) => {
  test.setTimeout(120_000);
  await loginInBrowser(page, ACCOUNTS.owner);
  await open(page, "/account");
  let parkPage: string | null = null;
  for (const orgId of idsIn(await page.content(), /href="\/orgs\/(\d+)"/)) {
    await open(page, `/orgs/${orgId}`);
    const link = page.getByRole("link", { name: "公園の記録" });
    if (await link.count()) {
      await link.click();
      await page.waitForURL(/\/orgs\/\d+\/parks\/\d+$/);
      parkPage = page.url();
      break;
    }
  }
  expect(parkPage).not.toBeNull();
  await expect(page.getByRole("heading", { name: "桃園公園", level: 1 })).toBeVisible();

  const log = page.locator('section[aria-labelledby="log-heading"]');
  const started = Date.now();
  await log.getByLabel("内容").selectOption("cleaning");
  await log.getByLabel("人数").fill("7");
  await log.getByLabel("うちサイト経由").fill("2");
  await log.getByLabel("時間").fill("1.5");
  await log.getByLabel("メモ（任意）").fill("台風のあとの枝拾い");
  await page.getByRole("button", { name: "記録する" }).click();
  await expect(page.getByText("活動を記録しました。")).toBeVisible();
  expect(Date.now() - started).toBeLessThan(60_000);
  await expect(page.getByText("台風のあとの枝拾い").first()).toBeVisible();

  // A bad number is refused beside its field, in Japanese, and nothing is lost.
  await log.getByLabel("人数").fill("2");
  await log.getByLabel("うちサイト経由").fill("5");
  await log.getByLabel("時間").fill("1");
  await page.getByRole("button", { name: "記録する" }).click();
  // Beside the field (and linked from the error summary at the top).
  await expect(page.locator("#f-viaSite-error")).toContainText("サイト経由の人数が全体の人数より多くなっています。");
  await expect(page.getByTestId("error-summary")).toContainText("サイト経由の人数が全体の人数より多くなっています。");

  const link = page.getByRole("link", { name: /活動報告書（PDF）/ }).first();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  const text = pdfText(readFileSync(file));
  expect(text).toContain("公園愛護会 活動報告書");
  expect(text).toContain("桃園公園");
  expect(text).toContain("台風のあとの枝拾い");
  expect(text).toContain("助成金額");
});

test("staff see the association at risk with the reason in words", async ({ page }) => {
  test.setTimeout(120_000);
  await loginInBrowser(page, ACCOUNTS.staff);
  await open(page, "/staff/parks");
  const momozono = page.locator('tr[data-park="桃園公園"]');
  await expect(momozono).toContainText("要支援");
  await expect(momozono).toContainText("役員全員が75歳以上");
  const okudagawa = page.locator('tr[data-park="奥田川せせらぎ広場"]');
  await expect(okudagawa).toContainText("6か月活動の記録なし");
  await expect(okudagawa).toContainText("新しい会員が5年間いない");
  // At-risk rows come before the healthy one and the park without an association.
  const names = await page.locator("tr[data-park]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-park")));
  expect(names.indexOf("桃園公園")).toBeLessThan(names.indexOf("河内桜公園"));
  expect(names.indexOf("奥田川せせらぎ広場")).toBeLessThan(names.indexOf("（デモ）東台ちびっこ公園"));
  await page.getByLabel("状態").selectOption("none");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page.locator("tr[data-park]")).toHaveCount(1);
});

test("a visitor finds the park at /parks and its next posting, and no representative's contact", async ({ page }) => {
  await open(page, "/parks");
  await page.getByLabel("公園名・住所").fill("桃園");
  await page.getByRole("button", { name: "探す" }).click();
  await page.waitForURL(/q=/);
  await page.getByRole("link", { name: "桃園公園", exact: true }).click();
  await expect(page.getByRole("heading", { name: "桃園公園", level: 1 })).toBeVisible();
  await expect(page.getByText("毎月第2・第4日曜日")).toBeVisible();
  const posting = page.locator('section[aria-labelledby="postings-heading"] a').first();
  await expect(posting).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain("093-000-0199");
  await posting.click();
  await expect(page).toHaveURL(/\/postings\/\d+$/);
});

test("without JavaScript, a visitor sorts parks by nearness to a chosen place", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/parks");
  await page.getByLabel("近い順（場所を選ぶ）").selectOption({ index: 1 });
  await page.getByRole("button", { name: "探す" }).click();
  await expect(page.getByRole("status")).toContainText("から近い順");
  await expect(page.getByText(/約[\d.]+km/).first()).toBeVisible();
  await context.close();
});

test("staff add a park by hand (a mistake first, then right) and import a Shift_JIS file saved by Excel", async ({ page }) => {
  test.setTimeout(120_000);
  await loginInBrowser(page, ACCOUNTS.staff);
  await open(page, "/staff/parks");
  await page.getByRole("link", { name: "公園を追加" }).click();
  await page.waitForURL(/\/staff\/parks\/new$/);
  const code = `E2E-${Date.now().toString(36)}`;
  await page.getByLabel("公園コード").fill("コード 1");
  await page.getByLabel("公園名").fill("（試験）手で追加した公園");
  await page.getByRole("button", { name: "公園を追加" }).click();
  // The same checks as a CSV row, beside each field; what was typed stays.
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await expect(page.locator("#f-code-error")).toBeVisible();
  await expect(page.locator("#f-areaM2-error")).toBeVisible();
  await expect(page.getByLabel("公園名")).toHaveValue("（試験）手で追加した公園");
  await page.getByLabel("公園コード").fill(code);
  await page.getByLabel("面積（㎡）").fill("640");
  await page.getByRole("button", { name: "公園を追加" }).click();
  await page.waitForURL(/\/staff\/parks\/\d+$/);
  await expect(page.getByRole("heading", { name: "（試験）手で追加した公園", level: 1 })).toBeVisible();

  await open(page, "/staff/parks/import");
  await page.getByLabel(/CSVファイル/).setInputFiles(new URL("../fixtures/parks-shift_jis.csv", import.meta.url).pathname);
  await page.getByRole("button", { name: "確認して取り込む" }).click();
  await page.waitForURL(/\/staff\/parks$/);
  await expect(page.locator('tr[data-park="髙見①ひろば（試験）"]')).toBeVisible();
});
