import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect, type APIRequestContext, type APIResponse, type Browser, type Page } from "@playwright/test";
import { totpCode } from "../../app/modules/accounts/totp.server";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../app/server/seed/data";

export { DEMO_PASSWORD };

/** The demo accounts seeded on an empty data folder. */
export const ACCOUNTS = {
  student: "student@demo.tsunagu.example",
  highschool: "highschool@demo.tsunagu.example",
  owner: "owner@demo.tsunagu.example",
  editor: "editor@demo.tsunagu.example",
  staff: "staff@demo.tsunagu.example",
  admin: "admin@demo.tsunagu.example",
} as const;

export type DemoAccount = keyof typeof ACCOUNTS;

export const NEEDS_TOTP = new Set<string>([ACCOUNTS.staff, ACCOUNTS.admin]);

/** A unique suffix for people and groups made by a test, so reruns on the same data never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A calendar date in Tokyo, `days` from today, as YYYY-MM-DD. */
export function tokyoDate(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const STEP_MS = 30_000;

/**
 * Second-factor codes. The server accepts the 30-second step before, of and after "now", and each step only
 * once per account (replay protection), so the steps used by earlier logins of this run are remembered in a
 * file beside the run's data folder, and each login takes the next unused step (waiting for it when needed).
 * A refused code (the file lost, say) moves on to the next step; at most three tries.
 */
function usedStepsFile(): string | null {
  const dir = process.env.TSUNAGU_E2E_DATA_DIR;
  return dir ? `${dir}.totp-steps.json` : null;
}

function readUsedSteps(): Record<string, number> {
  const file = usedStepsFile();
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

function markStepUsed(email: string, step: number): void {
  const file = usedStepsFile();
  if (!file) return;
  const used = readUsedSteps();
  used[email] = Math.max(used[email] ?? 0, step);
  writeFileSync(file, JSON.stringify(used));
}

async function nextUnusedStep(email: string): Promise<number> {
  const now = Math.floor(Date.now() / STEP_MS);
  const step = Math.max(now, (readUsedSteps()[email] ?? 0) + 1);
  if (step > now + 1) {
    // Wait until `step` is the next one, so that the server accepts it.
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * STEP_MS - Date.now() + 250));
  }
  return step;
}

async function submitTotp(email: string, submit: (code: string) => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const step = await nextUnusedStep(email);
    const accepted = await submit(totpCode(DEMO_TOTP_SECRET, new Date(step * STEP_MS)));
    markStepUsed(email, step);
    if (accepted) return;
  }
  throw new Error(`the second-factor code of ${email} was refused three times`);
}

export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]");
}

/** Opens a page and waits until React has hydrated it. */
export async function open(page: Page, url: string) {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

/** Logs in through the login form in the browser, completing the code step for staff and admins. */
export async function loginInBrowser(page: Page, email: string, password = DEMO_PASSWORD, from = "/login"): Promise<void> {
  await open(page, from);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログインする" }).click();
  if (NEEDS_TOTP.has(email)) {
    await page.waitForURL(/\/login\/two-factor/);
    await waitForHydration(page);
    const codePage = page.url();
    let attempts = 0;
    await submitTotp(email, async (code) => {
      // A fresh form for each try, so that the message of a refused try cannot be mistaken for this one's.
      if (attempts++ > 0) await open(page, codePage);
      await page.getByLabel("確認コード（6桁）").fill(code);
      await page.getByRole("button", { name: "確認する" }).click();
      const outcome = await Promise.race([
        page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 }).then(() => "in" as const),
        page.getByText("確認コードが正しくないか").waitFor({ timeout: 15_000 }).then(() => "refused" as const),
      ]);
      return outcome === "in";
    });
  } else {
    await page.waitForURL((url) => url.pathname !== "/login", { timeout: 15_000 });
  }
}

/** The value of a cookie-bearing Location header, resolved against the site. */
export function location(response: APIResponse): string {
  return response.headers()["location"] ?? "";
}

/**
 * Logs in with HTTP requests only (the login form and, for staff, the code form). The context keeps the
 * session cookie. Works with `maxRedirects: 0` contexts. Returns the login response's Set-Cookie header.
 */
