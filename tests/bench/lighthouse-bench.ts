/**
 * `npm run bench:lighthouse`: Lighthouse's mobile performance score (simulated throttling, its default) of the
 * public pages people arrive on, several runs each, against the production build on the demo data (PGlite).
 *
 * Lighthouse is not a dependency of the site: it is fetched by `npx` at a pinned version when the benchmark runs
 * (the registry must be reachable), and drives Chromium (`CHROME_PATH`, else /usr/bin/chromium when present).
 * Prints each run's score with FCP, LCP, TBT and CLS; exits 1 when any run scores below `BENCH_LIGHTHOUSE_MIN`.
 *
 * BENCH_LIGHTHOUSE_PAGES="/,/postings,/postings/:first"  BENCH_RUNS=3  BENCH_LIGHTHOUSE_MIN=95
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startProcess, stopProcess, waitUntilUp } from "./support";

const LIGHTHOUSE = "lighthouse@12.8.2";
const ROOT = path.resolve(import.meta.dirname, "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MIN = Number(process.env.BENCH_LIGHTHOUSE_MIN ?? 95);
const PAGES = (process.env.BENCH_LIGHTHOUSE_PAGES ?? "/,/postings,/postings/:first").split(",").map((p) => p.trim());
const CHROME = process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
// The flags a headless Chromium needs on a machine with no network beyond loopback and no sandbox for root.
const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

interface Run {
  score: number;
  fcp: string;
  lcp: string;
  tbt: string;
  cls: string;
}

function lighthouse(url: string): Run {
  const result = spawnSync(
    "npx",
    ["--yes", LIGHTHOUSE, url, "--only-categories=performance", "--output=json", "--output-path=stdout", "--quiet", `--chrome-flags=${CHROME_FLAGS}`],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...(CHROME ? { CHROME_PATH: CHROME } : {}) } },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed on ${url} (${result.status}):\n${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stdout) as {
    categories: { performance: { score: number } };
    audits: Record<string, { displayValue?: string }>;
  };
  const shown = (id: string) => report.audits[id]?.displayValue ?? "?";
  return {
    score: Math.round(report.categories.performance.score * 100),
    fcp: shown("first-contentful-paint"),
    lcp: shown("largest-contentful-paint"),
    tbt: shown("total-blocking-time"),
    cls: shown("cumulative-layout-shift"),
  };
}

async function main() {
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    console.log("building the production build first…");
    if (spawnSync("npx", ["remix", "vite:build"], { cwd: ROOT, stdio: "inherit" }).status !== 0) process.exit(1);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsunagu-bench-lighthouse-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(["server.mjs", "--demo"], { DATA_DIR: dir, DATABASE_URL: "", PORT: String(port), HOST: "127.0.0.1", APP_URL: base, NODE_ENV: "production" });
  let failed = false;
  try {
    await waitUntilUp(`${base}/healthz`, server, 180_000);
    const first = (await (await fetch(`${base}/postings`)).text()).match(/href="\/postings\/(\d+)"/)?.[1] ?? "1";
    console.log(`bench:lighthouse — ${LIGHTHOUSE}, mobile, simulated throttling, ${RUNS} runs per page; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log("| page | run | performance | FCP | LCP | TBT | CLS |\n|---|---|---|---|---|---|---|");
    for (const page of PAGES) {
      const route = page.replace(":first", first);
      for (let i = 1; i <= RUNS; i++) {
        const r = lighthouse(base + route);
        if (r.score < MIN) failed = true;
        console.log(`| ${route} | ${i} | ${r.score} | ${r.fcp} | ${r.lcp} | ${r.tbt} | ${r.cls} |`);
      }
    }
    console.log(`target: every run ≥ ${MIN}: ${failed ? "NOT met" : "met"}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

await main();
