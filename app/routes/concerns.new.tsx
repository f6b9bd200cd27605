import { randomBytes } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CONCERN_CATEGORIES } from "~/vocabulary";
import { Field, FieldErrors, FormErrorSummary, SubmitButton, TextArea } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { ConcernReportSchema, MAX_DESCRIPTION, subjectFromParams } from "~/modules/concerns/concerns.schema";
import { reportConcern, reportSubject, type ReportSubject } from "~/modules/concerns/concerns.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "気になることを区役所に知らせる / Tell the ward office | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const named = subjectFromParams(new URL(request.url).searchParams);
  // A subject that does not exist (or a mangled link) leaves the form open for a report about "something else".
  const subject = named ? await reportSubject(getDb(), named.type, named.id) : null;
  return data({ subject, submissionKey: randomBytes(16).toString("base64url") }, { headers: { "Cache-Control": "no-store" } });
}

// Per client address: a few reports in a quarter of an hour, a few dozen in a day (security checklist E5).
const RATE_LIMITS = (ip: string) => [
  { key: `concern:ip:${ip}`, limit: 5, windowSeconds: 15 * 60 },
  { key: `concern:ip-day:${ip}`, limit: 30, windowSeconds: 24 * 3600 },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const parsed = parseForm(ConcernReportSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const db = getDb();
  const values = formDataToObject(formData).values;
  if (!(await checkRateLimits(db, RATE_LIMITS(ctx.ip)))) return data(formFailure({ form: ["concerns.error.tooMany"] }, values), { status: 429 });
  const user = await getUser(request);
  const result = await reportConcern(db, parsed.data, user?.id ?? null, ctx);
  if (result.status === "subject-gone") return data(formFailure({ form: ["concerns.error.subjectGone"] }, values), { status: 400 });
  afterCommit();
  return redirect(`/concerns/thanks?ref=${encodeURIComponent(result.reference)}`);
}

function subjectText(t: ReturnType<typeof useT>, subject: ReportSubject): string {
  if (subject.type === "posting") return subject.label ? t("concerns.aboutPosting", { title: subject.label }) : t("concerns.aboutPostingNumber", { id: subject.id });
  if (subject.type === "organisation")
    return subject.label ? t("concerns.aboutOrganisation", { name: subject.label }) : t("concerns.aboutOrganisationNumber", { id: subject.id });
  return t("concerns.aboutUser", { id: subject.id });
}

export default function ReportConcern() {
  const { subject, submissionKey } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const chosen = failure?.values?.category;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader title={t("concerns.new.title")} lead={t("concerns.new.lead")} />
      <p role="note" className="rounded-lg border-2 border-amber-600 bg-amber-50 p-3 text-amber-950">
        {t("concerns.new.emergency")}
      </p>
      <Form method="post" className="card space-y-4" noValidate>
        <FormErrorSummary failure={failure} />
        <input type="hidden" name="subjectType" value={subject?.type ?? "general"} />
        {subject ? <input type="hidden" name="subjectId" value={subject.id} /> : null}
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <div>
          <p className="font-semibold">{t("concerns.about")}</p>
          {subject ? (
            <p className="mt-1">{subjectText(t, subject)}</p>
          ) : (
            <>
              <p className="mt-1">{t("concerns.aboutGeneral")}</p>
              <p className="text-sm text-stone-600">{t("concerns.aboutGeneralHint")}</p>
            </>
          )}
        </div>
        <fieldset aria-describedby="f-category-error">
          <legend className="font-semibold">
            {t("concerns.category")}
            <span className="ml-2 badge bg-red-100 text-red-800">{t("form.required")}</span>
          </legend>
          <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
            {CONCERN_CATEGORIES.map((category) => (
              <label key={category} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name="category"
                  value={category}
                  defaultChecked={chosen === category}
                  className="size-5"
                  aria-invalid={failure?.errors?.category ? true : undefined}
                />
                {t(`concerns.category.${category}`)}
              </label>
            ))}
          </div>
          <FieldErrors id="f-category-error" errors={failure?.errors?.category} />
        </fieldset>
        <TextArea name="description" label={t("concerns.description")} hint={t("concerns.descriptionHint")} required rows={8} maxLength={MAX_DESCRIPTION} failure={failure} />
        <Field name="contactEmail" type="email" label={t("concerns.contactEmail")} hint={t("concerns.contactEmailHint")} autoComplete="email" maxLength={254} failure={failure} />
        <SubmitButton>{t("concerns.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
