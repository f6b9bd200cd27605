import type { LoaderFunctionArgs } from "@remix-run/node";
import { schoolYearOfSession } from "~/modules/attendance/attendance.rules";
import { schoolHours, schoolHoursCsv } from "~/modules/attendance/school-hours.server";
import { requireSchoolCoordinator } from "~/modules/schools/coordinator.server";
import { audit } from "~/utils/audit.server";
import { csvEncodingOf, csvResponse } from "~/utils/csv-file.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { getLocale } from "~/utils/locale.server";
import { requestContext } from "~/utils/request.server";
import { translate } from "~/utils/translate";

/** The school's students' confirmed hours in a 年度 as CSV (`?year=2026&encoding=utf8|sjis`); the download is audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireSchoolCoordinator(request, orgId);
  const url = new URL(request.url);
  const yearParam = url.searchParams.get("year");
  const now = new Date();
  const year = yearParam === null ? schoolYearOfSession({ startsAt: now, endsAt: now }) : /^\d{4}$/.test(yearParam) ? Number(yearParam) : notFound();
  const encoding = csvEncodingOf(url);
  const db = getDb();
  const rows = await schoolHours(db, orgId, year);
  await audit(db, { actorUserId: user.id, action: "school.hours.export", subjectType: "organisation", subjectId: orgId, ip: requestContext(request, context).ip, details: { year, students: rows.length } });
  const locale = getLocale(request);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const headers = [t("attendance.school.name"), t("attendance.school.kana"), t("attendance.hours.date"), t("attendance.verify.group"), t("attendance.hours.activity"), t("attendance.school.hhmm"), t("attendance.hours.hours")];
  return csvResponse(schoolHoursCsv(rows, headers, t("attendance.hours.total"), encoding), encoding, `hours-${year}`);
}
