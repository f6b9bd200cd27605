import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { addHelper, listHelpers } from "~/modules/recruitment/helpers.server";
import { HELPER_PLEDGE_TEXT, HelperSchema, MAX_NAME } from "~/modules/recruitment/recruitment.schema";
import { listSeatAreas } from "~/modules/recruitment/seats.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "協力員 / Helpers | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [helpers, areas] = await Promise.all([listHelpers(db), listSeatAreas(db)]);
  return data({ helpers, areas: areas.map((a) => ({ id: a.id, label: `${a.districtJa} ${a.name}` })) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const formData = await readFormData(request);
  const parsed = parseForm(HelperSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await addHelper(getDb(), parsed.data, user.id, requestContext(request, context).ip);
  if (result === "unknown-area") return data(formFailure({ areaId: ["v.choice"] }, formDataToObject(formData).values), { status: 400 });
  return redirectWithToast(request, "/staff/recruitment/helpers", { kind: "success", message: "recruitment.helpers.added" });
}

export default function Helpers() {
  const { helpers, areas } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const en = t.locale === "en";
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.helpers.title")} lead={t("recruitment.helpers.lead")} />
      <RecruitmentNav />
      {helpers.length === 0 ? (
        <p>{t("recruitment.helpers.empty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="helpers">
          {helpers.map((h) => (
            <li key={h.id} className="card text-sm">
              <p className="font-semibold">
                <Link to={`/staff/recruitment/helpers/${h.id}`}>{h.name}</Link> · {en ? h.district_en : h.district_ja} {h.area_name}
              </p>
              <p>
                {t("recruitment.helpers.insuranceUntil")}: {h.insurance_until} · {t("recruitment.helpers.activeFrom")}: {h.active_from}
                {h.active_until ? ` – ${h.active_until}` : ""}
              </p>
              {h.state.kind === "lapsing" ? (
                <p role="status" className="font-semibold text-amber-800">⚠ {t("recruitment.helpers.lapsing", { days: h.state.days })}</p>
              ) : h.state.kind === "lapsed" ? (
                <p role="status" className="font-semibold text-red-800">⚠ {t("recruitment.helpers.lapsed")}</p>
              ) : h.state.kind === "ended" ? (
                <p>{t("recruitment.helpers.ended")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="card space-y-3" noValidate>
        <h2 className="font-bold">{t("recruitment.helpers.add")}</h2>
        <FormErrorSummary failure={failure} />
        <Field name="name" label={t("recruitment.helpers.name")} required maxLength={MAX_NAME + 10} failure={failure} />
        <Select name="areaId" label={t("recruitment.helpers.area")} required failure={failure} options={areas.map((a) => ({ value: a.id, label: a.label }))} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field name="insuranceUntil" type="date" label={t("recruitment.helpers.insuranceUntil")} required failure={failure} />
          <Field name="activeFrom" type="date" label={t("recruitment.helpers.activeFrom")} required failure={failure} />
          <Field name="activeUntil" type="date" label={t("recruitment.helpers.activeUntil")} failure={failure} />
        </div>
        <div>
          <p className="font-semibold">{t("recruitment.helpers.pledge")}</p>
          <blockquote className="border-l-4 border-stone-400 pl-3 text-sm" lang="ja">
            {HELPER_PLEDGE_TEXT}
          </blockquote>
        </div>
        <Checkbox name="pledge" label={t("recruitment.helpers.pledgeAgree")} failure={failure} />
        <SubmitButton>{t("recruitment.helpers.add")}</SubmitButton>
      </Form>
    </div>
  );
}
