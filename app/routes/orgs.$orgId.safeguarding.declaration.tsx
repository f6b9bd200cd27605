import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { CODE_OF_CONDUCT, summariseDeclarations, tokyoDate } from "~/modules/safeguarding/declarations.rules";
import { DeclarationSchema } from "~/modules/safeguarding/declarations.schema";
import { makeDeclaration, myDeclarations } from "~/modules/safeguarding/declarations.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全確認の申告 / Safeguarding declaration | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { organisation, user } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const mine = await myDeclarations(getDb(), user.id);
  const today = tokyoDate(new Date());
  const summary = summariseDeclarations(
    mine.map((d) => ({ status: d.status, declaredOn: d.declared_on, validUntil: d.valid_until })),
    today,
  );
  return data(
    { organisation: { id: organisation.id, name: organisation.name }, mine, summary, displayName: user.display_name },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireOrganisationMember(request, orgId, "view-dashboard");
  const formData = await readFormData(request);
  const parsed = parseForm(DeclarationSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await makeDeclaration(getDb(), orgId, user.id, parsed.data, requestContext(request, context).ip, tokyoDate(new Date()));
  if (result.status === "already-pending")
    return data(formFailure({ form: ["safeguarding.declaration.alreadyPending"] }, formDataToObject(formData).values), { status: 409 });
  return redirectWithToast(request, `/orgs/${orgId}/safeguarding/declaration`, { kind: "success", message: "safeguarding.declaration.done" });
}

const dateText = (date: string, locale: "ja" | "en") => formatDate(`${date}T12:00:00+09:00`, locale);

export default function SafeguardingDeclaration() {
  const { organisation, mine, summary, displayName } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const waiting = mine.some((d) => d.status === "pending");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to={`/orgs/${organisation.id}/safeguarding`}>← {t("safeguarding.declaration.back")}</Link>
      </p>
      <PageHeader title={t("safeguarding.declaration.title")} lead={t("safeguarding.declaration.lead")} />

      <section aria-labelledby="mine-heading" className="card">
        <h2 id="mine-heading">{t("safeguarding.declaration.mine")}</h2>
        <p className="mt-1 font-semibold">
          {t(`safeguarding.declState.${summary.state}`)}
          {summary.validUntil ? `（${t("safeguarding.declState.until", { date: dateText(summary.validUntil, t.locale) })}）` : ""}
        </p>
        {mine.length === 0 ? (
          <p className="mt-1">{t("safeguarding.declaration.none")}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {mine.map((d) => (
              <li key={d.id}>
                {t("safeguarding.declaration.entry", { date: dateText(d.declared_on, t.locale), until: dateText(d.valid_until, t.locale) })} —{" "}
                {t(`safeguarding.staff.declarations.status.${d.status}`)}
                {d.decision_comment ? <span className="block text-stone-700">{t("safeguarding.declaration.comment", { comment: d.decision_comment })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="code-heading" className="card">
        <h2 id="code-heading">{t("safeguarding.declaration.codeTitle", { version: CODE_OF_CONDUCT.version })}</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6">
          {CODE_OF_CONDUCT[t.locale].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </section>

      {waiting ? (
        <p role="note" className="card">
          {t("safeguarding.declaration.alreadyPending")}
        </p>
      ) : (
        <Form method="post" className="card space-y-3" noValidate>
          <h2>{t("safeguarding.declaration.statements")}</h2>
          <FormErrorSummary failure={failure} />
          <Checkbox name="noRelevantConvictions" label={t("safeguarding.declaration.noConvictions")} failure={failure} />
          <Checkbox name="agreesCodeOfConduct" label={t("safeguarding.declaration.agrees")} failure={failure} />
          <Field
            name="signedName"
            label={t("safeguarding.declaration.signedName")}
            hint={t("safeguarding.declaration.signedNameHint")}
            required
            maxLength={100}
            autoComplete="name"
            failure={failure}
            defaultValue={displayName}
          />
          <SubmitButton>{t("safeguarding.declaration.submit")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
