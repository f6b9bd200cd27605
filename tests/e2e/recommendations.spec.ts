import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ACCOUNTS, createVerifiedAccount, emailLinks, idsIn, loginWithRequests, open, unique } from "./support";

/**
 * おすすめ in the browser: a volunteer who filled in a profile sees postings chosen for them with the reasons on the
 * home page; an organisation member finds that person among the people who may fit a posting and invites them,
 * and the invitation email arrives in the dev mailbox.
 */

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe on the page as it is: no serious or critical WCAG 2.2 AA violation. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `accessibility of ${name}`).toEqual([]);
}

/** The demo owner's published postings, each with its organisation. */
async function ownersPublishedPostings(owner: APIRequestContext): Promise<{ orgId: number; postingId: number }[]> {
  const found: { orgId: number; postingId: number }[] = [];
  const account = await (await owner.get("/account")).text();
  for (const orgId of idsIn(account, /href="\/orgs\/(\d+)"/)) {
    const dashboard = await (await owner.get(`/orgs/${orgId}`)).text();
    for (const postingId of idsIn(dashboard, new RegExp(`href="/orgs/${orgId}/postings/(\\d+)"`))) found.push({ orgId, postingId });
  }
  return found;
}

test.describe.serial("recommendations", () => {
  // One new volunteer for both journeys: an adult student who cares about parks and allows invitations.
  const given = unique("sakura").replace(/-/g, "");
  let volunteerEmail = "";

  test("a signed-in volunteer with interests sees おすすめ with reasons on the home page; a visitor does not", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { email } = await createVerifiedAccount(page.request, `八幡 ${given}`);
    volunteerEmail = email;
    const saved = await page.request.post("/account", {
      form: {
        displayName: `八幡 ${given}`,
        locale: "ja",
        birthDate: "2004-05-10",
        volunteerType: "university",
        interests: "parks",
        skills: "mowing",
        openToInvitations: "on",
        notifyMessages: "on",
      },
      maxRedirects: 0,
    });
    expect(saved.status(), "profile saved").toBe(303);

    await open(page, "/");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "おすすめ", level: 2 }) });
    await expect(section).toBeVisible();
    const cards = section.getByTestId("recommendation");
    await expect(cards.first()).toBeVisible();
    // The best fits are parks postings, and say why.
    await expect(cards.first().getByRole("list", { name: "おすすめの理由" })).toContainText("公園・緑化に関心");
    await expect(cards.first().getByRole("link")).toHaveAttribute("href", /^\/postings\/\d+$/);
    await expectAccessible(page, "the home page with recommendations");

    const visitor = await browser.newPage();
    await open(visitor, "/");
    await expect(visitor.getByRole("heading", { name: "もうすぐの募集" })).toBeVisible();
    await expect(visitor.getByRole("heading", { name: "おすすめ" })).toHaveCount(0);
    await visitor.close();
  });

  test("an organisation member invites a person who fits, and the invitation email reaches the dev mailbox", async ({ page }) => {
    test.setTimeout(120_000);
    expect(volunteerEmail, "the first journey made the volunteer").not.toBe("");
    await loginWithRequests(page.request, ACCOUNTS.owner);

    // A published posting of the owner's on which the new volunteer is suggested.
    let candidates = "";
    for (const { orgId, postingId } of await ownersPublishedPostings(page.request)) {
      const html = await (await page.request.get(`/orgs/${orgId}/postings/${postingId}/candidates`)).text();
      // Other journeys add postings of other kinds to the owner's groups: look for one in the person's interests.
      if (html.includes(`${given}さんを招待する`) && html.includes("公園・緑化に関心")) {
        candidates = `/orgs/${orgId}/postings/${postingId}/candidates`;
        break;
      }
    }
    expect(candidates, "a posting of the owner where the volunteer is suggested").not.toBe("");

    await open(page, candidates);
    await expect(page.getByRole("heading", { name: "この募集に合いそうな人", level: 1 })).toBeVisible();
    const card = page.getByTestId("candidate").filter({ has: page.getByRole("heading", { name: given }) });
    await expect(card.getByRole("list", { name: "合う点" })).toContainText("公園・緑化に関心");
    // Only what the list may show: no address, no birth date.
    await expect(page.locator("main")).not.toContainText(volunteerEmail);
    await expect(page.locator("main")).not.toContainText("2004");
    await expectAccessible(page, "the people who may fit a posting");

    const userId = await card.locator('input[name="userId"]').inputValue();
    await card.getByRole("button", { name: `${given}さんを招待する` }).click();
    await expect(page.getByText(`${given}さんを招待しました。`)).toBeVisible();
    const invited = page.locator("section", { has: page.getByRole("heading", { name: "招待した人" }) });
    await expect(invited.getByRole("listitem").filter({ hasText: given })).toContainText("招待済み");
    await expect(page.getByRole("button", { name: `${given}さんを招待する` })).toHaveCount(0);

    // Inviting again (a page left open, a second click) says so instead of inviting twice.
    const again = await page.request.post(candidates, { form: { intent: "invite", userId }, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    expect(await (await page.request.get(candidates)).text()).toContain("この方はすでにこの募集に招待しています。");

    const { links } = await emailLinks(page.request, volunteerEmail, /お誘い/);
    expect(links.some((l) => /\/postings\/\d+$/.test(l)), "a link to the posting").toBe(true);
    expect(links.some((l) => /\/messages\/\d+$/.test(l)), "a link to the conversation").toBe(true);
    expect(links.some((l) => l.endsWith("/account/profile")), "a link to turn invitations off").toBe(true);
  });
});
