import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createVerifiedAccount, decodeEntities, idsIn, open, ownerSession, tokyoDate, unique } from "./support";

/** Subjects of the emails to one address in the dev mailbox, newest first. */
async function subjectsTo(request: APIRequestContext, to: string): Promise<string[]> {
  const html = await (await request.get("/dev/mailbox")).text();
  return html
    .split("<li")
    .slice(1)
    .filter((item) => item.includes(to))
    .map((item) => decodeEntities(item.match(/href="\/dev\/mailbox\/\d+"[^>]*>([^<]*)</)?.[1] ?? ""));
}

async function expectEmail(request: APIRequestContext, to: string, subject: RegExp) {
  await expect.poll(async () => (await subjectsTo(request, to)).some((s) => subject.test(s)), { message: `an email to ${to} matching ${subject}`, timeout: 15_000 }).toBe(true);
}

/** The owner publishes a posting with one shift, in the given mode and capacity; returns its id. */
async function publishPosting(page: Page, orgId: number, options: { title: string; capacity: number; mode: "先着順で確定" | "団体が確認して確定"; day: number }) {
  await open(page, `/orgs/${orgId}/postings/new`);
  await page.locator("#f-title").fill(options.title);
  await page.locator("#f-description").fill("公園の落ち葉を集めて、花壇の手入れをします。軍手はこちらで用意します。");
  await page.locator("#f-categoryId").selectOption({ index: 1 });
  if ((await page.locator("#f-districtId").inputValue()) === "") await page.locator("#f-districtId").selectOption({ index: 1 });
  await page.locator("#f-placeName").fill("桃園公園");
  await page.locator('input[name="shiftDate"]').first().fill(tokyoDate(options.day));
  await page.locator('input[name="shiftStart"]').first().fill("09:00");
  await page.locator('input[name="shiftEnd"]').first().fill("11:00");
  await page.locator('input[name="shiftCapacity"]').first().fill(String(options.capacity));
  await page.getByLabel("申し込みの受け付け方").selectOption({ label: options.mode });
  await page.getByRole("button", { name: "下書きとして保存" }).click();
  await expect(page.getByRole("status")).toContainText("下書きを保存しました。");
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByRole("status")).toContainText("募集を公開しました。");
  const id = Number(page.url().match(/\/postings\/(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** A new volunteer in their own browser, logged in. */
async function newVolunteer(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  const { email } = await createVerifiedAccount(page.request, name);
  return { page, email };
}

async function applyTo(page: Page, postingId: number) {
  await open(page, `/postings/${postingId}`);
  // One session: it is already chosen, so applying is the one click on the button.
  await expect(page.getByRole("checkbox", { name: /9:00/ })).toBeChecked();
  await page.getByRole("button", { name: "申し込む" }).click();
  await page.waitForURL(/\/activities$/);
}

test.describe("applying for a shift", () => {
  test("a student applies in two clicks, gets the confirmation email, and sees the shift in My activities", async ({ browser }) => {
    test.setTimeout(120_000);
    const { page: owner, orgId } = await ownerSession(browser);
    const title = `落ち葉はき（先着） ${unique("a")}`;
    const postingId = await publishPosting(owner, orgId, { title, capacity: 3, mode: "先着順で確定", day: 30 });

    const { page, email } = await newVolunteer(browser, "応募 花子");
    // Anonymous visitors are asked to log in first; this person is logged in, so the form is there.
    await applyTo(page, postingId);
    await expect(page.getByRole("status")).toContainText("参加が確定しました");
    const upcoming = page.getByRole("region", { name: /参加予定/ });
    await expect(upcoming.getByRole("link", { name: title })).toBeVisible();
    await expect(upcoming.getByText("参加確定")).toBeVisible();
    await expectEmail(page.request, email, new RegExp(title.replace(/[()（）]/g, ".")));
    // The posting page now shows the application instead of offering it again.
    await open(page, `/postings/${postingId}`);
    await expect(page.getByText("申し込める日程はすべて申し込み済みです。")).toBeVisible();
    await expect(page.getByText("残り2名（定員3名）").first()).toBeVisible();
  });

  test("review mode: the organisation confirms and the volunteer is told", async ({ browser }) => {
    test.setTimeout(120_000);
    const { page: owner, orgId } = await ownerSession(browser);
    const title = `花壇の植え替え（確認制） ${unique("r")}`;
    const postingId = await publishPosting(owner, orgId, { title, capacity: 2, mode: "団体が確認して確定", day: 31 });

    const { page, email } = await newVolunteer(browser, "確認 次郎");
    await open(page, `/postings/${postingId}`);
    await page.getByLabel("団体へのメッセージ（任意）").fill("初めてですがよろしくお願いします。");
    await page.getByRole("button", { name: "申し込む" }).click();
    await page.waitForURL(/\/activities$/);
    await expect(page.getByRole("status")).toContainText("団体が確認したら結果をお知らせします");
    await expect(page.getByRole("region", { name: /返事待ち/ }).getByText("団体の確認待ち")).toBeVisible();

    await open(owner, `/orgs/${orgId}/postings/${postingId}/applicants`);
    const applicant = owner.getByRole("listitem").filter({ hasText: "確認 次郎" });
    await expect(applicant).toContainText("初めてですがよろしくお願いします。");
    await applicant.getByRole("button", { name: "参加を確定" }).click();
    await expect(owner.getByRole("status")).toContainText("参加を確定し、本人にお知らせしました。");
    await expect(owner.getByRole("listitem").filter({ hasText: "確認 次郎" }).getByText("参加確定")).toBeVisible();

    await open(page, "/activities");
    await expect(page.getByRole("region", { name: /参加予定/ }).getByRole("link", { name: title })).toBeVisible();
    await expect.poll(async () => (await subjectsTo(page.request, email)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const roster = await owner.request.get(`/orgs/${orgId}/postings/${postingId}/roster.csv`);
    expect(roster.headers()["content-type"]).toContain("text/csv");
    const csvText = await roster.text();
    expect(csvText.charCodeAt(0), "a BOM so Excel reads UTF-8").toBe(0xfeff);
    expect(csvText).toContain("確認 次郎");
  });

  test("a withdrawal gives the place to the first on the waiting list, who is told", async ({ browser }) => {
    test.setTimeout(150_000);
    const { page: owner, orgId } = await ownerSession(browser);
    const title = `公園清掃（定員1） ${unique("w")}`;
    const postingId = await publishPosting(owner, orgId, { title, capacity: 1, mode: "先着順で確定", day: 32 });

    const first = await newVolunteer(browser, "先着 一郎");
    await applyTo(first.page, postingId);
    await expect(first.page.getByRole("status")).toContainText("参加が確定しました");

    const second = await newVolunteer(browser, "待機 二郎");
    await open(second.page, `/postings/${postingId}`);
    await expect(second.page.getByText("満員です。キャンセル待ちとして申し込めます")).toBeVisible();
    await second.page.getByRole("button", { name: "申し込む" }).click();
    await second.page.waitForURL(/\/activities$/);
    await expect(second.page.getByRole("status")).toContainText("キャンセル待ち");
    await expect(second.page.getByText("キャンセル待ち（1番目）")).toBeVisible();

    // The first person withdraws, confirming the step.
    await open(first.page, "/activities");
    await first.page.getByText("申し込みを取り消す").click();
    await first.page.getByRole("button", { name: "取り消す", exact: true }).click();
    await expect(first.page.getByText("確認のチェックを入れてください。").first()).toBeVisible();
    await first.page.getByLabel("この日程の申し込みを取り消します").check();
    await first.page.getByRole("button", { name: "取り消す", exact: true }).click();
    await expect(first.page.getByRole("status")).toContainText("申し込みを取り消しました。");

    await open(second.page, "/activities");
    await expect(second.page.getByRole("region", { name: /参加予定/ }).getByRole("link", { name: title })).toBeVisible();
    await expect.poll(async () => (await subjectsTo(second.page.request, second.email)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  });
});
