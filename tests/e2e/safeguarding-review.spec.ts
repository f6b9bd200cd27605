import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, emailLinks, idsIn, loginInBrowser, loginWithRequests, open, tokyoDate, unique, waitForHydration } from "./support";

/** Fails on any serious or critical WCAG 2.2 AA violation axe finds on the page as it is. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `serious or critical accessibility violations on ${name}`,
  ).toEqual([]);
}

/** A verified organisation of the demo owner (other journeys register unverified ones for the owner). */
async function ownerOrganisationId(page: Page): Promise<number> {
  const html = await (await page.request.get("/account")).text();
  const verified = html.split("<li").find((item) => /href="\/orgs\/\d+"/.test(item) && item.includes("確認済み"));
  const orgId = Number(verified?.match(/href="\/orgs\/(\d+)"/)?.[1] ?? 0);
  expect(orgId, "the owner belongs to a verified organisation").toBeGreaterThan(0);
  return orgId;
}

test.describe("safeguarding review of a posting that welcomes minors", () => {
  test("the owner fills the checklist, staff return it with a comment, the owner fixes and resends it, staff approve, and the public page shows the badge", async ({ browser }) => {
    test.setTimeout(180_000);
    const title = `桃園公園 こども花壇づくり ${unique("sg")}`;
    const shiftDate = tokyoDate(30);
    const insuranceUntil = tokyoDate(400);

    // ── The demo owner drafts a posting that welcomes under-18s ──
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await loginInBrowser(owner, ACCOUNTS.owner);
    const orgId = await ownerOrganisationId(owner);
    await open(owner, `/orgs/${orgId}/postings/new`);
    await owner.locator("#f-title").fill(title);
    await owner.locator("#f-description").fill("花壇に季節の苗を植えます。高校生のみなさんには手作業の植え付けをお願いします。");
    await owner.locator("#f-categoryId").selectOption({ index: 1 });
    if ((await owner.locator("#f-districtId").inputValue()) === "") await owner.locator("#f-districtId").selectOption({ index: 1 });
    await owner.locator("#f-placeName").fill("桃園公園 花壇前");
    await owner.locator('input[name="shiftDate"]').first().fill(shiftDate);
    await owner.locator('input[name="shiftStart"]').first().fill("09:00");
    await owner.locator('input[name="shiftEnd"]').first().fill("11:00");
    await owner.locator('input[name="shiftCapacity"]').first().fill("6");
    await owner.getByLabel("18歳未満（高校生など）の参加を歓迎する").check();
    await owner.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(owner).toHaveURL(new RegExp(`/orgs/${orgId}/postings/\\d+$`));
    const postingPath = new URL(owner.url()).pathname;
    const postingId = Number(postingPath.split("/").pop());

    // Publishing it directly is refused: it goes through the review first.
    const forced = await owner.request.post(postingPath, { form: { intent: "publish" }, maxRedirects: 0 });
    expect(forced.status()).toBe(400);

    // ── The checklist, complete but for a vague emergency contact ──
    const checklistPath = `${postingPath}/safeguarding`;
    await open(owner, checklistPath);
    await expect(owner.getByRole("heading", { level: 1, name: "安全確認チェックリスト" })).toBeVisible();
    await expect(owner.getByText("安全確認：未提出")).toBeVisible();
    // Sent empty: saved, not sent, every problem beside its field.
    await owner.getByRole("button", { name: "審査に出す" }).click();
    await expect(owner.getByRole("alert")).toContainText("審査に出すには足りないところがあります");
    await expect(owner.locator("#f-adults-error")).toContainText("当日の責任者を1人以上選んでください。");
    await expect(owner.locator("#f-closedSettingContact-error")).toContainText("一覧から選んでください。");
    await expectAccessible(owner, "a checklist with errors");
    await owner.getByRole("checkbox", { name: /田中 一郎/ }).check();
    await owner.getByLabel("活動中は常に大人が2人以上その場にいる").check();
    await owner.getByLabel("大人と18歳未満の参加者が、人目のない所で一対一になる時間をつくらない").check();
    await owner.getByLabel("公共の場所、または周りから見通せる開かれた場所で活動する").check();
    await owner.getByLabel("参加者全員が、ボランティア活動保険などの保険の対象になっている").check();
    await owner.getByLabel("保険の加入者（加入している団体・窓口）").fill("八幡東区社会福祉協議会 ボランティア活動保険（団体で加入）");
    await owner.getByLabel("保険の有効期限").fill(insuranceUntil);
    await owner.getByLabel(/草刈機（刈払機）などの危険な道具を使わせず/).check();
    await owner.getByLabel("18歳未満の参加者にしてもらう作業").fill("苗の植え付けと水やり（手作業のみ）");
    await owner.getByLabel("トイレと休憩場所").fill("公園管理棟のトイレ、東屋で休憩");
    await owner.getByLabel("当日の緊急連絡先（名前と電話番号）").fill("代表 田中");
    await owner.getByLabel("応急手当の備え").fill("救急箱を持参します。");
    await owner.getByRole("radio", { name: "いいえ" }).check();
    await owner.getByRole("button", { name: "審査に出す" }).click();
    await expect(owner.getByRole("status")).toContainText("審査に出しました。");
    await expect(owner.getByText("安全確認：審査中")).toBeVisible();

    // ── Staff return it with a comment ──
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await loginInBrowser(staff, ACCOUNTS.staff);
    await open(staff, "/staff/safeguarding");
    await staff.getByRole("table").getByRole("link", { name: title }).click();
    await expect(staff).toHaveURL(new RegExp(`/staff/safeguarding/${postingId}$`));
    await expect(staff.getByText("苗の植え付けと水やり（手作業のみ）")).toBeVisible();
    await waitForHydration(staff);
    await staff.getByLabel("差し戻す（コメントが必要です）").check();
    await staff.getByLabel("団体へのコメント").fill("当日の緊急連絡先に、電話番号も書いてください。");
    await staff.getByRole("button", { name: "決定する" }).click();
    await expect(staff.getByRole("status")).toContainText("差し戻しました。");
    await expect(staff.getByText("安全確認：差し戻し")).toBeVisible();

    // The owner is told by email, with a link back to the checklist.
    const returned = await emailLinks(owner.request, ACCOUNTS.owner, /安全確認について、修正をお願いします/);
    expect(returned.links.some((link) => link.endsWith(checklistPath))).toBe(true);

    // ── The owner reads the comment, fixes it and sends it again ──
    await open(owner, checklistPath);
    await expect(owner.getByText("安全確認：差し戻し")).toBeVisible();
    await expect(owner.getByText("当日の緊急連絡先に、電話番号も書いてください。").first()).toBeVisible();
    await owner.getByLabel("当日の緊急連絡先（名前と電話番号）").fill("代表 田中 090-0000-0000");
    await owner.getByRole("button", { name: "審査に出す" }).click();
    await expect(owner.getByRole("status")).toContainText("審査に出しました。");

    // A visitor cannot see it yet: it is still a draft.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    expect((await visitor.goto(`/postings/${postingId}`))?.status()).toBe(404);

    // ── Staff approve: the posting is published ──
    await open(staff, `/staff/safeguarding/${postingId}`);
    await expect(staff.getByText("代表 田中 090-0000-0000")).toBeVisible();
    await expect(staff.getByText("チェックリストはすべての条件を満たしています。")).toBeVisible();
    await staff.getByLabel("承認する（下書きの募集は公開されます）").check();
    await staff.getByRole("button", { name: "決定する" }).click();
    await expect(staff.getByRole("status")).toContainText("承認しました。");
    await expect(staff.getByText("安全確認：承認済み")).toBeVisible();
    // The audit log shows each step of the review, with who took it.
    await open(staff, `/staff/audit?subjectType=posting&subjectId=${postingId}&action=safeguarding.`);
    const entries = staff.getByTestId("audit-entry");
    await expect(entries.filter({ hasText: "safeguarding.submitted" })).toHaveCount(2);
    await expect(entries.filter({ hasText: "safeguarding.returned" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "safeguarding.approved" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "safeguarding.approved" })).toContainText(ACCOUNTS.staff);
    await staffContext.close();

    await open(owner, postingPath);
    await expect(owner.getByText("公開中です。誰でも見ることができます。")).toBeVisible();
    await ownerContext.close();

    // ── The public page shows the badge and what was checked ──
    await open(visitor, `/postings/${postingId}`);
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const badge = visitor.getByTestId("safeguarding-badge");
    await expect(badge).toBeVisible();
    await badge.getByText("安全確認済み").click();
    await expect(badge.getByText("八幡東区役所の安全確認を受けた募集です")).toBeVisible();
    await expect(badge.getByText(/草刈機などの危険な道具は18歳未満の参加者に使わせず/)).toBeVisible();
    await visitorContext.close();
  });

  test("the safeguarding pages pass axe, with their error messages showing", async ({ browser }) => {
    test.setTimeout(120_000);
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await loginWithRequests(owner.request, ACCOUNTS.owner);
    const orgId = await ownerOrganisationId(owner);

    await open(owner, `/orgs/${orgId}/safeguarding`);
    await expect(owner.getByRole("heading", { level: 1, name: "安全確認：責任者の申告と確認" })).toBeVisible();
    await expectAccessible(owner, "the organisation's safeguarding page");
    await owner.getByRole("button", { name: "記録する" }).click();
    await expect(owner.locator("#f-checkedBy-error")).not.toBeEmpty();
    await expectAccessible(owner, "the check form with errors");

    // An approved demo posting of the owner: its checklist, and the public page with the badge open.
    const [postingId] = idsIn(await owner.content(), new RegExp(`href="/orgs/${orgId}/postings/(\\d+)/safeguarding"`));
    expect(postingId, "an approved demo posting").toBeGreaterThan(0);
    await open(owner, `/orgs/${orgId}/postings/${postingId}/safeguarding`);
    await expectAccessible(owner, "a checklist");

    await open(owner, `/orgs/${orgId}/safeguarding/declaration`);
    await expectAccessible(owner, "the declaration page");
    await owner.getByRole("button", { name: "申告する" }).click();
    await expect(owner.locator("#f-agreesCodeOfConduct-error")).not.toBeEmpty();
    await expectAccessible(owner, "the declaration page with errors");

    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await open(visitor, `/postings/${postingId}`);
    await visitor.getByTestId("safeguarding-badge").getByText("安全確認済み").click();
    await expectAccessible(visitor, "a public posting with the badge open");
    await visitorContext.close();
    await ownerContext.close();

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await loginWithRequests(staff.request, ACCOUNTS.staff);
    await open(staff, "/staff/safeguarding");
    await expectAccessible(staff, "the staff queue");
    await open(staff, `/staff/safeguarding/${postingId}`);
    await expectAccessible(staff, "a staff review");
    await open(staff, "/staff/safeguarding/declarations?status=all");
    await expectAccessible(staff, "the declarations");
    await staffContext.close();
  });
});
