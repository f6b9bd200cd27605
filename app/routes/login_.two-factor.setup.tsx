import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { TotpCodeSchema } from "~/modules/accounts/accounts.schema";
import { beginTotpEnrolment, confirmTotpEnrolment } from "~/modules/accounts/accounts.server";
import { otpauthUri } from "~/modules/accounts/totp.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { getCurrentSession, rotateSessionAfterSecondFactor, sessionCookie } from "~/utils/session.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "二段階認証の設定 / Set up two-step verification | つなぐ八幡東" }];

/**
 * Enrolment for staff whose account has no authenticator yet, right after the password step. (Volunteers
 * may enrol from their account page; for them it is optional.)
 */
async function requireEnrollingSession(request: Request) {
  const session = await getCurrentSession(getDb(), request);
  if (!session) throw redirect("/login");
  if (session.user.totp_enabled_at && !session.secondFactorDone) throw redirect("/login/two-factor");
  if (session.user.totp_enabled_at) throw redirect("/account");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireEnrollingSession(request);
  const secret = session.user.totp_secret ?? (await beginTotpEnrolment(getDb(), session.user.id));
  const uri = otpauthUri(secret, session.user.email);
  const { default: QRCode } = await import("qrcode");
  return { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireEnrollingSession(request);
  const db = getDb();
  const parsed = parseForm(TotpCodeSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  if (!(await checkRateLimits(db, [{ key: `totp:user:${session.user.id}`, limit: 10, windowSeconds: 900 }])))
    return data(formFailure({ form: ["auth.tooMany"] }), { status: 429 });
  if (!(await confirmTotpEnrolment(db, session.user.id, parsed.data.code, requestContext(request, context).ip)))
    return data(formFailure({ code: ["auth.totpInvalid"] }), { status: 400 });
  // A new session id once both steps are done (the cookie is replaced).
  const token = await rotateSessionAfterSecondFactor(db, session.id);
  if (!token) throw redirect("/login");
  throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/staff"), { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export default function TwoFactorSetup() {
  const { secret, qr } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title={t("totpSetup.title")} lead={t("totpSetup.lead")} />
      <div className="card space-y-3">
        <ol className="list-decimal space-y-2 pl-5">
          <li>{t("totpSetup.step1")}</li>
          <li>
            {t("totpSetup.step2")}
            <img src={qr} alt={t("totpSetup.qrAlt")} width={220} height={220} className="my-2" />
            <p className="text-sm">
              {t("totpSetup.manual")} <code className="break-all rounded bg-stone-100 px-1 font-mono">{secret}</code>
            </p>
          </li>
          <li>{t("totpSetup.step3")}</li>
        </ol>
        <Form method="post" action={`?${params.toString()}`} className="space-y-2" noValidate>
          <FormErrorSummary failure={failure} />
          <Field name="code" label={t("totp.code")} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required failure={failure} />
          <SubmitButton>{t("totpSetup.submit")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
