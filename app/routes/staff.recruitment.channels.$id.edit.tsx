import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { getChannel, updateChannel } from "~/modules/recruitment/campaigns.server";
import { ChannelSchema } from "~/modules/recruitment/recruitment.schema";
import { RECRUITMENT_CHANNEL_KINDS } from "~/vocabulary";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "告知経路の編集 / Edit a channel | つなぐ八幡東" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const channel = await getChannel(getDb(), requireIdParam(params.id));
  if (!channel) notFound();
  return data({ channel }, { headers: { "Cache-Control": "no-store" } });
}

/** A channel's kind and label; its short code stays, since posters with its QR code may already be up. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const parsed = parseForm(ChannelSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const campaignId = await updateChannel(getDb(), id, parsed.data, user.id, requestContext(request, context).ip);
  if (campaignId === null) notFound();
  return redirectWithToast(request, `/staff/recruitment/campaigns/${campaignId}`, { kind: "success", message: "recruitment.channels.updated" });
}

export default function EditChannel() {
  const { channel } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.channels.editTitle", { name: channel.label })} lead={t("recruitment.channels.editLead")} />
      <RecruitmentNav />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        <Select name="kind" label={t("recruitment.channels.kind")} required failure={failure} defaultValue={channel.kind} options={RECRUITMENT_CHANNEL_KINDS.map((k) => ({ value: k, label: t(`recruitment.channelKind.${k}`) }))} />
        <Field name="label" label={t("recruitment.channels.label")} required maxLength={100} failure={failure} defaultValue={channel.label} />
        <div className="flex flex-wrap gap-2">
          <SubmitButton>{t("common.save")}</SubmitButton>
          <Link to={`/staff/recruitment/campaigns/${channel.campaign_id}`} className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
      <p>
        <Link to={`/staff/recruitment/channels/${channel.id}/delete`}>{t("recruitment.channels.delete")}</Link>
      </p>
    </div>
  );
}
