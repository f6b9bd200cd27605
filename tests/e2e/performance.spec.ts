import { expect, test, type Page } from "@playwright/test";
import { open } from "./support";

/** The scripts a page loaded from /assets, by file name. */
function scriptsOf(page: Page): string[] {
  const names: string[] = [];
  page.on("response", (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith("/assets/") && url.pathname.endsWith(".js")) names.push(url.pathname.slice("/assets/".length));
  });
  return names;
}

test.describe("what a page costs to load", () => {
  test("a page loads only its reader's language's messages, and switching language brings the other in", async ({ page }) => {
    const scripts = scriptsOf(page);
    await open(page, "/postings?category=parks");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ボランティアを探す");
    // The root's messages and the list's own, in Japanese only; no whole catalogue.
    expect(scripts.filter((s) => /^messages-ja-/.test(s)).sort()).toEqual([expect.stringMatching(/^messages-ja-root-/), expect.stringMatching(/^messages-ja-routes_postings\._index-/)]);
    expect(scripts.filter((s) => /^(messages-en-|ja-|en-)/.test(s))).toEqual([]);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find volunteering");
    await expect(page.getByRole("group", { name: "Area of activity" }).getByLabel("Parks & greenery")).toBeChecked();
    expect(scripts.filter((s) => /^messages-en-/.test(s))).toHaveLength(2);

    // And back, as often as the reader likes: each part is loaded once per language.
    await page.getByRole("button", { name: "日本語" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ボランティアを探す");
    expect(scripts.filter((s) => /^messages-(ja|en)-/.test(s))).toHaveLength(4);

    // A page of another route brings its own messages, in the language in use.
    await page.getByRole("link", { name: /^つなぐ八幡東/ }).first().click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("ボランティアを探す");
    await expect.poll(() => scripts.filter((s) => /^messages-ja-routes__index-/.test(s)).length).toBe(1);
  });

  test("pages and scripts come compressed, and hashed scripts are cached for a year", async ({ page, request }) => {
    const html = await request.get("/postings", { headers: { "accept-encoding": "br, gzip" } });
    expect(html.headers()["content-encoding"]).toBe("br");
    expect(await html.text()).toContain("ボランティアを探す");
    const scripts = scriptsOf(page);
    await open(page, "/");
    const script = scripts.find((s) => /^root-/.test(s));
    expect(script).toBeTruthy();
    const asset = await request.get(`/assets/${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(asset.headers()["content-encoding"]).toBe("gzip");
    expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("a page shared between visitors runs in the browser under its hash-based policy, with no script refused", async ({ page, request }) => {
    await request.get("/postings?category=parks");
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const response = await open(page, "/postings?category=parks");
    expect(response?.headers()["x-page-cache"]).toBe("hit");
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'sha256-[^;]*'strict-dynamic'/);
    // Hydrated: the search follows the form without a page load.
    await page.getByLabel("キーワード").fill("清掃");
    await expect(page).toHaveURL(/q=%E6%B8%85%E6%8E%83/);
    expect(refused).toEqual([]);
  });
});
