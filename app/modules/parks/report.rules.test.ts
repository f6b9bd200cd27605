import { describe, expect, it } from "vitest";
import { DEFAULT_GRANT_BANDS } from "./grant.rules";
import { fiscalYearRange, hoursText, reportTotals } from "./report.rules";

describe("the year's report totals", () => {
  it("adds the log and the site's sessions, by kind, with people, people via the site, hours and the grant", () => {
    const totals = reportTotals({
      log: [
        { date: "2026-04-12", kind: "weeding", people: 8, viaSite: 2, minutes: 90, note: "" },
        { date: "2026-05-10", kind: "weeding", people: 6, viaSite: 0, minutes: 60, note: "" },
        { date: "2026-06-14", kind: "flowerbed", people: 4, viaSite: 1, minutes: 120, note: "" },
      ],
      site: [{ date: "2026-07-05", title: "公園で一緒に活動しませんか", people: 3, minutes: 120 }],
      areaM2: 1_200,
      bands: DEFAULT_GRANT_BANDS,
    });
    expect(totals).toEqual({
      activities: 4,
      people: 21,
      viaSite: 6,
      minutes: 390,
      personMinutes: 8 * 90 + 6 * 60 + 4 * 120 + 3 * 120,
      byKind: [
        { kind: "weeding", count: 2, people: 14, minutes: 150 },
        { kind: "flowerbed", count: 1, people: 4, minutes: 120 },
        { kind: "site", count: 1, people: 3, minutes: 120 },
      ],
      grant: { yen: 38_000, band: "1,001〜2,000㎡" },
    });
  });

  it("an empty year still gives the grant", () => {
    const totals = reportTotals({ log: [], site: [], areaM2: 400, bands: DEFAULT_GRANT_BANDS });
    expect(totals).toMatchObject({ activities: 0, people: 0, minutes: 0, byKind: [], grant: { yen: 25_000, band: "〜500㎡" } });
  });

  it("the 年度 runs April to March; hours read to one decimal", () => {
    expect(fiscalYearRange(2026)).toEqual({ from: "2026-04-01", to: "2027-03-31" });
    expect(hoursText(90)).toBe("1.5");
    expect(hoursText(390)).toBe("6.5");
  });
});
