import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Checkbox, Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { SignupSchema } from "~/modules/accounts/accounts.schema";
import { signUp } from "~/modules/accounts/accounts.server";
import { requireAnonymous } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { nextPath, withNext } from "~/utils/next-path";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "新規登録 / Sign up | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requestContext(request, context);
  const formData = await readFormData(request);
  const parsed = parseForm(SignupSchema, formData);
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const allowed = await checkRateLimits(getDb(), [{ key: `signup:ip:${ctx.ip}`, limit: env().SIGNUP_LIMIT_PER_IP, windowSeconds: 3600 }]);
  if (!allowed) return data(formFailure({ form: ["auth.tooMany"] }, { email: parsed.data.email, displayName: parsed.data.displayName }), { status: 429 });
  await signUp(getDb(), { ...parsed.data, redirectTo: nextPath(parsed.data.redirectTo) }, ctx);
  afterCommit();
  return redirect(withNext("/check-email", parsed.data.redirectTo ?? ""));
}

export default function Signup() {
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const next = nextPath(params.get("redirectTo"));
  const labels = { displayName: t("signup.displayName"), email: t("auth.email"), password: t("auth.password"), agree: t("signup.agreeShort") };
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("signup.title")} lead={t("signup.lead")} />
      <Form method="post" className="card space-y-2" noValidate>
        <FormErrorSummary failure={failure} labels={labels} />
        <input type="hidden" name="redirectTo" value={next} />
        <Field name="displayName" label={t("signup.displayName")} hint={t("signup.displayNameHint")} autoComplete="nickname" required maxLength={50} failure={failure} />
        <Field name="email" type="email" label={t("auth.email")} autoComplete="email" required failure={failure} />
        <Field name="password" type="password" label={t("auth.password")} hint={t("signup.passwordHint")} autoComplete="new-password" required failure={failure} />
        <Checkbox
          name="agree"
          label={t("signup.agree")}
          failure={failure}
          hint={
            <>
              <Link to="/terms" target="_blank">
                {t("legal.terms.title")}
              </Link>
              {" ・ "}
              <Link to="/privacy" target="_blank">
                {t("legal.privacy.title")}
              </Link>
            </>
          }
        />
        <SubmitButton>{t("signup.submit")}</SubmitButton>
        <p className="pt-2 text-sm">
          {t("signup.haveAccount")} <Link to={withNext("/login", next)}>{t("nav.login")}</Link>
        </p>
        <p className="text-sm">
          {t("signup.forGroups")} <Link to="/for-groups">{t("nav.forGroups")}</Link>
        </p>
      </Form>
    </div>
  );
}
