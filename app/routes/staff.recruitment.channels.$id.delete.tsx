import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DeleteOrExplain } from "~/components/recruitment/delete-page";
import { channelDependents, deleteChannel, getChannel } from "~/modules/recruitment/campaigns.server";
import { DeleteConfirmSchema } from "~/modules/recruitment/recruitment.schema";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "告知経路の削除 / Delete a channel | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const id = requireIdParam(params.id);
  const [channel, dependents] = await Promise.all([getChannel(db, id), channelDependents(db, id)]);
  if (!channel || !dependents) notFound();
  return data({ channel, dependents }, { headers: { "Cache-Control": "no-store" } });
}

/** Only a channel nobody has used is deleted; otherwise the page says what it still carries. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const parsed = parseForm(DeleteConfirmSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await deleteChannel(getDb(), id, user.id, requestContext(request, context).ip);
  if (result.status === "not-found") notFound();
  if (result.status === "in-use") return redirectWithToast(request, `/staff/recruitment/channels/${id}/delete`, { kind: "error", message: "recruitment.delete.nowInUse" });
  return redirectWithToast(request, `/staff/recruitment/campaigns/${result.campaignId}`, { kind: "success", message: "recruitment.delete.channelDeleted" });
}

export default function DeleteChannel() {
  const { channel, dependents } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return <DeleteOrExplain what="channel" name={channel.label} dependents={dependents} failure={failure} cancelTo={`/staff/recruitment/campaigns/${channel.campaign_id}`} />;
}
