import { expect, test, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, emailLinks, idsIn, loginInBrowser, loginWithRequests, open, unique } from "./support";

/** The demo school's coordinator (app/server/seed/data.ts). */
const COORDINATOR = "coordinator@demo.tsunagu.example";
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

/**
 * A posting this under-18 can apply to now (passed the ward's review, a session open to them), other than the one the
 * minors journey uses when another exists. Found as the student, by a separate signed-in context.
 */
async function minorsPosting(browser: Browser): Promise<{ id: number; title: string }> {
  const probe = await browser.newContext();
  await loginWithRequests(probe.request, ACCOUNTS.highschool);
  const found = (await (await probe.request.get("/api/postings/search?minors=1")).json()) as { hits: { id: number; title: string }[] };
  const open: { id: number; title: string }[] = [];
  for (const hit of found.hits.slice(0, 30)) {
    const html = await (await probe.request.get(`/postings/${hit.id}`)).text();
    if (html.includes('name="shiftId"')) open.push(hit);
  }
  await probe.close();
  const hit = open.find((h) => !h.title.includes("子ども花壇教室")) ?? open[0];
  expect(hit, "a posting an under-18 can apply to").toBeTruthy();
  return hit!;
}

async function inViewport(page: Page, selector: ReturnType<Page["locator"]>): Promise<boolean> {
  const box = await selector.boundingBox();
  return !!box && box.y >= 0 && box.y + Math.min(box.height, 40) <= PHONE.height;
}

test.describe.serial("a 16-year-old on a phone, their guardian, and their school's coordinator", () => {
  let postingTitle = "";

  test("the student signs in from a posting, sees every error at once, applies, and the guardian consents", async ({ browser }) => {
    test.setTimeout(180_000);
    const student = await (await browser.newContext({ viewport: PHONE })).newPage();
    const posting = await minorsPosting(browser);
    postingTitle = posting.title;

    // Signing in from the posting comes back to it.
    await open(student, `/postings/${posting.id}`);
    await student.getByRole("link", { name: "ログインして申し込む" }).click();
    await student.waitForURL(/\/login\?redirectTo=/);
    await student.getByLabel("メールアドレス").fill(ACCOUNTS.highschool);
    await student.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await student.getByRole("button", { name: "ログインする" }).click();
    await student.waitForURL(new RegExp(`/postings/${posting.id}#apply`));
    await expect(student.getByRole("heading", { level: 2, name: "参加するには" })).toBeInViewport();

    // From the top of the posting, the way to apply is a tap away.
    await open(student, `/postings/${posting.id}`);
    const jump = student.getByTestId("jump-to-apply");
    expect(await inViewport(student, jump)).toBe(true);
    await jump.click();
    await expect(student.getByRole("heading", { level: 2, name: "参加するには" })).toBeInViewport();

    // An empty form: the date and the guardian's email are both flagged, in a summary that has the focus.
    await student.getByLabel("保護者のメールアドレス").fill("");
    for (const box of await student.locator('input[name="shiftId"]').all()) await box.uncheck();
    await student.getByRole("button", { name: "申し込む" }).click();
    const summary = student.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("日程");
    await expect(summary).toContainText("保護者のメールアドレス");

    const guardianEmail = `${unique("guardian")}@example.com`;
    await student.getByLabel("保護者のメールアドレス").fill(guardianEmail);
    await student.locator('input[name="shiftId"]').last().check();
    await student.getByRole("button", { name: "申し込む" }).click();
    await student.waitForURL(/\/activities$/);
    await expect(student.getByText("同意・承認待ち").first()).toBeVisible();

    // Home says what waits for others, and nothing is the student's own to do.
    await open(student, "/home");
    await expect(student.getByTestId("waiting-volunteer").getByRole("listitem").first()).toContainText(/[1-9]\d* 件/);

    // The guardian, on a phone too, consents from the emailed link.
    const guardian = await (await browser.newContext({ viewport: PHONE })).newPage();
    const { links } = await emailLinks(guardian.request, guardianEmail, /同意のお願い/);
    const consentUrl = links.find((l) => /\/consent\/[A-Za-z0-9_-]{43}$/.test(l))!;
    await open(guardian, new URL(consentUrl).pathname);
    await guardian.getByLabel("緊急時に連絡のつく電話番号").fill("090-1111-2222");
    await guardian.getByLabel("上の内容を確認し、同意します。").check();
    await guardian.getByRole("button", { name: "同意する" }).click();
    await guardian.waitForURL(/\/consent\/thanks/);
    await expect(guardian.getByText("手続きが進みます")).toBeVisible();
  });

  test("the coordinator lands on a home that counts the approval waiting, and the school page agrees", async ({ browser }) => {
    test.setTimeout(120_000);
    const coordinator = await (await browser.newContext({ viewport: PHONE })).newPage();
    await loginInBrowser(coordinator, COORDINATOR);
    await expect(coordinator).toHaveURL(/\/home$/);
    // The header's menu shows a count without opening it.
    await expect(coordinator.getByTestId("site-menu").locator("summary")).toContainText(/\d/);
    const [schoolId] = idsIn(await (await coordinator.request.get("/account")).text(), /href="\/orgs\/(\d+)"/);
    const approvals = coordinator.getByTestId(`waiting-org-${schoolId}`).getByRole("listitem").filter({ hasText: "学校の承認を待っている申し込み" });
    const waiting = Number((await approvals.getByTestId("waiting-count").textContent())!.match(/\d+/)![0]);
    expect(waiting).toBeGreaterThan(0);

    await open(coordinator, `/schools/${schoolId}`);
    await expect(coordinator.getByRole("heading", { level: 2, name: `学校の承認を待っている申し込み（${waiting}）` })).toBeVisible();
    await coordinator.getByRole("link", { name: "申し込みを確認する" }).click();
    const mine = coordinator.getByRole("listitem").filter({ hasText: postingTitle }).filter({ hasText: "保護者が同意済み" });
    await mine.getByRole("button", { name: /参加を承認/ }).click();
    await expect(coordinator.getByRole("status")).toContainText("申し込みを承認しました");
    await open(coordinator, `/schools/${schoolId}`);
    await expect(coordinator.getByRole("heading", { level: 2, name: `学校の承認を待っている申し込み（${waiting - 1}）` })).toBeVisible();
  });
});
