import type { LoaderFunctionArgs } from "@remix-run/node";
import { impactReportPdf } from "~/modules/reports/report-pdf.server";
import { reportQueryOf } from "~/modules/reports/report-query";
import { periodName } from "~/modules/reports/fiscal-year.rules";
import { getImpactReport } from "~/modules/reports/report.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { tokyoDateString } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { translator } from "~/utils/translate";

/** The whole report for the page's period as an A4 PDF (cover, charts, tables) in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const query = reportQueryOf(new URL(request.url).searchParams, tokyoDateString(new Date()));
  const locale = getLocale(request);
  const report = await getImpactReport(getDb(), query.range);
  const pdf = await impactReportPdf(report, { t: translator(locale), locale });
  const period = periodName(query.range);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="impact-report-${period}.pdf"`, "Cache-Control": "no-store" },
  });
}
