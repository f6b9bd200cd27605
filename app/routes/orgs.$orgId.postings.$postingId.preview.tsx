import { data, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostingView } from "~/components/posting-view";
import { getOrganisationPosting } from "~/modules/postings/postings.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "プレビュー / Preview | つなぐ八幡東" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation } = await requireOrganisationMember(request, orgId, "edit-postings");
  const db = getDb();
  const posting = await getOrganisationPosting(db, orgId, requireIdParam(params.postingId));
  if (!posting) notFound();
  const [category, district] = await Promise.all([
    db.selectFrom("categories").select(["name_ja", "name_en"]).where("id", "=", posting.category_id).executeTakeFirstOrThrow(),
    posting.district_id ? db.selectFrom("districts").select(["name_ja", "name_en"]).where("id", "=", posting.district_id).executeTakeFirst() : undefined,
  ]);
  return data(
    {
      orgId,
      postingId: posting.id,
      now: new Date().toISOString(),
      view: {
        ...posting,
        has_meeting_point: posting.meeting_point.trim() !== "",
        organisation_name: organisation.name,
        organisation_kind: organisation.kind,
        organisation_description: organisation.description,
        category_ja: category.name_ja,
        category_en: category.name_en,
        district_ja: district?.name_ja ?? null,
        district_en: district?.name_en ?? null,
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Preview() {
  const { orgId, postingId, view, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <div role="note" className="rounded-lg border-l-4 border-sky-700 bg-sky-50 p-3">
        {t("manage.previewNote")} <Link to={`/orgs/${orgId}/postings/${postingId}`}>{t("manage.backToEdit")}</Link>
      </div>
      <PostingView posting={view} now={now} />
    </div>
  );
}
