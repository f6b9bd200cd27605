import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui";
import { figureText, label, periodLabels, rowLabel } from "~/modules/reports/report-csv";
import { behindPageFor } from "~/modules/reports/report-list.server";
import { periodParams } from "~/modules/reports/report-query";
import { fiscalYearOfRange, previousRange } from "~/modules/reports/fiscal-year.rules";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, tokyoDateString } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "施策進捗報告の内訳 / Behind a figure | つなぐ八幡東" }];

/** What a figure counts (?figure=…&key=<breakdown>:<row>&year=… or from/to): postings, sessions, groups — never people. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const url = new URL(request.url);
  const found = await behindPageFor(getDb(), url.searchParams, tokyoDateString(new Date()));
  if (!found) notFound();
  const { query, ...page } = found;
  return data({ ...page, period: periodParams(query), fiscalYear: fiscalYearOfRange(query.range), previous: previousRange(query.range), csv: `/staff/reports/list.csv${url.search}` }, { headers: { "Cache-Control": "no-store" } });
}

export default function BehindAFigure() {
  const { list, row, figure, period, fiscalYear, previous, csv } = useLoaderData<typeof loader>();
  const t = useT();
  const l = { t, locale: t.locale };
  const name = label(l, `reports.figure.${figure}`);
  const periods = periodLabels(l, { fiscalYear, range: list.range, previousRange: previous });
  const title = row ? t("reportsPage.list.titleRow", { figure: name, row: rowLabel(l, { ...row.name, value: null, previous: null, drill: true }) }) : t("reportsPage.list.title", { figure: name });
  return (
    <div className="space-y-6">
      <PageHeader title={title} lead={t("reportsPage.list.lead", { period: periods.current })} />
      <p className="no-print flex flex-wrap gap-x-4 gap-y-1">
        <Link to={`/staff/reports?${period}`}>{t("reportsPage.list.back")}</Link>
        {list.rows.length > 0 && (
          <>
            <a href={csv} download aria-label={t("reportsPage.download.csvOf", { name: title })}>
              {t("reportsPage.download.csv")}
            </a>
            <a href={`${csv}&encoding=sjis`} download aria-label={t("reportsPage.download.sjisOf", { name: title })}>
              {t("reportsPage.download.sjis")}
            </a>
          </>
        )}
      </p>
      {list.rows.length === 0 ? (
        <EmptyState title={t("reportsPage.list.empty")} />
      ) : (
        <div className="overflow-x-auto">
          <table className="chart-table w-full text-sm" data-testid="behind-list">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">{t(`reportsPage.list.kind.${list.kind}`)}</th>
                <th scope="col" className="text-left">{t("reportsPage.list.context")}</th>
                <th scope="col" className="text-left">{t("reportsPage.list.at")}</th>
                <th scope="col" className="text-right">{t("reportsPage.list.count")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id} className="border-b border-stone-200">
                  <th scope="row" className="py-1 text-left font-normal">
                    {r.href ? <Link to={r.href}>{r.title}</Link> : r.title}
                  </th>
                  <td className="py-1">{r.context ?? ""}</td>
                  <td className="py-1">{r.at ? formatDateTime(r.at, t.locale) : ""}</td>
                  <td className="py-1 text-right tabular-nums">{figureText(l, r.count, null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.truncated && <p className="mt-2 text-sm">{t("reportsPage.list.truncated", { shown: list.rows.length, total: list.total })}</p>}
        </div>
      )}
    </div>
  );
}
