import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { createVerifiedAccount, idsIn, open } from "./support";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe on the page as it is: no serious or critical WCAG 2.2 AA violation. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `accessibility of ${name}`).toEqual([]);
}

/** The VCALENDAR read back: unfolded lines, checked for CRLF, 75-octet lines and balanced BEGIN/END. */
function parseCalendar(text: string): { props: Record<string, string>; events: Record<string, string>[] } {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  expect(/(^|[^\r])\n/.test(text), "only CRLF line ends").toBe(false);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  const lines = text.slice(0, -2).replace(/\r\n[ \t]/g, "").split("\r\n");
  const props: Record<string, string> = {};
  const events: Record<string, string>[] = [];
  let event: Record<string, string> | null = null;
  let depth = 0;
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).split(";")[0];
    const value = line.slice(colon + 1);
    if (name === "BEGIN") {
      depth++;
      if (value === "VEVENT") event = {};
    } else if (name === "END") {
      depth--;
      if (value === "VEVENT") {
        events.push(event!);
        event = null;
      }
    } else (event ?? props)[name] = value;
  }
  expect(depth).toBe(0);
  expect(props.VERSION).toBe("2.0");
  return { props, events };
}

/** "2026年12月5日(土) 9:00–11:00" (Tokyo) → the start as iCalendar UTC, 20261205T000000Z. */
function startFromLabel(label: string): string {
  const m = label.match(/(\d{4})年(\d{1,2})月(\d{1,2})日\(.\)\s*(\d{1,2}):(\d{2})/);
  if (!m) throw new Error(`no date in "${label}"`);
  const [, y, mo, d, h, mi] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h - 9, mi)).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * Applies to a shift with places left of some published posting that confirms at once (auto mode); returns the
 * shift's start as shown on the page.
 */
async function applySomewhere(page: Page): Promise<{ expectedStart: string; postingId: number }> {
  const list = await (await page.request.get("/postings")).text();
  for (const postingId of idsIn(list, /href="\/postings\/(\d+)"/)) {
    const html = await (await page.request.get(`/postings/${postingId}`)).text();
    if (!/name="shiftId"/.test(html) || !html.includes("残り")) continue;
    await open(page, `/postings/${postingId}`);
    const label = page.locator("label").filter({ has: page.locator('input[name="shiftId"]') }).filter({ hasText: "残り" }).first();
    const text = await label.innerText();
    await label.locator('input[name="shiftId"]').check();
    await page.locator('button[name="intent"][value="apply"]').click();
    await page.waitForURL(/\/activities/);
    // A posting in review mode leaves the application pending: try another.
    if (await page.getByText("参加が確定しました").isVisible()) return { expectedStart: startFromLabel(text), postingId };
  }
  throw new Error("no posting confirms applications at once");
}

async function anonymous(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
}

test.describe("calendar", () => {
  test("a confirmed shift downloads as a valid .ics with the right start, for its owner only", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await createVerifiedAccount(page.request, "カレンダー 三郎");
    const { expectedStart, postingId } = await applySomewhere(page);

    await open(page, "/activities");
    // The activity of the posting applied to: an earlier try may also have confirmed before its message showed.
    const card = page.locator("li.card").filter({ has: page.locator(`a[href="/postings/${postingId}"]`) }).first();
    const link = card.locator('a[href$="/calendar.ics"]');
    await expect(link, "a confirmed activity offers its calendar file").toBeVisible();
    const href = (await link.getAttribute("href"))!;
    const applicationId = Number(href.match(/\/activities\/(\d+)\/calendar\.ics$/)![1]);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const { events } = parseCalendar(readFileSync((await download.path())!, "utf8"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      UID: `application-${applicationId}@tsunagu-yahatahigashi`,
      DTSTART: expectedStart,
      STATUS: "CONFIRMED",
      URL: `${baseURL}/postings/${postingId}`,
    });
    expect(events[0].DTEND > events[0].DTSTART).toBe(true);

    const response = await page.request.get(href);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+\.ics"$/);

    // Someone else's application is not found; without a session, the login page.
    const other = await browser.newContext();
    await createVerifiedAccount(other.request, "他人 四郎");
    expect((await other.request.get(href, { maxRedirects: 0 })).status()).toBe(404);
    const nobody = await anonymous(baseURL!);
    const redirect = await nobody.get(href);
    expect(redirect.status()).toBe(302);
    expect(redirect.headers()["location"]).toMatch(/^\/login\?redirectTo=/);
    expect((await page.request.get("/activities/abc/calendar.ics", { maxRedirects: 0 })).status()).toBe(404);
    await Promise.all([context.close(), other.close(), nobody.dispose()]);
  });

  test("the private feed works without a session, is replaced by a new address, and stops after revocation", async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await createVerifiedAccount(page.request, "フィード 五郎");
    const { expectedStart } = await applySomewhere(page);

    await open(page, "/account/calendar");
    await expect(page.getByText("非公開アドレスはまだ作られていません。")).toBeVisible();
    await expectAccessible(page, "/account/calendar");
    await page.getByRole("button", { name: "非公開のカレンダーアドレスを作る" }).click();
    const urlField = page.getByLabel("カレンダーのアドレス（URL）");
    await expect(urlField).toBeVisible();
    await expectAccessible(page, "/account/calendar with a new address");
    const feedUrl = await urlField.inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${baseURL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    await expect(page.getByRole("link", { name: "カレンダーアプリで開く" })).toHaveAttribute("href", feedUrl.replace(/^http:/, "webcal:"));

    // A calendar app has no session: the address alone is the key.
    const app = await anonymous(baseURL!);
    const feed = await app.get(feedUrl);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(feed.headers()["cache-control"]).toContain("no-store");
    const { props, events } = parseCalendar(await feed.text());
    expect(props["X-WR-CALNAME"]).toBeTruthy();
    expect(events.map((e) => e.DTSTART)).toContain(expectedStart);

    // Shown once: the page does not show the address again.
    await open(page, "/account/calendar");
    await expect(page.getByText(/非公開アドレスは有効です/)).toBeVisible();
    expect(await page.content()).not.toContain(feedUrl);

    // A new address replaces the old one.
    await page.getByRole("button", { name: "新しいアドレスを作り直す" }).click();
    const newUrl = await page.getByLabel("カレンダーのアドレス（URL）").inputValue();
    expect(newUrl).not.toBe(feedUrl);
    expect((await app.get(feedUrl)).status()).toBe(404);
    expect((await app.get(newUrl)).status()).toBe(200);

    // Stopping asks first, then the address stops working.
    await open(page, "/account/calendar");
    await page.getByRole("link", { name: "このアドレスを停止する" }).click();
    await expect(page.getByText("本当に停止しますか？", { exact: false })).toBeVisible();
    await expectAccessible(page, "/account/calendar asking to confirm");
    expect((await app.get(newUrl)).status(), "nothing stops before the confirmation").toBe(200);
    await page.getByRole("button", { name: "停止する" }).click();
    await expect(page.getByText("カレンダーのアドレスを停止しました。")).toBeVisible();
    await expect(page.getByText("非公開アドレスはまだ作られていません。")).toBeVisible();
    expect((await app.get(newUrl)).status()).toBe(404);
    expect((await app.get(`${baseURL}/calendar/not-a-token.ics`)).status()).toBe(404);
    await Promise.all([context.close(), app.dispose()]);
  });
});
