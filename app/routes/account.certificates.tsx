import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FieldErrors, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { formatDecimalHours, formatHoursMinutes } from "~/modules/attendance/attendance.rules";
import { CertificateRequestSchema } from "~/modules/attendance/attendance.schema";
import { issueCertificate, myCertificates, revokeCertificate } from "~/modules/attendance/certificates.server";
import { confirmedHours } from "~/modules/attendance/hours.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "活動証明書 / Certificates | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const years = [...new Set((await confirmedHours(db, [user.id])).map((e) => e.schoolYear))].sort((a, b) => b - a);
  return data({ years, certificates: await myCertificates(db, user.id), hasSchool: Boolean(user.school_name || user.school_organisation_id) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const ctx = requestContext(request, context);
  if (formData.get("intent") === "revoke") {
    const code = String(formData.get("code") ?? "");
    const result = await revokeCertificate(getDb(), { code, actorUserId: user.id, asStaff: false, reason: "", ip: ctx.ip });
    if (result === "not-found") return data(formFailure({ form: ["attendance.error.notFound"] }), { status: 404 });
    return redirectWithToast(request, "/account/certificates", { kind: "success", message: "attendance.done.revoked" });
  }
  const parsed = parseForm(CertificateRequestSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const v = parsed.data;
  const result = await issueCertificate(getDb(), {
    userId: user.id,
    period: v.period === "year" ? { kind: "year", schoolYear: v.schoolYear! } : { kind: "dates", from: v.from!, to: v.to! },
    includeSchool: v.includeSchool === "on",
    locale: v.locale,
    origin: ctx.origin,
    signingKeyPem: env().CERTIFICATE_SIGNING_KEY,
    ip: ctx.ip,
  });
  if (result.status === "empty") return data(formFailure({ form: ["attendance.error.noHours"] }, { period: v.period }), { status: 400 });
  return redirectWithToast(request, `/certificates/${result.code}`, { kind: "success", message: "attendance.done.issued" });
}

export default function Certificates() {
  const { years, certificates, hasSchool } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t("attendance.certificates.title")} lead={t("attendance.certificates.lead")} />
      <p>
        <Link to="/account/hours">← {t("attendance.hours.title")}</Link>
      </p>
      <Form method="post" className="card space-y-3">
        <h2>{t("attendance.certificates.new")}</h2>
        <FormErrorSummary failure={failure} />
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("attendance.certificates.period")}</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="period" value="year" defaultChecked />
            {t("attendance.certificates.byYear")}
            <select name="schoolYear" className="input w-auto" defaultValue={years[0]}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {t("attendance.hours.year", { year: y })}
                </option>
              ))}
            </select>
          </label>
          <FieldErrors id="f-schoolYear-error" errors={failure?.errors?.schoolYear} />
          <label className="flex items-center gap-2">
            <input type="radio" name="period" value="dates" />
            {t("attendance.certificates.byDates")}
          </label>
          <div className="grid gap-2 sm:grid-cols-2">
            <Field name="from" type="date" label={t("attendance.certificates.from")} failure={failure} />
            <Field name="to" type="date" label={t("attendance.certificates.to")} failure={failure} />
          </div>
        </fieldset>
        {hasSchool ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="includeSchool" />
            {t("attendance.certificates.includeSchool")}
          </label>
        ) : null}
        <label className="flex items-center gap-2">
          {t("attendance.certificates.language")}
          <select name="locale" className="input w-auto" defaultValue={t.locale}>
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
        <p className="text-sm">{t("attendance.certificates.privacy")}</p>
        <SubmitButton>{t("attendance.certificates.issue")}</SubmitButton>
      </Form>
      <section aria-labelledby="issued" className="space-y-2">
        <h2 id="issued">{t("attendance.certificates.issued")}</h2>
        {certificates.length === 0 ? <p>{t("attendance.certificates.none")}</p> : null}
        <ul className="divide-y">
          {certificates.map((c) => (
            <li key={c.code} className="flex flex-wrap items-center gap-2 py-2">
              <Link to={`/certificates/${c.code}`}>
                {c.period ? `${c.period.from} – ${c.period.to}` : c.code}
              </Link>
              <span>
                {formatHoursMinutes(c.totalMinutes)}（{formatDecimalHours(c.totalMinutes)}h）・{formatDate(c.issuedAt, t.locale)}
              </span>
              {c.revokedAt ? (
                <span className="badge bg-stone-200">{t("attendance.verify.revoked")}</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="code" value={c.code} />
                  <button type="submit" name="intent" value="revoke" className="btn-secondary">
                    {t("attendance.certificates.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
