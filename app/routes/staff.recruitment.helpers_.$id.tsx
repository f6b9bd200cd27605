import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { getHelper, updateHelper } from "~/modules/recruitment/helpers.server";
import { HelperTermsSchema } from "~/modules/recruitment/recruitment.schema";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "協力員の記録 / Helper record | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const helper = await getHelper(getDb(), requireIdParam(params.id));
  if (!helper) notFound();
  return data({ helper }, { headers: { "Cache-Control": "no-store" } });
}

/** A helper's insurance end (renewed each year) and active period; the pledge stays as it was made. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(HelperTermsSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if ((await updateHelper(getDb(), requireIdParam(params.id), parsed.data, user.id, requestContext(request, context).ip)) === "not-found") notFound();
  return redirectWithToast(request, "/staff/recruitment/helpers", { kind: "success", message: "recruitment.helpers.updated" });
}

export default function EditHelper() {
  const { helper } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.helpers.editTitle", { name: helper.name })} lead={`${t.locale === "en" ? helper.district_en : helper.district_ja} ${helper.area_name}`} />
      <RecruitmentNav />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field name="insuranceUntil" type="date" label={t("recruitment.helpers.insuranceUntil")} required failure={failure} defaultValue={helper.insurance_until} />
          <Field name="activeFrom" type="date" label={t("recruitment.helpers.activeFrom")} required failure={failure} defaultValue={helper.active_from} />
          <Field name="activeUntil" type="date" label={t("recruitment.helpers.activeUntil")} failure={failure} defaultValue={helper.active_until} />
        </div>
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to="/staff/recruitment/helpers" className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
