import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormErrorSummary, SubmitButton } from "~/components/form";
import { PageHeader } from "~/components/ui";
import { ForgotPasswordSchema } from "~/modules/accounts/accounts.schema";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { checkRateLimits } from "~/utils/rate-limit.server";
import { afterCommit, requestContext } from "~/utils/request.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "パスワードの再設定 / Reset password | つなぐ八幡東" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requestContext(request, context);
  const parsed = parseForm(ForgotPasswordSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const allowed = await checkRateLimits(getDb(), [
    { key: `reset:ip:${ctx.ip}`, limit: 10, windowSeconds: 3600 },
    { key: `reset:email:${parsed.data.email}`, limit: 3, windowSeconds: 3600 },
  ]);
  if (!allowed) return data(formFailure({ form: ["auth.tooMany"] }), { status: 429 });
  await requestPasswordReset(getDb(), parsed.data.email, ctx);
  afterCommit();
  // The same answer whether or not the address has an account.
  return { status: "sent" as const };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const t = useT();
  const failure = result && "errors" in result ? result : null;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("forgot.title")} lead={t("forgot.lead")} />
      {result && result.status === "sent" ? (
        <div role="status" className="card">
          <p>{t("forgot.sent")}</p>
        </div>
      ) : (
        <Form method="post" className="card space-y-2" noValidate>
          <FormErrorSummary failure={failure} />
          <Field name="email" type="email" label={t("auth.email")} autoComplete="email" required failure={failure} />
          <SubmitButton>{t("forgot.submit")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
