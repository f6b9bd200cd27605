import type { LoaderFunctionArgs } from "@remix-run/node";
import { csv } from "~/modules/applications/applications.rules";
import { rosterDateTime } from "~/modules/applications/roster-csv";
import { viewApplicants } from "~/modules/applications/applications.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatTime } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { requestContext } from "~/utils/request.server";
import { translate, translateMessage } from "~/utils/translate";
import { audit } from "~/utils/audit.server";

/**
 * The roster as a spreadsheet: UTF-8 with a BOM (Excel then opens Japanese text correctly), one row per
 * applicant, every shift or one (`?shift=ID`). Only what the organisation may see; the download is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const postingId = requireIdParam(params.postingId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-postings");
  const shiftParam = new URL(request.url).searchParams.get("shift");
  const shiftId = shiftParam === null ? null : /^\d{1,9}$/.test(shiftParam) ? Number(shiftParam) : -1;
  if (shiftId === -1) notFound();
  const ip = requestContext(request, context).ip;
  // An export with minors' data in it is audited as such, naming whose.
  const result = await viewApplicants(getDb(), { organisationId: orgId, postingId, shiftId, actorUserId: user.id, ip, purpose: "roster.csv" });
  if (!result) notFound();
  const shifts = result.shifts;
  if (shiftId !== null && shifts.length === 0) notFound();
  const locale = getLocale(request);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const rows: (string | number)[][] = [
    [
      t("roster.date"),
      t("roster.start"),
      t("roster.end"),
      t("roster.name"),
      t("roster.kana"),
      t("roster.status"),
      t("roster.type"),
      t("roster.school"),
      t("roster.appliedAt"),
      t("roster.message"),
      t("minors.roster.schoolYear"),
      t("minors.roster.emergency"),
    ],
  ];
  for (const s of shifts)
    for (const a of s.applicants) {
      const c = a.emergencyContact;
      // Only what the organisation may see of each person (a minor's row is cut down until confirmed).
      rows.push([
        formatDate(s.starts_at, locale),
        formatTime(s.starts_at),
        formatTime(s.ends_at),
        a.displayName,
        a.nameKana,
        translate(locale, `applicationStatus.${a.status}`),
        a.volunteerType ? translate(locale, `volunteerType.${a.volunteerType}`) : "",
        a.schoolName,
        rosterDateTime(a.created_at),
        a.message,
        a.schoolYear ? translateMessage(locale, a.schoolYear) : "",
        c ? `${c.name} (${c.relationship}) ${c.phone} ${c.email}`.trim() : "",
      ]);
    }
  await audit(getDb(), { actorUserId: user.id, action: "roster.downloaded", subjectType: "posting", subjectId: postingId, ip, details: { shiftId, rows: rows.length - 1 } });
  const name = `roster-${postingId}${shiftId ? `-${shiftId}` : ""}.csv`;
  return new Response(csv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
