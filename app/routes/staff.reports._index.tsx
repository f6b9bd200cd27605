import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, Select } from "~/components/form";
import { ReportSectionView } from "~/components/reports/report-section";
import { EmptyState, PageHeader } from "~/components/ui";
import { fiscalYearOf } from "~/modules/reports/fiscal-year.rules";
import { periodLabels } from "~/modules/reports/report-csv";
import { FIRST_REPORT_YEAR, periodParams, reportQueryOf } from "~/modules/reports/report-query";
import { getImpactReport } from "~/modules/reports/report.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, tokyoDateString } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "施策進捗報告 / Impact report | つなぐ八幡東" }];

/** The impact report for a 年度 (?year=) or a range (?from=&to=) against the period before; read fresh each time. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const today = tokyoDateString(new Date());
  const query = reportQueryOf(new URL(request.url).searchParams, today);
  const report = await getImpactReport(getDb(), query.range);
  const current = fiscalYearOf(today);
  const years = Array.from({ length: current - FIRST_REPORT_YEAR + 1 }, (_, i) => current - i);
  return data({ report, query, years, period: periodParams(query) }, { headers: { "Cache-Control": "no-store" } });
}

export default function ReportsPage() {
  const { report, query, years, period } = useLoaderData<typeof loader>();
  const t = useT();
  const periods = periodLabels({ t, locale: t.locale }, report);
  const failure = { status: "error" as const, errors: Object.fromEntries(Object.entries(query.errors).map(([k, v]) => [k, [v]])), values: { from: query.from, to: query.to } };
  const empty = report.sections.every((s) => s.figures.every((f) => !f.value));
  return (
    <div className="space-y-8">
      <PageHeader title={t("reportsPage.title")} lead={t("reportsPage.lead")} />
      <div className="no-print grid gap-4 lg:grid-cols-2">
        <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t("reportsPage.form.yearLabel")}>
          <Select name="year" label={t("reportsPage.form.year")} failure={failure} defaultValue={query.year} placeholder={t("reportsPage.form.yearChoose")} options={years.map((y) => ({ value: y, label: t("reportsPage.period.year", { year: y }) }))} />
          <button type="submit" className="btn mb-6">
            {t("reportsPage.form.show")}
          </button>
        </Form>
        <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label={t("reportsPage.form.rangeLabel")}>
          <Field name="from" type="date" label={t("reportsPage.form.from")} failure={failure} />
          <Field name="to" type="date" label={t("reportsPage.form.to")} failure={failure} />
          <button type="submit" className="btn mb-6">
            {t("reportsPage.form.show")}
          </button>
        </Form>
      </div>
      <div className="space-y-2">
        <p className="text-lg font-semibold" data-testid="report-period">
          {t("reportsPage.showing", { current: periods.current, previous: periods.previous })}
        </p>
        <p className="text-sm text-stone-700">{t("reportsPage.computedAt", { at: formatDateTime(report.computedAt, t.locale) })}</p>
        <p className="no-print flex flex-wrap gap-2">
          <a href={`/staff/reports.pdf?${period}`} className="btn-secondary" download>
            {t("reportsPage.download.pdf")}
          </a>
          <a href={`/staff/reports.csv?${period}`} className="btn-secondary" download>
            {t("reportsPage.download.all")}
          </a>
          <a href={`/staff/reports.csv?${period}&encoding=sjis`} className="btn-secondary" download>
            {t("reportsPage.download.allSjis")}
          </a>
        </p>
      </div>
      {empty && <EmptyState title={t("reportsPage.emptyTitle")}>{t("reportsPage.emptyLead")}</EmptyState>}
      {report.sections.map((s) => (
        <ReportSectionView key={s.id} report={report} section={s} links={{ period }} />
      ))}
    </div>
  );
}
