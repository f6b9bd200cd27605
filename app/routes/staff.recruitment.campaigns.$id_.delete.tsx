import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DeleteOrExplain } from "~/components/recruitment/delete-page";
import { campaignDependents, deleteCampaign, getCampaign } from "~/modules/recruitment/campaigns.server";
import { DeleteConfirmSchema } from "~/modules/recruitment/recruitment.schema";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "キャンペーンの削除 / Delete a campaign | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const id = requireIdParam(params.id);
  const [found, dependents] = await Promise.all([getCampaign(db, id), campaignDependents(db, id)]);
  if (!found || !dependents) notFound();
  return data({ id, name: found.campaign.name, dependents }, { headers: { "Cache-Control": "no-store" } });
}

/** Only a campaign nothing depends on is deleted (with its unused channels); otherwise the page says why not. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const parsed = parseForm(DeleteConfirmSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await deleteCampaign(getDb(), id, user.id, requestContext(request, context).ip);
  if (result.status === "not-found") notFound();
  if (result.status === "in-use") return redirectWithToast(request, `/staff/recruitment/campaigns/${id}/delete`, { kind: "error", message: "recruitment.delete.nowInUse" });
  return redirectWithToast(request, "/staff/recruitment/campaigns", { kind: "success", message: "recruitment.delete.campaignDeleted" });
}

export default function DeleteCampaign() {
  const { id, name, dependents } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <DeleteOrExplain what="campaign" name={name} dependents={dependents} failure={failure} cancelTo={`/staff/recruitment/campaigns/${id}`} />;
}
