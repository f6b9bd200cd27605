import { Link } from "@remix-run/react";
import { BreakdownBarChart } from "~/components/charts/breakdown-bar-chart";
import { breakdownSummary, changeSummary, monthlySummary } from "~/components/charts/chart-summary";
import { ComparisonBarChart } from "~/components/charts/comparison-bar-chart";
import { MonthlyChart } from "~/components/charts/monthly-chart";
import { MonthGridView } from "~/components/reports/month-grid-table";
import { drillKey } from "~/modules/reports/drill-key";
import { breakdownMonthsTable, breakdownTable, figureText, label, monthsTable, periodLabels, rowLabel, sectionTable, stateNote, type Labeller } from "~/modules/reports/report-csv";
import type { Figure, FigureUnit, ImpactReport, ReportSection } from "~/modules/reports/report.types";
import { formatChange, monthLabel } from "~/utils/chart-style";
import { useT } from "~/utils/use-i18n";

/** The links a report section needs: the period's query string ("year=2026" or "from=…&to=…"). */
export interface ReportLinks {
  period: string;
}

function useLabeller(): Labeller {
  const t = useT();
  return { t, locale: t.locale };
}

/** The list behind a figure, or behind one row of a breakdown (`drillKey`, as listBehind reads it). */
function listHref(links: ReportLinks, figure: Figure, key?: string): string {
  return `/staff/reports/list?figure=${encodeURIComponent(figure.id)}${key ? `&key=${encodeURIComponent(key)}` : ""}&${links.period}`;
}

function CsvLinks({ table, links, name }: { table: string; links: ReportLinks; name: string }) {
  const t = useT();
  const href = `/staff/reports.csv?table=${encodeURIComponent(table)}&${links.period}`;
  return (
    <p className="no-print mt-1 flex flex-wrap gap-x-3 text-sm">
      <a href={href} download aria-label={t("reportsPage.download.csvOf", { name })}>
        {t("reportsPage.download.csv")}
      </a>
      <a href={`${href}&encoding=sjis`} download aria-label={t("reportsPage.download.sjisOf", { name })}>
        {t("reportsPage.download.sjis")}
      </a>
    </p>
  );
}

