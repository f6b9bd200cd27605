import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { AreaFields } from "~/components/recruitment/forms";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { AreaSchema } from "~/modules/recruitment/recruitment.schema";
import { getSeatArea, updateArea } from "~/modules/recruitment/seats.server";
import { listDistricts } from "~/modules/recruitment/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "担当区域の編集 / Edit an area | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [area, districts] = await Promise.all([getSeatArea(db, requireIdParam(params.id)), listDistricts(db)]);
  if (!area) notFound();
  return data({ area, districts }, { headers: { "Cache-Control": "no-store" } });
}

/** One area's 定数, serving count, households, term end and intentions, checked as the board's form checks them. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const formData = await readFormData(request);
  const parsed = parseForm(AreaSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const values = formDataToObject(formData).values;
  const result = await updateArea(getDb(), id, parsed.data, user.id, requestContext(request, context).ip);
  if (result === "not-found") notFound();
  if (result === "unknown-district") return data(formFailure({ districtId: ["v.choice"] }, values), { status: 400 });
  if (result === "duplicate-name") return data(formFailure({ name: ["recruitment.v.areaNameTaken"] }, values), { status: 400 });
  return redirectWithToast(request, "/staff/recruitment", { kind: "success", message: "recruitment.staff.areaSaved" });
}

export default function EditArea() {
  const { area, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.staff.editAreaTitle", { name: area.name })} lead={t("recruitment.staff.editAreaLead")} />
      <RecruitmentNav />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        <AreaFields districts={districts} failure={failure} values={area} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to="/staff/recruitment" className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
