/**
 * npm run bench:pages — how the pages hold up when many people arrive at once (issue 12).
 *
 * Starts the production build (run `npm run build` first; it is built when missing) on the demo data — on
 * PGlite in a scratch data folder, and with DATABASE_URL also on PostgreSQL in scratch databases: the demo
 * data, and 10,000 generated postings (tests/bench/generate.ts, load.ts) — and in the same run a bare React
 * renderToString server of 20 posting cards (tests/bench/reference-server.tsx). Each route gets BENCH_SECONDS
 * of load from autocannon at BENCH_CONNECTIONS connections, with the Accept-Encoding a browser sends. Prints
 * req/s, p50/p95/p99, the share of the reference's throughput, and the server's resident memory (all its
 * processes) before, during and after; and the load average, since other work on the machine skews all of it.
 *
 *   BENCH_SECONDS=10        seconds of load per route (BENCH_WARMUP_SECONDS=3 before each database)
 *   BENCH_CONNECTIONS=50
 *   BENCH_DATABASES=pglite,postgres,postgres-10k   which to run (the PostgreSQL ones need DATABASE_URL)
 *   BENCH_POSTINGS=10000    generated postings for postgres-10k
 *   BENCH_PROCESSES=<cpus>  server processes on PostgreSQL (server/cluster.mjs); PGlite always runs one
 *   BENCH_SOAK_SECONDS=0    then this long of mixed load on each database, RSS printed every BENCH_SOAK_EVERY=30 s
 *   BENCH_ENCODING="br, gzip"  the Accept-Encoding sent ("" for none)
 *   BENCH_KEEP=1            keep the scratch databases
 *   BENCH_NODE_ARGS="…"      extra Node options for the server processes (e.g. --trace-gc), to compare settings
 *   BENCH_MEMORY_LOG=<file>  the server processes append where their memory is (heap, external, native) to this
 *                            file every 10 s (tests/bench/memory-probe.mjs)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { migrateToLatest } from "#db/client.server";
import { seedDemo } from "~/server/seed/seed";
import { generateDataset } from "./generate";
import { loadDataset } from "./load";
import { freePort, openBenchDatabase, percentile, startProcess, stopProcess, waitUntilUp } from "./support";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};
const SECONDS = num("BENCH_SECONDS", 10);
const WARMUP = num("BENCH_WARMUP_SECONDS", 3);
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
const POSTINGS = num("BENCH_POSTINGS", 10_000);
const PROCESSES = num("BENCH_PROCESSES", os.availableParallelism?.() ?? os.cpus().length);
const SOAK = num("BENCH_SOAK_SECONDS", 0);
const SOAK_EVERY = Math.max(1, num("BENCH_SOAK_EVERY", 30));
const ENCODING = process.env.BENCH_ENCODING ?? "br, gzip";
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const WANTED = (process.env.BENCH_DATABASES ?? "pglite,postgres,postgres-10k").split(",").map((s) => s.trim());
const ROOT = path.resolve(import.meta.dirname, "../..");

const q = encodeURIComponent("公園");
interface Route {
  name: string;
  path: string;
}
const ROUTES: Route[] = [
  { name: "/", path: "/" },
  { name: "/postings", path: "/postings" },
  { name: "/postings?q=公園", path: `/postings?q=${q}` },
  { name: "/postings/:id", path: "" },
  { name: "/api/postings/search?q=公園", path: `/api/postings/search?q=${q}` },
];

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** A process and all its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return tree;
}

/** Resident memory of processes, in kB. */
function rssKb(pids: number[]): number {
  let total = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += m ? Number(m[1]) : 0;
    } catch {
      // ended
    }
  }
  return total;
}

/** Resident memory of a process and all its descendants, in kB. */
function treeRssKb(pid: number): number {
  return rssKb(processTree(pid));
}

async function measure(base: string, route: string, seconds: number, pid?: number): Promise<Measured & { peakKb: number }> {
  const times: number[] = [];
  let peakKb = 0;
  // The process list is read once: scanning /proc during the load would stall this process's own requests.
  const pids = pid ? processTree(pid) : [];
  const sampler = pid ? setInterval(() => (peakKb = Math.max(peakKb, rssKb(pids))), 1000) : null;
  const instance = autocannon({
    url: base + route,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    headers: ENCODING ? { "accept-encoding": ENCODING } : {},
  });
  instance.on("response", (_c, _s, _b, responseTime) => times.push(responseTime));
  const result = await instance;
  if (sampler) clearInterval(sampler);
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.total / Math.max(1, result.duration),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakKb,
  };
}

