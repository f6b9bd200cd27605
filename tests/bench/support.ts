import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DB } from "#db/client.server";

/** The p-th percentile of sorted values (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * How fast this machine runs right now: the milliseconds a fixed CPU-bound loop takes. A shared or virtual machine's
 * speed drifts; printed beside a benchmark's figures, it tells runs on a slow moment from slower code.
 */
export function machineLoopMs(): number {
  const started = performance.now();
  let x = 0;
  for (let i = 0; i < 100_000_000; i++) x += i % 7;
  return performance.now() - started + (x < 0 ? 1 : 0);
}

export interface BenchDatabase {
  db: DB;
  description: string;
  dispose: () => Promise<void>;
}

/**
 * A fresh database for a benchmark: PGlite in memory, or with a server URL a scratch database on that server
 * (`<prefix>_<pid>_<time>`), dropped on dispose unless `keep` (then its name is printed).
 */
export async function openBenchDatabase(databaseUrl: string | undefined, options: { prefix: string; keep?: boolean }): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const handle = openDatabase({ dataDir: "memory://" });
    return { db: handle.db, description: "PGlite (in memory)", dispose: handle.close };
  }
  const name = `${options.prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
  const [{ version }] = await admin<{ version: string }[]>`select current_setting('server_version') as version`;
  return {
    db: handle.db,
    description: `PostgreSQL ${version} (scratch database ${name}, ${options.keep ? "kept (BENCH_KEEP=1)" : "dropped afterwards"})`,
    dispose: async () => {
      try {
        await handle.close();
      } finally {
        if (options.keep) console.log(`kept:         scratch database ${name} (drop it with: drop database ${name})`);
        else await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  };
}

/** A TCP port free on the loopback interface now (for a server a benchmark starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server ended (${child.exitCode}) before answering ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} in ${timeoutMs / 1000} s; the server said:\n${logs.get(child) ?? "(nothing)"}`);
}

const logs = new WeakMap<ChildProcess, string>();

export function startProcess(command: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, command, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
    logs.set(child, log);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code) => {
    if (code && code !== 0) console.error(`  (process ended with ${code}; last output:)\n${log}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const ended = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([ended, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}
