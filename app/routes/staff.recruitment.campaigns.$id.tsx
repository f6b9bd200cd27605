import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { addChannel, getCampaign } from "~/modules/recruitment/campaigns.server";
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

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "キャンペーン / Campaign | つなぐ八幡東" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const found = await getCampaign(getDb(), requireIdParam(params.id));
  if (!found) notFound();
  return data({ ...found, origin: requestContext(request, context).origin }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = requireIdParam(params.id);
  const parsed = parseForm(ChannelSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if ((await addChannel(getDb(), id, parsed.data, user.id, requestContext(request, context).ip)) === null) notFound();
  return redirectWithToast(request, `/staff/recruitment/campaigns/${id}`, { kind: "success", message: "recruitment.channels.added" });
}

export default function Campaign() {
  const { campaign, channels, districts, origin } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const en = t.locale === "en";
  return (
    <div className="space-y-6">
      <PageHeader
        title={campaign.name}
        lead={campaign.message}
        actions={
          <Link to={`/staff/recruitment/campaigns/${campaign.id}/edit`} className="btn-secondary">
            {t("recruitment.campaigns.edit")}
          </Link>
        }
      />
      <RecruitmentNav />
      <section className="card space-y-1 text-sm">
        <p>
          {t("recruitment.campaigns.period")}: {campaign.starts_on} – {campaign.ends_on}
        </p>
        {campaign.goal_seats ? <p>{t("recruitment.campaigns.goal", { count: campaign.goal_seats, date: campaign.goal_on ?? campaign.ends_on })}</p> : null}
        {districts.length ? (
          <p>
            {t("recruitment.campaigns.districts")}: {districts.map((d) => (en ? d.name_en : d.name_ja)).join("、")}
          </p>
        ) : null}
      </section>
      <section className="space-y-2">
        <h2 className="font-bold">{t("recruitment.channels.title")}</h2>
        <ul className="space-y-2" data-testid="channels">
          {channels.map((ch) => (
            <li key={ch.id} className="card space-y-1">
              <p className="font-semibold">
                {ch.label} <span className="text-sm font-normal">（{t(`recruitment.channelKind.${ch.kind}`)}）</span>
              </p>
              <p className="text-sm">
                {t("recruitment.channels.link")}: <code data-testid="short-link">{`${origin}/m/${ch.code}`}</code> · {t("recruitment.channels.visits")} {ch.visits}
              </p>
              <p className="flex flex-wrap gap-2 text-sm">
                <a href={`/staff/recruitment/channels/${ch.id}/qr.png`} download>
                  {t("recruitment.channels.qrPng")}
                </a>
                <a href={`/staff/recruitment/channels/${ch.id}/qr.svg`} download>
                  {t("recruitment.channels.qrSvg")}
                </a>
                <a href={`/staff/recruitment/channels/${ch.id}/poster.pdf`} download>
                  {t("recruitment.channels.poster")}
                </a>
                <Link to={`/staff/recruitment/channels/${ch.id}/edit`} aria-label={t("recruitment.channels.editNamed", { name: ch.label })}>
                  {t("recruitment.channels.edit")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <Form method="post" className="card space-y-3" noValidate>
        <h2 className="font-bold">{t("recruitment.channels.add")}</h2>
        <FormErrorSummary failure={failure} />
        <Select name="kind" label={t("recruitment.channels.kind")} required failure={failure} options={RECRUITMENT_CHANNEL_KINDS.map((k) => ({ value: k, label: t(`recruitment.channelKind.${k}`) }))} />
        <Field name="label" label={t("recruitment.channels.label")} required maxLength={100} failure={failure} />
        <SubmitButton>{t("recruitment.channels.add")}</SubmitButton>
      </Form>
    </div>
  );
}
