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

  test("welfare-commissioner recruitment: the public page, a channel's link and the staff pages", async ({ page }) => {
    test.setTimeout(180_000);
    // A campaign QR code's link lands on /minsei with the channel carried in the form.
    await open(page, "/m/demoposter1");
    await expect(page).toHaveURL(/\/minsei\?c=demoposter1$/);
    await expectNoSeriousViolations(page, "/minsei through a channel's link");
    await page.getByRole("button", { name: "送信する" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectNoSeriousViolations(page, "/minsei with errors");

    await loginWithRequests(page.request, ACCOUNTS.staff);
    for (const path of ["/staff/recruitment", "/staff/recruitment/people", "/staff/recruitment/campaigns", "/staff/recruitment/helpers", "/staff/recruitment/figures", "/staff/recruitment/settings", "/staff/recruitment/import"]) {
      await open(page, path);
      await expectNoSeriousViolations(page, path);
    }
    await open(page, "/staff/recruitment/people");
    const [personId] = idsIn(await page.content(), /href="\/staff\/recruitment\/people\/(\d+)"/);
    await open(page, `/staff/recruitment/people/${personId}`);
    await expectNoSeriousViolations(page, "a person in the pipeline");

    await open(page, "/staff/recruitment");
    const [areaId] = idsIn(await page.content(), /href="\/staff\/recruitment\/areas\/(\d+)"/);
    await open(page, `/staff/recruitment/areas/${areaId}`);
    await expectNoSeriousViolations(page, "an area's edit form");

    await open(page, "/staff/recruitment/campaigns");
    const [campaignId] = idsIn(await page.content(), /href="\/staff\/recruitment\/campaigns\/(\d+)"/);
    for (const path of [`/staff/recruitment/campaigns/${campaignId}`, `/staff/recruitment/campaigns/${campaignId}/edit`, `/staff/recruitment/campaigns/${campaignId}/delete`]) {
      await open(page, path);
      await expectNoSeriousViolations(page, path.replace(/\d+/, ":id"));
    }
    await open(page, `/staff/recruitment/campaigns/${campaignId}`);
    const [channelId] = idsIn(await page.content(), /href="\/staff\/recruitment\/channels\/(\d+)\/edit"/);
    for (const path of [`/staff/recruitment/channels/${channelId}/edit`, `/staff/recruitment/channels/${channelId}/delete`]) {
      await open(page, path);
      await expectNoSeriousViolations(page, path.replace(/\d+/, ":id"));
    }

    // A helper's record (the demo has none: one is recorded first).
    await page.request.post("/staff/recruitment/helpers", { form: { name: "（試験）協力 花子", areaId: areaId, insuranceUntil: "2027-03-31", activeFrom: "2026-04-01", pledge: "on" } });
    await open(page, "/staff/recruitment/helpers");
    const [helperId] = idsIn(await page.content(), /href="\/staff\/recruitment\/helpers\/(\d+)"/);
    expect(helperId, "the helper recorded for this check").toBeTruthy();
    await open(page, `/staff/recruitment/helpers/${helperId}`);
    await expectNoSeriousViolations(page, "a helper's record");
  });

  test("park pages: the public list and a park, and the staff registry", async ({ page }) => {
    test.setTimeout(180_000);
    await open(page, "/parks");
    await expectNoSeriousViolations(page, "/parks");
    const [parkId] = idsIn(await page.content(), /href="\/parks\/(\d+)"/);
    await open(page, `/parks/${parkId}`);
    await expectNoSeriousViolations(page, "/parks/:id");
    await open(page, `/parks/${parkId}/support`);
    await expectNoSeriousViolations(page, "/parks/:id/support");

    await loginWithRequests(page.request, ACCOUNTS.staff);
    for (const path of ["/staff/parks", "/staff/parks/new", "/staff/parks/import", "/staff/parks/settings", "/staff/parks/supporters"]) {
      await open(page, path);
      await expectNoSeriousViolations(page, path);
    }
    await open(page, "/staff/parks/new");
    await page.getByRole("button", { name: "公園を追加" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectNoSeriousViolations(page, "/staff/parks/new with errors");
    await open(page, "/staff/parks");
    const [staffParkId] = idsIn(await page.content(), /href="\/staff\/parks\/(\d+)"/);
    await open(page, `/staff/parks/${staffParkId}`);
    await expectNoSeriousViolations(page, "/staff/parks/:id");
  });
});
