/**
 * The line in memory for a shift's places (docs/decisions/038-a-line-for-each-shift.md).
 *
 * Applications to one shift meet at its row lock in the database: only one transaction at a time can take a place
 * or join the waiting list. Letting every applicant in at once only moved the line into the database — ten
 * connections held, ten server processes competing for the machine's cores, each application's work stretched by
 * everyone else's. So this process lets one application per shift at a time take a connection and apply; the
 * others wait here, holding nothing, and that wait is reported as what it is (Server-Timing `line`). With several
 * processes (server/cluster.mjs) each has its own line and they still meet at the row lock, which stays the
 * guarantee that capacity is never exceeded and that the waiting list is in the order of arrival.
 */

/** For each shift whose turns are held: how many are held, and those waiting for one, first come first. */
const lines = new Map<number, { held: number; waiting: (() => void)[] }>();

async function takeTurn(shiftId: number, width: number): Promise<void> {
  const line = lines.get(shiftId);
  if (!line) {
    lines.set(shiftId, { held: 1, waiting: [] });
    return;
  }
  if (line.held < width) {
    line.held += 1;
    return;
  }
  // A turn is handed over directly by `passTurn`: nobody can slip in between.
  await new Promise<void>((resolve) => line.waiting.push(resolve));
}

function passTurn(shiftId: number) {
  const line = lines.get(shiftId)!;
  const next = line.waiting.shift();
  if (next) next();
  else if (--line.held === 0) lines.delete(shiftId);
}

/**
 * How long one application may hold the turn before the next goes ahead anyway: the line is for speed only, the
 * row lock decides, and an application stuck on a connection that never answers must not stop the shift's line.
 */
export const TURN_LIMIT_MS = 10_000;

/**
 * How many applications to one shift may go ahead at once: two, so that while one holds the shift's row lock to
 * its commit the next reads its session and what it needs, and the lock is never idle waiting for a round trip.
 * Measured on two cores at 50 at once: one at a time kept the action's own time lowest but halved the throughput
 * (31–37 a second against 42–72 without a line); two kept it at 45–55 a second with the own time p95 41–76 ms;
 * three let the own time grow past 100 ms again (docs/decisions/038-a-line-for-each-shift.md).
 */
export const LINE_WIDTH = 2;

/**
 * Runs `fn` when it is this application's turn at each of its shifts (taken in the order of their ids, so that two
 * applications for the same dates cannot each hold one the other waits for), and passes the turns on after it,
 * whatever the outcome, or after `turnLimitMs`. Without shifts (a form that names none), runs at once.
 */
export async function inShiftLine<T>(shiftIds: readonly number[], fn: () => Promise<T>, turnLimitMs = TURN_LIMIT_MS, width = LINE_WIDTH): Promise<T> {
  const taken: number[] = [];
  let passed = false;
  const passOn = () => {
    if (passed) return;
    passed = true;
    for (const id of taken.reverse()) passTurn(id);
  };
  let limit: ReturnType<typeof setTimeout> | undefined;
  try {
    for (const id of [...new Set(shiftIds)].sort((a, b) => a - b)) {
      await takeTurn(id, width);
      taken.push(id);
    }
    limit = setTimeout(passOn, turnLimitMs);
    return await fn();
  } finally {
    clearTimeout(limit);
    passOn();
  }
}

/** How many applications are in a shift's line (holding the turn, or waiting for it): for tests. */
export function lineLength(shiftId: number): number {
  const line = lines.get(shiftId);
  return line ? line.held + line.waiting.length : 0;
}
