import { expect, test } from "@playwright/test";
import { emailLinks, open, unique } from "./support";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

test("a university student finds a posting on a phone, signs up from it, confirms the email and lands back on it", async ({ page }) => {
  test.setTimeout(150_000);
  // A search shows results without scrolling.
  await open(page, "/postings?q=" + encodeURIComponent("公園"));
  const first = page.getByRole("region", { name: /件の募集/ }).getByRole("listitem").first();
  await expect(first).toBeInViewport();
  const href = (await first.getByRole("link").first().getAttribute("href"))!;
  const id = Number(href.match(/\/postings\/(\d+)/)![1]);

  await open(page, `/postings/${id}`);
  await page.getByRole("link", { name: "はじめての方は新規登録（無料）" }).click();
  await expect(page).toHaveURL(/\/signup\?redirectTo=/);
  await expect(page.getByText("ボランティアに申し込んだり")).toBeVisible();
  // The terms and the privacy notice are a link away from the checkbox.
  await expect(page.getByRole("link", { name: "利用規約" }).first()).toHaveAttribute("href", "/terms");

  // Everything missing is said at once, at the top, with the focus there.
  await page.getByRole("button", { name: "登録する" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  for (const field of ["お名前（表示名）", "メールアドレス", "パスワード", "同意"]) await expect(summary).toContainText(field);

  const email = `${unique("univ")}@example.com`;
  await page.getByLabel("お名前（表示名）").fill("九州 大地");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("sarakura-yakei-2026");
  await page.getByLabel("利用規約と個人情報の取り扱いに同意します").check();
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page).toHaveURL(/\/check-email/);

  const { links } = await emailLinks(page.request, email);
  const verify = links.find((l) => l.includes("/verify-email"))!;
  expect(new URL(verify).searchParams.get("next")).toBe(`/postings/${id}#apply`);
  await open(page, new URL(verify).pathname + new URL(verify).search);
  await page.getByRole("button", { name: "メールアドレスを確認する" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill("sarakura-yakei-2026");
  await page.getByRole("button", { name: "ログインする" }).click();
  await expect(page).toHaveURL(new RegExp(`/postings/${id}`));
});
