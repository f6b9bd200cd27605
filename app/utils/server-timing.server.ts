/**
 * A Server-Timing header (https://www.w3.org/TR/server-timing/) for an action: how long each step took on the
 * server, so a measurement can tell the action's own time from the time a request waited before it ran.
 * Names and durations only — never data.
 */
export function serverTiming() {
  const began = performance.now();
  let last = began;
  const steps = new Map<string, number>();
  return {
    /** Ends the step that began at the previous mark (or at the start); a step marked again adds to its time. */
    mark(name: string) {
      const now = performance.now();
      steps.set(name, (steps.get(name) ?? 0) + (now - last));
      last = now;
    },
    /** Ends a step of which the first `firstMs` were another: that much is added to `first`, the rest to `name`. */
    split(first: string, firstMs: number, name: string) {
      const now = performance.now();
      const ms = Math.min(firstMs, now - last);
      steps.set(first, (steps.get(first) ?? 0) + ms);
      steps.set(name, (steps.get(name) ?? 0) + (now - last - ms));
      last = now;
    },
    header(): string {
      return [...[...steps].map(([name, dur]) => `${name};dur=${dur.toFixed(1)}`), `total;dur=${(performance.now() - began).toFixed(1)}`].join(", ");
    },
  };
}
