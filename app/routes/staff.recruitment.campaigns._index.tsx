import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, SubmitButton } from "~/components/form";
import { CampaignFields } from "~/components/recruitment/forms";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { createCampaign, listCampaigns } from "~/modules/recruitment/campaigns.server";
import { CampaignSchema } from "~/modules/recruitment/recruitment.schema";
import { listDistricts } from "~/modules/recruitment/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "キャンペーン / Campaigns | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [campaigns, districts] = await Promise.all([listCampaigns(db), listDistricts(db)]);
  return data({ campaigns, districts }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(CampaignSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const id = await createCampaign(getDb(), parsed.data, user.id, requestContext(request, context).ip);
  return redirectWithToast(request, `/staff/recruitment/campaigns/${id}`, { kind: "success", message: "recruitment.campaigns.created" });
}

export default function Campaigns() {
  const { campaigns, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.campaigns.title")} lead={t("recruitment.campaigns.lead")} />
      <RecruitmentNav />
      {campaigns.length === 0 ? (
        <p>{t("recruitment.campaigns.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {campaigns.map((c) => (
            <li key={c.id} className="card">
              <Link to={`/staff/recruitment/campaigns/${c.id}`} className="font-semibold">
                {c.name}
              </Link>
              <p className="text-sm">
                {c.starts_on} – {c.ends_on} · {t("recruitment.channels.visits")} {Number(c.visits ?? 0)} · {t("recruitment.channels.interest")} {Number(c.interest ?? 0)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="card space-y-3" noValidate>
        <h2 className="font-bold">{t("recruitment.campaigns.new")}</h2>
        <FormErrorSummary failure={failure} />
        <CampaignFields districts={districts} failure={failure} />
        <SubmitButton>{t("recruitment.campaigns.create")}</SubmitButton>
      </Form>
    </div>
  );
}
