import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ACCOUNTS, createVerifiedAccount, emailLinks, idsIn, loginInBrowser, open, tokyoDate, unique } from "./support";

/** The demo school's coordinator (app/server/seed/data.ts). */
const COORDINATOR = "coordinator@demo.tsunagu.example";
const REVIEW_POSTING = "子ども花壇教室のお手伝い";

async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility of ${name}`).toEqual([]);
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginInBrowser(page, email);
  return page;
}

/** The id of a published posting found by its title through the search API. */
async function postingId(request: APIRequestContext, title: string): Promise<number> {
  const found = (await (await request.get(`/api/postings/search?q=${encodeURIComponent(title)}`)).json()) as { hits: { id: number; title: string }[] };
  const hit = found.hits.find((h) => h.title.includes(title));
  expect(hit, `a posting titled ${title}`).toBeTruthy();
  return hit!.id;
}

/** A posting that welcomes minors but whose safety review is not finished (the demo keeps a few so). */
async function postingInReview(request: APIRequestContext): Promise<number> {
  for (let page = 1; page <= 20; page++) {
    const found = (await (await request.get(`/api/postings/search?page=${page}`)).json()) as { hits: { id: number; minorsInReview: boolean }[] };
    const hit = found.hits.find((h) => h.minorsInReview);
    if (hit) return hit.id;
    if (!found.hits.length) break;
  }
  throw new Error("no posting waiting for its safety review");
}

/** The organisation of the signed-in member whose dashboard links to the posting. */
async function organisationOf(page: Page, id: number): Promise<number> {
  const account = await (await page.request.get("/account")).text();
  for (const orgId of idsIn(account, /href="\/orgs\/(\d+)"/)) {
    const dashboard = await (await page.request.get(`/orgs/${orgId}`)).text();
    if (dashboard.includes(`/orgs/${orgId}/postings/${id}"`)) return orgId;
  }
  throw new Error(`no organisation of this member has posting ${id}`);
}

