import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { peekToken, verifyEmail } from "~/modules/accounts/accounts.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "メールアドレスの確認 / Confirm your email | つなぐ八幡東" }, { name: "referrer", content: "no-referrer" }];

// Opening the link only shows a button: a GET never changes anything, so mail scanners cannot use up the link.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  return { token: token ?? "", valid: await peekToken(getDb(), token, "verify_email") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const ok = await verifyEmail(getDb(), formData.get("token"), requestContext(request, context).ip);
  return ok
    ? redirectWithToast(request, "/login", { kind: "success", message: "verify.done" })
    : redirectWithToast(request, "/verify-email", { kind: "error", message: "verify.invalid" });
}

export default function VerifyEmail() {
  const { token, valid } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("verify.title")} />
      <div className="card space-y-3">
        {valid ? (
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <p className="mb-3">{t("verify.body")}</p>
            <button type="submit" className="btn">
              {t("verify.submit")}
            </button>
          </Form>
        ) : (
          <>
            <p>{t("verify.invalid")}</p>
            <p>
              <Link to="/login">{t("verify.loginToResend")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
