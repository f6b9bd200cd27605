import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/ui";
import type { loader as rootLoader } from "~/root";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "メールをご確認ください / Check your email | つなぐ八幡東" }];

export default function CheckEmail() {
  const t = useT();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("checkEmail.title")} />
      <div className="card space-y-3">
        <p>{t("checkEmail.body")}</p>
        <p className="text-sm text-stone-700">{t("checkEmail.spam")}</p>
        {root?.demoMode ? (
          <p className="rounded-lg bg-amber-50 p-3">
            {t("checkEmail.demo")} <Link to="/dev/mailbox">{t("demo.mailbox")}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
