import { describe, expect, it } from "vitest";
import { couldSingleOut, parseYear, suppressSmall, toOpenData } from "./open-data.rules";
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

  it("hides small people counts, in totals, rows and months, and a share of fewer than 5 people", () => {
    const open = toOpenData(report, 2026, ja, en);
    const [participants, share] = open.sections[0].figures;
    expect([participants.value, participants.previous]).toEqual([12, "<5"]);
    expect(participants.series).toEqual([{ month: "2026-04", value: "<5", previous: 7 }]);
    expect(participants.breakdowns[0].rows.map((r) => [r.label, r.value, r.previous])).toEqual([
      [{ ja: "中央", en: "Chuo" }, 9, 0],
      [{ ja: "枝光", en: "Edamitsu" }, "<5", "<5"],
    ]);
    expect([share.value, share.previous]).toEqual([50, "<5"]);
    expect(share.breakdowns[0].rows.map((r) => [r.value, r.previous])).toEqual([
      [44.4, null],
      ["<5", "<5"],
    ]);
    expect(open.sections[1].figures[0]).toMatchObject({ value: 3, previous: 1 });
    expect(open.sections[0].label).toEqual({ ja: "新たな担い手", en: "New volunteers" });
    expect(open.licence.name).toBe("CC BY 4.0");
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
