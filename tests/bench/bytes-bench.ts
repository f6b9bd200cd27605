/**
 * npm run bench:bytes — how much JavaScript a page makes the browser load before it hydrates (issue 12).
 *
 * Starts the production build (run `npm run build` first) on the demo data in a scratch PGlite folder, asks for
 * each page in Japanese and in English, and adds up the scripts it loads: every `<link rel="modulepreload">`, every
 * module the inline scripts import, and, followed through the built files, the messages a loaded chunk imports
 * for the page's language before it renders (`messages-<lang>-…` chunks). Each file is gzipped at level 9 (as the
 * server sends it, see server/responses.mjs) and counted once. Prints a table per page and the files of each.
 *
 *   BENCH_BYTES_PAGES="/,/postings"   the pages (a posting page is added: the first one /postings links)
 *   BENCH_BYTES_LIMIT=100             KB (1,000 bytes) of gzipped JS allowed; the run fails above it
 *   BENCH_BYTES_VERBOSE=1             list each file
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { closure, scriptsOfPage } from "./page-scripts";
import { freePort } from "./support";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLIENT = path.join(ROOT, "build/client");
const LIMIT_KB = Number(process.env.BENCH_BYTES_LIMIT ?? 100);
const VERBOSE = process.env.BENCH_BYTES_VERBOSE === "1";
const PAGES = (process.env.BENCH_BYTES_PAGES ?? "/,/postings").split(",").map((s) => s.trim()).filter(Boolean);

async function waitUntilUp(url: string, child: ChildProcess, log: () => string) {
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server ended (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url}:\n${log()}`);
}

async function main() {
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("no build: run `npm run build` first");
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsunagu-bench-bytes-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, SEED_DEMO: "auto", DATABASE_URL: "", DEMO_MODE: "true", PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (b) => (log = (log + b).slice(-4000)));
  child.stderr!.on("data", (b) => (log = (log + b).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const gz = new Map<string, number>();
  const raw = new Map<string, number>();
  const read = (p: string) => {
    const buf = readFileSync(path.join(CLIENT, p));
    if (!gz.has(p)) {
      raw.set(p, buf.length);
      gz.set(p, gzipSync(buf, { level: 9 }).length);
    }
    return buf.toString("utf8");
  };
  let failed = false;
  try {
    await waitUntilUp(`${base}/healthz`, child, () => log);
    const list = await (await fetch(`${base}/postings`)).text();
    const posting = /href="(\/postings\/\d+)"/.exec(list)?.[1];
    const pages = posting ? [...PAGES, posting] : PAGES;
    console.log(`gzipped JavaScript loaded before hydration (gzip -9 of each file; limit ${LIMIT_KB} KB on ${PAGES.join(", ")})`);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
    console.log("| page | language | files | raw | gzipped |");
    console.log("|---|---|---|---|---|");
    for (const page of pages) {
      for (const lang of ["ja", "en"]) {
        const res = await fetch(`${base}${page}`, { headers: { cookie: `tsunagu_lang=${lang}` } });
        const html = await res.text();
        const htmlLang = /<html[^>]*\blang="(\w+)"/.exec(html)?.[1] ?? "?";
        const files = closure(scriptsOfPage(html), htmlLang, read);
        const total = files.reduce((s, f) => s + gz.get(f)!, 0);
        const totalRaw = files.reduce((s, f) => s + raw.get(f)!, 0);
        const over = PAGES.includes(page) && total / 1000 > LIMIT_KB;
        failed ||= over;
        console.log(`| ${page} | ${htmlLang}${htmlLang !== lang ? ` (asked ${lang})` : ""} | ${files.length} | ${(totalRaw / 1000).toFixed(1)} KB | ${(total / 1000).toFixed(1)} KB${over ? " — over the limit" : ""} |`);
        if (VERBOSE) for (const f of [...files].sort((a, b) => gz.get(b)! - gz.get(a)!)) console.log(`    ${(gz.get(f)! / 1000).toFixed(1).padStart(6)} KB  ${f}`);
      }
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
