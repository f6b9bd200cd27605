import { expect, test, type Page } from "@playwright/test";
import { open } from "./support";

/** The phone the issue was tried on: 390 × 844. */
test.use({ viewport: { width: 390, height: 844 } });

async function headerHeight(page: Page): Promise<number> {
  return (await page.locator("header").first().boundingBox())!.height;
}

test.describe("a phone's header", () => {
  test("is one row with a menu that opens, with and without JavaScript", async ({ page, browser }) => {
    await open(page, "/");
    const menu = page.getByTestId("site-menu");
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    // One row under the demo banner: the name and the menu button, nothing wrapping.
    expect(await headerHeight(page)).toBeLessThan(120);
    await expect(nav.getByRole("link", { name: "ボランティアを探す" })).toBeHidden();
    await menu.getByText("メニュー").click();
    await expect(nav.getByRole("link", { name: "ボランティアを探す" })).toBeVisible();
    await nav.getByRole("link", { name: "団体の方へ" }).click();
    await expect(page).toHaveURL(/\/for-groups$/);
    // Following a link closes the menu again.
    await expect(nav.getByRole("link", { name: "ボランティアを探す" })).toBeHidden();

    const noJs = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })).newPage();
    await noJs.goto("/");
    const noJsNav = noJs.getByRole("navigation", { name: "メインメニュー" });
    await expect(noJsNav.getByRole("link", { name: "ログイン" })).toBeHidden();
    await noJs.getByTestId("site-menu").getByText("メニュー").click();
    await noJsNav.getByRole("link", { name: "ログイン" }).click();
    await expect(noJs).toHaveURL(/\/login$/);
    await noJs.context().close();
  });

  test("on a wide screen the same menu is a row of links, its button hidden", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, "/");
    await expect(page.getByTestId("site-menu").getByText("メニュー")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "ボランティアを探す" })).toBeVisible();
  });
});