const row = (name: string, m: Measured, reference?: number) =>
  `| ${name} | ${Math.round(m.rps)} | ${Math.round(m.p50)} / ${Math.round(m.p95)} / ${Math.round(m.p99)} ms | ${
    reference ? `${((100 * m.rps) / reference).toFixed(1)} %` : "100 %"
  } | ${m.errors}${m.non2xx ? ` (+${m.non2xx} non-2xx)` : ""} |`;

interface Setup {
  name: string;
  env: Record<string, string>;
  processes: number;
  dispose: () => Promise<void>;
}

async function pgliteSetup(): Promise<Setup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsunagu-bench-pages-"));
  return {
    name: "PGlite, demo data (one process)",
    // DATABASE_URL emptied: this run is on PGlite even when the benchmark was given a server.
    env: { DATA_DIR: dir, SEED_DEMO: "auto", DATABASE_URL: "", DEMO_MODE: "true" },
    processes: 1,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresSetup(kind: "demo" | "generated"): Promise<Setup> {
  const bench = await openBenchDatabase(DATABASE_URL, { prefix: "tsunagu_bench_pages", keep: process.env.BENCH_KEEP === "1" });
  await migrateToLatest(bench.db);
  let what = "demo data";
  if (kind === "demo") await seedDemo(bench.db);
  else {
    const now = new Date();
    const loaded = await loadDataset(bench.db, generateDataset(POSTINGS, { seed: 12, now }), now);
    what = `${loaded.postingIds.length.toLocaleString("en")} generated postings`;
  }
  const name = /scratch database (\w+)/.exec(bench.description)?.[1];
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  await bench.db.destroy();
  return {
    name: `${bench.description.split(" (")[0]}, ${what} (${PROCESSES} process${PROCESSES === 1 ? "" : "es"})`,
    // The demo data's public accounts are refused outside demo mode (ADR 016).
    env: { DATABASE_URL: url.toString(), WEB_CONCURRENCY: String(PROCESSES), DEMO_MODE: "true" },
    processes: PROCESSES,
    dispose: bench.dispose,
  };
}

/**
 * Requests one after another for BENCH_WARMUP_SECONDS (code compiled, caches and the search index read), not
 * with many connections: requests still queued when a load run stops are answered after it, during the next.
 */
async function warmUp(base: string, routes: Route[]) {
  const end = Date.now() + WARMUP * 1000;
  do for (const r of routes) await (await fetch(base + r.path, { headers: { "accept-encoding": ENCODING } })).arrayBuffer();
  while (Date.now() < end);
}

/** Waits until the server answers quickly again: the previous run's last requests are still being answered. */
async function settle(base: string) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const t = Date.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    if (Date.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function firstPostingPath(base: string): Promise<string> {
  const res = await fetch(`${base}/api/postings/search?q=`);
  const body = (await res.json()) as { hits?: { id: number }[] };
  const id = body.hits?.[0]?.id;
  if (!id) throw new Error("the search API returned no posting to benchmark");
  return `/postings/${id}`;
}

/**
 * BENCH_SOAK_SECONDS of mixed load, RSS sampled every BENCH_SOAK_EVERY s (and every second for the peak). The
 * issue's measure: the end against the idle RSS right after start, and no growth from minute 2 to the end.
 */
async function soak(base: string, pid: number, routes: Route[], idleAfterStartKb: number) {
  console.log(`\nmemory under ${SOAK} s of mixed load (${CONNECTIONS} connections over every route):`);
  const pids = processTree(pid);
  const before = rssKb(pids);
  const samples: { at: number; kb: number }[] = [];
  let peak = before;
  const started = Date.now();
  const peakTimer = setInterval(() => (peak = Math.max(peak, rssKb(pids))), 1000);
  const timer = setInterval(() => {
    const s = { at: Math.round((Date.now() - started) / 1000), kb: rssKb(pids) };
    samples.push(s);
    console.log(`  ${String(s.at).padStart(4)} s  RSS ${mb(s.kb)}  load ${load()}`);
  }, SOAK_EVERY * 1000);
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SOAK,
    timeout: 30,
    headers: ENCODING ? { "accept-encoding": ENCODING } : {},
    requests: routes.map((r) => ({ method: "GET", path: r.path })),
  });
  const result = await instance;
  clearInterval(timer);
  clearInterval(peakTimer);
  const end = rssKb(pids);
  peak = Math.max(peak, end);
  const fromMinute2 = samples.find((s) => s.at >= 120);
  const signed = (kb: number) => `${kb >= 0 ? "+" : "−"}${mb(Math.abs(kb))}`;
  console.log(
    `  idle after start ${mb(idleAfterStartKb)}, before the soak ${mb(before)}${fromMinute2 ? `, at ${fromMinute2.at} s ${mb(fromMinute2.kb)}` : ""}, end ${mb(end)} (${signed(end - idleAfterStartKb)} on idle after start), peak ${mb(peak)}`,
  );
  console.log(
    `  ${fromMinute2 ? `from ${fromMinute2.at} s to the end: ${signed(end - fromMinute2.kb)}; ` : ""}${Math.round(result.requests.total / result.duration)} req/s, ${result.errors + result.timeouts} errors; load average ${load()}`,
  );
}

