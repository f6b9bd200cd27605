import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TextSection } from "~/components/legal-section";
import { PageHeader } from "~/components/ui";
import { CHECK_RECORD_DAYS_AFTER_LEAVING, CHECK_RECORD_MAX_YEARS } from "~/modules/safeguarding/retention.rules";
import { retentionSettings } from "~/modules/safeguarding/retention.server";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "個人情報の取り扱い / Privacy notice | つなぐ八幡東" }];

/** The periods come from the retention code and its setting, so the notice says what the site actually does. */
export function loader() {
  return { months: retentionSettings().months, checkDays: CHECK_RECORD_DAYS_AFTER_LEAVING, checkYears: CHECK_RECORD_MAX_YEARS };
}

export default function Privacy() {
  const { months, checkDays, checkYears } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("legal.privacy.title")} lead={t("legal.privacy.lead")} />
      <TextSection id="privacy-what" title={t("legal.privacy.what.title")}>
        <p>{t("legal.privacy.what.body")}</p>
      </TextSection>
      <TextSection id="privacy-why" title={t("legal.privacy.why.title")}>
        <p>{t("legal.privacy.why.body")}</p>
      </TextSection>
      <TextSection id="privacy-who" title={t("legal.privacy.who.title")}>
        <p>{t("legal.privacy.who.body")}</p>
      </TextSection>
      <TextSection id="privacy-keep" title={t("legal.privacy.keep.title")}>
        <ul className="list-disc space-y-1 pl-5" data-testid="retention-periods">
          <li>{t("legal.privacy.keep.account")}</li>
          <li>{t("legal.privacy.keep.minors", { months })}</li>
          <li>{t("legal.privacy.keep.checks", { days: checkDays, years: checkYears })}</li>
          <li>{t("legal.privacy.keep.audit")}</li>
        </ul>
      </TextSection>
      <TextSection id="privacy-rights" title={t("legal.privacy.rights.title")}>
        <p>{t("legal.privacy.rights.body")}</p>
        <p className="flex flex-wrap gap-2">
          <Link to="/account" className="btn-secondary">
            {t("legal.privacy.rights.account")}
          </Link>
          <Link to="/account/delete" className="btn-secondary">
            {t("legal.privacy.rights.delete")}
          </Link>
        </p>
        <p>{t("legal.privacy.office")}</p>
      </TextSection>
    </div>
  );
}
