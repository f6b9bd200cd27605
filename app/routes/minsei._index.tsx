import { randomBytes } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FieldErrors, FormErrorSummary, Select, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { ADVICE_COOKIE, adviceCodes, publicPageData, recordInterest } from "~/modules/recruitment/interest.server";
import { CONSENT_TEXT, MAX_BEST_TIME, MAX_KANA, MAX_NAME, parseInterest } from "~/modules/recruitment/recruitment.schema";
import { RECRUITMENT_WANTS } from "~/vocabulary";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure } from "~/utils/form";
import { readFormData } from "~/utils/form-body.server";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { serializeCookie } from "~/utils/session.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "民生委員・児童委員になりませんか / Become a welfare commissioner | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("c") ?? "";
  const page = await publicPageData(getDb());
  return data(
    { ...page, channel: /^[a-z0-9]{6,16}$/.test(code) ? code : "", submissionKey: randomBytes(16).toString("base64url") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

// Per client address: a few hands raised in a quarter of an hour, a few dozen in a day (security checklist E5).
const RATE_LIMITS = (ip: string) => [
  { key: `minsei:ip:${ip}`, limit: 10, windowSeconds: 15 * 60 },
  { key: `minsei:ip-day:${ip}`, limit: 50, windowSeconds: 24 * 3600 },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const values = formDataToObject(formData).values;
  // The honeypot: a field people never see. A form that fills it is answered as if it worked and kept nowhere.
  if (String(formData.get("website") ?? "") !== "") return redirect("/minsei/thanks");
  const parsed = parseInterest(formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if (parsed.data.district === "outside") return data({ ...formFailure({}, values), outside: true as const }, { status: 200 });
  const db = getDb();
  if (!(await checkRateLimits(db, RATE_LIMITS(ctx.ip)))) return data(formFailure({ form: ["recruitment.error.tooMany"] }, values), { status: 429 });
  const result = await recordInterest(db, { ...parsed.data, district: parsed.data.district }, ctx);
  if (result.status === "unknown-district") return data(formFailure({ district: ["v.choice"] }, values), { status: 400 });
  afterCommit();
  return redirect("/minsei/thanks", { headers: { "Set-Cookie": serializeCookie(request, ADVICE_COOKIE, adviceCodes(result.advice), { maxAgeSeconds: 600 }) } });
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card space-y-2">
      <h2 className="text-xl font-bold">{title}</h2>
      {children}
    </section>
  );
}

export default function Minsei() {
  const { districts, looking, settings, channel, submissionKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = actionData && "errors" in actionData ? actionData : undefined;
  const outside = Boolean(actionData && "outside" in actionData);
  const formState = actionData && "values" in actionData ? actionData : undefined;
  const t = useT();
  const en = t.locale === "en";
  const wanted = failure?.values?.wants;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("recruitment.public.title")} lead={t("recruitment.public.lead")} />
      <Section title={t("recruitment.public.lookingTitle")}>
        {looking.length ? (
          <ul className="list-disc pl-6" data-testid="looking-now">
            {looking.map((d) => (
              <li key={d.districtId}>{t("recruitment.public.looking", { district: en ? d.nameEn : d.nameJa, count: d.vacant })}</li>
            ))}
          </ul>
        ) : (
          <p>{t("recruitment.public.lookingNone", { date: settings.nextReelectionOn })}</p>
        )}
        <p>
          <a href="#interest">{t("recruitment.public.formTitle")}</a>
        </p>
      </Section>
      <Section title={t("recruitment.public.whatTitle")}>
        <p>{t("recruitment.public.what")}</p>
        <p>{t("recruitment.public.what2")}</p>
      </Section>
      <Section title={t("recruitment.public.dayTitle")}>
        <ul className="list-disc pl-6">
          <li>{t("recruitment.public.day1")}</li>
          <li>{t("recruitment.public.day2")}</li>
          <li>{t("recruitment.public.day3")}</li>
        </ul>
      </Section>
      <Section title={t("recruitment.public.timeTitle")}>
        <p>{t("recruitment.public.time")}</p>
      </Section>
      <Section title={t("recruitment.public.supportTitle")}>
        <p>{t("recruitment.public.support")}</p>
      </Section>
      <Section title={t("recruitment.public.faqTitle")}>
        {([1, 2, 3, 4, 5] as const).map((n) => (
          <details key={n} className="rounded border border-stone-300 p-2">
            <summary className="min-h-11 cursor-pointer font-semibold">{t(`recruitment.public.faq${n}q`)}</summary>
            <p className="mt-1">{t(`recruitment.public.faq${n}a`, { limit: settings.newAppointeeAgeLimit })}</p>
          </details>
        ))}
      </Section>

      <section id="interest" className="space-y-3">
        <h2 className="text-xl font-bold">{t("recruitment.public.formTitle")}</h2>
        <p>{t("recruitment.public.formLead")}</p>
        {outside ? (
          <div role="status" className="rounded-lg border-2 border-sky-700 bg-sky-50 p-3 text-sky-950" data-testid="outside-answer">
            <p className="font-semibold">{t("recruitment.outside.title")}</p>
            <p>{t("recruitment.outside.body")}</p>
          </div>
        ) : null}
        <Form method="post" className="card space-y-4" noValidate>
          <FormErrorSummary failure={failure} />
          <input type="hidden" name="submissionKey" value={submissionKey} />
          {channel ? <input type="hidden" name="channel" value={channel} /> : null}
          <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
            <label>
              {t("recruitment.field.website")}
              <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
            </label>
          </div>
          <Field name="name" label={t("recruitment.field.name")} required maxLength={MAX_NAME + 10} autoComplete="name" failure={formState} />
          <Field name="nameKana" label={t("recruitment.field.nameKana")} required maxLength={MAX_KANA + 10} failure={formState} />
          <Select
            name="district"
            label={t("recruitment.field.district")}
            hint={t("recruitment.field.districtHint")}
            required
            failure={formState}
            options={[...districts.map((d) => ({ value: d.id, label: en ? d.name_en : d.name_ja })), { value: "outside", label: t("recruitment.field.districtOutside") }]}
          />
          <Field
            name="birthYear"
            label={t("recruitment.field.birthYear")}
            hint={t("recruitment.field.birthYearHint", { minAge: settings.minAge, limit: settings.newAppointeeAgeLimit })}
            required
            inputMode="numeric"
            maxLength={4}
            failure={formState}
          />
          <fieldset className="space-y-2" aria-describedby="f-contact-error">
            <legend className="font-semibold">
              {t("recruitment.field.contact")}
              <span className="ml-2 badge bg-red-100 text-red-800">{t("form.required")}</span>
            </legend>
            <Field name="phone" type="tel" label={t("recruitment.field.phone")} autoComplete="tel" inputMode="tel" maxLength={20} failure={formState} />
            <Field name="email" type="email" label={t("recruitment.field.email")} hint={t("recruitment.field.emailHint")} autoComplete="email" maxLength={254} failure={formState} />
            <FieldErrors id="f-contact-error" errors={failure?.errors?.contact} />
          </fieldset>
          <Field name="bestTime" label={t("recruitment.field.bestTime")} hint={t("recruitment.field.bestTimeHint")} maxLength={MAX_BEST_TIME + 10} failure={formState} />
          <fieldset aria-describedby="f-wants-error">
            <legend className="font-semibold">
              {t("recruitment.field.wants")}
              <span className="ml-2 badge bg-red-100 text-red-800">{t("form.required")}</span>
            </legend>
            {RECRUITMENT_WANTS.map((w) => (
              <label key={w} className="flex min-h-11 items-center gap-2">
                <input type="radio" name="wants" value={w} defaultChecked={wanted === w} className="size-5" aria-invalid={failure?.errors?.wants ? true : undefined} />
                {t(`recruitment.wants.${w}`)}
              </label>
            ))}
            <FieldErrors id="f-wants-error" errors={failure?.errors?.wants} />
          </fieldset>
          <div>
            <p className="font-semibold">
              {t("recruitment.field.consent")}
              <span className="ml-2 badge bg-red-100 text-red-800">{t("form.required")}</span>
            </p>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="consent"
                value="on"
                defaultChecked={failure?.values?.consent === "on"}
                className="mt-1 size-5 shrink-0"
                aria-describedby="f-consent-error"
                aria-invalid={failure?.errors?.consent ? true : undefined}
              />
              <span data-testid="consent-text">{CONSENT_TEXT[t.locale]}</span>
            </label>
            <FieldErrors id="f-consent-error" errors={failure?.errors?.consent} />
          </div>
          <SubmitButton>{t("recruitment.public.submit")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
