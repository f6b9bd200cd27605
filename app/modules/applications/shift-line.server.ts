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

/** For each shift whose turn is held, those waiting for it, first come first. */
const lines = new Map<number, (() => void)[]>();

async function takeTurn(shiftId: number): Promise<void> {
  const waiting = lines.get(shiftId);
  if (!waiting) {
    lines.set(shiftId, []);
    return;
  }
  // The turn is handed over directly by `passTurn`: nobody can slip in between.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function passTurn(shiftId: number) {
  const waiting = lines.get(shiftId)!;
  const next = waiting.shift();
  if (next) next();
  else lines.delete(shiftId);
}

/**
 * How long one application may hold the turn before the next goes ahead anyway: the line is for speed only, the
 * row lock decides, and an application stuck on a connection that never answers must not stop the shift's line.
 */
export const TURN_LIMIT_MS = 10_000;

/**
 * Runs `fn` when it is this application's turn at each of its shifts (taken in the order of their ids, so that two
 * applications for the same dates cannot each hold one the other waits for), and passes the turns on after it,
 * whatever the outcome, or after `turnLimitMs`. Without shifts (a form that names none), runs at once.
 */
export async function inShiftLine<T>(shiftIds: readonly number[], fn: () => Promise<T>, turnLimitMs = TURN_LIMIT_MS): Promise<T> {
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
      await takeTurn(id);
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
  const waiting = lines.get(shiftId);
  return waiting ? 1 + waiting.length : 0;
}
