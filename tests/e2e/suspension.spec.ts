import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, createVerifiedAccount, decodeEntities, emailLinks, idsIn, loginInBrowser, open, tokyoDate, unique, waitForHydration } from "./support";

/** A word only this run's posting carries, so a search for it finds that posting or nothing. */
const word = `teishi${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function searchFinds(request: APIRequestContext, postingId: number): Promise<boolean> {
  const html = await (await request.get(`/postings?q=${encodeURIComponent(word)}`)).text();
  return idsIn(html, /href="\/postings\/(\d+)"/).includes(postingId);
}

/** The plain text of the newest email to an address whose subject matches, from the dev mailbox. */
async function emailText(request: APIRequestContext, to: string, subject: RegExp): Promise<string> {
  const { id } = await emailLinks(request, to, subject);
  const html = await (await request.get(`/dev/mailbox/${id}`)).text();
  return decodeEntities(html.slice(html.indexOf('data-testid="email-body"')).replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `accessibility of ${name}`).toEqual([]);
}

test.describe("suspending an organisation", () => {
  test("staff suspend a group after a confirmation that says what will happen: its postings leave search, its applicants and owner are told, and the audit log shows each step", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const groupName = `（テスト）停止確認の会 ${unique("s")}`;
    const title = `園路の清掃 ${word}`;
    const reason = "会費の不正な徴収について確認しています。";

    // ── A group of its own (the demo owner's groups are used by other journeys) registers ──
    const owner = await (await browser.newContext()).newPage();
    const { email: ownerEmail } = await createVerifiedAccount(owner.request, "停止 確認");
    await open(owner, "/organisations/new");
    await waitForHydration(owner);
    await owner.getByLabel(/^団体名\s*必須/).fill(groupName);
    await owner.getByLabel("団体の種類").selectOption({ label: "公園愛護会" });
    await owner.getByLabel("主な活動地域").selectOption({ label: "桃園" });
    await owner.getByLabel("団体の紹介").fill("桃園公園の園路の手入れを月に一度行っています。");
    await owner.getByLabel("連絡担当者").fill("停止 確認");
    await owner.getByLabel("連絡先メールアドレス").fill("teishi@example.com");
    await owner.getByRole("button", { name: "登録を申請する" }).click();
    await expect(owner).toHaveURL(/\/orgs\/\d+$/);
    const orgId = Number(owner.url().match(/\/orgs\/(\d+)$/)![1]);

    // ── Ward staff verify it ──
    const staff = await (await browser.newContext()).newPage();
    await loginInBrowser(staff, ACCOUNTS.staff);
    await open(staff, `/staff/organisations/${orgId}`);
    await waitForHydration(staff);
    await staff.getByLabel("承認する（募集を公開できるようになります）").check();
    await staff.getByRole("button", { name: "決定する" }).click();
    await expect(staff.getByRole("status")).toContainText("団体を承認しました。");

    // ── It publishes a posting, and a volunteer takes a place ──
    await open(owner, `/orgs/${orgId}/postings/new`);
    await owner.locator("#f-title").fill(title);
    await owner.locator("#f-description").fill("園路の落ち葉はきとごみ拾いをします。軍手はこちらで用意します。");
    await owner.locator("#f-categoryId").selectOption({ index: 1 });
    if ((await owner.locator("#f-districtId").inputValue()) === "") await owner.locator("#f-districtId").selectOption({ index: 1 });
    await owner.locator("#f-placeName").fill("桃園公園");
    await owner.locator('input[name="shiftDate"]').first().fill(tokyoDate(45));
    await owner.locator('input[name="shiftStart"]').first().fill("09:00");
    await owner.locator('input[name="shiftEnd"]').first().fill("11:00");
    await owner.locator('input[name="shiftCapacity"]').first().fill("5");
    await owner.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(owner.getByRole("status")).toContainText("下書きを保存しました。");
    await owner.getByRole("button", { name: "公開する" }).click();
    await expect(owner.getByRole("status")).toContainText("募集を公開しました。");
    const postingId = Number(owner.url().match(/\/postings\/(\d+)/)?.[1]);
    expect(postingId).toBeGreaterThan(0);

    const volunteer = await (await browser.newContext()).newPage();
    const { email: volunteerEmail } = await createVerifiedAccount(volunteer.request, "参加 次郎");
    await open(volunteer, `/postings/${postingId}`);
    await volunteer.getByRole("button", { name: "申し込む" }).click();
    await volunteer.waitForURL(/\/activities$/);
    await expect(volunteer.getByRole("status")).toContainText("参加が確定しました");
    expect(await searchFinds(volunteer.request, postingId), "the posting is found by its word").toBe(true);

    // ── Staff choose to suspend: first a confirmation that says what it will do ──
    await open(staff, `/staff/organisations/${orgId}`);
    await waitForHydration(staff);
    await staff.getByLabel("停止する（公開中の募集も非公開になります）").check();
    await staff.getByLabel("理由").fill(reason);
    await staff.getByRole("button", { name: "決定する" }).click();
    const question = staff.getByRole("region", { name: `団体「${groupName}」を停止しますか` });
    await expect(question).toBeVisible();
    await expect(question).toContainText("公開中の募集1件が締め切られます");
    await expect(question).toContainText("申し込み1件（1人）は取り消され");
    await expect(question).toContainText(reason);
    await expect(question).toBeFocused();
    await expectAccessible(staff, "the suspension question");
    // Nothing has happened yet.
    expect(await searchFinds(staff.request, postingId)).toBe(true);
    // Going back leaves the group as it was; asking again and confirming suspends it.
    await question.getByRole("link", { name: "やめる" }).click();
    await expect(staff.getByText("確認済み", { exact: true })).toBeVisible();
    await waitForHydration(staff);
    await staff.getByLabel("停止する（公開中の募集も非公開になります）").check();
    await staff.getByLabel("理由").fill(reason);
    await staff.getByRole("button", { name: "決定する" }).click();
    await staff.getByRole("button", { name: "はい、停止します" }).click();
    await expect(staff.getByRole("status")).toContainText("団体を停止しました。");
    await expect(staff.getByText("停止中", { exact: true })).toBeVisible();

    // ── Its posting has left search, on the page and in the API ──
    expect(await searchFinds(volunteer.request, postingId)).toBe(false);
    const api = await (await volunteer.request.get(`/api/postings/search?q=${encodeURIComponent(word)}`)).json();
    expect(api.hits.map((h: { id: number }) => h.id)).not.toContain(postingId);

    // ── The volunteer is told the ward stopped it (not staff's reason), and the place is gone from My activities ──
    const toVolunteer = await emailText(volunteer.request, volunteerEmail, /中止になりました/);
    expect(toVolunteer).toContain("八幡東区の職員の判断により中止となりました");
    expect(toVolunteer).not.toContain("会費");
    await open(volunteer, "/activities");
    const upcoming = volunteer.getByRole("region", { name: /参加予定/ });
    await expect(upcoming.getByRole("link", { name: title })).toHaveCount(0);

    // ── The owner is told why ──
    const toOwner = await emailText(owner.request, ownerEmail, /停止/);
    expect(toOwner).toContain(reason);

    // ── The audit log shows each step, with who took it ──
    await open(staff, `/staff/audit?subjectType=organisation&subjectId=${orgId}`);
    await expect(staff.getByRole("heading", { level: 1, name: "監査ログ" })).toBeVisible();
    for (const action of ["organisation.registered", "organisation.verify", "organisation.suspend"])
      await expect(staff.getByTestId("audit-entry").filter({ hasText: action }), action).toHaveCount(1);
    await expect(staff.getByTestId("audit-entry").filter({ hasText: "organisation.suspend" })).toContainText(ACCOUNTS.staff);
    await open(staff, `/staff/audit?subjectType=posting&subjectId=${postingId}`);
    await expect(staff.getByTestId("audit-entry").filter({ hasText: "posting.publish" })).toHaveCount(1);
  });
});
