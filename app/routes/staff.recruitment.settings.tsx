import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { RecruitmentNav } from "~/components/recruitment-nav";
import { PageHeader } from "~/components/ui";
import { ChairSchema, SettingsSchema } from "~/modules/recruitment/recruitment.schema";
import { chairCandidates, getRecruitmentSettings, listDistrictChairs, listDistricts, setDistrictChair, updateRecruitmentSettings } from "~/modules/recruitment/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction = () => [{ title: "民生委員の担い手：設定 / Recruitment settings | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [settings, chairs, candidates, districts] = await Promise.all([getRecruitmentSettings(db), listDistrictChairs(db), chairCandidates(db), listDistricts(db)]);
  return data({ settings, chairs, candidates, districts }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const ip = requestContext(request, context).ip;
  const formData = await readFormData(request);
  const db = getDb();
  if (formData.get("intent") === "chair") {
    const parsed = parseForm(ChairSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, intent: "chair" }, { status: 400 });
    if ((await setDistrictChair(db, parsed.data.districtId, parsed.data.organisationId, user.id, ip)) === "not-eligible")
      return data({ ...formFailure({ organisationId: ["recruitment.chairs.notEligible"] }, formDataToObject(formData).values), intent: "chair" }, { status: 400 });
    return redirectWithToast(request, "/staff/recruitment/settings", { kind: "success", message: "recruitment.chairs.saved" });
  }
  const parsed = parseForm(SettingsSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, intent: "settings" }, { status: 400 });
  await updateRecruitmentSettings(db, parsed.data, user.id, ip);
  return redirectWithToast(request, "/staff/recruitment/settings", { kind: "success", message: "recruitment.settings.saved" });
}

export default function RecruitmentSettings() {
  const { settings, chairs, candidates, districts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const en = t.locale === "en";
  const settingsFailure = failure?.intent === "settings" ? failure : undefined;
  const chairFailure = failure?.intent === "chair" ? failure : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={t("recruitment.settings.title")} lead={t("recruitment.settings.lead")} />
      <RecruitmentNav />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={settingsFailure} />
        <input type="hidden" name="intent" value="settings" />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field name="minAge" label={t("recruitment.settings.minAge")} required inputMode="numeric" defaultValue={settings.minAge} failure={settingsFailure} />
          <Field name="newAppointeeAgeLimit" label={t("recruitment.settings.newAppointeeAgeLimit")} required inputMode="numeric" defaultValue={settings.newAppointeeAgeLimit} failure={settingsFailure} />
          <Field name="residenceMonths" label={t("recruitment.settings.residenceMonths")} required inputMode="numeric" defaultValue={settings.residenceMonths} failure={settingsFailure} />
          <Field name="retentionMonths" label={t("recruitment.settings.retentionMonths")} required inputMode="numeric" defaultValue={settings.retentionMonths} failure={settingsFailure} />
          <Field name="nextReelectionOn" type="date" label={t("recruitment.settings.nextReelectionOn")} required defaultValue={settings.nextReelectionOn} failure={settingsFailure} />
        </div>
        <SubmitButton>{t("recruitment.settings.save")}</SubmitButton>
      </Form>
      <section className="card space-y-3">
        <h2 className="font-bold">{t("recruitment.chairs.title")}</h2>
        <p className="text-sm">{t("recruitment.chairs.lead")}</p>
        {chairs.length ? (
          <ul className="list-disc pl-6">
            {chairs.map((c) => (
              <li key={c.district_id}>
                {en ? c.district_en : c.district_ja}: {c.organisation_name}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("recruitment.chairs.none")}</p>
        )}
        <Form method="post" className="space-y-3" noValidate>
          <FormErrorSummary failure={chairFailure} />
          <input type="hidden" name="intent" value="chair" />
          <Select name="districtId" label={t("recruitment.staff.district")} required failure={chairFailure} options={districts.map((d) => ({ value: d.id, label: en ? d.name_en : d.name_ja }))} />
          <Select name="organisationId" label={t("recruitment.chairs.organisation")} required failure={chairFailure} options={candidates.map((o) => ({ value: o.id, label: o.name }))} />
          <SubmitButton>{t("recruitment.chairs.save")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
