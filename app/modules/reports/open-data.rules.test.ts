import { describe, expect, it } from "vitest";
import { couldSingleOut, HIDDEN, parseYear, protectSmallCounts, SMALL_COUNT, suppressSmall, toOpenData, type OpenValue } from "./open-data.rules";
import type { Figure, ImpactReport } from "./report.types";

const fig = (over: Partial<Figure> & Pick<Figure, "id" | "section" | "unit">): Figure => ({ labelKey: `reports.figure.${over.id}`, value: 0, previous: 0, breakdowns: [], drill: false, ...over });

describe("small counts in open data", () => {
  it("hides 1 to 4 and nothing else", () => {
    expect([null, 0, 1, 2, 3, 4, 5, 120].map(suppressSmall)).toEqual([null, 0, "<5", "<5", "<5", "<5", 5, 120]);
  });

  it("applies to people, schools and safeguarding, not to postings, sessions or seats", () => {
    expect(couldSingleOut({ id: "newcomers.firstTime", section: "newcomers", unit: "people" })).toBe(true);
    expect(couldSingleOut({ id: "schools.hours", section: "schools", unit: "hours" })).toBe(true);
    expect(couldSingleOut({ id: "safeguarding.minorApplications", section: "safeguarding", unit: "count" })).toBe(true);
    expect(couldSingleOut({ id: "parks.youngPeople", section: "parks", unit: "people" })).toBe(true);
    expect(couldSingleOut({ id: "activity.sessionsHeld", section: "activity", unit: "count" })).toBe(false);
    expect(couldSingleOut({ id: "welfare.vacancies", section: "welfare", unit: "count" })).toBe(false);
  });

  const report: ImpactReport = {
    range: { from: "2026-04-01", to: "2027-03-31" },
    previousRange: { from: "2025-04-01", to: "2026-03-31" },
    fiscalYear: 2026,
    computedAt: "2026-12-06T00:00:00.000Z",
    sections: [
      {
        id: "newcomers",
        labelKey: "reports.section.newcomers",
        figures: [
          fig({
            id: "newcomers.participants",
            section: "newcomers",
            unit: "people",
            value: 12,
            previous: 3,
            series: [{ month: "2026-04", value: 2, previous: 7 }],
            breakdowns: [{ id: "district", labelKey: "reports.breakdown.district", rows: [{ key: "1", label: "中央", labelEn: "Chuo", value: 9, previous: 0, drill: true }, { key: "2", label: "枝光", labelEn: "Edamitsu", value: 3, previous: 3, drill: true }] }],
          }),
          fig({
            id: "newcomers.youngShare",
            section: "newcomers",
            unit: "percent",
            value: 50,
            previous: 33.3,
            breakdowns: [{ id: "district", labelKey: "reports.breakdown.district", rows: [{ key: "1", label: "中央", value: 44.4, previous: null, drill: true }, { key: "2", label: "枝光", value: 33.3, previous: 33.3, drill: true }] }],
          }),
        ],
      },
      { id: "activity", labelKey: "reports.section.activity", figures: [fig({ id: "activity.sessionsHeld", section: "activity", unit: "count", value: 3, previous: 1 })] },
    ],
  };
  const ja = { "reports.section.newcomers": "新たな担い手", "reports.breakdown.district": "地区" };
  const en = { "reports.section.newcomers": "New volunteers", "reports.breakdown.district": "District" };

  it("hides small people counts, in totals, rows and months, a share of fewer than 5 people and a share of a withheld count", () => {
    const open = toOpenData(report, 2026, ja, en);
    const [participants, share] = open.sections[0].figures;
    expect([participants.value, participants.previous]).toEqual([12, "<5"]);
    expect(participants.series).toEqual([{ month: "2026-04", value: "<5", previous: 7 }]);
    // 12 − 9 would give 枝光's 3 away: 中央's 9 is withheld too. Last year's total is itself "<5", so 0 can stay.
    expect(participants.breakdowns[0].rows.map((r) => [r.label, r.value, r.previous])).toEqual([
      [{ ja: "中央", en: "Chuo" }, "x", 0],
      [{ ja: "枝光", en: "Edamitsu" }, "<5", "<5"],
    ]);
    expect([share.value, share.previous]).toEqual([50, "<5"]);
    // 44.4 % would hint that 中央's withheld count is 9 (4 of 9): a share of a withheld count is withheld too.
    expect(share.breakdowns[0].rows.map((r) => [r.value, r.previous])).toEqual([
      ["x", null],
      ["<5", "<5"],
    ]);
    expect(open.sections[1].figures[0]).toMatchObject({ value: 3, previous: 1 });
    expect(open.sections[0].label).toEqual({ ja: "新たな担い手", en: "New volunteers" });
    expect(open.licence.name).toBe("CC BY 4.0");
  });
});

