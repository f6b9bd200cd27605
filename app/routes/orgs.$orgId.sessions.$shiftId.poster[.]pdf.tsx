import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkInCode, sessionOfOrganisation } from "~/modules/attendance/attendance.server";
import { posterPdf } from "~/modules/attendance/certificate-pdf.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { requireAttendanceRecorder } from "~/utils/group-access.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";

/** The A4 poster with the session's self check-in QR code, for the venue. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const shiftId = requireIdParam(params.shiftId);
  const { organisation } = await requireAttendanceRecorder(request, orgId);
  const db = getDb();
  const session = await sessionOfOrganisation(db, orgId, shiftId);
  if (!session) notFound();
  const url = `${requestContext(request, context).origin}/check-in/${await checkInCode(db, shiftId)}`;
  const pdf = await posterPdf({ title: session.title, organisationName: organisation.name, when: formatRange(session.starts_at, session.ends_at, "ja"), url });
  return new Response(new Uint8Array(pdf), { headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="check-in-${shiftId}.pdf"`, "Cache-Control": "no-store" } });
}
