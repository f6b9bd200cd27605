import type { DB } from "#db/client.server";
import type { Env } from "~/utils/env.server";
import { countDemoAccounts } from "./seed/remove";

/**
 * How this process was started. `demo` is said explicitly (`server.mjs --demo`, which `npm start` and
 * `npm run dev` pass); a production deployment runs `node server.mjs` (`npm run serve`) and gets `production`.
 * See docs/decisions/016-explicit-demo-mode.md.
 */
export type SiteMode = "demo" | "production" | "development";

export function siteMode(e: Env): SiteMode {
  if (e.DEMO_MODE) return "demo";
  return e.NODE_ENV === "production" ? "production" : "development";
}

/** A start that must not go ahead; the message says what to change. */
export class StartRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartRefused";
  }
}

/** Checks of the configuration alone, before the database is touched. */
export function checkConfiguration(e: Env): void {
  if (siteMode(e) !== "production") return;
  if (!e.APP_URL)
    throw new StartRefused(
      "APP_URL is not set. Links in emails (password resets, invitations, consent) are built from it and never " +
        "from a request's Host header: set it to the site's public address, e.g. APP_URL=https://tsunagu.example.jp. " +
        "To try the site on this machine instead, run `npm start` (demo mode).",
    );
}

/** Checks of the database, after migrations: a production site never runs with the demo's public accounts. */
export async function checkDatabase(db: DB, e: Env): Promise<void> {
  if (siteMode(e) !== "production") return;
  const demoAccounts = await countDemoAccounts(db);
  if (demoAccounts > 0)
    throw new StartRefused(
      `This database holds ${demoAccounts} demo account(s) whose passwords and second-factor secret are public. ` +
        "Remove the demo data with `npm run demo:remove` (run with the same DATABASE_URL or DATA_DIR), then start again. " +
        "To run the demo itself, use `npm start`.",
    );
}

/** Said at every production start without an email provider, so an operator cannot miss it. */
export function emailWarning(e: Env): string | null {
  if (siteMode(e) === "demo" || e.RESEND_API_KEY) return null;
  return [
    "*".repeat(72),
    "EMAIL IS NOT BEING SENT: RESEND_API_KEY is not set.",
    "Sign-up confirmations, password resets, invitations and guardian consent requests are kept in the",
    "outbox and reach nobody. Set RESEND_API_KEY (and EMAIL_FROM) to send them. Staff see this on every page.",
    "*".repeat(72),
  ].join("\n");
}
