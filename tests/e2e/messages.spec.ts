import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, createVerifiedAccount, emailLinks, idsIn, loginWithRequests, open, unique } from "./support";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe on the page as it is: no serious or critical WCAG 2.2 AA violation. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `accessibility of ${name}`).toEqual([]);
}

/** The demo owner's organisation that has a published posting with a shift open to applications. */
async function ownersOpenPosting(owner: APIRequestContext): Promise<{ orgId: number; postingId: number; orgName: string }> {
  const account = await (await owner.get("/account")).text();
  for (const orgId of idsIn(account, /href="\/orgs\/(\d+)"/)) {
    const dashboard = await (await owner.get(`/orgs/${orgId}`)).text();
    for (const postingId of idsIn(dashboard, new RegExp(`href="/orgs/${orgId}/postings/(\\d+)"`))) {
      const page = await (await owner.get(`/postings/${postingId}`)).text();
      if (/name="shiftId"/.test(page)) {
        const orgName = (dashboard.match(/<h1[^>]*>([^<]+)<\/h1>/) ?? [])[1] ?? "";
        return { orgId, postingId, orgName };
      }
    }
  }
  throw new Error("the demo owner has no posting open to applications");
}

/** Some published posting's first shift open to applications, as seen by a signed-in person. */
async function anyOpenShift(request: APIRequestContext): Promise<{ postingId: number; shiftId: number }> {
  const list = await (await request.get("/postings")).text();
  for (const postingId of idsIn(list, /href="\/postings\/(\d+)"/)) {
    const html = await (await request.get(`/postings/${postingId}`)).text();
    const shiftId = Number((html.match(/name="shiftId"[^>]*\svalue="(\d+)"/) ?? [])[1]);
    if (shiftId) return { postingId, shiftId };
  }
  throw new Error("no posting open to applications");
}

/** Applies through the posting page for its first open shift (no message: the conversation starts on the thread page). */
async function applyToFirstShift(page: Page, postingId: number): Promise<void> {
  await open(page, `/postings/${postingId}`);
  await page.locator('input[name="shiftId"]').first().check();
  await page.locator('button[name="intent"][value="apply"]').click();
  await page.waitForURL(/\/activities/);
}

