import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import { acceptInvitation, findInvitation } from "~/modules/organisations/organisations.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requestContext } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "団体への招待 / Invitation | つなぐ八幡東" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(getDb(), params.token);
  const user = await getUser(request);
  return {
    invitation: invitation ? { organisationName: invitation.organisation_name, role: invitation.role, forMe: user?.email === invitation.email } : null,
    signedIn: Boolean(user),
    here: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await acceptInvitation(getDb(), params.token, user, requestContext(request, context).ip);
  if (result.status === "ok") return redirectWithToast(request, `/orgs/${result.organisationId}`, { kind: "success", message: "invitation.accepted" });
  return redirectWithToast(request, new URL(request.url).pathname, {
    kind: "error",
    message: result.status === "wrong-account" ? "invitation.wrongAccount" : "invitation.invalid",
  });
}

export default function Invitation() {
  const { invitation, signedIn, here } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("invitation.title")} />
      <div className="card space-y-3">
        {!invitation ? (
          <p>{t("invitation.invalid")}</p>
        ) : (
          <>
            <p>{t("invitation.body", { organisation: invitation.organisationName, role: t(`memberRole.${invitation.role}`) })}</p>
            {!signedIn ? (
              <p>
                {t("invitation.signIn")} <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</Link> /{" "}
                <Link to="/signup">{t("nav.signup")}</Link>
              </p>
            ) : invitation.forMe ? (
              <Form method="post">
                <button type="submit" className="btn">
                  {t("invitation.accept")}
                </button>
              </Form>
            ) : (
              <p>{t("invitation.wrongAccount")}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
