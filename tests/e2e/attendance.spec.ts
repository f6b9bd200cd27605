import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, idsIn, loginInBrowser, open, waitForHydration } from "./support";

// A phone in one hand: the narrowest screen the check-in page is made for.
const PHONE = { viewport: { width: 320, height: 640 }, hasTouch: true };

async function phone(browser: Browser) {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "certificate-")), "c.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
}

/** The owner's check-in page of the demo session in progress, found from the group's dashboard. */
async function checkInPage(page: Page): Promise<string> {
  await open(page, "/account");
  for (const orgId of idsIn(await page.content(), /href="\/orgs\/(\d+)"/)) {
    await open(page, `/orgs/${orgId}`);
    const link = page.locator('section[aria-labelledby="check-in-now"] a').first();
    if (await link.count()) return (await link.getAttribute("href"))!;
  }
  throw new Error("no session to check in on the owner's dashboards");
}

const row = (page: Page, name: string) => page.locator(`[data-testid="attendance-row"][data-name="${name}"]`);

/**
 * The demo's session of the day: the browser tests' server seeds it in progress whatever the hour
 * (DEMO_SESSION_AT_ANY_HOUR; a demo seeded at night otherwise places it the next morning, which
 * app/modules/attendance/demo-session.test.ts checks).
 */
const sessionOfTheDay = checkInPage;

test("with JavaScript, a tap the server refuses says why beside the person, and changes nothing", async ({ browser }) => {
  test.setTimeout(180_000);
  const group = await phone(browser);
  await loginInBrowser(group.page, ACCOUNTS.owner);
  const checkIn = await sessionOfTheDay(group.page);
  await open(group.page, checkIn);
  await waitForHydration(group.page);
  // Nobody has checked her in: a check-out is refused ("not checked in" by day; "before the check-in opens" when the
  // session is tomorrow's). Without JavaScript the page says so at the top, as before.
  await row(group.page, "山田 花子").getByRole("button", { name: "退出" }).click();
  await expect(row(group.page, "山田 花子").getByTestId("tap-refusal")).toHaveText(/到着の記録がないため、退出を記録できません。|受付開始（開始1時間前）より前です。/);
  await expect(row(group.page, "山田 花子").getByTestId("attendance-status")).toHaveText("未記録");
  await group.context.close();
});

test("with JavaScript, a tap whose sending fails (no connection, then a 5xx) is sent again by itself while the phone stays online", async ({ browser }) => {
  test.setTimeout(180_000);
  const group = await phone(browser);
  await loginInBrowser(group.page, ACCOUNTS.owner);
  const checkIn = await sessionOfTheDay(group.page);
  // Weak reception: the phone still says it is online, but the first send gets no answer and the second a 503.
  let sends = 0;
  await group.page.route(/\/taps$/, async (route) => {
    sends++;
    if (sends === 1) return route.abort("connectionreset");
    if (sends === 2) return route.fulfill({ status: 503, body: "" });
    return route.continue();
  });
  await open(group.page, checkIn);
  await row(group.page, "山田 花子").getByRole("button", { name: "欠席" }).click();
  await expect(row(group.page, "山田 花子").getByTestId("attendance-status")).toHaveText("欠席");
  expect(sends).toBe(3);
  await expect(group.page.getByRole("status").filter({ hasText: "未送信" })).toHaveCount(0);
  await group.context.close();
});

test("with JavaScript, a tap made after the phone was signed out is kept, and sent once the group signs in again", async ({ browser }) => {
  test.setTimeout(180_000);
  const group = await phone(browser);
  await loginInBrowser(group.page, ACCOUNTS.owner);
  const checkIn = await sessionOfTheDay(group.page);
  await open(group.page, checkIn);
  // The session ends on the server while the page stays open (the cookie goes, as when a session expires).
  await group.context.clearCookies();
  await row(group.page, "佐藤 翔太").getByRole("button", { name: "欠席" }).click();
  // Not taken for saved: the login page the server redirects to is no answer to a tap; the page says what to do.
  await expect(group.page.getByRole("status").filter({ hasText: "ログインが切れたため、タップ 1 件を送れていません" })).toBeVisible();
  await expect(row(group.page, "佐藤 翔太").getByTestId("attendance-status")).toHaveText("未記録");
  // Its link signs in again and comes back to the page, which sends the kept tap.
  await group.page.getByRole("link", { name: "ログインし直す" }).click();
  await expect(group.page).toHaveURL(/\/login\?redirectTo=/);
  await waitForHydration(group.page);
  await group.page.getByLabel("メールアドレス").fill(ACCOUNTS.owner);
  await group.page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await group.page.getByRole("button", { name: "ログインする" }).click();
  await expect(group.page).toHaveURL(new RegExp(`${checkIn}$`));
  await expect(row(group.page, "佐藤 翔太").getByTestId("attendance-status")).toHaveText("欠席");
  await expect(group.page.getByRole("status").filter({ hasText: /未送信|送れていません/ })).toHaveCount(0);
  await group.context.close();
});

