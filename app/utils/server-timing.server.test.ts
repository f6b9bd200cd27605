import { afterEach, describe, expect, it, vi } from "vitest";
import { serverTiming } from "./server-timing.server";

describe("serverTiming", () => {
  afterEach(() => vi.restoreAllMocks());
  const clock = (...times: number[]) => {
    const spy = vi.spyOn(performance, "now");
    for (const t of times) spy.mockReturnValueOnce(t);
  };

  it("names each step's time, adds a step marked again to its time, and ends with the total", () => {
    clock(0, 10, 25, 40, 45);
    const timing = serverTiming();
    timing.mark("queue");
    timing.mark("lock");
    timing.mark("queue");
    expect(timing.header()).toBe("queue;dur=25.0, lock;dur=15.0, total;dur=45.0");
  });

  it("splits a step: the part another step took (never more than the whole), and the rest", () => {
    clock(0, 30, 50, 50);
    const timing = serverTiming();
    timing.split("lock", 12, "locked");
    timing.split("lock", 99, "locked");
    expect(timing.header()).toBe("lock;dur=32.0, locked;dur=18.0, total;dur=50.0");
  });
});
