import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from "../../server/memory.mjs";

/**
 * The server's heap growing factor (ADR 039): V8 says, in its verbose GC trace, the factor it used to set the old
 * generation's next limit after a full collection. Left to itself it chose up to 4.0 under load.
 */
const MODULE = pathToFileURL(path.resolve(import.meta.dirname, "../../server/memory.mjs")).href;

function limitFactors(setup: string, flags: string[] = []): string[] {
  const script = `const m = await import(${JSON.stringify(MODULE)}); ${setup}; const live = []; for (let i = 0; i < 300000; i++) live.push({ i }); globalThis.gc(); console.log(live.length);`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--trace-gc-verbose", ...flags, "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return [...run.stdout.matchAll(/\[HeapController\] Limit: old size: \d+ KB, new limit: \d+ KB \(([\d.]+)\)/g)].map((m) => m[1]!);
}

describe("the server's heap growth", () => {
  it("sets the old generation's next limit to 1.5 times what is live after a full collection", () => {
    expect(HEAP_GROWING_PERCENT).toBe(50);
    const factors = limitFactors("m.limitHeapGrowth()");
    expect(factors.length).toBeGreaterThan(0);
    expect(new Set(factors)).toEqual(new Set(["1.5"]));
  });

  it("leaves V8 its own factor without it (so the test above can fail)", () => {
    expect(limitFactors("")).not.toContain("1.5");
  });

  it("keeps a factor given on the command line", () => {
    expect(limitHeapGrowth(["--heap-growing-percent=20"])).toBeNull();
    expect(new Set(limitFactors("m.limitHeapGrowth()", ["--heap-growing-percent=20"]))).toEqual(new Set(["1.2"]));
  });
});
