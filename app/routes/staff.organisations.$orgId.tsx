import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { OrganisationStatusBadge, PageHeader } from "~/components/ui";
import { statusAfterDecision, type ReviewDecision } from "~/modules/organisations/organisations.rules";
import { ReviewSchema } from "~/modules/organisations/organisations.schema";
import { organisationSuspensionImpact } from "~/modules/concerns/suspensions.server";
import { getOrganisation, listMembers, reviewOrganisation } from "~/modules/organisations/organisations.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { notFound, requireIdParam } from "~/utils/http.server";
import { pick } from "~/utils/pick";
import { afterCommit, requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

// A personal page: the loader's Cache-Control (no-store) applies to the page itself, not only to data requests.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "団体の確認 / Review group | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "review:organisation");
  const id = requireIdParam(params.orgId);
  const db = getDb();
  const organisation = await getOrganisation(db, id);
  if (!organisation) notFound();
  const members = await listMembers(db, id);
  return data({ organisation, members }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requirePermission(request, "review:organisation");
  const id = requireIdParam(params.orgId);
  const form = await readFormData(request);
  const parsed = parseForm(ReviewSchema, form);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  // Suspending closes every published posting and cancels the coming applications: it is asked once more, with
  // what it will do, before it is done (a page of its own, so it works without JavaScript).
  if (parsed.data.decision === "suspend" && form.get("confirm") !== "yes") {
    const impact = await organisationSuspensionImpact(getDb(), id);
    return data({ confirmSuspend: { reason: parsed.data.reason ?? "", impact } }, { headers: { "Cache-Control": "no-store" } });
  }
  const result = await reviewOrganisation(getDb(), staff.id, id, parsed.data.decision, parsed.data.reason ?? "", requestContext(request, context));
  if (result === "not-found") notFound();
  if (result === "not-allowed") return data(formFailure({ form: ["staff.notAllowed"] }), { status: 400 });
  afterCommit();
  return redirectWithToast(request, `/staff/organisations/${id}`, {
    kind: "success",
    message: `staff.done.${parsed.data.decision}`,
  });
}

const DECISIONS: ReviewDecision[] = ["verify", "reject", "suspend", "reinstate"];

export default function ReviewOrganisation() {
  const { organisation, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirming = actionData && "confirmSuspend" in actionData ? actionData.confirmSuspend : null;
  const failure = actionData && !("confirmSuspend" in actionData) ? actionData : undefined;
  const t = useT();
  const confirmRef = useRef<HTMLElement>(null);
  // The question is where keyboard and screen-reader users land after sending the decision.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const available = DECISIONS.filter((d) => statusAfterDecision(organisation.status, d));
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader title={organisation.name} lead={<OrganisationStatusBadge status={organisation.status} />} />
      <section className="card" aria-labelledby="details">
        <h2 id="details">{t("staff.details")}</h2>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
          <dt className="font-semibold">{t("org.kind")}</dt>
          <dd>{t(`orgKind.${organisation.kind}`)}</dd>
          <dt className="font-semibold">{t("org.nameKana")}</dt>
          <dd>{organisation.name_kana || "—"}</dd>
          <dt className="font-semibold">{t("org.district")}</dt>
          <dd>{pick(t.locale, organisation.district_ja, organisation.district_en) || "—"}</dd>
          <dt className="font-semibold">{t("org.description")}</dt>
          <dd className="whitespace-pre-line">{organisation.description}</dd>
          <dt className="font-semibold">{t("org.contactName")}</dt>
          <dd>{organisation.contact_name}</dd>
          <dt className="font-semibold">{t("org.contactEmail")}</dt>
          <dd>{organisation.contact_email}</dd>
          <dt className="font-semibold">{t("org.contactPhone")}</dt>
          <dd>{organisation.contact_phone || "—"}</dd>
          <dt className="font-semibold">{t("org.website")}</dt>
          <dd>
            {organisation.website ? (
              <a href={organisation.website} rel="noopener noreferrer nofollow">
                {organisation.website}
              </a>
            ) : (
              "—"
            )}
          </dd>
          <dt className="font-semibold">{t("staff.registered")}</dt>
          <dd>{formatDateTime(organisation.created_at, t.locale)}</dd>
          {organisation.status_reason ? (
            <>
              <dt className="font-semibold">{t("dashboard.reason")}</dt>
              <dd>{organisation.status_reason}</dd>
            </>
          ) : null}
        </dl>
        <h3 className="mt-4 font-bold">{t("members.current")}</h3>
        <ul className="list-disc pl-5">
          {members.map((m) => (
            <li key={m.id}>
              {m.display_name || "—"}（{t(`memberRole.${m.role}`)}）{m.email}
            </li>
          ))}
        </ul>
      </section>
      {confirming ? (
        <section className="card space-y-3 border-2 border-red-700" aria-labelledby="confirm-heading" tabIndex={-1} ref={confirmRef}>
          <h2 id="confirm-heading">
            {t("concerns.staff.confirm.title.organisation", {
              name: organisation.name,
            })}
          </h2>
          <p>{t("concerns.staff.confirm.effect.organisation", confirming.impact)}</p>
          <p>
            <span className="font-semibold">{t("staff.reason")}：</span>
            <span className="whitespace-pre-line">{confirming.reason}</span>
          </p>
          <Form method="post" className="flex flex-wrap gap-2">
            <input type="hidden" name="decision" value="suspend" />
            <input type="hidden" name="reason" value={confirming.reason} />
            <input type="hidden" name="confirm" value="yes" />
            <SubmitButton className="btn-danger">{t("concerns.staff.confirmSubmit")}</SubmitButton>
            <Link to={`/staff/organisations/${organisation.id}`} className="btn-secondary">
              {t("common.cancel")}
            </Link>
          </Form>
        </section>
      ) : null}
      {confirming ? null : (
        <Form method="post" className="card space-y-3" aria-labelledby="decision">
          <h2 id="decision">{t("staff.decision")}</h2>
          <FormErrorSummary failure={failure} />
          {available.length === 0 ? (
            <p>{t("staff.noDecision")}</p>
          ) : (
            <>
              <fieldset>
                <legend className="font-semibold">{t("staff.choose")}</legend>
                {available.map((d, i) => (
                  <label key={d} className="flex min-h-11 items-center gap-2">
                    <input type="radio" name="decision" value={d} defaultChecked={i === 0} className="size-5" />
                    {t(`staff.decide.${d}`)}
                  </label>
                ))}
              </fieldset>
              <TextArea name="reason" label={t("staff.reason")} hint={t("staff.reasonHint")} rows={3} maxLength={1000} failure={failure} />
              <button type="submit" className="btn">
                {t("staff.submit")}
              </button>
            </>
          )}
        </Form>
      )}
    </div>
  );
}
