import { describe, expect, it } from "vitest";
import { addDays, ageOn, fiscalYearOf, fiscalYearOfRange, fiscalYearRange, isTokyoDate, monthsOf, previousRange, rangeDays, rangeInstants, tokyoMonthOf, validRange } from "./fiscal-year.rules";
import { ageBandOf, figureOf, hoursOf, isYoung, percent, ratioFigure, type Cell } from "./report.rules";

describe("年度 and ranges (Tokyo dates)", () => {
  it("names a 年度 by the year its April falls in, for dates and for instants in Tokyo", () => {
    expect(fiscalYearOf("2026-04-01")).toBe(2026);
    expect(fiscalYearOf("2027-03-31")).toBe(2026);
    expect(fiscalYearOf("2026-03-31")).toBe(2025);
    // 31 March 15:00 UTC is already 1 April in Tokyo; 14:59 UTC is still 31 March.
    expect(fiscalYearOf(new Date("2027-03-31T15:00:00Z"))).toBe(2027);
    expect(fiscalYearOf(new Date("2027-03-31T14:59:59Z"))).toBe(2026);
  });

  it("gives a 年度's range, its 12 months from April, and its instants from Tokyo midnight to Tokyo midnight", () => {
    expect(fiscalYearRange(2026)).toEqual({ from: "2026-04-01", to: "2027-03-31" });
    expect(monthsOf(fiscalYearRange(2026))).toEqual(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]);
    expect(rangeInstants(fiscalYearRange(2026))).toEqual({ from: new Date("2026-03-31T15:00:00Z"), to: new Date("2027-03-31T15:00:00Z") });
    expect(fiscalYearOfRange(fiscalYearRange(2026))).toBe(2026);
    expect(fiscalYearOfRange({ from: "2026-04-01", to: "2027-03-30" })).toBeNull();
  });

  it("compares a 年度 with the previous one and any other range with as many days just before it", () => {
    expect(previousRange(fiscalYearRange(2026))).toEqual(fiscalYearRange(2025));
    expect(previousRange({ from: "2026-05-01", to: "2026-05-31" })).toEqual({ from: "2026-03-31", to: "2026-04-30" });
    expect(rangeDays({ from: "2024-02-28", to: "2024-03-01" })).toBe(3);
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
  });

  it("puts an instant in its Tokyo month", () => {
    expect(tokyoMonthOf(new Date("2026-04-30T15:00:00Z"))).toBe("2026-05");
    expect(tokyoMonthOf(new Date("2026-04-30T14:59:00Z"))).toBe("2026-04");
  });

  it("accepts only real dates in order and not too long", () => {
    expect(isTokyoDate("2026-02-29")).toBe(false);
    expect(isTokyoDate("2028-02-29")).toBe(true);
    expect(validRange({ from: "2026-05-01", to: "2026-04-30" })).toBe(false);
    expect(validRange({ from: "2000-01-01", to: "2026-01-01" })).toBe(false);
    expect(validRange({ from: "2026-04-01", to: "2026-04-01" })).toBe(true);
  });
});

describe("people's bands", () => {
  it("counts whole years of age on a date", () => {
    expect(ageOn("2008-04-02", "2026-04-01")).toBe(17);
    expect(ageOn("2008-04-01", "2026-04-01")).toBe(18);
    expect(ageOn(null, "2026-04-01")).toBeNull();
  });

  it("bands ages, unknown apart", () => {
    expect([null, 17, 18, 22, 23, 29, 30, 39, 40, 64, 65].map(ageBandOf)).toEqual(["none", "under_18", "18_22", "18_22", "23_29", "23_29", "30_39", "30_39", "40_64", "40_64", "65_plus"]);
  });

  it("calls students and people under 30 young", () => {
    expect(isYoung("high_school", null)).toBe(true);
    expect(isYoung("university", 45)).toBe(true);
    expect(isYoung("working", 29)).toBe(true);
    expect(isYoung("working", 30)).toBe(false);
    expect(isYoung(null, null)).toBe(false);
  });
});

describe("rolling cells up into a figure", () => {
  const months = { cur: ["2026-04", "2026-05"], prev: ["2025-04", "2025-05"] };
  const cells: Cell[] = [
    { cur: true, month: "2026-04", value: 2, keys: { district: "1" } },
    { cur: true, month: "2026-05", value: 3, keys: { district: "2" } },
    { cur: false, month: "2025-05", value: 4, keys: { district: "1" } },
    { cur: true, month: "2026-05", value: 1, keys: { district: "none" } },
  ];

  it("adds up the total, the months aligned with the comparison's and every breakdown row, zeros and unknown included", () => {
    const labels = new Map([
      ["1", { label: "中央", labelEn: "Chuo", order: 0 }],
      ["2", { label: "枝光", labelEn: "Edamitsu", order: 1 }],
      ["3", { label: "高見", labelEn: "Takami", order: 2 }],
    ]);
    const f = figureOf({ id: "activity.sessionsHeld", unit: "count", months, drill: true, breakdowns: [{ id: "district", labels }] }, cells);
    expect(f).toMatchObject({ value: 6, previous: 4, section: "activity", labelKey: "reports.figure.activity.sessionsHeld", drill: true });
    expect(f.series).toEqual([
      { month: "2026-04", value: 2, previous: 0 },
      { month: "2026-05", value: 4, previous: 4 },
    ]);
    expect(f.breakdowns[0].rows.map((r) => [r.key, r.label, r.value, r.previous, r.drill])).toEqual([
      ["1", "中央", 2, 4, true],
      ["2", "枝光", 3, 0, true],
      ["3", "高見", 0, 0, true],
      ["none", undefined, 1, 0, false],
    ]);
    expect(f.breakdowns[0].rows[3].labelKey).toBe("reports.key.district.none");
  });

  it("maps values (minutes to hours) after adding up, and leaves the previous of a figure about now empty", () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
    const f = figureOf({ id: "activity.hours", unit: "hours" }, [{ cur: true, value: 50 }, { cur: true, value: 40 }], hoursOf);
    expect(f.value).toBe(1.5);
    const now = figureOf({ id: "parks.atRisk", unit: "count", asOfNow: true }, [{ cur: true, value: 2 }]);
    expect([now.value, now.previous, now.asOfNow]).toEqual([2, null, true]);
  });

  it("divides row by row and month by month for a rate, null where there is nothing to divide", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBeNull();
    const whole = figureOf({ id: "activity.placesOffered", unit: "count", months }, [
      { cur: true, month: "2026-04", value: 10 },
      { cur: false, month: "2025-04", value: 0 },
    ]);
    const part = figureOf({ id: "activity.placesFilled", unit: "count", months }, [{ cur: true, month: "2026-04", value: 4 }]);
    const rate = ratioFigure("activity.fillRate", part, whole);
    expect([rate.value, rate.previous, rate.unit]).toEqual([40, null, "percent"]);
    expect(rate.series?.map((p) => [p.value, p.previous])).toEqual([
      [40, null],
      [null, null],
    ]);
  });
});
