import { expect, test } from "@playwright/test";
import { createVerifiedAccount, location, loginWithRequests } from "./support";

/**
 * "Sign out on every device", from the account page, in a browser without JavaScript: a confirmation is asked for
 * (the error beside the box when it is missing), then every session of the person ends — this one and another
 * device's.
 */
test("sign out on every device works without JavaScript and ends every session", async ({ browser, playwright, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const { email, password } = await createVerifiedAccount(page.request, "全端末 太郎");
  // Another device of the same person.
  const other = await playwright.request.newContext({ baseURL });
  await loginWithRequests(other, email, password);
  expect((await other.get("/account", { maxRedirects: 0 })).status()).toBe(200);

  await page.goto("/account");
  await page.getByRole("link", { name: "すべての端末からログアウトする" }).click();
  await expect(page).toHaveURL(/\/account\/sign-out-everywhere$/);
  // Without the confirmation: nothing happens, the message is beside the box.
  await page.getByRole("button", { name: "すべての端末からログアウトする" }).click();
  await expect(page.locator("#f-confirm-error")).not.toBeEmpty();
  expect((await other.get("/account", { maxRedirects: 0 })).status()).toBe(200);

  await page.getByLabel("この端末でもログアウトされることを理解しました").check();
  await page.getByRole("button", { name: "すべての端末からログアウトする" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("status")).toContainText("すべての端末からログアウトしました");
  // This browser and the other device are both signed out.
  const mine = await page.request.get("/account", { maxRedirects: 0 });
  expect(mine.status()).toBe(302);
  expect(location(mine)).toMatch(/^\/login/);
  const theirs = await other.get("/account", { maxRedirects: 0 });
  expect(theirs.status()).toBe(302);
  await other.dispose();
  await context.close();
});

test("the page is in English too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await createVerifiedAccount(page.request, "Everywhere Ann");
  await page.goto("/account/sign-out-everywhere?lang=en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign out on every device");
  await expect(page.getByLabel("I understand that this device is signed out too")).toBeVisible();
  await context.close();
});
