import type { LoaderFunctionArgs } from "@remix-run/node";
import { behindCsv } from "~/modules/reports/report-csv";
import { behindPageFor } from "~/modules/reports/report-list.server";
import { periodName } from "~/modules/reports/fiscal-year.rules";
import { requirePermission } from "~/utils/auth.server";
import { csvEncodingOf, csvResponse } from "~/utils/csv-file.server";
import { getDb } from "~/utils/db.server";
import { tokyoDateString } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { translator } from "~/utils/translate";

/** Everything the list page would page through, not only its first rows: a spreadsheet is where a long list is read. */
const CSV_LIMIT = 5000;

/**
 * The list behind a figure (the same address as /staff/reports/list) as CSV: UTF-8 with a BOM, or Shift_JIS with
 * `encoding=sjis`. Postings, sessions, groups, schools, parks or seat areas with their counts — never a person.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const url = new URL(request.url);
  const found = await behindPageFor(getDb(), url.searchParams, tokyoDateString(new Date()), { limit: CSV_LIMIT });
  if (!found) notFound();
  const locale = getLocale(request);
  const period = periodName(found.query.range);
  const key = found.list.key ? `-${found.list.key.replace(/[^A-Za-z0-9_-]/g, "-")}` : "";
  return csvResponse(behindCsv({ t: translator(locale), locale }, found.list), csvEncodingOf(url), `impact-list-${found.figure}${key}-${period}`);
}