describe("a breakdown's own months in open data", () => {
  const months = (values: (number | null)[]) => values.map((value, i) => ({ month: `2026-0${i + 4}`, value, previous: i === 0 ? null : 2 }));
  const report = (figure: Figure): ImpactReport => ({
    range: { from: "2026-04-01", to: "2027-03-31" },
    previousRange: { from: "2025-04-01", to: "2026-03-31" },
    fiscalYear: 2026,
    computedAt: "2026-12-06T00:00:00.000Z",
    sections: [{ id: figure.section, labelKey: `reports.section.${figure.section}`, figures: [figure] }],
  });
  const rows = (series: (number | null)[]) => [{ id: "district" as const, labelKey: "reports.breakdown.district", rows: [{ key: "1", label: "中央", value: 3, previous: 2, series: months(series), drill: true }] }];

  it("publishes each district's seats month by month whole, as the seats' rows are, and never a row's months of people", () => {
    const seats = toOpenData(report(fig({ id: "welfare.vacancies", section: "welfare", unit: "count", value: 3, previous: 2, breakdowns: rows([1, 0, null]) })), 2026, {}, {});
    expect(seats.sections[0].figures[0].breakdowns[0].rows[0]).toMatchObject({ value: 3, previous: 2, series: [{ month: "2026-04", value: 1, previous: null }, { month: "2026-05", value: 0, previous: 2 }, { month: "2026-06", value: null, previous: 2 }] });
    const people = toOpenData(report(fig({ id: "newcomers.firstTime", section: "newcomers", unit: "people", value: 3, previous: 2, breakdowns: rows([1, 0, 2]) })), 2026, {}, {});
    expect(people.sections[0].figures[0].breakdowns[0].rows[0].series).toBeUndefined();
  });
});

