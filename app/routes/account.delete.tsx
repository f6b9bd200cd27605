import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ConfirmPage } from "~/components/confirm-page";
import { Field } from "~/components/form";
import { DeleteAccountSchema } from "~/modules/accounts/accounts.schema";
import { deleteAccount } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form";
import { requestContext } from "~/utils/request.server";
import { clearSessionCookie } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";
import { readFormData } from "~/utils/form-body.server";

export const meta: MetaFunction = () => [{ title: "退会 / Delete account | つなぐ八幡東" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(DeleteAccountSchema, await readFormData(request));
  if (!parsed.success) return data(parsed.failure, { status: 400 });
  const result = await deleteAccount(getDb(), user.id, parsed.data.password, requestContext(request, context).ip);
  if (result === "wrong-password") return data(formFailure({ password: ["account.wrongPassword"] }), { status: 400 });
  if (result === "sole-owner") return data(formFailure({ form: ["account.soleOwner"] }), { status: 400 });
  return redirectWithToast(request, "/", { kind: "info", message: "account.deleted" }, { "Set-Cookie": clearSessionCookie(request) });
}

export default function DeleteAccount() {
  const failure = useActionData<typeof action>();
  const t = useT();
  return (
    <ConfirmPage title={t("account.deleteTitle")} failure={failure} confirmLabel={t("account.deleteConfirm")} submitLabel={t("account.deleteButton")} danger cancelTo="/account">
      <p>{t("account.deleteExplain")}</p>
      <p>{t("attendance.certificates.afterDelete")}</p>
      <Field name="password" type="password" label={t("account.deletePassword")} autoComplete="current-password" required failure={failure} />
    </ConfirmPage>
  );
}
