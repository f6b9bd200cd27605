import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui";
import { parksOfOrganisation } from "~/modules/parks/registry.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "公園の記録 / Park records | つなぐ八幡東" }];

/** The parks an association looks after; with one park, straight to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const parks = await parksOfOrganisation(getDb(), orgId);
  if (parks.length === 1) throw redirect(`/orgs/${orgId}/parks/${parks[0].id}`);
  return data({ organisation: { id: organisation.id, name: organisation.name }, parks }, { headers: { "Cache-Control": "no-store" } });
}

export default function OrganisationParks() {
  const { organisation, parks } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader title={t("parks.org.title")} />
      {parks.length === 0 ? (
        <EmptyState title={t("parks.org.none")} />
      ) : (
        <ul className="space-y-2">
          {parks.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/orgs/${organisation.id}/parks/${p.id}`} className="font-semibold">
                {p.name}
              </Link>{" "}
              · {t(`parks.status.${p.status}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
