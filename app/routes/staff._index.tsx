import { data, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ORGANISATION_STATUSES, type OrganisationStatus } from "~/vocabulary";
import { EmptyState, OrganisationStatusBadge, PageHeader } from "~/components/ui";
import { listOrganisationsForReview } from "~/modules/organisations/organisations.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { pick } from "~/utils/pick";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "区職員 / Ward staff | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:organisation");
  const requested = new URL(request.url).searchParams.get("status");
  const status: OrganisationStatus | "all" = ORGANISATION_STATUSES.includes(requested as OrganisationStatus) ? (requested as OrganisationStatus) : requested === "all" ? "all" : "pending";
  const db = getDb();
  const [organisations, counts] = await Promise.all([
    listOrganisationsForReview(db, status),
    db.selectFrom("organisations").select(["status", db.fn.countAll<number>().as("n")]).groupBy("status").execute(),
  ]);
  return data(
    { status, organisations, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<OrganisationStatus, number>> },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function StaffHome() {
  const { status, organisations, counts } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const tabs: (OrganisationStatus | "all")[] = ["pending", "verified", "rejected", "suspended", "all"];
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("staff.title")}
        lead={t("staff.lead")}
        actions={
          <>
            <Link to="/staff/safeguarding" className="btn-secondary">
              {t("safeguarding.staff.title")}
            </Link>
            <Link to="/staff/safeguarding/declarations" className="btn-secondary">
              {t("safeguarding.staff.declarations.title")}
            </Link>
            <Link to="/staff/settings/safeguarding" className="btn-secondary">
              {t("minors.settings.title")}
            </Link>
            <Link to="/staff/concerns" className="btn-secondary">
              {t("concerns.staff.homeLink")}
            </Link>
            <Link to="/staff/audit" className="btn-secondary">
              {t("concerns.staff.auditLink")}
            </Link>
            <Link to="/staff/parks" className="btn-secondary">
              {t("parks.staff.homeLink")}
            </Link>
            <Link to="/staff/synonyms" className="btn-secondary">
              {t("staff.synonymsLink")}
            </Link>
          </>
        }
      />
      <nav aria-label={t("staff.filter")} className="flex flex-wrap gap-2">
        {tabs.map((tab) => (
          <Link
            key={tab}
            to={`/staff?status=${tab}`}
            aria-current={status === tab ? "page" : undefined}
            className={status === tab ? "btn" : "btn-secondary"}
          >
            {tab === "all" ? t("staff.all") : t(`orgStatus.${tab}`)}
            {tab !== "all" ? ` (${counts[tab] ?? 0})` : ""}
          </Link>
        ))}
      </nav>
      {organisations.length === 0 ? (
        <EmptyState title={status === "pending" ? t("staff.queueEmpty") : t("staff.none")} />
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-xl bg-white text-left">
          <caption className="sr-only">{t("staff.tableCaption")}</caption>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-2">{t("org.name")}</th>
              <th scope="col" className="p-2">{t("org.kind")}</th>
              <th scope="col" className="hidden p-2 sm:table-cell">{t("org.district")}</th>
              <th scope="col" className="p-2">{t("staff.status")}</th>
              <th scope="col" className="hidden p-2 sm:table-cell">{t("staff.registered")}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.id} className="border-t border-stone-200">
                <td className="p-2">
                  <Link to={`/staff/organisations/${o.id}?back=${encodeURIComponent(params.get("status") ?? "pending")}`}>{o.name}</Link>
                </td>
                <td className="p-2">{t(`orgKind.${o.kind}`)}</td>
                <td className="hidden p-2 sm:table-cell">{pick(t.locale, o.district_ja, o.district_en)}</td>
                <td className="p-2">
                  <OrganisationStatusBadge status={o.status} />
                </td>
                <td className="hidden p-2 sm:table-cell">{formatDate(o.created_at, t.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
