import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, idsIn, loginInBrowser, open, tokyoDate } from "./support";

/** A word only this run's posting carries, so a search for it finds that posting or nothing. */
const word = `kenen${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const SCRIPT = `<script>window.__reportPwned = 1</script><img src=x onerror="window.__reportPwned = 2">`;

/** The demo owner publishes a posting with one session in one of their verified organisations; returns its id. */
async function publishPosting(page: Page, title: string): Promise<number> {
  const html = await (await page.request.get("/account")).text();
  // Other journeys register organisations for the owner that stay unverified: take one marked verified (確認済み).
  const verified = html.split("<li").find((item) => /href="\/orgs\/\d+"/.test(item) && item.includes("確認済み"));
  const orgId = Number(verified?.match(/href="\/orgs\/(\d+)"/)?.[1] ?? 0);
  expect(orgId, "the owner belongs to a verified organisation").toBeGreaterThan(0);
  await open(page, `/orgs/${orgId}/postings/new`);
  await page.locator("#f-title").fill(title);
  await page.locator("#f-description").fill("公園の落ち葉を集めて、花壇の手入れをします。軍手はこちらで用意します。");
  await page.locator("#f-categoryId").selectOption({ index: 1 });
  if ((await page.locator("#f-districtId").inputValue()) === "") await page.locator("#f-districtId").selectOption({ index: 1 });
  await page.locator("#f-placeName").fill("桃園公園");
  await page.locator('input[name="shiftDate"]').first().fill(tokyoDate(40));
  await page.locator('input[name="shiftStart"]').first().fill("09:00");
  await page.locator('input[name="shiftEnd"]').first().fill("11:00");
  await page.locator('input[name="shiftCapacity"]').first().fill("5");
  await page.getByRole("button", { name: "下書きとして保存" }).click();
  await expect(page.getByRole("status")).toContainText("下書きを保存しました。");
  await page.getByRole("button", { name: "公開する" }).click();
  await expect(page.getByRole("status")).toContainText("募集を公開しました。");
  const id = Number(page.url().match(/\/postings\/(\d+)/)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Fails on serious or critical WCAG 2.2 AA violations found by axe, naming each. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `accessibility of ${name}`).toEqual([]);
}

async function searchFinds(page: Page, postingId: number): Promise<boolean> {
  const html = await (await page.request.get(`/postings?q=${encodeURIComponent(word)}`)).text();
  return idsIn(html, /href="\/postings\/(\d+)"/).includes(postingId);
}

test.describe("concern reports", () => {
  test("an anonymous visitor reports a posting with script in the text; staff read it as text, suspend the posting after confirming, it leaves search, and the audit log shows it", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const title = `落ち葉はき ${word}`;
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await loginInBrowser(owner, ACCOUNTS.owner);
    const postingId = await publishPosting(owner, title);
    await ownerContext.close();

    // The visitor has no account and no JavaScript: the link and the form work all the same.
    const visitorContext = await browser.newContext({ javaScriptEnabled: false });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`/postings/${postingId}`);
    expect(await searchFinds(visitor, postingId), "the new posting is found by its word").toBe(true);
    await visitor.getByRole("link", { name: "気になることを区役所に知らせる" }).click();
    await expect(visitor).toHaveURL(new RegExp(`/concerns/new\\?posting=${postingId}$`));
    await expect(visitor.getByText(`募集「${title}」`)).toBeVisible();
    // Sending without choosing or writing anything: the problems are told beside the fields.
    await visitor.getByRole("button", { name: "報告する" }).click();
    await expect(visitor.locator("#f-category-error")).toContainText("一覧から選んでください。");
    await expect(visitor.locator("#f-description-error")).toContainText("入力してください。");
    await visitor.getByRole("radio", { name: "子どもの安全" }).check();
    await visitor.locator("#f-description").fill(`${SCRIPT}\n作業中、大人が高校生を一人きりにしていました。`);
    await visitor.getByRole("button", { name: "報告する" }).click();
    await expect(visitor).toHaveURL(/\/concerns\/thanks\?ref=/);
    await expect(visitor.getByRole("heading", { level: 1, name: "報告を受け付けました" })).toBeVisible();
    const reference = (await visitor.getByTestId("concern-reference").textContent())?.trim() ?? "";
    expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await visitorContext.close();

    // Ward staff, with their second factor.
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    const dialogs: string[] = [];
    staff.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await loginInBrowser(staff, ACCOUNTS.staff);
    // The notice email reached the staff account (the dev mailbox), without the report's text.
    await expect
      .poll(async () => (await (await staff.request.get("/dev/mailbox")).text()).includes(`受付番号 ${reference}`), { timeout: 15_000 })
      .toBe(true);

    await open(staff, "/staff");
    await staff.getByRole("link", { name: "懸念の報告" }).first().click();
    await expect(staff.getByRole("heading", { level: 1, name: "懸念の報告" })).toBeVisible();
    const row = staff.getByRole("row").filter({ has: staff.getByRole("link", { name: reference }) });
    await expect(row).toContainText("至急");
    await expect(row.getByTestId("concern-excerpt")).toContainText("<script>window.__reportPwned = 1</script>");
    await expectAccessible(staff, "the concern queue");

    await row.getByRole("link", { name: reference }).click();
    await expect(staff.getByRole("heading", { level: 1, name: `受付番号 ${reference}` })).toBeVisible();
    await expect(staff.getByTestId("concern-description")).toContainText(SCRIPT);
    expect(await staff.evaluate(() => (window as unknown as { __reportPwned?: number }).__reportPwned)).toBeUndefined();
    await expectAccessible(staff, "a concern");

    // Suspending takes a confirmation step, which says what will happen.
    await staff.getByRole("link", { name: "この募集を停止する" }).click();
    await expect(staff).toHaveURL(/\?suspend=posting$/);
    await expect(staff.getByRole("heading", { name: `募集「${title}」を停止しますか` })).toBeVisible();
    await expect(staff.getByText("検索にも表示されなくなります")).toBeVisible();
    await staff.getByRole("button", { name: "はい、停止します" }).click();
    await expect(staff.locator("#f-reason-error")).toContainText("理由を入力してください。");
    await expectAccessible(staff, "the suspension step with an error");
    await staff.locator("#f-reason").fill("子どもの安全が確認できるまで停止します。");
    await staff.getByRole("button", { name: "はい、停止します" }).click();
    await expect(staff.getByRole("status")).toContainText("停止しました。");
    await expect(staff.getByText("区の職員が停止しています。")).toBeVisible();
    await expect(staff.getByText("募集を停止しました")).toBeVisible();

    // Gone from search.
    expect(await searchFinds(staff, postingId)).toBe(false);
    const api = await (await staff.request.get(`/api/postings/search?q=${encodeURIComponent(word)}`)).json();
    expect(api.hits.map((h: { id: number }) => h.id)).not.toContain(postingId);

    // The audit log lists the suspension, with who did it.
    await staff.getByRole("link", { name: "この対象の監査ログ" }).first().click();
    await expect(staff.getByRole("heading", { level: 1, name: "監査ログ" })).toBeVisible();
    const entry = staff.getByTestId("audit-entry").filter({ hasText: "posting.suspended" });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(ACCOUNTS.staff);
    await expect(entry).toContainText(`募集 ${postingId}`);
    await expect(entry).toContainText("募集の停止（区）");
    await expectAccessible(staff, "the audit log");
    // The search form filters by action too, chosen by its label.
    await staff.getByLabel("操作", { exact: true }).selectOption({ label: "気になることの報告（すべて）" });
    await staff.getByLabel("対象の番号").fill("");
    await staff.getByLabel("対象の種類").fill("");
    await staff.getByRole("button", { name: "検索する" }).click();
    await expect(staff.getByTestId("audit-entry").filter({ hasText: "concern.suspended" }).first()).toBeVisible();
    // The log page takes no changes.
    expect((await staff.request.post("/staff/audit", { form: { action: "x" }, maxRedirects: 0 })).status()).toBe(405);
    // Only the site's own header posts (language, log out); the page itself offers no form that writes.
    expect(await staff.locator('main form[method="post"]').count()).toBe(0);
    expect(await staff.locator('form[method="post"]').count()).toBeGreaterThan(0);

    // The report form itself, with its errors, as anyone sees it.
    await open(staff, `/concerns/new?posting=${postingId}`);
    await staff.getByRole("button", { name: "報告する" }).click();
    await expect(staff.locator("#f-description-error")).toContainText("入力してください。");
    await expectAccessible(staff, "the report form with errors");

    expect(dialogs, "no script from the report ran").toEqual([]);
    await staffContext.close();
  });
});