async function main() {
  console.log(`bench:pages — ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}`);
  console.log(`${SECONDS} s per route at ${CONNECTIONS} connections, Accept-Encoding: ${ENCODING || "(none)"}`);
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    console.log("no production build: building it");
    const built = spawnSync("npx", ["remix", "vite:build"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("the build failed");
  }

  const refPort = await freePort();
  const reference = startProcess(["--import", "tsx", "tests/bench/reference-server.tsx"], { PORT: String(refPort), NODE_ENV: "production" });
  const refBase = `http://127.0.0.1:${refPort}`;
  const setups: (() => Promise<Setup>)[] = [];
  if (WANTED.includes("pglite")) setups.push(pgliteSetup);
  if (DATABASE_URL && WANTED.includes("postgres")) setups.push(() => postgresSetup("demo"));
  if (DATABASE_URL && WANTED.includes("postgres-10k")) setups.push(() => postgresSetup("generated"));
  if (!DATABASE_URL && WANTED.some((w) => w.startsWith("postgres"))) console.log("(DATABASE_URL is not set: PostgreSQL skipped)");

  try {
    await waitUntilUp(refBase, reference, 30_000);
    for (const makeSetup of setups) {
      const setup = await makeSetup();
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      console.log(`\n## ${setup.name}`);
      const probe: Record<string, string> = process.env.BENCH_MEMORY_LOG
        ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(ROOT, "tests/bench/memory-probe.mjs")}`.trim(), MEMORY_PROBE_LOG: path.resolve(process.env.BENCH_MEMORY_LOG) }
        : {};
      const server = startProcess([...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean), "server/cluster.mjs"], { APP_URL: `http://127.0.0.1:${port}`, ...setup.env, ...probe, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", WEB_CONCURRENCY: String(setup.processes) });
      try {
        const startedAt = Date.now();
        await waitUntilUp(`${base}/healthz`, server, 180_000);
        const idleAfterStart = treeRssKb(server.pid!);
        console.log(`up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; idle RSS ${mb(idleAfterStart)}`);
        const routes = ROUTES.map((r) => ({ ...r }));
        const posting = routes.find((r) => r.path === "")!;
        posting.path = await firstPostingPath(base);
        posting.name = posting.path;
        await warmUp(base, routes);
        const before = treeRssKb(server.pid!);
        const ref = await measure(refBase, "/", SECONDS);
        await new Promise((r) => setTimeout(r, 1000));
        console.log(`load average ${load()}`);
        console.log(`| route | req/s | p50 / p95 / p99 | share of the reference | errors |\n|---|---|---|---|---|`);
        console.log(row("reference: React renderToString, 20 cards", ref));
        let peak = 0;
        for (const r of routes) {
          const m = await measure(base, r.path, SECONDS, server.pid!);
          peak = Math.max(peak, m.peakKb);
          console.log(row(r.name, m, ref.rps));
          await settle(base);
        }
        await new Promise((r) => setTimeout(r, 5000));
        console.log(`RSS (all server processes): before ${mb(before)}, during up to ${mb(peak)}, 5 s after ${mb(treeRssKb(server.pid!))}; load average ${load()}`);
        if (SOAK > 0) await soak(base, server.pid!, routes, idleAfterStart);
      } finally {
        await stopProcess(server);
        await setup.dispose();
      }
    }
  } finally {
    await stopProcess(reference);
  }
}

await main();
