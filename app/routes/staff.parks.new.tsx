import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { ParkFields, type ParkValues } from "~/components/parks/park-fields";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { ParkSchema } from "~/modules/parks/parks.schema";
import { createPark } from "~/modules/parks/registry.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "公園を追加 / Add a park | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return data({ districts: await listDistricts(getDb()) }, { headers: { "Cache-Control": "no-store" } });
}

/** One park typed in by staff: the same schema as a row of the CSV import, so the two cannot disagree. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const formData = await readFormData(request);
  const parsed = parseForm(ParkSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const values = formDataToObject(formData).values;
  const result = await createPark(getDb(), parsed.data, { userId: user.id, ip: requestContext(request, context).ip });
  if (result.status === "duplicate-code") return data(formFailure({ code: ["parks.v.duplicateCode"] }, values), { status: 400 });
  if (result.status !== "ok") return data(formFailure({ districtId: ["v.choice"] }, values), { status: 400 });
  return redirectWithToast(request, `/staff/parks/${result.id}`, { kind: "success", message: "parks.staff.parkAdded" });
}

const EMPTY: ParkValues = { code: "", name: "", name_kana: "", address: "", district_id: null, latitude: null, longitude: null, area_m2: null, facilities: [], model_case: false, model_story: "" };

export default function NewPark() {
  const { districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/parks">← {t("parks.staff.title")}</Link>
      </p>
      <PageHeader title={t("parks.staff.newTitle")} lead={t("parks.staff.newLead")} />
      <section className="card">
        <FormErrorSummary failure={failure} />
        {/* The server's checks are the CSV's; the browser's own would stop at the first empty field. */}
        <Form method="post" noValidate>
          <ParkFields values={EMPTY} districts={districts} failure={failure} />
          <SubmitButton>{t("parks.staff.addPark")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
