import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form";
import { formatDecimalHours, formatHoursMinutes } from "~/modules/attendance/attendance.rules";
import { StaffRevokeSchema } from "~/modules/attendance/attendance.schema";
import { certificateByCode, revokeCertificate } from "~/modules/attendance/certificates.server";
import { getUser, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { formFailure, parseForm } from "~/utils/form";
import { roleCan } from "~/utils/permissions";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = () => [{ title: "証明書の確認 / Certificate check | つなぐ八幡東" }, { name: "robots", content: "noindex, nofollow" }];

const NO_INDEX = { "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** Public: anyone with the code (a teacher, an admissions office) sees exactly what the certificate says. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ip = requestContext(request, context).ip;
  if (!(await checkRateLimits(db, [{ key: `certificate:ip:${ip}`, limit: 120, windowSeconds: 60 }]))) throw data({ message: "Too many requests" }, { status: 429, headers: NO_INDEX });
  const code = params.code ?? "";
  const view = await certificateByCode(db, code);
  const user = await getUser(request);
  return data(
    {
      code,
      state: view.state,
      certificate: view.data,
      revokedAt: view.revokedAt,
      revokedByStaff: view.revokedByStaff,
      signature: view.data ? view.signature : null,
      canRevoke: Boolean(user && roleCan(user.role, "staff:access") && view.state === "valid"),
    },
    { headers: NO_INDEX },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(StaffRevokeSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await revokeCertificate(getDb(), { code: params.code ?? "", actorUserId: user.id, asStaff: true, reason: parsed.data.reason, ip: requestContext(request, context).ip });
  if (result === "not-found") return data(formFailure({ form: ["attendance.error.notFound"] }), { status: 404 });
  return redirectWithToast(request, `/certificates/${params.code}`, { kind: "success", message: "attendance.done.revoked" });
}

const STATE_STYLE = { valid: "border-green-700 bg-green-50 text-green-950", revoked: "border-stone-600 bg-stone-100 text-stone-900", invalid: "border-red-700 bg-red-50 text-red-950" };

export default function VerifyCertificate() {
  const { code, state, certificate: c, revokedAt, revokedByStaff, canRevoke } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("attendance.verify.title")}</h1>
      <p role="status" className={`rounded-lg border-2 p-3 text-xl font-bold ${STATE_STYLE[state]}`} data-testid="certificate-state">
        {t(`attendance.verify.${state}`)}
      </p>
      <p>{t(`attendance.verify.${state}Lead`)}</p>
      {revokedAt ? <p>{t(revokedByStaff ? "attendance.verify.revokedByStaff" : "attendance.verify.revokedByHolder", { date: formatDate(revokedAt, t.locale) })}</p> : null}
      {c ? (
        <section className="card space-y-2" aria-labelledby="what-it-says">
          <h2 id="what-it-says">{t("attendance.verify.says")}</h2>
          <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1">
            <dt>{t("attendance.verify.issuer")}</dt>
            <dd>{c.issuer.name}</dd>
            <dt>{t("attendance.verify.holder")}</dt>
            <dd data-testid="certificate-holder">{c.holder.name}</dd>
            {c.holder.school ? (
              <>
                <dt>{t("attendance.verify.school")}</dt>
                <dd>{c.holder.school}</dd>
              </>
            ) : null}
            <dt>{t("attendance.verify.period")}</dt>
            <dd>
              {c.period.from} – {c.period.to}
            </dd>
            <dt>{t("attendance.verify.total")}</dt>
            <dd data-testid="certificate-total">
              {formatHoursMinutes(c.totalMinutes)}（{formatDecimalHours(c.totalMinutes)}h）
            </dd>
            <dt>{t("attendance.verify.issued")}</dt>
            <dd>{formatDate(c.issuedAt, t.locale)}</dd>
            <dt>{t("attendance.verify.number")}</dt>
            <dd className="break-all font-mono">{c.code}</dd>
          </dl>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">{t("attendance.hours.date")}</th>
                <th scope="col">{t("attendance.verify.group")}</th>
                <th scope="col">{t("attendance.hours.activity")}</th>
                <th scope="col">{t("attendance.hours.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {c.activities.map((a, i) => (
                <tr key={i} className="border-t">
                  <td>{a.date}</td>
                  <td>{a.group}</td>
                  <td>{a.what}</td>
                  <td>{formatHoursMinutes(a.minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="flex flex-wrap gap-3">
            <a href={`/certificates/${code}.pdf`} className="btn" data-testid="certificate-pdf">
              {t("attendance.verify.pdf")}
            </a>
            <a href={`/certificates/${code}/credential.json`} className="btn-secondary">
              {t("attendance.verify.badge")}
            </a>
            <a href={`/certificates/${code}/signed.json`} className="btn-secondary">
              {t("attendance.verify.signed")}
            </a>
          </p>
          <p className="text-sm">{t("attendance.verify.howTo")}</p>
        </section>
      ) : null}
      {canRevoke ? (
        <Form method="post" className="card space-y-2">
          <h2>{t("attendance.verify.staffRevoke")}</h2>
          <FormErrorSummary failure={failure} />
          <label className="block">
            {t("attendance.verify.reason")}
            <textarea name="reason" required minLength={2} maxLength={500} rows={2} className="input mt-1" />
          </label>
          <button type="submit" className="btn-danger">
            {t("attendance.certificates.revoke")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