test("on the day: the group checks in two people, a third checks in by QR, the group confirms; the volunteer's certificate verifies and can be revoked", async ({ browser }) => {
  test.setTimeout(180_000);
  const group = await phone(browser);
  await loginInBrowser(group.page, ACCOUNTS.owner);
  const checkIn = await checkInPage(group.page);
  await open(group.page, checkIn);
  // Nothing sticks out sideways at 320 px.
  expect(await group.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  await row(group.page, "山田 花子").getByRole("button", { name: "出席" }).click();
  await expect(row(group.page, "山田 花子").getByTestId("attendance-status")).toHaveText("出席");
  await row(group.page, "佐藤 翔太").getByRole("button", { name: "遅刻" }).click();
  await expect(row(group.page, "佐藤 翔太").getByTestId("attendance-status")).toHaveText("遅刻");
  // The minor is marked on the sheet.
  await expect(row(group.page, "佐藤 翔太")).toContainText("18歳未満");

  // The third person opens the QR code's address, signs in, and comes back to check in.
  const selfUrl = new URL((await group.page.getByTestId("self-check-in-url").getAttribute("href"))!);
  const third = await phone(browser);
  await third.page.goto(selfUrl.pathname);
  await expect(third.page).toHaveURL(/\/login\?redirectTo=/);
  await waitForHydration(third.page);
  await third.page.getByLabel("メールアドレス").fill(ACCOUNTS.editor);
  await third.page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await third.page.getByRole("button", { name: "ログインする" }).click();
  await expect(third.page).toHaveURL(new RegExp(`${selfUrl.pathname}$`));
  await third.page.getByRole("button", { name: "到着を記録する" }).click();
  await expect(third.page.getByText(/に到着を記録しました/)).toBeVisible();
  await third.context.close();

  // Both phones' taps show on reload; the group records the session as shown.
  await open(group.page, checkIn);
  await expect(group.page.getByTestId("attendance-counts")).toContainText("出席 2・遅刻 1・欠席 0・未記録 0");
  await group.page.getByRole("button", { name: "表示のとおり記録する" }).click();
  await expect(group.page.getByText("出欠は確定済みです")).toBeVisible();
  await expect(group.page.getByRole("button", { name: "表示のとおり記録する" })).toHaveCount(0);
  await group.context.close();

  // The volunteer issues a certificate for this 年度 and reads what it says.
  const volunteer = await phone(browser);
  await loginInBrowser(volunteer.page, ACCOUNTS.student);
  await open(volunteer.page, "/account/hours");
  await expect(volunteer.page.getByTestId("hours-total")).toContainText("時間");
  await open(volunteer.page, "/account/certificates");
  await volunteer.page.getByRole("button", { name: "発行する" }).click();
  await expect(volunteer.page).toHaveURL(/\/certificates\/[a-z2-7]{26}$/);
  const code = volunteer.page.url().split("/").pop()!;
  await expect(volunteer.page.getByTestId("certificate-state")).toHaveText("有効");
  await expect(volunteer.page.getByTestId("certificate-holder")).toHaveText("山田 花子");
  const total = (await volunteer.page.getByTestId("certificate-total").textContent())!.split("（")[0];
  expect(total).toMatch(/^\d+:\d\d$/);

  const pdf = await volunteer.page.request.get(`/certificates/${code}.pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = pdfText(await pdf.body());
  expect(text).toContain("ボランティア活動証明書");
  expect(text).toContain("山田 花子");
  expect(text).toContain(total);
  expect(text).toContain(code);

  // Anyone can check it, without an account; a changed code is invalid.
  const anonymous = await browser.newContext(PHONE);
  const visitor = await anonymous.newPage();
  const response = await visitor.goto(`/certificates/${code}`);
  expect(response!.headers()["x-robots-tag"]).toContain("noindex");
  await expect(visitor.getByTestId("certificate-state")).toHaveText("有効");
  const changed = `${code.slice(0, -1)}${code.endsWith("a") ? "b" : "a"}`;
  await visitor.goto(`/certificates/${changed}`);
  await expect(visitor.getByTestId("certificate-state")).toHaveText("無効");

  // The volunteer revokes it; the same page now says so.
  await open(volunteer.page, "/account/certificates");
  await volunteer.page.locator("li", { has: volunteer.page.locator(`a[href="/certificates/${code}"]`) }).getByRole("button", { name: "取り消す" }).click();
  await expect(volunteer.page.getByText("証明書を取り消しました")).toBeVisible();
  await visitor.goto(`/certificates/${code}`);
  await expect(visitor.getByTestId("certificate-state")).toHaveText("取り消し済み");
  await anonymous.close();
  await volunteer.context.close();
});
