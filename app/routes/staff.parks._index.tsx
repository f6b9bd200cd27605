import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TrendChart } from "~/components/parks/trend-chart";
import { DistrictFilter } from "~/components/parks/district-filter";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { ASSOCIATION_STATUSES } from "~/modules/parks/parks.vocabulary";
import { staffParkList, wardTrend } from "~/modules/parks/registry.server";
import { reasonText } from "~/modules/parks/vitality.rules";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/use-i18n";
import { toDbId } from "~/utils/zod-number";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "公園愛護会の状況 / Park-care associations | つなぐ八幡東" }];

const STATUS_FILTERS = [...ASSOCIATION_STATUSES, "none"] as const;

/** Every park of the ward, at-risk associations first with their reasons in words; filters; the trend over years. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const params = new URL(request.url).searchParams;
  const districtId = toDbId(params.get("district")) ?? undefined;
  const statusParam = params.get("status");
  const status = (STATUS_FILTERS as readonly string[]).includes(statusParam ?? "") ? (statusParam as (typeof STATUS_FILTERS)[number]) : undefined;
  const db = getDb();
  const [parks, trend, districts] = await Promise.all([staffParkList(db, { districtId, status }), wardTrend(db, districtId), listDistricts(db)]);
  return data({ parks, trend, districts, filter: { districtId: districtId ?? null, status: status ?? null } }, { headers: { "Cache-Control": "no-store" } });
}

export default function StaffParks() {
  const { parks, trend, districts, filter } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("parks.staff.title")}
        lead={t("parks.staff.lead")}
        actions={
          <>
            <Link to="/staff/parks/new" className="btn-secondary">
              {t("parks.staff.addPark")}
            </Link>
            <Link to="/staff/parks/import" className="btn-secondary">
              {t("parks.staff.import")}
            </Link>
            <a href="/staff/parks/export.csv" className="btn-secondary" download>
              {t("parks.staff.export")}
            </a>
            <Link to="/staff/parks/settings" className="btn-secondary">
              {t("parks.staff.settings")}
            </Link>
            <Link to="/staff/parks/supporters" className="btn-secondary">
              {t("parks.staff.supporters")}
            </Link>
          </>
        }
      />
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <DistrictFilter districts={districts} value={filter.districtId} />
        <label className="block">
          <span className="font-semibold">{t("parks.f.status")}</span>
          <select name="status" className="input mt-1" defaultValue={filter.status ?? ""}>
            <option value="">{t("parks.staff.allStatuses")}</option>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`parks.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn">
          {t("parks.staff.filter")}
        </button>
      </Form>

      <section aria-labelledby="list-heading" className="card overflow-x-auto">
        <h2 id="list-heading">{t("parks.staff.count", { count: parks.length })}</h2>
        <table className="mt-2 w-full text-left">
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-2">{t("parks.staff.park")}</th>
              <th scope="col" className="p-2">{t("parks.staff.reasons")}</th>
              <th scope="col" className="hidden p-2 sm:table-cell">{t("parks.staff.association")}</th>
              <th scope="col" className="hidden p-2 sm:table-cell">{t("parks.staff.lastActivity")}</th>
            </tr>
          </thead>
          <tbody>
            {parks.map((p) => (
              <tr key={p.id} className="border-t border-stone-200 align-top" data-park={p.name}>
                <th scope="row" className="p-2 font-semibold">
                  <Link to={`/staff/parks/${p.id}`}>{p.name}</Link>
                  <span className="block text-sm font-normal text-stone-700">{t.locale === "ja" ? p.districtJa : p.districtEn}</span>
                </th>
                <td className="p-2">
                  {!p.association ? (
                    <span className="badge bg-stone-200 text-stone-900">{t("parks.staff.noAssociation")}</span>
                  ) : p.vitality?.level === "at_risk" ? (
                    <>
                      <span className="badge bg-red-100 text-red-900">{t("parks.staff.atRisk")}</span>
                      <ul className="mt-1 list-disc pl-5 text-sm">
                        {p.vitality.reasons.map((r) => (
                          <li key={r.code}>{reasonText(r, t.locale)}</li>
                        ))}
                      </ul>
                    </>
                  ) : p.vitality?.level === "dissolved" ? (
                    <span className="badge bg-stone-200 text-stone-900">{t("parks.status.dissolved")}</span>
                  ) : (
                    <span className="badge bg-green-100 text-green-900">{t("parks.staff.healthy")}</span>
                  )}
                </td>
                <td className="hidden p-2 sm:table-cell">{p.association ? `${p.association.name}（${t(`parks.status.${p.association.status}`)}・${p.association.memberCount}）` : "—"}</td>
                <td className="hidden p-2 sm:table-cell">{p.lastActivity ? formatDate(`${p.lastActivity}T12:00:00+09:00`, t.locale) : t("parks.staff.never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="trend-heading" className="card">
        <h2 id="trend-heading">{t("parks.staff.trend")}</h2>
        <TrendChart rows={trend} />
      </section>
    </div>
  );
}
