import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TextSection } from "~/components/legal-section";
import { PageHeader } from "~/components/ui";
import { getUser } from "~/utils/auth.server";
import { withNext } from "~/utils/next-path";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "団体の方へ / For groups | つなぐ八幡東" }];

const REGISTER = "/organisations/new";

export async function loader({ request }: LoaderFunctionArgs) {
  return { signedIn: Boolean(await getUser(request)) };
}

/** What the site does for a group and how a group gets in: open to everyone, signed in or not. */
export default function ForGroups() {
  const { signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const start = (
    <p className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
      {signedIn ? (
        <Link to={REGISTER} className="btn">
          {t("home.registerGroup")}
        </Link>
      ) : (
        <>
          <Link to={withNext("/signup", REGISTER)} className="btn">
            {t("groups.start.signup")}
          </Link>
          <Link to={withNext("/login", REGISTER)} className="btn-secondary">
            {t("groups.start.login")}
          </Link>
        </>
      )}
    </p>
  );
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("groups.title")} lead={t("groups.lead")} />
      {start}
      <TextSection id="groups-what" title={t("groups.what.title")}>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("groups.what.post")}</li>
          <li>{t("groups.what.apply")}</li>
          <li>{t("groups.what.messages")}</li>
          <li>{t("groups.what.attendance")}</li>
        </ul>
      </TextSection>
      <TextSection id="groups-how" title={t("groups.how.title")}>
        <ol className="list-decimal space-y-1 pl-5">
          <li>{t("groups.how.account")}</li>
          <li>{t("groups.how.register")}</li>
          <li>{t("groups.how.verify")}</li>
          <li>{t("groups.how.publish")}</li>
        </ol>
      </TextSection>
      <TextSection id="groups-safe" title={t("groups.safe.title")}>
        <p>{t("groups.safe.lead")}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("groups.safe.checklist")}</li>
          <li>{t("groups.safe.adults")}</li>
          <li>{t("groups.safe.consent")}</li>
        </ul>
      </TextSection>
      <TextSection id="groups-start" title={t("groups.start.title")}>
        {start}
        <p className="text-sm">
          <Link to="/contact">{t("groups.start.questions")}</Link>
        </p>
      </TextSection>
    </div>
  );
}
