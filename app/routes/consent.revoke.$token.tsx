import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldErrors } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { revokeGuardianConsent } from "~/modules/applications/minors.server";
import { RevokeSchema } from "~/modules/safeguarding/consent.schema";
import { consentByToken, consentSubject, postingFacts, revokeLinkState } from "~/modules/safeguarding/consent.server";
import { getDb } from "~/utils/db.server";
import { formatRange } from "~/utils/format";
import { parseForm } from "~/utils/form";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/**
 * Withdrawing consent from the link in the guardian's email (no account). A confirmation step first; then every
 * application it covered that is still to come is withdrawn and the organisation told.
 */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [
  { title: "同意の取り消し / Withdraw consent | つなぐ八幡東" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

const NO_STORE = { "Cache-Control": "no-store" };
type Closed = "unknown" | "expired" | "revoked" | "declined";
const STATUS: Record<Closed, number> = { unknown: 404, expired: 410, revoked: 410, declined: 410 };

async function page(token: string) {
  const db = getDb();
  const row = await consentByToken(db, token, "revoke");
  const state = revokeLinkState(row, new Date());
  if (!row || state !== "open") return { state: (state === "open" ? "unknown" : state) as Closed } as const;
  const [facts, subject] = await Promise.all([row.posting_id === null ? null : postingFacts(db, row.posting_id), consentSubject(db, row.id)]);
  return {
    state: "open",
    standing: row.scope === "school_year",
    answered: row.status !== "requested",
    childName: subject.childName,
    postingTitle: facts?.title ?? "",
    organisationName: facts?.organisationName ?? "",
    sessions: subject.sessions.filter((s) => s.startsAt.getTime() > Date.now()).map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
  } as const;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const result = await page(params.token ?? "");
  return data(result, { status: result.state === "open" ? 200 : STATUS[result.state], headers: NO_STORE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const parsed = parseForm(RevokeSchema, await readFormData(request));
  if (!parsed.success) return data({ errors: parsed.failure.errors }, { status: 400, headers: NO_STORE });
  const result = await revokeGuardianConsent(getDb(), token, requestContext(request, context));
  if (result.status !== "ok") return data({ closed: result.status }, { status: STATUS[result.status], headers: NO_STORE });
  afterCommit();
  throw redirect(`/consent/thanks?answer=revoked&count=${result.withdrawn}`, { headers: NO_STORE });
}

function ClosedLink({ state }: { state: Closed }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t(`minors.revoke.closed.${state}.title`)} />
      <div className="card space-y-2">
        <p>{t(`minors.revoke.closed.${state}.body`)}</p>
        <p className="text-sm text-stone-700">{t("minors.consent.closed.help")}</p>
      </div>
    </div>
  );
}

export default function RevokeConsent() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (actionData && "closed" in actionData) return <ClosedLink state={actionData.closed} />;
  if (loaded.state !== "open") return <ClosedLink state={loaded.state} />;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t("minors.revoke.title")} />
      <div className="card space-y-3">
        <p>
          {loaded.standing
            ? t("minors.revoke.standing", { child: loaded.childName })
            : t(loaded.answered ? "minors.revoke.body" : "minors.revoke.bodyUnanswered", { child: loaded.childName, posting: loaded.postingTitle, organisation: loaded.organisationName })}
        </p>
        {loaded.sessions.length ? (
          <ul className="list-disc pl-5">
            {loaded.sessions.map((s) => (
              <li key={s.startsAt}>{formatRange(s.startsAt, s.endsAt, t.locale)}</li>
            ))}
          </ul>
        ) : null}
        <Form method="post" className="space-y-2">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="confirm" className="mt-1 h-5 w-5" aria-describedby="confirm-error" aria-invalid={errors?.confirm ? true : undefined} />
            <span>{t("minors.revoke.confirm")}</span>
          </label>
          <FieldErrors id="confirm-error" errors={errors?.confirm} />
          <button type="submit" className="btn-danger">
            {t("minors.revoke.button")}
          </button>
        </Form>
      </div>
    </div>
  );
}