describe("the year asked for", () => {
  it("takes four digits from 2020 to the current 年度 and explains anything else in both languages", () => {
    expect(parseYear("2026", 2026)).toEqual({ ok: true, year: 2026 });
    for (const bad of [null, "", "26", "2026a", "２０２６", "2027", "2019"]) {
      const r = parseYear(bad, 2026);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message.ja).toMatch(/year/);
        expect(r.message.en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });
});

describe("secondary suppression", () => {
  it("withholds the next-smallest count when a small one is hidden alone, and leaves a breakdown with nothing small alone", () => {
    expect(protectSmallCounts(20, [[3, 7, 10]])).toEqual({ total: 20, groups: [[SMALL_COUNT, HIDDEN, 10]] });
    expect(protectSmallCounts(20, [[0, 3, 17]])).toEqual({ total: 20, groups: [[0, SMALL_COUNT, HIDDEN]] });
    expect(protectSmallCounts(20, [[2, 3, 15]])).toEqual({ total: 20, groups: [[SMALL_COUNT, SMALL_COUNT, 15]] });
    expect(protectSmallCounts(20, [[5, 15]])).toEqual({ total: 20, groups: [[5, 15]] });
    // Two hidden 4s of a total 8: each can only be 4, so nothing else being there, the total goes.
    expect(protectSmallCounts(8, [[4, 4]])).toEqual({ total: HIDDEN, groups: [[SMALL_COUNT, SMALL_COUNT]] });
    // …and then a second breakdown that adds up to the total would give it back: it withholds a count as well.
    expect(protectSmallCounts(8, [[4, 4], [8, 0]])).toEqual({ total: HIDDEN, groups: [[SMALL_COUNT, SMALL_COUNT], [HIDDEN, 0]] });
    // A list that does not add up to the total (people counted in each month they came) gets the small counts only.
    expect(protectSmallCounts(10, [[3, 9, 2]])).toEqual({ total: 10, groups: [[SMALL_COUNT, 9, SMALL_COUNT]] });
    expect(protectSmallCounts(null, [[null, 3]])).toEqual({ total: null, groups: [[null, SMALL_COUNT]] });
  });

  /**
   * What a reader can work out, by brute force: the values each hidden cell (and a hidden total) can take, given
   * that "<5" is 1–4, "x" is any count, shown values are exact and each group adds up to the total.
   */
  function readerCanTake(total: number, shownTotal: OpenValue, groups: number[][], shown: OpenValue[][], cap: number) {
    const range = (v: OpenValue, exact: number): number[] => (v === SMALL_COUNT ? [1, 2, 3, 4] : v === HIDDEN ? Array.from({ length: cap + 1 }, (_, i) => i) : [exact]);
    // Sums the cells of a group other than `skip` can make.
    const sums = (g: number, skip: number): Set<number> => {
      let reach = new Set([0]);
      groups[g].forEach((v, i) => {
        if (i === skip) return;
        const next = new Set<number>();
        for (const r of reach) for (const x of range(shown[g][i], v)) if (r + x <= cap) next.add(r + x);
        reach = next;
      });
      return reach;
    };
    const totals = range(shownTotal, total).filter((t) => groups.every((_, g) => sums(g, -1).has(t)));
    const cells = groups.map((cellsOf, g) =>
      cellsOf.map((v, i) => {
        const others = sums(g, i);
        return new Set(range(shown[g][i], v).filter((x) => totals.some((t) => others.has(t - x))));
      }),
    );
    return { totals, cells };
  }

  it("leaves no hidden count that subtraction from a published total can recover (random breakdowns)", () => {
    let seed = 41;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const small = () => (rand(3) === 0 ? 0 : rand(2) === 0 ? 1 + rand(4) : 1 + rand(14));
    let secondary = 0;
    for (let run = 0; run < 400; run++) {
      const first = Array.from({ length: 1 + rand(5) }, small);
      const total = first.reduce((a, b) => a + b, 0);
      const groups = [first];
      // Other breakdowns of the same people: another split of the same total.
      for (let k = rand(3); k > 0; k--) {
        const g = Array.from({ length: 1 + rand(4) }, () => 0);
        for (let n = 0; n < total; n++) g[rand(g.length)]++;
        groups.push(g);
      }
      const result = protectSmallCounts(total, groups);
      const flat = result.groups.flat();
      secondary += flat.filter((v) => v === HIDDEN).length;
      for (const v of [result.total, ...flat]) expect(typeof v === "number" && v >= 1 && v <= 4).toBe(false);
      const reader = readerCanTake(total, result.total, groups, result.groups, total + 10);
      if (result.total === HIDDEN || result.total === SMALL_COUNT) expect(reader.totals.length, JSON.stringify({ groups, result })).toBeGreaterThan(1);
      result.groups.forEach((g, k) =>
        g.forEach((v, i) => {
          const can = reader.cells[k][i];
          expect(can.has(groups[k][i])).toBe(true);
          if (v === SMALL_COUNT || v === HIDDEN) expect(can.size, JSON.stringify({ groups, result, k, i })).toBeGreaterThan(1);
        }),
      );
    }
    // The random breakdowns did need the second step.
    expect(secondary).toBeGreaterThan(20);
  });
});
