import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, idsIn, loginWithRequests, open } from "./support";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe on the page as it is and fails on any serious or critical violation, naming each and where. */
async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`).join("\n")}`);
  if (report.length) console.log(`axe on ${name}:\n${report.join("\n")}`);
  expect(report, `serious or critical accessibility violations on ${name}`).toEqual([]);
}

test.describe("accessibility (axe, WCAG 2.2 AA)", () => {
  test("public pages", async ({ page }) => {
    await open(page, "/");
    await expectNoSeriousViolations(page, "/");

    await open(page, "/postings");
    await expectNoSeriousViolations(page, "/postings");

    // The list with a bad filter, so that error messages are checked too.
    await open(page, "/postings?from=not-a-date&category=parks&minors=1");
    await expectNoSeriousViolations(page, "/postings with errors");

    const [postingId] = idsIn(await page.content(), /href="\/postings\/(\d+)"/);
    await open(page, `/postings/${postingId}`);
    await expectNoSeriousViolations(page, "a posting");

    await open(page, "/login");
    await expectNoSeriousViolations(page, "/login");

    await open(page, "/signup");
    await expectNoSeriousViolations(page, "/signup");
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page.locator("#f-email-error")).not.toBeEmpty();
    await expectNoSeriousViolations(page, "/signup with errors");

    await page.goto("/postings/999999");
    await expectNoSeriousViolations(page, "the 404 page");
  });

  test("pages of a signed-in group member", async ({ page }) => {
    await loginWithRequests(page.request, ACCOUNTS.owner);
    await open(page, "/organisations/new");
    await expectNoSeriousViolations(page, "/organisations/new");

    const [orgId] = idsIn(await (await page.request.get("/account")).text(), /href="\/orgs\/(\d+)"/);
    await open(page, `/orgs/${orgId}`);
    await expectNoSeriousViolations(page, "the organisation dashboard");

    await open(page, `/orgs/${orgId}/postings/new`);
    await expectNoSeriousViolations(page, "the new-posting form");
    await page.getByRole("button", { name: "下書きとして保存" }).click();
    await expect(page.locator("#f-title-error")).not.toBeEmpty();
    await expectNoSeriousViolations(page, "the new-posting form with errors");

    const [postingId] = idsIn(await (await page.request.get(`/orgs/${orgId}`)).text(), new RegExp(`href="/orgs/${orgId}/postings/(\\d+)"`));
    await open(page, `/orgs/${orgId}/postings/${postingId}`);
    await expectNoSeriousViolations(page, "a posting's management page");
  });
});
