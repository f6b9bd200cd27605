import type { LoaderFunctionArgs } from "@remix-run/node";
import { viewApplicants } from "~/modules/applications/applications.server";
import { csvEncodingOf, csvResponse } from "~/utils/csv-file.server";
import { csv } from "~/modules/applications/applications.rules";
import { rosterRows } from "~/modules/applications/roster-csv";
import { audit } from "~/utils/audit.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { requestContext } from "~/utils/request.server";

/**
 * The roster as a spreadsheet, one row per applicant, every shift or one (`?shift=ID`): UTF-8 with a BOM, or
 * Shift_JIS for older Excel (`?encoding=sjis`). The rows come from the applicants page's own list, so it holds
 * what the page shows and only what the organisation may see; the download is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const url = new URL(request.url);
  const shiftParam = url.searchParams.get("shift");
  const shiftId = shiftParam === null ? null : /^\d{1,9}$/.test(shiftParam) ? Number(shiftParam) : -1;
  if (shiftId === -1) notFound();
  const encoding = csvEncodingOf(url);
  const ip = requestContext(request, context).ip;
  // An export with minors' data in it is audited as such, naming whose.
  const result = await viewApplicants(getDb(), { organisationId: orgId, postingId, shiftId, actorUserId: user.id, ip, purpose: "roster.csv" });
  if (!result) notFound();
  if (shiftId !== null && result.shifts.length === 0) notFound();
  const rows = rosterRows(result.shifts, getLocale(request));
  await audit(getDb(), { actorUserId: user.id, action: "roster.downloaded", subjectType: "posting", subjectId: postingId, ip, details: { shiftId, rows: rows.length - 1, encoding } });
  const name = `roster-${postingId}${shiftId ? `-${shiftId}` : ""}`;
  return csvResponse(csv(rows), encoding, name);
}
