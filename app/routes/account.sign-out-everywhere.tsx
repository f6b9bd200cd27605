import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ConfirmPage } from "~/components/confirm-page";
import { SignOutEverywhereSchema } from "~/modules/accounts/accounts.schema";
import { signOutEverywhere } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { clearSessionCookie } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

/**
 * "Sign out on every device": a page of its own with a confirmation (a plain form, so it works without
 * JavaScript). Every session of the person ends, this one too; they are sent to the login page.
 */

export const meta: MetaFunction = () => [{ title: "すべての端末からログアウト / Sign out on every device | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(SignOutEverywhereSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  await signOutEverywhere(getDb(), user.id, requestContext(request, context).ip);
  return redirectWithToast(request, "/login", { kind: "success", message: "account.signedOutEverywhere" }, { "Set-Cookie": clearSessionCookie(request) });
}

export default function SignOutEverywhere() {
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <ConfirmPage
      title={t("account.signOutEverywhereTitle")}
      failure={failure}
      confirmLabel={t("account.signOutEverywhereConfirm")}
      submitLabel={t("account.signOutEverywhereButton")}
      cancelTo="/account"
    >
      <p>{t("account.signOutEverywhereLead")}</p>
    </ConfirmPage>
  );
}
