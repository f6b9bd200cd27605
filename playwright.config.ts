import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser and HTTP-level tests against the production build (`node server.mjs`), on a fresh embedded
 * database (PGlite) that the server migrates and seeds with the demo data on start (demo mode).
 */
// E2E_PORT lets two checkouts run their journeys side by side on one machine.
const PORT = Number(process.env.E2E_PORT) || 3210;
const baseURL = `http://127.0.0.1:${PORT}`;

// A fresh data folder per run (the server creates, migrates and seeds it). The config is evaluated again in
// each worker process, which inherits the runner's environment, so the name is fixed once, in the runner.
const RUN_PREFIX = "tsunagu-e2e-";
if (!process.env.TSUNAGU_E2E_DATA_DIR) {
  removeStaleRunFolders();
  process.env.TSUNAGU_E2E_DATA_DIR = path.join(os.tmpdir(), `${RUN_PREFIX}${process.pid}-${Date.now()}`);
}
const dataDir = process.env.TSUNAGU_E2E_DATA_DIR;

/** Earlier runs' data folders (about 40 MB each), once they are two hours old. */
function removeStaleRunFolders(): void {
  const cutoff = Date.now() - 2 * 3600_000;
  try {
    for (const name of readdirSync(os.tmpdir())) {
      if (!name.startsWith(RUN_PREFIX)) continue;
      const full = path.join(os.tmpdir(), name);
      if (statSync(full).mtimeMs < cutoff) rmSync(full, { recursive: true, force: true });
    }
  } catch {
    // Tidying up is best effort.
  }
}

const systemChromium = "/usr/bin/chromium";
const builtServer = existsSync("build/server/index.js");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: builtServer ? "node server.mjs" : "npx remix vite:build && node server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      // The demo, as `npm start` runs it (demo data, the dev mailbox), whatever the shell has: PGlite, no search
      // server, no email provider.
      DEMO_MODE: "true",
      // The demo's session of the day is in progress whatever the hour, so the check-in journeys run at night too.
      DEMO_SESSION_AT_ANY_HOUR: "true",
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      MEILISEARCH_URL: "",
      APP_URL: baseURL,
      TRUST_PROXY: "false",
      SEED_DEMO: "auto",
      WORKER: "inline",
      // Every browser in the run logs in from 127.0.0.1: one address for all the journeys' people.
      LOGIN_LIMIT_PER_IP: "200",
      SIGNUP_LIMIT_PER_IP: "200",
      // The demo owner logs in for many journeys within a few minutes.
      LOGIN_LIMIT_PER_ACCOUNT: "100",
    },
  },
});
