import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { LoginSchema } from "~/modules/accounts/accounts.schema";
import { authenticate } from "~/modules/accounts/accounts.server";
import { requireAnonymous } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/form";
import { requiresSecondFactor, roleCan } from "~/utils/permissions";
import { homePath } from "~/modules/home/waiting.rules";
import { withNext } from "~/utils/next-path";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { createSession, destroySession, sessionCookie } from "~/utils/session.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "ログイン / Log in | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = getDb();
  const ctx = requestContext(request, context);
  const parsed = parseForm(LoginSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const { email, password } = parsed.data;
  const values = { email, redirectTo: parsed.data.redirectTo ?? "" };
  // Per address and per client, whether or not the address has an account (security checklist A6, ASVS 6.3.1).
  const allowed = await checkRateLimits(db, [
    { key: `login:ip:${ctx.ip}`, limit: env().LOGIN_LIMIT_PER_IP, windowSeconds: 900 },
    { key: `login:email:${email}`, limit: env().LOGIN_LIMIT_PER_ACCOUNT, windowSeconds: 900 },
  ]);
  if (!allowed) return data(formFailure({ form: ["auth.tooMany"] }, values), { status: 429 });
  const result = await authenticate(db, { email, password, redirectTo: parsed.data.redirectTo }, ctx);
  if (result.status === "invalid") return data(formFailure({ form: ["auth.invalid"] }, values), { status: 400 });
  if (result.status === "unverified") {
    afterCommit();
    return data(formFailure({ form: ["auth.unverified"] }, values), { status: 400 });
  }
  const user = result.user;
  await destroySession(db, request);
  const token = await createSession(db, user, { ip: ctx.ip, userAgent: request.headers.get("User-Agent") ?? "", secondFactor: !requiresSecondFactor(user.role) });
  const headers = { "Set-Cookie": sessionCookie(request, token) };
  const next = safeRedirect(parsed.data.redirectTo, homePath({ isStaff: roleCan(user.role, "staff:access") }));
  if (requiresSecondFactor(user.role)) {
    const step = user.totp_enabled_at ? "/login/two-factor" : "/login/two-factor/setup";
    throw redirect(`${step}?redirectTo=${encodeURIComponent(next)}`, { headers });
  }
  throw redirect(next, { headers });
}

export default function Login() {
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("login.title")} />
      <Form method="post" className="card space-y-2" noValidate>
        <FormErrorSummary failure={failure} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" type="email" label={t("auth.email")} autoComplete="username" required failure={failure} />
        <Field name="password" type="password" label={t("auth.password")} autoComplete="current-password" required failure={failure} />
        <SubmitButton>{t("login.submit")}</SubmitButton>
        <p className="pt-2 text-sm">
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
        <p className="text-sm">
          {t("login.noAccount")} <Link to={withNext("/signup", params.get("redirectTo") ?? "")}>{t("nav.signup")}</Link>
        </p>
      </Form>
    </div>
  );
}
