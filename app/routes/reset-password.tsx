import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { ResetPasswordSchema } from "~/modules/accounts/accounts.schema";
import { peekToken, resetPassword } from "~/modules/accounts/accounts.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { clearSessionCookie } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "新しいパスワード / New password | つなぐ八幡東" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: await peekToken(getDb(), token, "reset_password") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(ResetPasswordSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const ok = await resetPassword(getDb(), parsed.data.token, parsed.data.password, requestContext(request, context).ip);
  if (!ok) return data(formFailure({ form: ["reset.invalid"] }), { status: 400 });
  return redirectWithToast(request, "/login", { kind: "success", message: "reset.done" }, { "Set-Cookie": clearSessionCookie(request) });
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("reset.title")} />
      {valid ? (
        <Form method="post" className="card space-y-2" noValidate>
          <FormErrorSummary failure={failure} />
          <input type="hidden" name="token" value={token} />
          <Field name="password" type="password" label={t("reset.password")} hint={t("signup.passwordHint")} autoComplete="new-password" required failure={failure} />
          <Field name="passwordConfirm" type="password" label={t("reset.passwordConfirm")} autoComplete="new-password" required failure={failure} />
          <SubmitButton>{t("reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <div className="card space-y-2">
          <p>{t("reset.invalid")}</p>
          <Link to="/forgot-password">{t("reset.again")}</Link>
        </div>
      )}
    </div>
  );
}
