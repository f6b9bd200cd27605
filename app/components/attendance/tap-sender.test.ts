import { describe, expect, it } from "vitest";
import { createTapSender, FIRST_RETRY_MS, MAX_RETRY_MS, type QueuedTap, type SendResult } from "./tap-sender";

const tap = (id: string, action = "present"): QueuedTap => ({ url: "/orgs/1/sessions/2/taps", fields: { applicationId: "7", action, tapId: `${id}-${action}` } });

/** A phone in a test: the queue in memory, sends answered by hand, timers run by hand. */
function phone() {
  let stored: QueuedTap[] = [];
  const sends: { tap: QueuedTap; answer: (result: SendResult) => void }[] = [];
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const events: string[] = [];
  let online = true;
  let inFlight = 0;
  let mostInFlight = 0;
  const sender = createTapSender({
    read: () => stored.map((q) => ({ ...q, fields: { ...q.fields } })),
    write: (queue) => {
      stored = queue;
    },
    send: (t) =>
      new Promise<SendResult>((resolve) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        sends.push({
          tap: t,
          answer: (result) => {
            inFlight--;
            resolve(result);
          },
        });
      }),
    online: () => online,
    later: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    pending: (count) => events.push(`pending ${count}`),
    refused: (t, reason) => events.push(`refused ${t.fields.tapId} ${reason}`),
    answered: () => events.push("reload"),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    sender,
    sends,
    events,
    stored: () => stored,
    timers: () => timers.filter((t) => !t.cancelled),
    setOnline: (value: boolean) => {
      online = value;
    },
    mostInFlight: () => mostInFlight,
    /** Answers the oldest unanswered send and lets the sender go on. */
    async answer(result: SendResult) {
      const next = sends.find((s) => !(s as { done?: boolean }).done) as (typeof sends)[number] & { done?: boolean };
      next.done = true;
      next.answer(result);
      await settle();
    },
    async runTimer() {
      const timer = timers.find((t) => !t.cancelled)!;
      timer.cancelled = true;
      timer.run();
      await settle();
    },
    settle,
  };
}

describe("the check-in page's tap sender", () => {
  it("sends a tap that got no answer again by itself while the phone stays online, waiting longer each time", async () => {
    const p = phone();
    p.sender.add(tap("a"));
    await p.settle();
    await p.answer({ failed: true }); // no connection
    expect(p.stored()).toHaveLength(1);
    expect(p.timers().map((t) => t.ms)).toEqual([FIRST_RETRY_MS]);
    expect(p.events).not.toContain("reload");

    await p.runTimer();
    await p.answer({ failed: true }); // a 5xx
    expect(p.timers().map((t) => t.ms)).toEqual([2 * FIRST_RETRY_MS]);

    await p.runTimer();
    await p.answer({ ok: true });
    expect(p.sends.map((s) => s.tap.fields.tapId)).toEqual(["a-present", "a-present", "a-present"]);
    expect(p.stored()).toEqual([]);
    expect(p.timers()).toEqual([]);
    expect(p.events.at(-1)).toBe("reload");
  });

  it("never waits longer than the longest pause between tries", async () => {
    const p = phone();
    p.sender.add(tap("a"));
    await p.settle();
    const pauses: number[] = [];
    for (let i = 0; i < 8; i++) {
      await p.answer({ failed: true });
      pauses.push(p.timers()[0].ms);
      await p.runTimer();
    }
    expect(pauses.at(-1)).toBe(MAX_RETRY_MS);
    expect(Math.max(...pauses)).toBe(MAX_RETRY_MS);
  });

  it("sends one tap at a time: taps made while one is on its way go after it, each once", async () => {
    const p = phone();
    p.sender.add(tap("a"));
    p.sender.add(tap("b", "late"));
    p.sender.add(tap("a")); // the same button pressed twice
    await p.settle();
    expect(p.sends).toHaveLength(1);
    await p.answer({ ok: true });
    await p.answer({ ok: true });
    expect(p.sends.map((s) => s.tap.fields.tapId)).toEqual(["a-present", "b-late"]);
    expect(p.mostInFlight()).toBe(1);
    expect(p.stored()).toEqual([]);
    expect(p.events.filter((e) => e === "reload")).toHaveLength(1);
  });

  it("does not reload the page when there was nothing to send", async () => {
    const p = phone();
    await p.sender.flush();
    expect(p.sends).toEqual([]);
    expect(p.events).toEqual(["pending 0"]);
  });

  it("says why a tap was refused, drops it and goes on with the next", async () => {
    const p = phone();
    p.sender.add(tap("a", "check_out"));
    p.sender.add(tap("b"));
    await p.settle();
    await p.answer({ ok: false, status: 409, reason: "not-checked-in" });
    await p.answer({ ok: true });
    expect(p.events).toContain("refused a-check_out not-checked-in");
    expect(p.stored()).toEqual([]);
    expect(p.timers()).toEqual([]);
  });

  it("offline, keeps the taps without trying on a timer, and sends them when the phone is back online", async () => {
    const p = phone();
    p.setOnline(false);
    p.sender.add(tap("a"));
    await p.settle();
    expect(p.sends).toEqual([]);
    expect(p.timers()).toEqual([]);
    expect(p.events).toContain("pending 1");
    p.setOnline(true);
    void p.sender.flush();
    await p.settle();
    await p.answer({ ok: true });
    expect(p.stored()).toEqual([]);
    expect(p.events.at(-1)).toBe("reload");
  });

  it("a new tap during a pause is sent at once, with the waiting one first", async () => {
    const p = phone();
    p.sender.add(tap("a"));
    await p.settle();
    await p.answer({ failed: true });
    expect(p.timers()).toHaveLength(1);
    p.sender.add(tap("b", "late"));
    await p.settle();
    expect(p.timers()).toEqual([]);
    await p.answer({ ok: true });
    await p.answer({ ok: true });
    expect(p.sends.map((s) => s.tap.fields.tapId)).toEqual(["a-present", "a-present", "b-late"]);
  });

  it("stops trying once the page is left", async () => {
    const p = phone();
    p.sender.add(tap("a"));
    await p.settle();
    await p.answer({ failed: true });
    p.sender.stop();
    expect(p.timers()).toEqual([]);
    await p.sender.flush();
    expect(p.sends).toHaveLength(1);
  });
});
