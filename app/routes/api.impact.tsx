import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogues } from "~/locales/catalogues";
import { fiscalYearOf, fiscalYearRange } from "~/modules/reports/fiscal-year.rules";
import { IMPACT_RATE_LIMITS, parseYear, TOO_MANY_REQUESTS, toOpenData } from "~/modules/reports/open-data.rules";
import { getImpactReport } from "~/modules/reports/report.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { refusedRateLimits, retryAfterSeconds } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";

/**
 * GET /api/impact?year=YYYY — the impact report of 年度 YYYY (April YYYY to March YYYY+1, Tokyo) as open data
 * (CC BY 4.0): the same aggregates as /staff/reports, counts of 1–4 that could single out a person shown as
 * "<5" and what would give one away as "x" (docs/decisions/031-impact-figures.md, 041). A bad year: 400 with
 * { errors: { year: [message] } } in the requested language (?lang=en); too many requests from one address: 429
 * with Retry-After and { errors: { request: [message] } }. Computed on every request; `computedAt` says when, and
 * a browser or proxy may keep it a minute.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const now = new Date();
  const headers = { "Access-Control-Allow-Origin": "*", "Content-Language": locale };
  const refused = await refusedRateLimits(getDb(), IMPACT_RATE_LIMITS(requestContext(request, context).ip), now);
  if (refused.length > 0) {
    const retryAfter = String(retryAfterSeconds(refused, now));
    return Response.json({ errors: { request: [TOO_MANY_REQUESTS[locale]] } }, { status: 429, headers: { ...headers, "Cache-Control": "no-store", "Retry-After": retryAfter, "Access-Control-Expose-Headers": "Retry-After" } });
  }
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), fiscalYearOf(now));
  if (!parsed.ok) return Response.json({ errors: { year: [parsed.message[locale]] } }, { status: 400, headers: { ...headers, "Cache-Control": "no-store" } });
  const report = await getImpactReport(getDb(), fiscalYearRange(parsed.year), now);
  return Response.json(toOpenData(report, parsed.year, catalogues.ja!, catalogues.en!), { headers: { ...headers, "Cache-Control": "public, max-age=60" } });
}
