import type { LoaderFunctionArgs } from "@remix-run/node";
import { allTablesCsv, csvOfTable } from "~/modules/reports/report-csv";
import { reportQueryOf } from "~/modules/reports/report-query";
import { periodName } from "~/modules/reports/fiscal-year.rules";
import { getImpactReport } from "~/modules/reports/report.server";
import { requirePermission } from "~/utils/auth.server";
import { csvEncodingOf, csvResponse } from "~/utils/csv-file.server";
import { getDb } from "~/utils/db.server";
import { tokyoDateString } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { translator } from "~/utils/translate";

/**
 * One of the report's tables (`?table=newcomers.firstTime.district`) or all of them in one long file, for the page's
 * period (`year` or `from`/`to`), UTF-8 with a BOM or Shift_JIS (`encoding=sjis`). Counts only, no personal data.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const url = new URL(request.url);
  const query = reportQueryOf(url.searchParams, tokyoDateString(new Date()));
  const locale = getLocale(request);
  const l = { t: translator(locale), locale };
  const report = await getImpactReport(getDb(), query.range);
  const period = periodName(query.range);
  const tableId = url.searchParams.get("table");
  if (!tableId) return csvResponse(allTablesCsv(l, report), csvEncodingOf(url), `impact-report-${period}`);
  const text = csvOfTable(l, report, tableId) ?? notFound();
  return csvResponse(text, csvEncodingOf(url), `impact-report-${period}-${tableId}`);
}
