import { describe, expect, it } from "vitest";
import { demoSessionTimes } from "./demo-session";

const tokyo = (s: string) => new Date(`${s}+09:00`);

describe("the demo's session of the day", () => {
  it("is in progress when the demo is seeded by day", () => {
    expect(demoSessionTimes(tokyo("2026-12-07T10:12:00"))).toEqual({ startsAt: tokyo("2026-12-07T09:40:00"), endsAt: tokyo("2026-12-07T12:40:00"), inProgress: true });
    expect(demoSessionTimes(tokyo("2026-12-07T17:00:00")).inProgress).toBe(true);
  });

  it("is the next daytime session when seeded in the evening, at night or early in the morning, never a session at night", () => {
    expect(demoSessionTimes(tokyo("2026-12-07T23:30:00"))).toEqual({ startsAt: tokyo("2026-12-08T10:00:00"), endsAt: tokyo("2026-12-08T13:00:00"), inProgress: false });
    expect(demoSessionTimes(tokyo("2026-12-07T18:00:00"))).toEqual({ startsAt: tokyo("2026-12-08T10:00:00"), endsAt: tokyo("2026-12-08T13:00:00"), inProgress: false });
    expect(demoSessionTimes(tokyo("2026-12-08T01:10:00"))).toEqual({ startsAt: tokyo("2026-12-08T10:00:00"), endsAt: tokyo("2026-12-08T13:00:00"), inProgress: false });
    expect(demoSessionTimes(tokyo("2026-12-31T21:00:00")).startsAt).toEqual(tokyo("2027-01-01T10:00:00"));
  });

  it("is in progress at any hour only when the browser tests ask for it", () => {
    expect(demoSessionTimes(tokyo("2026-12-07T23:30:00"), { anyHour: true })).toEqual({ startsAt: tokyo("2026-12-07T23:00:00"), endsAt: tokyo("2026-12-08T02:00:00"), inProgress: true });
    expect(demoSessionTimes(tokyo("2026-12-07T23:30:00"), { anyHour: false }).inProgress).toBe(false);
  });
});
