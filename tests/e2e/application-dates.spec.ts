import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, decodeEntities, loginInBrowser, open } from "./support";

const POSTING = "ボランティア情報サイトの使い心地モニター";

test.use({ viewport: { width: 390, height: 844 } });

/** The ids of the dev mailbox's emails to the demo student about the posting. */
async function emailsAboutPosting(page: Page): Promise<string[]> {
  const html = await (await page.request.get("/dev/mailbox")).text();
  return [...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)]
    .map((m) => m[1])
    .filter((item) => item.includes(ACCOUNTS.student) && decodeEntities(item).includes(POSTING))
    .map((item) => item.match(/href="\/dev\/mailbox\/(\d+)"/)?.[1] ?? "")
    .filter(Boolean);
}

test("on a phone, applying for two dates gives one email that lists both dates", async ({ page }) => {
  test.setTimeout(120_000);
  await loginInBrowser(page, ACCOUNTS.student);
  const found = (await (await page.request.get(`/api/postings/search?q=${encodeURIComponent(POSTING)}`)).json()) as { hits: { id: number; title: string }[] };
  const id = found.hits.find((h) => h.title.includes(POSTING))?.id;
  expect(id, `a posting titled ${POSTING}`).toBeTruthy();

  await open(page, `/postings/${id}`);
  const dates = page.locator('input[name="shiftId"]');
  await expect(dates).toHaveCount(2);
  await dates.nth(0).check();
  await dates.nth(1).check();
  await page.getByRole("button", { name: "申し込む" }).click();
  await page.waitForURL(/\/activities$/);
  await expect(page.getByRole("status")).toBeVisible();

  // One email about this application, however many dates: both are in it.
  await expect.poll(async () => (await emailsAboutPosting(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
  // A second email, were there one, would be queued in the same transaction: give the worker time to send it.
  await page.waitForTimeout(2_000);
  const ids = await emailsAboutPosting(page);
  expect(ids).toHaveLength(1);
  await open(page, `/dev/mailbox/${ids[0]}`);
  await expect(page.getByText("ほかの日程").first()).toBeVisible();
});
