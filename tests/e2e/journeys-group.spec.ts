import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, emailLinks, loginInBrowser, open, unique } from "./support";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility of ${name}`).toEqual([]);
}

test.describe("a group", () => {
  test("a signed-out person finds the page for groups, the terms, the privacy notice and the contact page, and gets to registering", async ({ page }) => {
    test.setTimeout(150_000);
    await open(page, "/");
    await page.getByTestId("site-menu").getByText("メニュー").click();
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "団体の方へ" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "団体の方へ" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "18歳未満の人を受け入れるとき" })).toBeVisible();
    await expectAccessible(page, "the page for groups");
    for (const [link, heading] of [
      ["利用規約", "利用規約"],
      ["個人情報の取り扱い", "個人情報の取り扱い"],
      ["お問い合わせ", "お問い合わせ"],
    ] as const) {
      await page.getByRole("contentinfo").getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page, heading);
    }
    // The privacy notice's periods come from the retention rules.
    await page.getByRole("contentinfo").getByRole("link", { name: "個人情報の取り扱い" }).click();
    await expect(page.getByTestId("retention-periods")).toContainText("12 か月後");

    await open(page, "/for-groups");
    await page.getByRole("link", { name: "アカウントを作って団体を登録する" }).first().click();
    const email = `${unique("group")}@example.com`;
    await page.getByLabel("お名前（表示名）").fill("高見 公園");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("takami-koen-aigokai");
    await page.getByLabel("利用規約と個人情報の取り扱いに同意します").check();
    await page.getByRole("button", { name: "登録する" }).click();
    const { links } = await emailLinks(page.request, email);
    const verify = new URL(links.find((l) => l.includes("/verify-email"))!);
    await open(page, verify.pathname + verify.search);
    await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("takami-koen-aigokai");
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page).toHaveURL(/\/organisations\/new$/);
  });

  test("the owner lands on a home that counts what to decide, and the dashboard lists every session to come", async ({ page }) => {
    test.setTimeout(120_000);
    await loginInBrowser(page, ACCOUNTS.owner);
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
    const orgSection = page.locator('[data-testid^="waiting-org-"]').first();
    await expect(orgSection.getByRole("listitem").first()).toContainText("返事を待っている申し込み");
    await expectAccessible(page, "the owner's home");
    await page.getByRole("link", { name: "団体の管理ページを開く" }).first().click();
    const toDecide = page.locator("#to-decide");
    await expect(toDecide.getByRole("heading", { name: /返事を待っている申し込み/ })).toBeVisible();
  });
});
