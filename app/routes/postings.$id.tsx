import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PostingView } from "~/components/posting-view";
import { getPublicPosting } from "~/modules/postings/postings.server";
import { getDb } from "~/utils/db.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.posting.title} | つなぐ八幡東` : "つなぐ八幡東" },
  { name: "description", content: data?.posting.description.slice(0, 120) ?? "" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const posting = await getPublicPosting(getDb(), id);
  if (!posting) notFound();
  return { posting, now: new Date().toISOString() };
}

export default function PostingPage() {
  const { posting, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/postings">← {t("posting.back")}</Link>
      </p>
      <PostingView posting={posting} now={now} />
    </div>
  );
}
