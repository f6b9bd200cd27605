import type { Figure, ImpactReport, MonthPoint } from "~/modules/reports/report.types";

const months = (values: (number | null)[], previous: (number | null)[]): MonthPoint[] =>
  values.map((v, i) => ({ month: `${i < 9 ? 2026 : 2027}-${String(((i + 3) % 12) + 1).padStart(2, "0")}`, value: v, previous: previous[i] ?? null }));

const figure = (f: Partial<Figure> & Pick<Figure, "id" | "section" | "unit" | "value" | "previous">): Figure => ({ labelKey: `reports.figure.${f.id}`, breakdowns: [], drill: true, ...f });

/** A small report by hand, for the page's, the CSV's and the PDF's tests: two sections, a series, breakdowns, an empty one. */
export function reportFixture(): ImpactReport {
  return {
    range: { from: "2026-04-01", to: "2027-03-31" },
    previousRange: { from: "2025-04-01", to: "2026-03-31" },
    fiscalYear: 2026,
    computedAt: "2026-12-06T12:00:00.000Z",
    sections: [
      {
        id: "newcomers",
        labelKey: "reports.section.newcomers",
        figures: [
          figure({
            id: "newcomers.firstTime",
            section: "newcomers",
            unit: "people",
            value: 92,
            previous: 80,
            series: months([10, 12, 8, 9, 11, 14, 15, 13, null, null, null, null], [5, 6, 7, 8, 6, 7, 8, 9, 7, 6, 5, 6]),
            breakdowns: [
              {
                id: "district",
                labelKey: "reports.breakdown.district",
                rows: [
                  { key: "1", label: "高見", labelEn: "Takami", value: 40, previous: 30, drill: true },
                  { key: "2", label: "槻田", labelEn: "Tsukida", value: 30, previous: 35, drill: true },
                  { key: "none", labelKey: "reports.key.district.none", value: 22, previous: 15, drill: false },
                ],
              },
            ],
          }),
          figure({ id: "newcomers.youngShare", section: "newcomers", unit: "percent", value: 41.3, previous: null, drill: false }),
        ],
      },
      {
        id: "activity",
        labelKey: "reports.section.activity",
        figures: [
          figure({ id: "activity.hours", section: "activity", unit: "hours", value: 1234.5, previous: 1000 }),
          figure({ id: "activity.noShows", section: "activity", unit: "count", value: 0, previous: 0, breakdowns: [{ id: "category", labelKey: "reports.breakdown.category", rows: [] }] }),
        ],
      },
    ],
  };
}

/**
 * The fixture with a welfare section whose district rows carry their own months (as the seat figures do): months
 * not begun, 枝光's previous 年度 from the month after its history began, 中央 with a month without seats (no rate).
 */
export function reportWithSeatsFixture(): ImpactReport {
  const report = reportFixture();
  const rate = (values: (number | null)[], previous: (number | null)[] = []) => months(values, previous);
  const edamitsu = rate([80, 80, 80, 85.7, 90, 90, 90, 87.5, null, null, null, null], [null, 75, 75, 75, 80, 80, 80, 80, 80, 80, 80, 80]);
  const chuo = rate([100, 100, null, 75, 75, 83.3, 83.3, 83.3, null, null, null, null], [null, ...Array<number>(11).fill(100)]);
  report.sections.push({
    id: "welfare",
    labelKey: "reports.section.welfare",
    figures: [
      figure({
        id: "welfare.fillRate",
        section: "welfare",
        unit: "percent",
        value: 86.4,
        previous: 87.5,
        atPeriodEnd: true,
        recordedSince: "2025-05-10T00:00:00.000Z",
        series: rate([85.7, 85.7, 80, 81.8, 85, 87, 87, 86.4, null, null, null, null], [null, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5, 87.5]),
        breakdowns: [
          {
            id: "district",
            labelKey: "reports.breakdown.district",
            rows: [
              { key: "2", label: "枝光", labelEn: "Edamitsu", value: 87.5, previous: 80, series: edamitsu, drill: true },
              { key: "1", label: "中央", labelEn: "Chuo", value: 83.3, previous: 100, series: chuo, drill: true },
            ],
          },
        ],
      }),
    ],
  });
  return report;
}
