import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { TextSection } from "~/components/legal-section";
import { PageHeader } from "~/components/ui";
import { useT } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "お問い合わせ / Contact | つなぐ八幡東" }];

export default function Contact() {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t("legal.contact.title")} lead={t("legal.contact.lead")} />
      <TextSection id="contact-posting" title={t("legal.contact.posting.title")}>
        <p>{t("legal.contact.posting.body")}</p>
        <p>
          <Link to="/messages">{t("messages.title")}</Link>
        </p>
      </TextSection>
      <TextSection id="contact-safety" title={t("legal.contact.safety.title")}>
        <p>{t("legal.contact.safety.body")}</p>
        <p>
          <Link to="/concerns/new" className="btn-secondary">
            {t("legal.contact.safety.link")}
          </Link>
        </p>
      </TextSection>
      <TextSection id="contact-data" title={t("legal.contact.data.title")}>
        <p>{t("legal.contact.data.body")}</p>
        <p>
          <Link to="/privacy">{t("legal.privacy.title")}</Link>
        </p>
      </TextSection>
      <TextSection id="contact-groups" title={t("legal.contact.groups.title")}>
        <p>{t("legal.contact.groups.body")}</p>
        <p>
          <Link to="/for-groups">{t("groups.title")}</Link>
        </p>
      </TextSection>
      <TextSection id="contact-office" title={t("legal.contact.office.title")}>
        <p>{t("legal.contact.office.body")}</p>
      </TextSection>
    </div>
  );
}