test.describe("minors", () => {
  test("a 16-year-old applies, the guardian consents from the emailed link, the coordinator approves, the organisation confirms and sees only what it may", async ({ browser }) => {
    test.setTimeout(240_000);
    const student = await signedIn(browser, ACCOUNTS.highschool);
    const id = await postingId(student.request, REVIEW_POSTING);

    // ── The student applies: the panel explains the steps; the guardian's details are asked for (prefilled) ──
    await open(student, `/postings/${id}`);
    await expect(student.getByText("18歳未満の方の申し込みについて")).toBeVisible();
    await expect(student.getByLabel("保護者の名前")).toHaveValue("佐藤 恵子");
    const guardianEmail = `${unique("guardian")}@example.com`;
    await student.getByLabel("保護者のメールアドレス").fill(guardianEmail);
    await student.locator('input[name="shiftId"]').first().check();
    await expectAccessible(student, "the apply panel of a minor");
    await student.getByRole("button", { name: "申し込む" }).click();
    await student.waitForURL(/\/activities$/);
    await expect(student.getByRole("status")).toContainText("保護者に同意をお願いするメールを送りました");
    const waiting = student.getByRole("region", { name: /返事待ち/ }).getByRole("listitem").filter({ hasText: REVIEW_POSTING });
    await expect(waiting.getByText("同意・承認待ち")).toBeVisible();
    await expect(waiting).toContainText("佐藤 恵子さんに同意をお願いしています");
    await expect(waiting).toContainText("の承認を待っています");
    await expectAccessible(student, "My activities of a minor");

    // ── The organisation sees the first name, school year and school only ──
    const owner = await signedIn(browser, ACCOUNTS.owner);
    const orgId = await organisationOf(owner, id);
    await open(owner, `/orgs/${orgId}/postings/${id}/applicants`);
    const entry = owner.getByRole("listitem").filter({ hasText: "18歳未満" }).filter({ hasText: "翔太" });
    await expect(entry).toContainText("高校");
    await expect(entry).not.toContainText("佐藤");
    await expect(entry).not.toContainText("さとう");
    await expect(entry.getByRole("button", { name: "参加を確定" })).toHaveCount(0);
    const before = await (await owner.request.get(`/orgs/${orgId}/postings/${id}/roster.csv`)).text();
    expect(before).toContain("翔太");
    expect(before).not.toContain("佐藤 翔太");
    // Posting straight to the decision is refused too.
    const applicationId = Number((await owner.content()).match(/name="applicationId" value="(\d+)"/)?.[1] ?? 0);
    if (applicationId) {
      const forced = await owner.request.post(`/orgs/${orgId}/postings/${id}/applicants`, { form: { intent: "confirm", applicationId: String(applicationId) } });
      expect(forced.status()).toBe(409);
    }

    // ── The guardian opens the emailed link (no account) and consents ──
    const guardian = await (await browser.newContext()).newPage();
    const { links } = await emailLinks(guardian.request, guardianEmail, /同意のお願い/);
    const consentUrl = links.find((l) => /\/consent\/[A-Za-z0-9_-]{43}$/.test(l))!;
    const revokeUrl = links.find((l) => /\/consent\/revoke\//.test(l))!;
    expect(consentUrl).toBeTruthy();
    expect(revokeUrl).toBeTruthy();
    await open(guardian, new URL(consentUrl).pathname);
    await expect(guardian.getByRole("heading", { level: 1 })).toContainText("佐藤 翔太さん");
    await expect(guardian.getByText("当日の責任者", { exact: true })).toBeVisible();
    await expect(guardian.locator("dd").filter({ hasText: "田中 一郎" })).toBeVisible();
    await expect(guardian.locator("#wording")).toContainText("同意します");
    await expectAccessible(guardian, "the consent page");
    // Without the tick, nothing is recorded and the page says why.
    await guardian.getByLabel("緊急時に連絡のつく電話番号").fill("090-1234-5678");
    await guardian.getByRole("button", { name: "同意する" }).click();
    await expect(guardian.locator("#agree-error")).toContainText("チェックを入れてください");
    await guardian.getByLabel("上の内容を確認し、同意します。").check();
    await guardian.getByRole("button", { name: "同意する" }).click();
    await guardian.waitForURL(/\/consent\/thanks/);
    await expect(guardian.getByText("同意を記録しました")).toBeVisible();
    // The same link again: used, said plainly.
    const reused = await guardian.request.get(new URL(consentUrl).pathname);
    expect(reused.status()).toBe(410);
    expect(await reused.text()).toContain("このリンクはすでに使われています");

    // ── The coordinator approves ──
    const coordinator = await signedIn(browser, COORDINATOR);
    const [schoolId] = idsIn(await (await coordinator.request.get("/account")).text(), /href="\/orgs\/(\d+)"/);
    await open(coordinator, `/schools/${schoolId}/applications`);
    const mine = coordinator.getByRole("listitem").filter({ hasText: REVIEW_POSTING }).filter({ hasText: "保護者が同意済み" });
    await expect(mine).toContainText("安全確認：済み");
    await expectAccessible(coordinator, "the coordinator's applications page");
    await mine.getByRole("button", { name: "佐藤 翔太さんの参加を承認" }).click();
    await expect(coordinator.getByRole("status")).toContainText("申し込みを承認しました");

    // ── The organisation confirms, and then sees the name and the emergency contact, nothing more ──
    await open(owner, `/orgs/${orgId}/postings/${id}/applicants`);
    const ready = owner.getByRole("listitem").filter({ hasText: "18歳未満" }).filter({ hasText: "翔太" });
    await expect(ready.getByText("団体の確認待ち")).toBeVisible();
    const confirmedId = Number(await ready.locator('input[name="applicationId"]').first().inputValue());
    expect(confirmedId).toBeGreaterThan(0);
    await ready.getByRole("button", { name: "参加を確定" }).click();
    await expect(owner.getByRole("status")).toContainText("参加を確定し");
    const confirmed = owner.getByRole("listitem").filter({ hasText: "佐藤 翔太" });
    await expect(confirmed).toContainText("緊急連絡先（保護者）");
    await expect(confirmed).toContainText("090-1234-5678");
    await expect(confirmed).not.toContainText("さとう");
    const after = await (await owner.request.get(`/orgs/${orgId}/postings/${id}/roster.csv`)).text();
    expect(after).toContain("佐藤 翔太");
    expect(after).toContain("090-1234-5678");

    await open(student, "/activities");
    await expect(student.getByRole("region", { name: /参加予定/ }).getByRole("link", { name: new RegExp(REVIEW_POSTING) })).toBeVisible();

    // ── Withdrawing consent from the same email withdraws the place ──
    await open(guardian, new URL(revokeUrl).pathname);
    await guardian.getByRole("button", { name: "同意を取り消す" }).click();
    await expect(guardian.locator("#confirm-error")).toContainText("確認のチェック");
    await guardian.getByLabel("取り消すことを確認しました。").check();
    await guardian.getByRole("button", { name: "同意を取り消す" }).click();
    await guardian.waitForURL(/\/consent\/thanks\?answer=revoked/);
    await open(student, "/activities");
    await expect(student.getByRole("region", { name: /参加予定/ }).getByRole("link", { name: new RegExp(REVIEW_POSTING) })).toHaveCount(0);
    await expect(student.getByText("保護者が同意を取り消しました。").first()).toBeVisible();

    // ── The audit log shows every step: the guardian's answer and revocation, the school's approval, the
    //    organisation's confirmation, and each view and export of the minor's data ──
    const staff = await signedIn(browser, ACCOUNTS.staff);
    const entries = staff.getByTestId("audit-entry");
    await open(staff, `/staff/audit?subjectType=application&subjectId=${confirmedId}`);
    await expect(entries.filter({ hasText: "school.application.approve" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "application.confirm" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "school.application.approve" })).toContainText(COORDINATOR);
    await open(staff, "/staff/audit?action=consent.given&subjectType=guardian_consent");
    const given = entries.filter({ hasText: new RegExp(`申し込みの番号：(\\d+、)*${confirmedId}(?!\\d)`) });
    await expect(given).toHaveCount(1);
    const consentId = (await given.textContent())?.match(/保護者の同意 (\d+)/)?.[1];
    expect(consentId).toBeTruthy();
    await open(staff, `/staff/audit?subjectType=guardian_consent&subjectId=${consentId}`);
    await expect(entries.filter({ hasText: "consent.given" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "consent.revoked" })).toHaveCount(1);
    await open(staff, `/staff/audit?subjectType=posting&subjectId=${id}`);
    await expect(entries.filter({ hasText: "minor.data.viewed" }).first()).toBeVisible();
    await expect(entries.filter({ hasText: "minor.data.exported" }).first()).toBeVisible();
  });

  test("a minor cannot apply to a late-evening shift, nor to a posting not yet reviewed", async ({ browser }) => {
    test.setTimeout(150_000);
    // A group publishes an evening session (its posting is not for minors' review, so it is public at once).
    const owner = await signedIn(browser, ACCOUNTS.owner);
    // The demo park group (verified), whatever other groups earlier journeys made for this owner.
    const orgId = await organisationOf(owner, await postingId(owner.request, "桃園公園 花壇の植え替えと草取り"));
    const title = `夜の見回り ${unique("n")}`;
    await open(owner, `/orgs/${orgId}/postings/new`);
    await owner.locator("#f-title").fill(title);
    await owner.locator("#f-description").fill("公園の夜の見回りと、街灯の点検をします。懐中電灯はこちらで用意します。");
    await owner.locator("#f-categoryId").selectOption({ index: 1 });
    if ((await owner.locator("#f-districtId").inputValue()) === "") await owner.locator("#f-districtId").selectOption({ index: 1 });
    await owner.locator("#f-placeName").fill("桃園公園");
    await owner.locator('input[name="shiftDate"]').first().fill(tokyoDate(12));
    await owner.locator('input[name="shiftStart"]').first().fill("20:00");
    await owner.locator('input[name="shiftEnd"]').first().fill("22:00");
    await owner.locator('input[name="shiftCapacity"]').first().fill("5");
    await owner.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(owner.getByRole("status")).toContainText("下書きを保存しました。");
    await owner.getByRole("button", { name: "公開する" }).click();
    await expect(owner.getByRole("status")).toContainText("募集を公開しました。");
    const eveningId = Number(owner.url().match(/\/postings\/(\d+)/)?.[1]);

    const student = await signedIn(browser, ACCOUNTS.highschool);
    await open(student, `/postings/${eveningId}`);
    await expect(student.getByText("あなたが申し込める日程はありません。")).toBeVisible();
    await expect(student.getByText("終了が21:00より遅いため、18歳未満の方は参加できません。")).toBeVisible();
    await expect(student.getByRole("button", { name: "申し込む" })).toHaveCount(0);
    // Posting the form anyway is refused by the server.
    const [shiftId] = idsIn(await (await owner.request.get(`/orgs/${orgId}/postings/${eveningId}/applicants`)).text(), /roster\.csv\?shift=(\d+)/);
    expect(shiftId).toBeGreaterThan(0);
    const forced = await student.request.post(`/postings/${eveningId}`, { form: { shiftId: String(shiftId), guardianName: "佐藤 恵子", guardianRelationship: "母", guardianEmail: "g@example.com" } });
    expect(forced.status()).toBe(400);

    // Another group's posting that welcomes minors is still waiting for the ward's review: closed to minors.
    const pendingId = await postingInReview(student.request);
    await open(student, `/postings/${pendingId}`);
    await expect(student.getByText("18歳未満の参加について区役所の安全確認が終わっていません").first()).toBeVisible();

    // An adult sees the evening session open.
    const adult = await (await browser.newContext()).newPage();
    await createVerifiedAccount(adult.request, "夜勤 大人");
    await open(adult, `/postings/${eveningId}`);
    await expect(adult.getByRole("button", { name: "申し込む" })).toBeVisible();
  });
  test("a student joins their school with a code the coordinator made; the school and settings pages are accessible and name what is wrong", async ({ browser }) => {
    test.setTimeout(180_000);
    const coordinator = await signedIn(browser, COORDINATOR);
    const [schoolId] = idsIn(await (await coordinator.request.get("/account")).text(), /href="\/orgs\/(\d+)"/);
    await open(coordinator, `/schools/${schoolId}`);
    await coordinator.getByRole("button", { name: "新しい参加コードを作る" }).click();
    await expect(coordinator.getByRole("status")).toContainText("参加コードを作りました");
    const code = (await coordinator.locator("span.font-mono").first().textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expectAccessible(coordinator, "the coordinator's school page");
    await open(coordinator, `/schools/${schoolId}/group-signup`);
    await expectAccessible(coordinator, "group sign-up");
    const id = await postingId(coordinator.request, REVIEW_POSTING);
    await open(coordinator, `/schools/${schoolId}/group-signup?posting=${id}`);
    await expect(coordinator.getByRole("heading", { name: new RegExp(REVIEW_POSTING) })).toBeVisible();
    await coordinator.getByRole("button", { name: "選んだ生徒を申し込む" }).click();
    await expect(coordinator.locator("#studentId-error")).toContainText("1人以上選んでください");
    await expectAccessible(coordinator, "group sign-up with an error");

    // A student enters the code with a typo, then the real one in lower case; the coordinator approves.
    const student = await (await browser.newContext()).newPage();
    await createVerifiedAccount(student.request, "入学 三郎");
    await open(student, "/schools/join");
    await student.getByLabel("参加コード（8文字）").fill("ABCD-EFG");
    await student.getByRole("button", { name: "次へ" }).click();
    await expect(student.locator("#f-code-error")).toContainText("8文字です");
    await expectAccessible(student, "the join page with an error");
    await student.getByLabel("参加コード（8文字）").fill(code.toLowerCase());
    await student.getByRole("button", { name: "次へ" }).click();
    await student.waitForURL(new RegExp(`/schools/join/${code.replace("-", "")}$`));
    await student.getByRole("button", { name: new RegExp(`コード ${code} で参加を申し込む`) }).click();
    await expect(student.getByRole("status")).toContainText("担当の先生の承認をお待ちください");
    await open(coordinator, `/schools/${schoolId}`);
    await coordinator.getByRole("button", { name: "入学 三郎さんを承認" }).click();
    await expect(coordinator.getByRole("status")).toContainText("生徒の参加を承認しました");
    await open(student, "/schools/join");
    await expect(student.getByText("の生徒として登録されています")).toBeVisible();

    // Staff: the settings page says what is wrong beside the field, and saving nothing changes nothing.
    const staff = await signedIn(browser, ACCOUNTS.staff);
    await open(staff, "/staff/settings/safeguarding");
    await expectAccessible(staff, "the safeguarding settings");
    await staff.getByLabel(/18歳未満の方の活動の終了時刻/).fill("23:30");
    await staff.getByRole("button", { name: "保存する" }).first().click();
    await expect(staff.locator("#f-minorsLatestEnd-error")).toContainText("5:00から23:00まで");
    await expectAccessible(staff, "the safeguarding settings with an error");
    await staff.getByLabel(/18歳未満の方の活動の終了時刻/).fill("21:00");
    await staff.getByRole("button", { name: "保存する" }).first().click();
    await expect(staff.getByText("変更はありませんでした。")).toBeVisible();
  });
});
