import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, createVerifiedAccount, loginInBrowser, open, unique, waitForHydration } from "./support";

test.describe("accounts", () => {
  test("a person signs up, confirms the email from the mailbox, logs in and edits the profile", async ({ page }) => {
    const email = `${unique("hanako")}@example.com`;
    const password = "sarakura-yama-no-yoru-2026";

    await open(page, "/");
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "新規登録" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await waitForHydration(page);
    await page.getByLabel("お名前（表示名）").fill("八幡 はなこ");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(password);
    await page.getByLabel("利用規約と個人情報の取り扱いに同意します").check();
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page).toHaveURL(/\/check-email$/);
    await expect(page.getByRole("heading", { level: 1, name: "メールをご確認ください" })).toBeVisible();

    // Not yet confirmed: logging in is refused with an explanation.
    await open(page, "/login");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page.getByRole("alert")).toContainText("メールアドレスの確認がまだ済んでいません");

    await open(page, "/check-email");
    await page.getByRole("main").getByRole("link", { name: "送信されたメールを見る" }).click();
    await expect(page).toHaveURL(/\/dev\/mailbox$/);
    const item = page.getByRole("listitem").filter({ hasText: email }).first();
    await expect(item).toBeVisible();
    await item.getByRole("link").click();
    await expect(page).toHaveURL(/\/dev\/mailbox\/\d+$/);
    const verifyLink = page.getByTestId("email-body").getByRole("link", { name: /\/verify-email\?token=/ });
    await expect(verifyLink).toHaveCount(1);
    await verifyLink.click();

    await expect(page).toHaveURL(/\/verify-email\?token=/);
    await waitForHydration(page);
    await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toContainText("メールアドレスを確認しました。");

    await waitForHydration(page);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログインする" }).click();
    // Signing in lands on the person's home, which says what waits; the profile is a link away.
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByRole("heading", { level: 1, name: "ホーム" })).toBeVisible();
    await open(page, "/account");
    await expect(page.getByRole("heading", { level: 1, name: "マイページ" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();

    await waitForHydration(page);
    await page.getByLabel("お名前（表示名）").fill("八幡 花子");
    await page.getByLabel("ふりがな").fill("やはた はなこ");
    await page.getByLabel("お住まいの地域").selectOption({ label: "枝光" });
    await page.getByLabel("公園・緑化").check();
    await page.getByRole("button", { name: "プロフィールを保存する" }).click();
    await expect(page.getByRole("status")).toContainText("プロフィールを保存しました。");

    await page.reload();
    await expect(page.getByLabel("お名前（表示名）")).toHaveValue("八幡 花子");
    await expect(page.getByLabel("ふりがな")).toHaveValue("やはた はなこ");
    await expect(page.getByLabel("お住まいの地域").locator("option:checked")).toHaveText("枝光");
    await expect(page.getByLabel("公園・緑化")).toBeChecked();

    // A bad value is reported beside the field and the other values are kept.
    await waitForHydration(page);
    await page.getByLabel("ふりがな").fill("Yahata");
    await page.getByRole("button", { name: "プロフィールを保存する" }).click();
    await expect(page.locator("#f-nameKana-error")).toContainText("ひらがな・カタカナで入力してください。");
    await expect(page.getByLabel("ふりがな")).toHaveValue("Yahata");
    await expect(page.getByLabel("お名前（表示名）")).toHaveValue("八幡 花子");
  });

  test("sign-up errors appear beside the fields and the typed values are kept", async ({ page }) => {
    await open(page, "/signup");
    await page.getByLabel("お名前（表示名）").fill("テスト 太郎");
    await page.getByLabel("メールアドレス").fill("not-an-email");
    await page.getByLabel("パスワード").fill("abcdefg");
    await page.getByRole("button", { name: "登録する" }).click();

    await expect(page.locator("#f-email-error")).toContainText("メールアドレスの形式で入力してください");
    await expect(page.locator("#f-password-error")).toContainText("パスワードは8文字以上にしてください。");
    await expect(page.locator("#f-agree-error")).toContainText("登録には同意が必要です。");
    await expect(page.getByRole("alert")).toContainText("確認が必要な項目があります");
    await expect(page.getByLabel("メールアドレス")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("メールアドレス")).toHaveAttribute("aria-describedby", /f-email-error/);
    await expect(page.getByLabel("お名前（表示名）")).toHaveValue("テスト 太郎");
    await expect(page.getByLabel("メールアドレス")).toHaveValue("not-an-email");

    await waitForHydration(page);
    const email = `${unique("taro")}@example.com`;
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("password123");
    await page.getByLabel("利用規約と個人情報の取り扱いに同意します").check();
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page.locator("#f-password-error")).toContainText("よく使われていて推測されやすいパスワードです。");
    await expect(page.locator("#f-email-error")).toBeEmpty();
    await expect(page.getByLabel("メールアドレス")).toHaveValue(email);
    await expect(page.getByLabel("利用規約と個人情報の取り扱いに同意します")).toBeChecked();
    await expect(page).toHaveURL(/\/signup$/);

    // The same checks without JavaScript: a plain form post answers 400 with the messages.
    const response = await page.request.post("/signup", { form: { displayName: "x", email: "bad", password: "1234567" }, maxRedirects: 0 });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("パスワードは8文字以上にしてください。");
    expect(html).toContain('value="bad"');
    // A password is never sent back into the page.
    expect(html).not.toContain("1234567");
  });

  test("a forgotten password is reset through the emailed link, once", async ({ page }) => {
    const { email, password } = await createVerifiedAccount(page.request, "リセット 試験");
    await page.request.post("/logout");

    await open(page, "/login");
    await page.getByRole("link", { name: "パスワードをお忘れの方" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await waitForHydration(page);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByRole("button", { name: "再設定メールを送る" }).click();
    await expect(page.getByRole("status").filter({ hasText: "再設定用のリンクをお送りしました" })).toBeVisible();

    await open(page, "/dev/mailbox");
    await page.getByRole("listitem").filter({ hasText: email }).first().getByRole("link").click();
    const resetLink = page.getByTestId("email-body").getByRole("link", { name: /\/reset-password\?token=/ });
    await expect(resetLink).toHaveCount(1);
    const resetUrl = (await resetLink.getAttribute("href"))!;
    await resetLink.click();

    await expect(page).toHaveURL(/\/reset-password\?token=/);
    await waitForHydration(page);
    const newPassword = "hobashira-no-asa-2026";
    await page.getByLabel(/^新しいパスワード\s*必須$/).fill(newPassword);
    await page.getByLabel(/^新しいパスワード（確認）/).fill("something-else-2026");
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page.locator("#f-passwordConfirm-error")).toContainText("確認用のパスワードが一致しません。");

    await page.getByLabel(/^新しいパスワード\s*必須$/).fill(newPassword);
    await page.getByLabel(/^新しいパスワード（確認）/).fill(newPassword);
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toContainText("パスワードを変更しました。");

    // The old password no longer works; the new one does.
    await waitForHydration(page);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page.getByRole("alert")).toContainText("メールアドレスまたはパスワードが正しくありません。");
    await loginInBrowser(page, email, newPassword);
    await expect(page).toHaveURL(/\/home$/);

    // The link was used up.
    await page.goto(resetUrl);
    await expect(page.getByText("このリンクは無効か、有効期限が切れています。")).toBeVisible();
    await expect(page.getByLabel(/^新しいパスワード\s*必須$/)).toHaveCount(0);
  });

  test("ward staff cannot reach /staff without the code step, and can with it", async ({ page }) => {
    await open(page, "/login");
    await page.getByLabel("メールアドレス").fill(ACCOUNTS.staff);
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "ログインする" }).click();
    await expect(page).toHaveURL(/\/login\/two-factor/);
    await expect(page.getByRole("heading", { level: 1, name: "確認コードの入力" })).toBeVisible();

    // Skipping the code step: every staff page sends the person back to it.
    for (const path of ["/staff", "/staff?status=verified", "/admin", "/account"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login\/two-factor/);
    }
    // Nor does the header treat the half-signed-in session as logged in.
    await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "区職員" })).toHaveCount(0);

    await waitForHydration(page);
    await page.getByLabel("確認コード（6桁）").fill("000000");
    await page.getByRole("button", { name: "確認する" }).click();
    await expect(page.locator("#f-code-error")).toContainText("確認コードが正しくないか");

    await page.context().clearCookies();
    await loginInBrowser(page, ACCOUNTS.staff);
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole("heading", { level: 1, name: "区職員メニュー：団体の確認" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "区職員" })).toBeVisible();
  });
});
