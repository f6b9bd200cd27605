// Loaded into a server process with `node --import ./tests/bench/memory-probe.mjs server.mjs` by
// `npm run bench:memory`: on SIGUSR2 it writes the process's memory figures (and, when asked, a heap snapshot)
// to MEMORY_PROBE_OUT, after a full garbage collection when the process runs with --expose-gc.
import { writeFileSync } from "node:fs";
import v8 from "node:v8";

process.on("SIGUSR2", () => {
  const out = process.env.MEMORY_PROBE_OUT;
  if (!out) return;
  globalThis.gc?.();
  const info = { memory: process.memoryUsage(), spaces: v8.getHeapSpaceStatistics(), heap: v8.getHeapStatistics() };
  if (process.env.MEMORY_PROBE_SNAPSHOT) info.snapshot = v8.writeHeapSnapshot(process.env.MEMORY_PROBE_SNAPSHOT);
  writeFileSync(out, JSON.stringify(info));
});
