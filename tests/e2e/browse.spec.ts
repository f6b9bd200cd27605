import { expect, test } from "@playwright/test";
import { open } from "./support";

test.describe("browsing postings as a visitor", () => {
  test("a visitor goes from the home page to a filtered list and opens a posting", async ({ page }) => {
    const home = await open(page, "/");
    expect(home?.status()).toBe(200);
    await expect(page).toHaveTitle(/つなぐ八幡東/);
    await expect(page.getByRole("heading", { level: 1, name: "地域と、あなたをつなぐ。" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");

    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "ボランティアを探す" }).click();
    await expect(page).toHaveURL(/\/postings$/);
    await expect(page.getByRole("heading", { level: 1, name: "ボランティアを探す" })).toBeVisible();
    const allCount = Number((await page.getByRole("heading", { name: /件の募集/ }).textContent())!.match(/\d+/)![0]);
    expect(allCount).toBeGreaterThan(10);

    await page.waitForSelector("html[data-hydrated]");
    const categories = page.getByRole("group", { name: "分野" });
    await categories.getByLabel("公園・緑化").check();
    // With JavaScript the list follows each change; the button also searches.
    await expect(page).toHaveURL(/category=parks/);
    await page.getByLabel("高校生歓迎（18歳未満の方がいま申し込める）").check();
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await expect(page).toHaveURL(/category=parks/);
    await expect(page).toHaveURL(/minors=1/);

    const results = page.getByRole("region", { name: /件の募集/ }).getByRole("listitem");
    const count = Number((await page.getByRole("heading", { name: /件の募集/ }).textContent())!.match(/\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(allCount);
    // Every card shown is in the chosen category and welcomes under-18s.
    for (const card of await results.all()) {
      await expect(card).toContainText("公園・緑化");
      await expect(card).toContainText("高校生歓迎");
    }
    // The filters stay chosen on the result page.
    await expect(categories.getByLabel("公園・緑化")).toBeChecked();
    await expect(page.getByLabel("高校生歓迎（18歳未満の方がいま申し込める）")).toBeChecked();

    const first = results.first().getByRole("link");
    const title = (await first.textContent())!.trim();
    await first.click();
    await expect(page).toHaveURL(/\/postings\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    for (const section of ["活動内容", "日時", "場所", "参加できる方・持ち物", "募集している団体"]) {
      await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
    }
    const when = page.getByRole("region", { name: "日時" });
    await expect(when).toContainText(/残り\d+名（定員\d+名）/);
    await expect(page.getByRole("region", { name: "募集している団体" })).toContainText("（デモ）");
    await expect(page.getByRole("region", { name: "場所", exact: true })).not.toBeEmpty();

    await page.getByRole("link", { name: /募集一覧へ戻る/ }).click();
    await expect(page).toHaveURL(/\/postings$/);
  });

  test("an unknown posting shows the not-found page with status 404", async ({ page }) => {
    for (const path of ["/postings/999999", "/postings/abc", "/no-such-page"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "ページが見つかりません" })).toBeVisible();
      await expect(page).toHaveTitle("ページが見つかりません | つなぐ八幡東");
      await expect(page.getByRole("link", { name: "トップページへ" })).toBeVisible();
    }
  });

  test("bad filter values are reported beside their fields, never as a server error", async ({ page }) => {
    const response = await page.goto("/postings?from=not-a-date&category=%3Cscript%3Ealert(1)%3C/script%3E&district=nowhere&page=-3");
    expect(response?.status()).toBe(200);
    await expect(page.locator("#from-error")).toContainText("日付を正しく入力してください。");
    await expect(page.locator("#category-error")).toContainText("一覧から選んでください。");
    await expect(page.locator("#district-error")).toContainText("一覧から選んでください。");
    await expect(page.getByRole("group", { name: "分野" })).toHaveAttribute("aria-describedby", "category-error");
    // The bad values are dropped, not echoed into the page as markup.
    expect(await page.content()).not.toContain("<script>alert(1)");
    await expect(page.getByRole("heading", { name: /件の募集/ })).toBeVisible();

    const reversed = await page.goto("/postings?from=2030-05-10&to=2030-05-01");
    expect(reversed?.status()).toBe(200);
    await expect(page.locator("#to-error")).toContainText("終わりの日付は、始まりの日付より後にしてください。");

    for (const query of ["page=99999999999", "minors=yes", "from=2030-02-31", "category=" + "a".repeat(500)]) {
      const r = await page.goto(`/postings?${query}`);
      expect(r?.status(), query).toBe(200);
    }
  });

  test("the language switch works without JavaScript and <html lang> follows", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/postings?category=parks");
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ボランティアを探す");

    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/postings\?category=parks$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find volunteering");
    await expect(page.getByRole("group", { name: "Area of activity" }).getByLabel("Parks & greenery")).toBeChecked();
    await expect(page.getByRole("button", { name: "Search", exact: true })).toBeVisible();

    // The choice is remembered on the next page.
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    await page.getByRole("button", { name: "日本語" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "ja");
    await expect(page.getByRole("heading", { level: 1, name: "地域と、あなたをつなぐ。" })).toBeVisible();
    await context.close();
  });
});
