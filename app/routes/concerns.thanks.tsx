import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { normaliseReference } from "~/modules/concerns/concerns.rules";
import { notFound } from "~/utils/http.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "報告を受け付けました / Report received | つなぐ八幡東" }];

/** Shows the reference the report was given; the page reveals nothing else, so its address may be shared. */
export async function loader({ request }: LoaderFunctionArgs) {
  const reference = normaliseReference((new URL(request.url).searchParams.get("ref") ?? "").slice(0, 20));
  if (!reference) notFound();
  return { reference };
}

export default function ConcernReceived() {
  const { reference } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("concerns.thanks.title")} lead={t("concerns.thanks.lead")} />
      <div className="card space-y-3">
        <p>
          <span className="font-semibold">{t("concerns.thanks.reference")}: </span>
          <strong className="font-mono text-2xl tracking-wider" data-testid="concern-reference">
            {reference}
          </strong>
        </p>
        <p>{t("concerns.thanks.keep")}</p>
      </div>
      <p role="note" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3 text-amber-950">
        {t("concerns.new.emergency")}
      </p>
      <p>
        <Link to="/postings">{t("concerns.thanks.back")}</Link>
      </p>
    </div>
  );
}
