import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { organisationThreads } from "~/modules/messages/thread-reading.server";
import { ThreadList } from "~/components/thread-view";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `メッセージ / Messages — ${data?.organisation.name ?? ""} | つなぐ八幡東` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const threads = await organisationThreads(getDb(), orgId, user.id);
  return data({ organisation: { id: organisation.id, name: organisation.name }, threads }, { headers: { "Cache-Control": "no-store" } });
}

export default function OrganisationMessages() {
  const { organisation, threads } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader title={t("messages.organisationTitle", { organisation: organisation.name })} lead={t("messages.organisationLead")} />
      <ThreadList
        items={threads.map((th) => ({
          id: th.id,
          href: `/orgs/${organisation.id}/messages/${th.id}`,
          title: th.volunteerGone ? t("messages.formerUser") : th.volunteerName || t("messages.noName"),
          subtitle: t("messages.aboutPosting", { title: th.postingTitle }),
          lastMessageAt: th.lastMessageAt,
          unread: th.unread,
          lastSide: th.lastSide,
          lastBody: th.lastBody,
        }))}
        emptyTitle={t("messages.organisationEmpty")}
        emptyBody={<p>{t("messages.organisationEmptyHint")}</p>}
      />
    </div>
  );
}
