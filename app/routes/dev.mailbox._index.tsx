import { data, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui";
import { requireDevMailboxAccess } from "~/modules/dev-mailbox.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "開発用メールボックス / Dev mailbox | つなぐ八幡東" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDevMailboxAccess(request, context);
  const emails = await getDb().selectFrom("dev_emails").select(["id", "to_address", "subject", "created_at"]).orderBy("id", "desc").limit(100).execute();
  return data({ emails }, { headers: { "Cache-Control": "no-store" } });
}

export default function Mailbox() {
  const { emails } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader title={t("mailbox.title")} lead={t("mailbox.lead")} />
      {emails.length === 0 ? (
        <EmptyState title={t("mailbox.empty")} />
      ) : (
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {emails.map((e) => (
            <li key={e.id} className="p-3">
              <Link to={`/dev/mailbox/${e.id}`} className="font-semibold">
                {e.subject}
              </Link>
              <p className="text-sm text-stone-700">
                {t("mailbox.to")}: {e.to_address} ・ {formatDateTime(e.created_at, t.locale)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