/** One figure: its value against the previous period, the link to what is behind it, and (folded) its months and breakdowns. */
function FigureCard({ report, figure, links }: { report: ImpactReport; figure: Figure; links: ReportLinks }) {
  const l = useLabeller();
  const { t } = l;
  const name = label(l, figure.labelKey);
  const periods = periodLabels(l, report);
  const against = t(report.fiscalYear !== null ? "reportsPage.against.year" : "reportsPage.against.range");
  const format = (n: number) => figureText(l, n, figure.unit);
  const months = monthsTable(l, report, figure);
  const value = (
    <span className="text-2xl font-bold tabular-nums" data-testid={`figure-${figure.id}`}>
      {figureText(l, figure.value, figure.unit)}
    </span>
  );
  return (
    <li className="card min-w-0 space-y-1">
      <h3 className="text-base font-semibold [overflow-wrap:anywhere]">{name}</h3>
      <p>{figure.drill ? <Link to={listHref(links, figure)} aria-label={t("reportsPage.figure.open", { name, value: figureText(l, figure.value, figure.unit) })}>{value}</Link> : value}</p>
      <p className="text-sm text-stone-700">
        {figure.asOfNow ? stateNote(l, figure) : `${periods.previous}: ${figureText(l, figure.previous, figure.unit)}（${formatChange(figure.value, figure.previous)}）`}
      </p>
      {figure.atPeriodEnd && <p className="text-sm text-stone-700">{stateNote(l, figure)}</p>}
      {figure.value !== null && !figure.asOfNow && <p className="sr-only">{changeSummary(t, { value: figure.value, previous: figure.previous, format, against })}</p>}
      {(months || figure.breakdowns.length > 0) && (
        <details className="pt-1">
          <summary className="cursor-pointer text-sm font-semibold">{t("reportsPage.figure.details")}</summary>
          <div className="mt-3 space-y-6">
            {months && figure.series && (
              <div>
                <MonthlyChart
                  title={months.title}
                  summary={monthlySummary(t, { months: figure.series.map((m) => monthLabel(m.month, l.locale)), values: figure.series.map((m) => m.value), format })}
                  series={[{ label: periods.current }, { label: periods.previous, shape: "line" }]}
                  months={figure.series.map((m) => monthLabel(m.month, l.locale))}
                  values={figure.series.map((m) => m.value)}
                  previous={figure.series.map((m) => m.previous)}
                  headers={[...months.headers, t("reportsPage.table.change")]}
                  format={format}
                />
                <CsvLinks table={months.id} links={links} name={months.title} />
              </div>
            )}
            {figure.breakdowns.map((b) => {
              const table = breakdownTable(l, report, figure, b);
              const drillable = b.rows.filter((r) => r.drill);
              const grid = breakdownMonthsTable(l, figure, b);
              return (
                <div key={b.id}>
                  {b.rows.length === 0 ? (
                    <>
                      <h4 className="font-semibold">{table.title}</h4>
                      <p className="text-sm text-stone-700">{t("reportsPage.empty")}</p>
                    </>
                  ) : (
                    <BreakdownBarChart
                      title={table.title}
                      summary={breakdownSummary(t, { rows: table.rows, format })}
                      series={figure.asOfNow ? [{ label: periods.current }] : [{ label: periods.current }, { label: periods.previous }]}
                      rows={table.rows.map((r) => ({ label: r.label, value: r.value ?? 0, previous: figure.asOfNow ? undefined : r.previous }))}
                      headers={figure.asOfNow ? table.headers.slice(0, 2) : [...table.headers, t("reportsPage.table.change")]}
                      format={format}
                      footer={
                        figure.drill && drillable.length > 0 ? (
                          <ul className="no-print mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                            {drillable.map((r) => (
                              <li key={r.key}>
                                <Link to={listHref(links, figure, drillKey(b.id, r.key))}>{t("reportsPage.figure.openRow", { name: rowLabel(l, r) })}</Link>
                              </li>
                            ))}
                          </ul>
                        ) : undefined
                      }
                    />
                  )}
                  <CsvLinks table={table.id} links={links} name={table.title} />
                  {grid && (
                    <div className="mt-6">
                      <MonthGridView table={grid} locale={l.locale} format={(v) => figureText(l, v, figure.unit)} />
                      <CsvLinks table={grid.id} links={links} name={grid.title} />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </details>
      )}
    </li>
  );
}

/** A section of the report: a chart comparing its counted figures with the previous period, then each figure. */
export function ReportSectionView({ report, section, links }: { report: ImpactReport; section: ReportSection; links: ReportLinks }) {
  const l = useLabeller();
  const { t } = l;
  const periods = periodLabels(l, report);
  const table = sectionTable(l, report, section);
  const compared = section.figures.filter((f) => !f.asOfNow && f.value !== null);
  const units = [...new Set(compared.map((f) => f.unit))].filter((u): u is Exclude<FigureUnit, "percent"> => u !== "percent");
  const against = t(report.fiscalYear !== null ? "reportsPage.against.year" : "reportsPage.against.range");
  return (
    <section aria-labelledby={`section-${section.id}`} className="space-y-4">
      <h2 id={`section-${section.id}`} className="[overflow-wrap:anywhere]">{table.title}</h2>
      {units.map((unit) => {
        const figures = compared.filter((f) => f.unit === unit);
        const first = figures[0];
        const format = (n: number) => figureText(l, n, unit);
        return (
          <ComparisonBarChart
            key={unit}
            title={t("reportsPage.section.compare", { section: table.title, unit: t(`reportsPage.unit.${unit}`) })}
            summary={figures.length === 1 ? changeSummary(t, { value: first.value!, previous: first.previous, format, against }) : t("reportsPage.section.compareSummary", { count: figures.length, against })}
            series={[{ label: periods.current }, { label: periods.previous }]}
            groups={figures.map((f) => ({ label: label(l, f.labelKey), value: f.value!, previous: f.previous }))}
            headers={[t("reportsPage.table.item"), periods.current, periods.previous, t("reportsPage.table.change")]}
            format={format}
          />
        );
      })}
      <CsvLinks table={table.id} links={links} name={table.title} />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {section.figures.map((f) => (
          <FigureCard key={f.id} report={report} figure={f} links={links} />
        ))}
      </ul>
    </section>
  );
}
