import { describe, expect, it } from "vitest";
import { helperState } from "./helpers.server";
import { monthsBefore } from "./retention.server";

describe("helpers' insurance warnings", () => {
  const today = "2026-12-06";
  it("warns within 30 days of the insurance's end, says when it has lapsed, and when the helper has stopped", () => {
    expect(helperState({ insurance_until: "2027-03-31", active_until: null }, today)).toEqual({ kind: "ok" });
    expect(helperState({ insurance_until: "2027-01-05", active_until: null }, today)).toEqual({ kind: "lapsing", days: 30 });
    expect(helperState({ insurance_until: "2026-12-06", active_until: null }, today)).toEqual({ kind: "lapsing", days: 0 });
    expect(helperState({ insurance_until: "2026-12-05", active_until: null }, today)).toEqual({ kind: "lapsed" });
    expect(helperState({ insurance_until: "2026-12-05", active_until: "2026-11-30" }, today)).toEqual({ kind: "ended" });
  });
});

describe("the retention cut-off", () => {
  it("goes back whole calendar months, clamping the day to the month's length", () => {
    expect(monthsBefore("2026-12-06", 12)).toBe("2025-12-06");
    expect(monthsBefore("2026-03-31", 1)).toBe("2026-02-28");
    expect(monthsBefore("2026-01-15", 13)).toBe("2024-12-15");
  });
});
