// Loaded into a server process with `node --import ./tests/bench/memory-probe.mjs server.mjs` (or through
// NODE_OPTIONS, as `npm run bench:pages` does with BENCH_MEMORY_PROBE=1): on SIGUSR2 it writes the process's
// memory figures (and, when asked, a heap snapshot) to MEMORY_PROBE_OUT, after a full garbage collection when
// the process runs with --expose-gc. With MEMORY_PROBE_LOG it also appends one line of JSON every
// MEMORY_PROBE_EVERY_MS (10 s) with where the resident memory is: the JavaScript heap by space, memory outside
// it that V8 knows of (external, array buffers), and the rest (native allocations, code, libraries).
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { PerformanceObserver, constants } from "node:perf_hooks";
import v8 from "node:v8";

process.on("SIGUSR2", () => {
  const out = process.env.MEMORY_PROBE_OUT;
  if (!out) return;
  globalThis.gc?.();
  const info = { memory: process.memoryUsage(), spaces: v8.getHeapSpaceStatistics(), heap: v8.getHeapStatistics() };
  if (process.env.MEMORY_PROBE_SNAPSHOT) info.snapshot = v8.writeHeapSnapshot(process.env.MEMORY_PROBE_SNAPSHOT);
  writeFileSync(out, JSON.stringify(info));
});

const log = process.env.MEMORY_PROBE_LOG;
if (log) {
  const started = Date.now();
  /** Garbage collections since the last line: how many of each kind, and the milliseconds they took. */
  let gcs = { minor: 0, major: 0, other: 0, ms: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind;
      gcs[kind === constants.NODE_PERFORMANCE_GC_MINOR ? "minor" : kind === constants.NODE_PERFORMANCE_GC_MAJOR ? "major" : "other"]++;
      gcs.ms += entry.duration;
    }
  }).observe({ entryTypes: ["gc"] });
  const mb = (bytes) => Math.round(bytes / 1048576);
  /** Resident kB of the process's mappings by kind (/proc/self/smaps): anonymous, files, and the brk heap. */
  const mappings = () => {
    const kinds = { anon: 0, heap: 0, file: 0 };
    let kind = "anon";
    for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
      if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) {
        const name = line.split(/\s+/)[5] ?? "";
        kind = name === "[heap]" ? "heap" : name.startsWith("/") ? "file" : "anon";
      } else if (line.startsWith("Rss:")) kinds[kind] += Number(line.split(/\s+/)[1]);
    }
    return { anonMB: Math.round(kinds.anon / 1024), brkMB: Math.round(kinds.heap / 1024), fileMB: Math.round(kinds.file / 1024) };
  };
  const sample = () => {
    const m = process.memoryUsage();
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ""), mb(s.physical_space_size)]));
    const line = {
      at: Math.round((Date.now() - started) / 1000),
      rssMB: mb(m.rss),
      heapTotalMB: mb(m.heapTotal),
      heapUsedMB: mb(m.heapUsed),
      externalMB: mb(m.external),
      arrayBuffersMB: mb(m.arrayBuffers),
      spaces,
      ...mappings(),
      gc: { ...gcs, ms: Math.round(gcs.ms) },
    };
    gcs = { minor: 0, major: 0, other: 0, ms: 0 };
    appendFileSync(log, `${JSON.stringify({ pid: process.pid, ...line })}\n`);
  };
  setInterval(sample, Number(process.env.MEMORY_PROBE_EVERY_MS ?? 10_000)).unref();
  sample();
}
