import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogues } from "~/locales/catalogues";
import { fiscalYearOf, fiscalYearRange } from "~/modules/reports/fiscal-year.rules";
import { parseYear, toOpenData } from "~/modules/reports/open-data.rules";
import { getImpactReport } from "~/modules/reports/report.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";

/**
 * GET /api/impact?year=YYYY — the impact report of 年度 YYYY (April YYYY to March YYYY+1, Tokyo) as open data
 * (CC BY 4.0): the same aggregates as /staff/reports, counts of 1–4 that could single out a person shown as
 * "<5" (docs/decisions/031-impact-figures.md). A bad year: 400 with { errors: { year: [message] } } in the
 * requested language (?lang=en). Computed on every request; `computedAt` says when, and a browser or proxy
 * may keep it a minute.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const now = new Date();
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), fiscalYearOf(now));
  const headers = { "Access-Control-Allow-Origin": "*", "Content-Language": locale };
  if (!parsed.ok) return Response.json({ errors: { year: [parsed.message[locale]] } }, { status: 400, headers: { ...headers, "Cache-Control": "no-store" } });
  const report = await getImpactReport(getDb(), fiscalYearRange(parsed.year), now);
  return Response.json(toOpenData(report, parsed.year, catalogues.ja!, catalogues.en!), { headers: { ...headers, "Cache-Control": "public, max-age=60" } });
}
