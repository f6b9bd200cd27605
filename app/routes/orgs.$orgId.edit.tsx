import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrganisationForm } from "~/components/organisation-form";
import { PageHeader } from "~/components/ui";
import { listDistricts } from "~/modules/catalogue/catalogue.server";
import { OrganisationSchema } from "~/modules/organisations/organisations.schema";
import { updateOrganisation } from "~/modules/organisations/organisations.server";
import { requireOrganisationMember } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { toastCookie } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "団体情報の編集 / Edit group | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationMember(request, requireIdParam(params.orgId), "edit-organisation");
  return { organisation, districts: await listDistricts(getDb()) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const orgId = requireIdParam(params.orgId);
  const { user } = await requireOrganisationMember(request, orgId, "edit-organisation");
  const parsed = parseForm(OrganisationSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await updateOrganisation(getDb(), orgId, user.id, parsed.data, requestContext(request, context).ip);
  if (result === "unknown-district") return data(formFailure({ districtId: ["v.choice"] }), { status: 400 });
  throw redirect(`/orgs/${orgId}`, { headers: { "Set-Cookie": toastCookie(request, { kind: "success", message: "org.saved" }) } });
}

export default function EditOrganisation() {
  const { organisation, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <p>
        <Link to={`/orgs/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <PageHeader title={t("org.editTitle")} lead={organisation.status === "rejected" ? t("org.editRejectedLead") : undefined} />
      <OrganisationForm failure={failure} defaults={organisation} districts={districts} submitLabel={t("common.save")} />
    </div>
  );
}