export async function loginWithRequests(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request.post("/login", { form: { email, password, redirectTo: "" }, maxRedirects: 0 });
  expect(response.status(), `login of ${email}`).toBe(302);
  const setCookie = response.headers()["set-cookie"] ?? "";
  const next = location(response);
  if (NEEDS_TOTP.has(email)) {
    expect(next).toMatch(/^\/login\/two-factor\?/);
    await submitTotp(email, async (code) => {
      const answer = await request.post(next, { form: { code }, maxRedirects: 0 });
      if (answer.status() === 302) return true;
      expect(answer.status(), "a refused code is a 400").toBe(400);
      return false;
    });
  }
  return setCookie;
}

/** The ids of the links on a page that match a pattern like /\/orgs\/(\d+)/. */
export function idsIn(html: string, pattern: RegExp): number[] {
  const global = new RegExp(pattern.source, "g");
  return [...html.matchAll(global)].map((m) => Number(m[1]));
}

/**
 * Finds the newest email to an address in the dev mailbox (the worker sends shortly after the request) and
 * returns its plain-text body's links. Uses HTTP only.
 */
export async function emailLinks(request: APIRequestContext, to: string, subject?: RegExp): Promise<{ id: number; links: string[] }> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        const html = await (await request.get("/dev/mailbox")).text();
        for (const item of html.split("<li").slice(1)) {
          const match = item.match(/href="\/dev\/mailbox\/(\d+)"[^>]*>([^<]*)</);
          if (!match || !item.includes(to)) continue;
          if (subject && !subject.test(decodeEntities(match[2]))) continue;
          id = Number(match[1]);
          return true;
        }
        return false;
      },
      { message: `an email to ${to} in the dev mailbox`, timeout: 15_000, intervals: [200, 300, 500, 1000] },
    )
    .toBe(true);
  const html = await (await request.get(`/dev/mailbox/${id}`)).text();
  const body = html.slice(html.indexOf('data-testid="email-body"'));
  const links = [...body.matchAll(/<a href="([^"]+)"/g)].map((m) => decodeEntities(m[1]));
  return { id: id!, links };
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

/**
 * Makes a new, verified account with HTTP requests (sign-up, the link in the verification email, confirm)
 * and logs it in on the given context. For tests whose subject is not the sign-up itself.
 */
export async function createVerifiedAccount(request: APIRequestContext, displayName: string): Promise<{ email: string; password: string }> {
  const email = `${unique("e2e")}@example.com`;
  const password = "kawachi-no-fuji-2026";
  const signup = await request.post("/signup", { form: { displayName, email, password, agree: "on" }, maxRedirects: 0 });
  expect(signup.status(), "sign-up").toBe(302);
  expect(location(signup)).toBe("/check-email");
  const { links } = await emailLinks(request, email);
  const verify = links.find((l) => l.includes("/verify-email"));
  expect(verify, "a verification link in the email").toBeTruthy();
  const token = new URL(verify!).searchParams.get("token")!;
  const confirm = await request.post("/verify-email", { form: { token }, maxRedirects: 0 });
  expect(confirm.status()).toBe(302);
  expect(location(confirm)).toBe("/login");
  await loginWithRequests(request, email, password);
  // Applying needs a birth date: these people are adults (the journeys of minors use the demo high-school student).
  const profile = await request.post("/account", {
    form: { displayName, birthDate: "1995-05-05", locale: "ja", notifyReminders: "on", notifySecondReminder: "on", notifyMessages: "on" },
    maxRedirects: 0,
  });
  expect(profile.status(), "birth date saved").toBe(303);
  return { email, password };
}

/** The demo owner, logged in, with the id of their first organisation. */
export async function ownerSession(browser: Browser): Promise<{ page: Page; orgId: number }> {
  const page = await (await browser.newContext()).newPage();
  await loginInBrowser(page, ACCOUNTS.owner);
  const html = await (await page.request.get("/account")).text();
  // Other journeys register unverified organisations for the owner: take one marked verified (確認済み).
  const verified = html.split("<li").find((item) => /href="\/orgs\/\d+"/.test(item) && item.includes("確認済み"));
  const orgId = Number(verified?.match(/href="\/orgs\/(\d+)"/)?.[1] ?? 0);
  expect(orgId, "the owner belongs to a verified organisation").toBeGreaterThan(0);
  return { page, orgId };
}
