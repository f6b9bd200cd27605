import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { peekToken, verifyEmail } from "~/modules/accounts/accounts.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";
import { nextPath, withNext } from "~/utils/next-path";

export const meta: MetaFunction = () => [{ title: "メールアドレスの確認 / Confirm your email | つなぐ八幡東" }, { name: "referrer", content: "no-referrer" }];

// Opening the link only shows a button: a GET never changes anything, so mail scanners cannot use up the link.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  return { token: token ?? "", next: nextPath(url.searchParams.get("next")), valid: await peekToken(getDb(), token, "verify_email") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const ok = await verifyEmail(getDb(), formData.get("token"), requestContext(request, context).ip);
  // Signing in takes the person on to where they were going when they signed up (a posting, say).
  return ok
    ? redirectWithToast(request, withNext("/login", nextPath(formData.get("next"))), { kind: "success", message: "verify.done" })
    : redirectWithToast(request, "/verify-email", { kind: "error", message: "verify.invalid" });
}

export default function VerifyEmail() {
  const { token, next, valid } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("verify.title")} />
      <div className="card space-y-3">
        {valid ? (
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="next" value={next} />
            <p className="mb-3">{t("verify.body")}</p>
            <button type="submit" className="btn">
              {t("verify.submit")}
            </button>
          </Form>
        ) : (
          <>
            <p>{t("verify.invalid")}</p>
            <p>
              <Link to={withNext("/login", next)}>{t("verify.loginToResend")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