test.describe("messages between a volunteer and an organisation", () => {
  test("the volunteer writes, a member sees it unread and replies, the volunteer reads the reply and is emailed", async ({ browser }) => {
    test.setTimeout(120_000);
    const question = `当日は軍手を持っていけばいいですか？ ${unique("q")}`;
    const answer = `はい、軍手と飲み物をお持ちください。 ${unique("a")}`;

    // ── The organisation's owner (one login for the whole test) ──
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await loginWithRequests(owner.request, ACCOUNTS.owner);
    const { orgId, postingId, orgName } = await ownersOpenPosting(owner.request);

    // ── A new volunteer applies to the owner's posting ──
    const volunteerContext = await browser.newContext();
    const volunteer = await volunteerContext.newPage();
    const displayName = `メッセージ 花子 ${unique("v")}`;
    const { email: volunteerEmail } = await createVerifiedAccount(volunteer.request, displayName);
    await applyToFirstShift(volunteer, postingId);

    // ── The volunteer finds the conversation and writes ──
    await open(volunteer, "/messages");
    await expect(volunteer.getByRole("heading", { level: 1, name: "メッセージ" })).toBeVisible();
    const threadLink = volunteer.getByRole("link", { name: orgName });
    await expect(threadLink).toBeVisible();
    await threadLink.click();
    await volunteer.waitForURL(/\/messages\/\d+$/);
    const threadId = Number(new URL(volunteer.url()).pathname.split("/").pop());
    // The page says who can read the conversation, and shows nobody's address.
    const readers = volunteer.getByRole("region", { name: "このやりとりを読めるのは" });
    await expect(readers).toContainText(`${orgName} のメンバー`);
    await expect(readers).toContainText(`${displayName}（あなた）`);
    expect(await volunteer.content()).not.toContain(volunteerEmail);
    // An empty message is refused beside the field.
    await expectAccessible(volunteer, "a thread page");
    await volunteer.getByRole("button", { name: "送信する" }).click();
    await expect(volunteer.locator("#f-body-error")).toContainText("入力してください");
    await expectAccessible(volunteer, "a thread page with an error");
    await volunteer.locator("#f-body").fill(question);
    await volunteer.getByRole("button", { name: "送信する" }).click();
    await expect(volunteer.getByText("メッセージを送りました。")).toBeVisible();
    await expect(volunteer.locator("ol li").filter({ hasText: question })).toContainText("あなた");
    // The form is empty again for the next message.
    await expect(volunteer.locator("#f-body")).toHaveValue("");

    // ── The member sees it unread, opens it, and replies ──
    await open(owner, `/orgs/${orgId}/messages`);
    const item = owner.locator("li").filter({ has: owner.getByRole("link", { name: displayName }) });
    // The volunteer's question, and the notice that they applied.
    await expect(item).toContainText(/未読 [12]件/);
    await expect(item).toContainText(question);
    await expectAccessible(owner, "the organisation's messages");
    await item.getByRole("link", { name: displayName }).click();
    await owner.waitForURL(new RegExp(`/orgs/${orgId}/messages/${threadId}$`));
    const incoming = owner.locator("ol li").filter({ hasText: question });
    await expect(incoming).toContainText("新着");
    await expect(incoming).toContainText(displayName);
    await owner.locator("#f-body").fill(answer);
    await owner.getByRole("button", { name: "送信する" }).click();
    await expect(owner.getByText("メッセージを送りました。")).toBeVisible();
    // Read now: the list no longer counts it.
    await open(owner, `/orgs/${orgId}/messages`);
    await expect(owner.locator("li").filter({ has: owner.getByRole("link", { name: displayName }) })).not.toContainText("未読");

    // ── The volunteer sees the reply, unread, and was emailed about it ──
    await open(volunteer, "/messages");
    await expect(volunteer.locator("li").filter({ has: volunteer.getByRole("link", { name: orgName }) })).toContainText("未読 1件");
    await expectAccessible(volunteer, "/messages");
    await open(volunteer, `/messages/${threadId}`);
    const reply = volunteer.locator("ol li").filter({ hasText: answer });
    await expect(reply).toContainText(orgName);
    await expect(reply).toContainText("新着");
    const { links } = await emailLinks(volunteer.request, volunteerEmail, /メッセージが届いています/);
    expect(links).toContain(`${new URL(volunteer.url()).origin}/messages/${threadId}`);
    // The email tells, it does not quote.
    const mailbox = await (await volunteer.request.get("/dev/mailbox")).text();
    expect(mailbox).not.toContain(answer);

    // ── Submitting the same form twice posts one message ──
    await open(volunteer, `/messages/${threadId}`);
    const submissionKey = await volunteer.locator('input[name="submissionKey"]').inputValue();
    const twice = `二度押し ${unique("d")}`;
    for (let i = 0; i < 2; i++) {
      const response = await volunteer.request.post(`/messages/${threadId}`, { form: { body: twice, submissionKey }, maxRedirects: 0 });
      expect(response.status()).toBe(302);
    }
    await open(volunteer, `/messages/${threadId}`);
    await expect(volunteer.locator("ol li").filter({ hasText: twice })).toHaveCount(1);

    // ── Nobody else reads it: another volunteer gets a 404 ──
    const strangerContext = await browser.newContext();
    await createVerifiedAccount(strangerContext.request, "通りすがり");
    expect((await strangerContext.request.get(`/messages/${threadId}`, { maxRedirects: 0 })).status()).toBe(404);
    // A member opening the volunteer's address is sent to the organisation's page of the thread.
    const redirected = await owner.request.get(`/messages/${threadId}`, { maxRedirects: 0 });
    expect(redirected.headers()["location"]).toBe(`/orgs/${orgId}/messages/${threadId}`);

    await Promise.all([ownerContext.close(), volunteerContext.close(), strangerContext.close()]);
  });

  test("the reply form works without JavaScript", async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await createVerifiedAccount(page.request, "スクリプトなし 次郎");
    const { postingId, shiftId } = await anyOpenShift(page.request);
    expect((await page.request.post(`/postings/${postingId}`, { form: { intent: "apply", shiftId: String(shiftId) }, maxRedirects: 0 })).status()).toBe(302);

    await page.goto("/messages");
    await page.locator("ul li a").first().click();
    await page.waitForURL(/\/messages\/\d+$/);
    const text = `スクリプトなしで送信 ${unique("n")}`;
    await page.locator("#f-body").fill(text);
    await page.getByRole("button", { name: "送信する" }).click();
    await page.waitForURL(/\/messages\/\d+/);
    await expect(page.locator("ol li").filter({ hasText: text })).toHaveCount(1);

    // Too long is refused beside the field, with the text kept (sent directly: the browser's maxlength stops it otherwise).
    const threadPath = new URL(page.url()).pathname;
    const tooLong = await page.request.post(threadPath, { form: { body: "あ".repeat(2001) }, maxRedirects: 0 });
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.text()).toContain("2000文字以内で入力してください。");
    await context.close();
  });
});
