import { describe, expect, it } from "vitest";
import { seatFigures, seatInstants, stateInstant } from "./seat-history.rules";

const at = (local: string) => new Date(`${local}:00+09:00`);

describe("welfare seats read at the end of each period", () => {
  it("reads a period at its last moment once it has ended, now while it runs, and not before it begins", () => {
    const june = { from: at("2026-06-01T00:00"), to: at("2026-07-01T00:00") };
    expect(stateInstant(june, at("2026-12-01T00:00"))).toEqual(new Date(at("2026-07-01T00:00").getTime() - 1));
    expect(stateInstant(june, at("2026-06-15T12:00"))).toEqual(at("2026-06-15T12:00"));
    expect(stateInstant(june, at("2026-05-31T23:59"))).toBeNull();
    const instants = seatInstants({ cur: june, prev: { from: at("2026-05-01T00:00"), to: june.from }, months: { cur: ["2026-06"], prev: ["2026-05"] } }, at("2026-06-15T12:00"));
    expect(instants).toEqual([at("2026-06-15T12:00"), new Date(june.from.getTime() - 1), at("2026-06-15T12:00"), new Date(june.from.getTime() - 1)]);
  });

  it("builds the ward's and each district's rate and vacancies; an unrecorded state has no value, a district without seats none either", () => {
    const districts = new Map([
      ["1", { label: "中央", labelEn: "Chuo", order: 0 }],
      ["2", { label: "枝光", labelEn: "Edamitsu", order: 1 }],
    ]);
    const now = [
      { districtId: 2, seats: 4, serving: 3 },
      { districtId: 1, seats: 6, serving: 6 },
    ];
    const [fill, vacancies] = seatFigures([now, null, now, []], { cur: ["2026-06", "2026-07"], prev: ["2025-06"] }, districts, at("2026-06-10T00:00"));
    expect([fill.value, fill.previous, vacancies.value, vacancies.previous]).toEqual([90, null, 1, null]);
    expect(fill.series).toEqual([
      { month: "2026-06", value: 90, previous: null },
      { month: "2026-07", value: null, previous: null },
    ]);
    expect(fill.breakdowns[0].rows.map((r) => [r.label, r.value, r.previous])).toEqual([
      ["中央", 100, null],
      ["枝光", 75, null],
    ]);
    // A recorded state with no seat area at all: no rate (nothing to divide), no vacancy.
    const [emptyFill, emptyVacancies] = seatFigures([[], []], { cur: [], prev: [] }, districts, at("2026-06-10T00:00"));
    expect([emptyFill.value, emptyVacancies.value, emptyVacancies.previous]).toEqual([null, 0, 0]);
    expect(fill).toMatchObject({ atPeriodEnd: true, recordedSince: at("2026-06-10T00:00").toISOString(), unit: "percent" });
  });
});
