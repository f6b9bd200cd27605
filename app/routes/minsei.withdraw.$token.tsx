import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { withdrawalState, withdrawInterest } from "~/modules/recruitment/interest.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [
  { title: "申し出の取り消し / Withdraw | つなぐ八幡東" },
  { name: "robots", content: "noindex" },
];

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** The link from the confirmation email: GET only shows the button (a mail scanner opening it deletes nothing). */
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await withdrawalState(getDb(), params.token ?? "");
  return data({ state }, { headers: HEADERS, status: state === "gone" ? 404 : 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const result = await withdrawInterest(getDb(), params.token ?? "", requestContext(request, context).ip);
  return data({ result }, { headers: HEADERS, status: result === "gone" ? 404 : 200 });
}

export default function Withdraw() {
  const { state } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const t = useT();
  const outcome = done?.result ?? (state === "live" ? null : state);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("recruitment.withdraw.title")} />
      {outcome === null ? (
        <Form method="post" className="card space-y-3">
          <p>{t("recruitment.withdraw.lead")}</p>
          <SubmitButton>{t("recruitment.withdraw.submit")}</SubmitButton>
        </Form>
      ) : (
        <p role="status" className="card" data-testid="withdraw-outcome">
          {outcome === "withdrawn" ? t("recruitment.withdraw.done") : outcome === "appointed" ? t("recruitment.withdraw.appointed") : t("recruitment.withdraw.gone")}
        </p>
      )}
    </div>
  );
}
