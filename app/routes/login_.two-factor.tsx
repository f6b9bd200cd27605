import { env } from "~/utils/env.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { TotpCodeSchema } from "~/modules/accounts/accounts.schema";
import { verifySecondFactor } from "~/modules/accounts/accounts.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { getCurrentSession, rotateSessionAfterSecondFactor, sessionCookie } from "~/utils/session.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "確認コード / Verification code | つなぐ八幡東" }];

async function requirePendingSession(request: Request) {
  const session = await getCurrentSession(getDb(), request);
  if (!session) throw redirect("/login");
  if (session.secondFactorDone) throw redirect("/staff");
  if (!session.user.totp_enabled_at) throw redirect("/login/two-factor/setup");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePendingSession(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requirePendingSession(request);
  const db = getDb();
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const parsed = parseForm(TotpCodeSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const allowed = await checkRateLimits(db, [{ key: `totp:user:${session.user.id}`, limit: env().LOGIN_LIMIT_PER_ACCOUNT, windowSeconds: 900 }]);
  if (!allowed) return data(formFailure({ form: ["auth.tooMany"] }), { status: 429 });
  if (!(await verifySecondFactor(db, session.user.id, parsed.data.code, ctx.ip))) {
    return data(formFailure({ code: ["auth.totpInvalid"] }), { status: 400 });
  }
  // A new session id once both steps are done (the cookie is replaced).
  const token = await rotateSessionAfterSecondFactor(db, session.id);
  if (!token) throw redirect("/login");
  throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/staff"), { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export default function TwoFactor() {
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("totp.title")} lead={t("totp.lead")} />
      <Form method="post" action={`/login/two-factor?${params.toString()}`} className="card space-y-2" noValidate>
        <FormErrorSummary failure={failure} />
        <Field name="code" label={t("totp.code")} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required failure={failure} />
        <SubmitButton>{t("totp.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
