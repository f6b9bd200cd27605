import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { formatDecimalHours, formatHoursMinutes, schoolYearOfSession } from "~/modules/attendance/attendance.rules";
import { schoolHours } from "~/modules/attendance/school-hours.server";
import { requireSchoolCoordinator } from "~/modules/schools/coordinator.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "生徒の活動時間 / Students' hours | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation } = await requireSchoolCoordinator(request, orgId);
  const yearParam = new URL(request.url).searchParams.get("year");
  const now = new Date();
  const current = schoolYearOfSession({ startsAt: now, endsAt: now });
  const year = yearParam === null ? current : /^\d{4}$/.test(yearParam) ? Number(yearParam) : notFound();
  const rows = await schoolHours(getDb(), orgId, year);
  return data(
    { school: { id: organisation.id, name: organisation.name }, year, years: [current, current - 1, current - 2], students: rows.map(({ activities: _a, ...s }) => s) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function SchoolHours() {
  const { school, year, years, students } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/schools/${school.id}/hours`;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/schools/${school.id}`}>← {school.name}</Link>
      </p>
      <PageHeader title={t("attendance.school.title")} lead={t("attendance.school.lead")} />
      <nav className="flex flex-wrap gap-2" aria-label={t("attendance.hours.years")}>
        {years.map((y) => (
          <Link key={y} to={`${base}?year=${y}`} className={y === year ? "btn" : "btn-secondary"}>
            {t("attendance.hours.year", { year: y })}
          </Link>
        ))}
      </nav>
      <p className="flex flex-wrap gap-3">
        <a href={`${base}.csv?year=${year}`} className="btn-secondary" download>
          {t("attendance.school.csvUtf8")}
        </a>
        <a href={`${base}.csv?year=${year}&encoding=sjis`} className="btn-secondary" download>
          {t("attendance.school.csvSjis")}
        </a>
      </p>
      {students.length === 0 ? (
        <p>{t("attendance.school.none")}</p>
      ) : (
        <table className="w-full text-left">
          <thead>
            <tr>
              <th scope="col">{t("attendance.school.name")}</th>
              <th scope="col">{t("attendance.school.sessions")}</th>
              <th scope="col">{t("attendance.hours.total")}</th>
            </tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.userId} className="border-t">
                <td>{s.name}</td>
                <td>{s.sessions}</td>
                <td>{t("attendance.hours.both", { hm: formatHoursMinutes(s.minutes), h: formatDecimalHours(s.minutes) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
