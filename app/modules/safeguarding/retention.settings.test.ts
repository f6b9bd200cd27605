import { describe, expect, it } from "vitest";
import { retentionSettings } from "./retention.server";

describe("the retention period setting (RETENTION_MONTHS_AFTER_SCHOOL_YEAR)", () => {
  it("is 12 months by default, also when set empty", () => {
    expect(retentionSettings({})).toEqual({ months: 12, minorAge: 18 });
    expect(retentionSettings({ RETENTION_MONTHS_AFTER_SCHOOL_YEAR: "" }).months).toBe(12);
  });

  it("takes a whole number of months, none included", () => {
    expect(retentionSettings({ RETENTION_MONTHS_AFTER_SCHOOL_YEAR: "24" }).months).toBe(24);
    expect(retentionSettings({ RETENTION_MONTHS_AFTER_SCHOOL_YEAR: "0" }).months).toBe(0);
  });

  it("names itself when the value is unusable", () => {
    for (const bad of ["one year", "-1", "1.5", "1201"])
      expect(() => retentionSettings({ RETENTION_MONTHS_AFTER_SCHOOL_YEAR: bad }), bad).toThrow(/RETENTION_MONTHS_AFTER_SCHOOL_YEAR/);
  });
});
