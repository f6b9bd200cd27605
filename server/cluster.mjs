// Several server processes sharing one port (node:cluster), for a PostgreSQL installation: each runs
// server.mjs with its own pool, its own in-process search index (which follows every commit before each
// search), and its own outbox worker (jobs are claimed with SKIP LOCKED, so they never run twice).
//   WEB_CONCURRENCY=2 DATABASE_URL=postgres://… node server/cluster.mjs
// WEB_CONCURRENCY defaults to the number of CPUs. PGlite (no DATABASE_URL) is one process's database: there
// the server runs as a single process whatever WEB_CONCURRENCY says.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "server.mjs");
const wanted = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism?.() ?? os.cpus().length);
const processes = Number.isInteger(wanted) && wanted > 0 ? wanted : 1;

if (!process.env.DATABASE_URL || processes === 1) {
  if (!process.env.DATABASE_URL && processes > 1) console.log("cluster: no DATABASE_URL — PGlite belongs to one process, so one server process runs");
  process.argv.splice(1, 1, entry);
  await import(entry);
} else {
  cluster.setupPrimary({ exec: entry, args: process.argv.slice(2) });
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < processes; i++) fork();
  console.log(`cluster: ${processes} server processes`);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`cluster: process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
