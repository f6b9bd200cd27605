import { describe, expect, it } from "vitest";
import { isFigureId, periodParams, reportQueryOf } from "./report-query";

const q = (s: string) => reportQueryOf(new URLSearchParams(s), "2026-12-06");

describe("the report page's period", () => {
  it("is the current 年度 by default, or the 年度 asked for", () => {
    expect(q("")).toMatchObject({ range: { from: "2026-04-01", to: "2027-03-31" }, year: 2026, errors: {} });
    expect(q("year=2025")).toMatchObject({ range: { from: "2025-04-01", to: "2026-03-31" }, year: 2025, errors: {} });
  });

  it("takes a from–to range of Tokyo dates over the 年度", () => {
    expect(q("year=2025&from=2026-05-01&to=2026-05-31")).toMatchObject({ range: { from: "2026-05-01", to: "2026-05-31" }, year: 2026, errors: {} });
  });

  it("says what is wrong beside the field and shows the 年度 instead of failing", () => {
    expect(q("year=1999")).toMatchObject({ year: 2026, errors: { year: "reportsPage.error.year" } });
    expect(q("year=2027")).toMatchObject({ year: 2026, errors: { year: "reportsPage.error.year" } });
    expect(q("from=2026-02-30&to=2026-03-01")).toMatchObject({ range: { from: "2026-04-01" }, from: "2026-02-30", errors: { from: "v.date" } });
    expect(q("from=2026-05-01")).toMatchObject({ errors: { to: "v.date" } });
    expect(q("from=2026-06-01&to=2026-05-01")).toMatchObject({ errors: { to: "reportsPage.error.order" } });
    expect(q("from=2010-01-01&to=2026-05-01")).toMatchObject({ errors: { to: "reportsPage.error.tooLong" } });
  });

  it("names the period in links as a year or as dates", () => {
    expect(periodParams(q("year=2025"))).toBe("year=2025");
    expect(periodParams(q("from=2026-05-01&to=2026-05-31"))).toBe("from=2026-05-01&to=2026-05-31");
  });

  it("knows the report's figure ids only", () => {
    expect(isFigureId("newcomers.firstTime")).toBe(true);
    expect(isFigureId("newcomers.nope")).toBe(false);
    expect(isFigureId(null)).toBe(false);
  });
});
