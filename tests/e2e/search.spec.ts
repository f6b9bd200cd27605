import { expect, test } from "@playwright/test";
import { open } from "./support";

const countOf = async (page: import("@playwright/test").Page) =>
  Number((await page.getByRole("heading", { name: /件の募集/ }).textContent())!.match(/\d+/)![0]);

test.describe("searching postings", () => {
  test("search 公園, keep only 高校生歓迎, sort by distance, open one, and come back to the same search", async ({ page }) => {
    await open(page, "/postings");
    await page.waitForSelector("html[data-hydrated]");
    const all = await countOf(page);
    await page.getByLabel("キーワード").fill("公園");
    await expect(page).toHaveURL(/q=%E5%85%AC%E5%9C%92/);
    const parks = await countOf(page);
    expect(parks).toBeGreaterThan(0);
    expect(parks).toBeLessThan(all);
    await expect(page.locator("mark").first()).toHaveText("公園");

    await page.getByLabel("高校生歓迎（18歳未満の方がいま申し込める）").check();
    await expect(page).toHaveURL(/minors=1/);
    await page.getByLabel("距離の基準").selectOption({ index: 1 });
    await page.getByLabel("並べ替え").selectOption("nearest");
    await expect(page).toHaveURL(/sort=nearest/);
    await expect(page).toHaveURL(/near=place%3A\d+/);
    await expect(page.getByRole("heading", { name: /件の募集/ })).not.toHaveAttribute("aria-busy", "true");
    await expect(page.getByLabel("並べ替え")).toHaveValue("nearest");
    const distances = await page.getByText(/約[\d.]+km/).allTextContents();
    const km = distances.map((d) => Number(d.match(/[\d.]+/)![0]));
    expect(km.length).toBeGreaterThan(0);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    const url = page.url();

    const first = page.getByRole("region", { name: /件の募集/ }).getByRole("listitem").first().getByRole("link");
    await first.click();
    await expect(page).toHaveURL(/\/postings\/\d+$/);
    await page.goBack();
    expect(page.url()).toBe(url);
    await expect(page.getByLabel("キーワード")).toHaveValue("公園");
    await expect(page.getByLabel("高校生歓迎（18歳未満の方がいま申し込める）")).toBeChecked();
    await expect(page.getByLabel("並べ替え")).toHaveValue("nearest");
  });

  test("with JavaScript, words typed on the soonest-first list are ordered by relevance, as the API orders them", async ({ page, request }) => {
    await open(page, "/postings");
    await page.waitForSelector("html[data-hydrated]");
    const sort = page.getByLabel("並べ替え");
    await expect(sort.locator("option:checked")).toHaveText("開催が近い順");
    await page.getByLabel("キーワード").fill("こども");
    await expect(page).toHaveURL(/q=%E3%81%93%E3%81%A9%E3%82%82/);
    await expect(page.getByRole("heading", { name: /件の募集/ })).not.toHaveAttribute("aria-busy", "true");
    expect(page.url()).not.toContain("sort=");
    await expect(sort.locator("option:checked")).toHaveText("関連が高い順");
    const api = await (await request.get("/api/postings/search?q=%E3%81%93%E3%81%A9%E3%82%82&per=12")).json();
    const shown = await page.getByRole("region", { name: /件の募集/ }).getByRole("listitem").getByRole("link").evaluateAll((links) =>
      links.map((a) => Number(a.getAttribute("href")!.split("/").pop())),
    );
    expect(shown).toEqual(api.hits.map((h: { id: number }) => h.id));
  });

  test("the API measures from a district as the page does (near=district:CODE)", async ({ request }) => {
    const response = await request.get("/api/postings/search?near=district%3Achuo&sort=nearest");
    expect(response.status()).toBe(200);
    const km: (number | null)[] = (await response.json()).hits.map((h: { distanceKm: number | null }) => h.distanceKm);
    expect(km.length).toBeGreaterThan(0);
    expect(km.every((d) => d !== null)).toBe(true);
    expect([...km].sort((a, b) => a! - b!)).toEqual(km);
    expect((await request.get("/api/postings/search?near=district%3Anowhere")).status()).toBe(400);
  });

  test("search works without JavaScript, typos and other scripts included", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/postings");
    await page.getByLabel("キーワード").fill("ﾎﾞﾗﾝﾃｨｱ");
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await expect(page).toHaveURL(/q=/);
    expect(await countOf(page)).toBeGreaterThan(0);
    await page.goto("/postings?q=zzzzqqqq");
    await expect(page.getByText("条件に合う募集が見つかりませんでした。")).toBeVisible();
    await context.close();
  });

  test("the JSON API answers the same search and explains bad parameters", async ({ request }) => {
    const ok = await request.get("/api/postings/search?q=%E5%85%AC%E5%9C%92&minors=1");
    expect(ok.status()).toBe(200);
    const body = await ok.json();
    expect(body.engine).toBe("postgres");
    expect(body.total).toBeGreaterThan(0);
    expect(body.hits[0]).toHaveProperty("titleHighlight");
    expect(body.facets).toHaveProperty("category");
    expect(JSON.stringify(body)).not.toMatch(/contact|@demo/);

    const bad = await request.get("/api/postings/search?category=%3Cscript%3E&from=tomorrow&sort=random&lang=en");
    expect(bad.status()).toBe(400);
    const errors = (await bad.json()).errors;
    expect(Object.keys(errors).sort()).toEqual(["category", "from", "sort"]);
    expect(errors.from[0]).toBe("Please enter a valid date.");
  });
});
