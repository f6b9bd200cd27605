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

  it("gives each district its own months, aligned as the ward's: not recorded or not begun is null, a month without seats there counts as no rate and no vacancy", () => {
    const districts = new Map([
      ["1", { label: "中央", labelEn: "Chuo", order: 0 }],
      ["2", { label: "枝光", labelEn: "Edamitsu", order: 1 }],
      ["3", { label: "高見", labelEn: "Takami", order: 2 }],
    ]);
    // A range of June–August seen in mid-July, compared with April–May; the history began on 10 May.
    const may = [
      { districtId: 1, seats: 6, serving: 6 },
      { districtId: 2, seats: 4, serving: 3 },
    ];
    const june = [{ districtId: 1, seats: 6, serving: 5 }]; // 枝光's only area was removed, then a new one made in July
    const july = [
      { districtId: 2, seats: 2, serving: 1 },
      { districtId: 1, seats: 6, serving: 5 },
    ];
    // [range, comparison, Jun, Jul, Aug (not begun), Apr (before the history), May]
    const states = [july, may, june, july, null, null, may];
    const [fill, vacancies] = seatFigures(states, { cur: ["2026-06", "2026-07", "2026-08"], prev: ["2026-04", "2026-05"] }, districts, at("2026-05-10T00:00"));
    expect(fill.series).toEqual([
      { month: "2026-06", value: 83.3, previous: null },
      { month: "2026-07", value: 75, previous: 90 },
      { month: "2026-08", value: null, previous: null },
    ]);
    const rows = (f: typeof fill) => f.breakdowns[0].rows.map((r) => [r.label, r.value, r.previous, r.series?.map((m) => [m.month, m.value, m.previous])]);
    expect(rows(fill)).toEqual([
      ["中央", 83.3, 100, [["2026-06", 83.3, null], ["2026-07", 83.3, 100], ["2026-08", null, null]]],
      ["枝光", 50, 75, [["2026-06", null, null], ["2026-07", 50, 75], ["2026-08", null, null]]],
    ]);
    expect(rows(vacancies)).toEqual([
      ["中央", 1, 0, [["2026-06", 1, null], ["2026-07", 1, 0], ["2026-08", null, null]]],
      ["枝光", 1, 1, [["2026-06", 0, null], ["2026-07", 1, 1], ["2026-08", null, null]]],
    ]);
  });
});
