import { singleton } from "./singleton.server";

/**
 * The in-process worker's wake-up call, registered by the app's start-up (app/server/runtime.server.ts) when it
 * runs the worker inline. Kept here, below the domain, so that request handling can wake the worker without
 * importing the composition root that sits above it.
 */
const slot = singleton<{ nudge?: () => void }>("worker-nudge", () => ({}));

export function setWorkerNudge(nudge: (() => void) | undefined): void {
  slot.nudge = nudge;
}

/** Wakes the in-process worker, if this process runs one, so queued work goes out now rather than at the next poll. */
export function nudgeWorker(): void {
  slot.nudge?.();
}
