import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, Field, FormErrorSummary } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/ui";
import { SafeguardingSettingsSchema, SchoolSettingsSchema } from "~/modules/safeguarding/settings.schema";
import { getSafeguardingSettings, listSchoolSettings, updateSafeguardingSettings, updateSchoolSettings } from "~/modules/safeguarding/settings.server";
import { DEFAULT_SAFEGUARDING_SETTINGS } from "~/modules/safeguarding/settings.rules";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { notFound } from "~/utils/http.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/** Ward staff set the safeguarding policy: the minor age, time rules, the consent hold, and each school's choices. */

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "安全のための設定 / Safeguarding settings | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const db = getDb();
  const [settings, schools] = await Promise.all([getSafeguardingSettings(db), listSchoolSettings(db)]);
  return data({ settings, schools, defaults: DEFAULT_SAFEGUARDING_SETTINGS }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const formData = await readFormData(request);
  const actor = { userId: user.id, ip: requestContext(request, context).ip };
  const here = "/staff/settings/safeguarding";
  if (formData.get("intent") === "school") {
    const parsed = parseForm(SchoolSettingsSchema, formData);
    if (!parsed.success) return data({ ...parsed.failure, school: Number(formData.get("organisationId")) || 0 }, { status: 400 });
    const { organisationId, ...next } = parsed.data;
    if ((await updateSchoolSettings(getDb(), organisationId, next, actor)) === "not-found") notFound();
    return redirectWithToast(request, here, { kind: "success", message: "minors.settings.savedSchool" });
  }
  const parsed = parseForm(SafeguardingSettingsSchema, formData);
  if (!parsed.success) return data({ ...parsed.failure, school: 0 }, { status: 400 });
  const { intent: _intent, ...next } = parsed.data;
  const { changed } = await updateSafeguardingSettings(getDb(), next, actor);
  if (!changed.length) return data({ ...formFailure({ form: ["minors.settings.unchanged"] }), school: 0 }, { status: 200 });
  return redirectWithToast(request, here, { kind: "success", message: "minors.settings.saved" });
}

export default function SafeguardingSettingsPage() {
  const { settings, schools, defaults } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const ward = failure && failure.school === 0 ? failure : null;
  const value = (name: keyof typeof settings) => (typeof ward?.values[name] === "string" ? (ward.values[name] as string) : String(settings[name]));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/staff">← {t("staff.title")}</Link>
      </p>
      <PageHeader title={t("minors.settings.title")} lead={t("minors.settings.lead")} />
      <section aria-labelledby="ward" className="card space-y-3">
        <h2 id="ward">{t("minors.settings.wardTitle")}</h2>
        <Form method="post" className="space-y-2" noValidate>
          <FormErrorSummary failure={ward} />
          <input type="hidden" name="intent" value="ward" />
          <Field
            name="minorAge"
            inputMode="numeric"
            label={t("minors.settings.minorAge")}
            hint={t("minors.settings.minorAgeHint", { value: defaults.minorAge })}
            failure={ward}
            defaultValue={value("minorAge")}
            required
          />
          <Field
            name="minorsLatestEnd"
            type="time"
            label={t("minors.settings.latestEnd")}
            hint={t("minors.settings.latestEndHint", { value: defaults.minorsLatestEnd })}
            failure={ward}
            defaultValue={value("minorsLatestEnd")}
            required
          />
          <Field
            name="consentHoldHours"
            inputMode="numeric"
            label={t("minors.settings.holdHours")}
            hint={t("minors.settings.holdHoursHint", { value: defaults.consentHoldHours })}
            failure={ward}
            defaultValue={value("consentHoldHours")}
            required
          />
          <Field
            name="guardianConsentUnder"
            inputMode="numeric"
            label={t("minors.settings.consentUnder")}
            hint={t("minors.settings.consentUnderHint", { value: defaults.guardianConsentUnder })}
            failure={ward}
            defaultValue={value("guardianConsentUnder")}
            required
          />
          <Checkbox
            name="standingConsentOffered"
            label={t("minors.settings.standing")}
            hint={t("minors.settings.standingHint")}
            failure={ward}
            defaultChecked={ward ? ward.values.standingConsentOffered === "on" : settings.standingConsentOffered}
          />
          <button type="submit" className="btn">
            {t("common.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="schools" className="card space-y-3">
        <h2 id="schools">{t("minors.settings.schoolsTitle")}</h2>
        <p className="text-sm text-stone-700">{t("minors.settings.schoolsLead")}</p>
        {schools.length === 0 ? (
          <EmptyState title={t("minors.settings.noSchools")} />
        ) : (
          <ul className="divide-y divide-stone-200">
            {schools.map((s) => (
              <li key={s.id} className="py-3">
                <Form method="post" className="space-y-1">
                  <input type="hidden" name="intent" value="school" />
                  <input type="hidden" name="organisationId" value={s.id} />
                  <h3 className="font-bold">
                    {s.name} <span className="text-sm font-normal text-stone-700">（{t(`orgStatus.${s.status}`)}）</span>
                  </h3>
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name="requiresCoordinatorApproval" defaultChecked={s.requiresCoordinatorApproval} className="size-5" />
                    {t("minors.settings.requiresApproval")}
                  </label>
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name="coordinatorReadsMinorThreads" defaultChecked={s.coordinatorReadsMinorThreads} className="size-5" />
                    {t("minors.settings.readsThreads")}
                  </label>
                  <button type="submit" className="btn-secondary">
                    {t("minors.settings.saveSchool", { school: s.name })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
