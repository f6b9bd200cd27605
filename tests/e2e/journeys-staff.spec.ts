import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, loginInBrowser, open } from "./support";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

test("ward staff land on their page with what waits counted, read the audit log in words, filter it by label and export it", async ({ page }) => {
  test.setTimeout(150_000);
  await loginInBrowser(page, ACCOUNTS.staff);
  await expect(page).toHaveURL(/\/staff$/);
  const waiting = page.getByTestId("waiting-staff");
  await expect(waiting.getByRole("listitem")).toHaveCount(4);
  await expect(waiting).toContainText("確認を待っている団体");

  await open(page, "/staff/audit");
  const first = page.getByTestId("audit-entry").first();
  await expect(first).toBeVisible();
  // No stored JSON on the page.
  expect(await page.locator("main").textContent()).not.toMatch(/\{"/);
  await page.getByLabel("操作", { exact: true }).selectOption({ label: "ログイン" });
  await page.getByRole("button", { name: "検索する" }).click();
  await expect(page).toHaveURL(/action=auth\.login/);
  await expect(page.getByTestId("audit-entry").first()).toContainText("ログイン");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "この条件でCSVに書き出す" }).click();
  const file = readFileSync(await (await download).path());
  expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const text = file.toString("utf8");
  expect(text).toContain("日時（日本時間）");
  expect(text).toContain("ログイン");

  // The export is itself in the log.
  await open(page, "/staff/audit?action=audit.exported");
  await expect(page.getByTestId("audit-entry").first()).toContainText("監査ログの書き出し");
});
