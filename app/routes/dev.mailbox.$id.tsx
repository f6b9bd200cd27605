import { data, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { linkify } from "~/modules/postings/postings.rules";
import { requireDevMailboxAccess } from "~/modules/dev-mailbox.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "メール / Email | つなぐ八幡東" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireDevMailboxAccess(request, context);
  const email = await getDb().selectFrom("dev_emails").selectAll().where("id", "=", requireIdParam(params.id)).executeTakeFirst();
  if (!email) notFound();
  return data({ email: { id: email.id, to: email.to_address, subject: email.subject, text: email.text, created_at: email.created_at } }, { headers: { "Cache-Control": "no-store" } });
}

// The plain-text part is shown (links made clickable); the HTML part is not rendered here, so nothing in an
// email can run in the site's origin.
export default function MailboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/dev/mailbox">← {t("mailbox.title")}</Link>
      </p>
      <PageHeader title={email.subject} lead={`${t("mailbox.to")}: ${email.to} ・ ${formatDateTime(email.created_at, t.locale)}`} />
      <pre className="card whitespace-pre-wrap break-words font-sans" data-testid="email-body">
        {linkify(email.text).map((run, i) =>
          run.kind === "link" ? (
            <a key={i} href={run.href}>
              {run.text}
            </a>
          ) : (
            <span key={i}>{run.text}</span>
          ),
        )}
      </pre>
    </div>
  );
}
