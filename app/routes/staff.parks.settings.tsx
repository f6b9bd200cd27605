import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { grantBandProblems, type GrantBand } from "~/modules/parks/grant.rules";
import { ParkSettingsSchema } from "~/modules/parks/parks.schema";
import { getParkSettings, updateParkSettings } from "~/modules/parks/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { asciiDigits } from "~/utils/zod-number";

export const meta: MetaFunction = () => [{ title: "助成金と判定の設定 / Park settings | つなぐ八幡東" }];

const VITALITY_FIELDS = ["inactiveMonths", "declinePercent", "declineYears", "noNewMembersYears", "minMembers"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return data(await getParkSettings(getDb()), { headers: { "Cache-Control": "no-store" } });
}

/** The grant bands are city policy and the risk thresholds the ward's judgement: both kept here by staff. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const formData = await readFormData(request);
  const parsed = parseForm(ParkSettingsSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(asciiDigits(s.replace(/[,，]/g, "").trim())));
  const bands: GrantBand[] = parsed.data.bandYen
    .map((yen, i) => ({ upToM2: num(parsed.data.bandUpTo[i]), yen: num(yen) }))
    .filter((b): b is { upToM2: number | null; yen: number } => b.yen !== null);
  const problems = grantBandProblems(bands);
  if (problems.length) return data(formFailure({ bands: problems }, formDataToObject(formData).values), { status: 400 });
  const { bandUpTo: _u, bandYen: _y, ...vitality } = parsed.data;
  await updateParkSettings(getDb(), { grantBands: bands, vitality }, { userId: user.id, ip: requestContext(request, context).ip });
  return redirectWithToast(request, "/staff/parks/settings", { kind: "success", message: "parks.settings.saved" });
}

export default function ParkSettingsPage() {
  const settings = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  // Two empty rows to add bands; empty rows are ignored.
  const rows = [...settings.grantBands, { upToM2: null, yen: null }, { upToM2: null, yen: null }];
  return (
    <div className="space-y-6">
      <p>
        <Link to="/staff/parks">← {t("parks.staff.title")}</Link>
      </p>
      <PageHeader title={t("parks.settings.title")} />
      <FormErrorSummary failure={failure} />
      <Form method="post" className="card space-y-4">
        <fieldset aria-describedby="f-bands-error">
          <legend className="font-semibold">{t("parks.settings.bands")}</legend>
          <div className="grid grid-cols-2 gap-x-3">
            {rows.map((b, i) => (
              <div key={i} className="contents">
                <label className="block">
                  <span className="text-sm">{t("parks.settings.upTo", { n: i + 1 })}</span>
                  <input name="bandUpTo" inputMode="numeric" className="input mt-1" defaultValue={b.upToM2 ?? ""} />
                </label>
                <label className="block">
                  <span className="text-sm">{t("parks.settings.yen", { n: i + 1 })}</span>
                  <input name="bandYen" inputMode="numeric" className="input mt-1" defaultValue={b.yen ?? ""} />
                </label>
              </div>
            ))}
          </div>
          <div id="f-bands-error" className="min-h-6 text-sm font-medium text-red-700" aria-live="polite">
            {failure?.errors?.bands?.map((e: string) => <p key={e}>⚠ {t.message(e)}</p>)}
          </div>
        </fieldset>
        <fieldset>
          <legend className="font-semibold">{t("parks.settings.vitality")}</legend>
          <div className="grid gap-x-3 sm:grid-cols-2">
            {VITALITY_FIELDS.map((name) => (
              <Field key={name} name={name} label={t(`parks.settings.${name}`)} type="number" inputMode="numeric" required failure={failure} defaultValue={settings.vitality[name]} />
            ))}
          </div>
        </fieldset>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </div>
  );
}
