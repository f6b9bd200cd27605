import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { CampaignFields } from "~/components/recruitment/forms";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { getCampaign, updateCampaign } from "~/modules/recruitment/campaigns.server";
import { CampaignSchema } from "~/modules/recruitment/recruitment.schema";
import { listDistricts } from "~/modules/recruitment/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "キャンペーンの編集 / Edit a campaign | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [found, districts] = await Promise.all([getCampaign(db, requireIdParam(params.id)), listDistricts(db)]);
  if (!found) notFound();
  return data({ campaign: found.campaign, districts }, { headers: { "Cache-Control": "no-store" } });
}

/** The campaign's name, message, period, target districts and goal; its channels and their codes stay as they are. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const parsed = parseForm(CampaignSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if ((await updateCampaign(getDb(), id, parsed.data, user.id, requestContext(request, context).ip)) === "not-found") notFound();
  return redirectWithToast(request, `/staff/recruitment/campaigns/${id}`, { kind: "success", message: "recruitment.campaigns.updated" });
}

export default function EditCampaign() {
  const { campaign, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.campaigns.editTitle", { name: campaign.name })} />
      <RecruitmentNav />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        <CampaignFields districts={districts} failure={failure} values={campaign} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to={`/staff/recruitment/campaigns/${campaign.id}`} className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
      <p>
        <Link to={`/staff/recruitment/campaigns/${campaign.id}/delete`}>{t("recruitment.campaigns.delete")}</Link>
      </p>
    </div>
  );
}
