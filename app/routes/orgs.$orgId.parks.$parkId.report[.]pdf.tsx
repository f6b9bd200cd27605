import { type LoaderFunctionArgs } from "@remix-run/node";
import { isOwnPark } from "~/modules/parks/registry.server";
import { parkReportPdf } from "~/modules/parks/report-pdf.server";
import { currentFiscalYear, parkReport } from "~/modules/parks/report.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";

/** The association's 活動報告書 for a 年度 (?year=2026, this one by default) as a Japanese A4 PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const parkId = requireIdParam(params.parkId);
  await requireOrganisationMember(request, orgId, "view-dashboard");
  const db = getDb();
  if (!(await isOwnPark(db, orgId, parkId))) notFound();
  const asked = new URL(request.url).searchParams.get("year");
  const year = asked && /^(19[7-9]\d|2[01]\d\d)$/.test(asked) ? Number(asked) : currentFiscalYear();
  const report = await parkReport(db, parkId, year);
  if (!report) notFound();
  const pdf = await parkReportPdf(report);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="park-report-${parkId}-${year}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
