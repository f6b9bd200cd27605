// How the server's JavaScript heap grows (docs/decisions/039-flat-memory-under-load.md).
//
// Under a crowd, V8 lets the old generation grow up to four times what is live before it collects it: the objects
// of requests still waiting on the database when a young-generation collection runs are moved to the old
// generation and die there, and with ~35 MB live a process held 100–160 MB of such garbage, which made its
// resident memory swing by 60 MB and grow over minutes. A fixed growing factor of 1.5 collects the old generation
// when it is half again what was live after the last collection: flat memory, at the cost of more (short,
// mostly concurrent) major collections, whose share of the time was measured to be about the same.
import v8 from "node:v8";

/** The old generation may grow to this many percent above what was live after the last full collection. */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Sets V8's heap growing factor for this process, unless the process was started with its own
 * `--heap-growing-percent` (Node passes V8 flags on its command line; NODE_OPTIONS does not take this one).
 * V8 reads the flag each time it computes the next limit, so setting it at start applies to every collection.
 * Returns the percent set, or null when the command line's is kept.
 */
export function limitHeapGrowth(execArgv = process.execArgv) {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return null;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}
