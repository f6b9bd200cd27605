/**
 * The check-in page's queue of taps, without React: what is kept on the phone, when it is sent, and what is done
 * with each answer. `TapQueue` (tap-queue.tsx) wires it to localStorage, fetch, timers and the page.
 *
 * - One send at a time: a tap made while others are being sent joins the queue and goes out after them, so the
 *   same tap never travels twice at once.
 * - A failed send (no connection, a 5xx) is tried again by itself after a pause that grows (1 s, 2 s, 4 s … up to
 *   `MAX_RETRY_MS`), and at once when the phone says it is back online or another tap is made. A phone with weak
 *   reception often still says it is online, so waiting for the `online` event alone left such a tap unsent (its
 *   person shown as 未記録) until the page was opened again.
 * - The page's data is reloaded only once something was answered, not when there was nothing to send.
 */

export interface QueuedTap {
  url: string;
  fields: Record<string, string>;
}

/** What a send came back with: the HTTP status and, for a refusal, the server's reason. */
export type SendResult = { ok: true } | { ok: false; status: number; reason: string | null } | { failed: true; signedOut?: boolean };

export interface TapSenderPorts {
  read(): QueuedTap[];
  write(queue: QueuedTap[]): void;
  send(tap: QueuedTap): Promise<SendResult>;
  online(): boolean;
  /** Calls `run` after `ms`; gives a function that cancels it. */
  later(run: () => void, ms: number): () => void;
  /** How many taps wait to be sent (0 once all are answered). */
  pending(count: number): void;
  /** A tap the server refused for good: why (its reason, or null when it gave none). */
  refused(tap: QueuedTap, reason: string | null): void;
  /** Something was answered: the page's data is worth reloading. */
  answered(): void;
}

export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 15_000;

export interface TapSender {
  /** Keeps a tap (once per tap id) and starts sending. */
  add(tap: QueuedTap): void;
  /** Sends what is queued, unless a send is under way (it takes the new taps too). */
  flush(): Promise<void>;
  /** Stops the retry timer (the page is left). */
  stop(): void;
}

export function createTapSender(ports: TapSenderPorts): TapSender {
  let sending = false;
  let retryMs = FIRST_RETRY_MS;
  let cancelRetry: (() => void) | null = null;
  let stopped = false;

  const scheduleRetry = () => {
    if (stopped || cancelRetry) return;
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    cancelRetry = ports.later(() => {
      cancelRetry = null;
      void flush();
    }, wait);
  };

  async function flush(): Promise<void> {
    if (sending || stopped) return;
    cancelRetry?.();
    cancelRetry = null;
    sending = true;
    let answered = false;
    let failed = false;
    try {
      let queue = ports.read();
      ports.pending(queue.length);
      while (queue.length && ports.online() && !stopped) {
        const tap = queue[0];
        const result = await ports.send(tap);
        // No answer (no connection, a 5xx): kept, and tried again by itself.
        if ("failed" in result) {
          failed = true;
          break;
        }
        // Anything else has been answered: saved, a duplicate, or refused for good.
        if (!result.ok) ports.refused(tap, result.reason);
        answered = true;
        retryMs = FIRST_RETRY_MS;
        queue = ports.read().filter((q) => q.fields.tapId !== tap.fields.tapId);
        ports.write(queue);
        ports.pending(queue.length);
      }
      // Unanswered while online: a retry after a pause. Offline: the `online` event sends the rest.
      if (failed && ports.online()) scheduleRetry();
    } finally {
      sending = false;
    }
    if (answered && !stopped) ports.answered();
  }

  return {
    add(tap) {
      const queue = ports.read();
      if (!queue.some((q) => q.fields.tapId === tap.fields.tapId)) queue.push(tap);
      ports.write(queue);
      // A new tap is a reason to try now rather than at the end of a pause.
      retryMs = FIRST_RETRY_MS;
      void flush();
    },
    flush,
    stop() {
      stopped = true;
      cancelRetry?.();
      cancelRetry = null;
    },
  };
}
