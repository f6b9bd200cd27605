import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface OrganisationVerifiedProps {
  organisationName: string;
  dashboardUrl: string;
}

export function organisationVerifiedTitle(props: OrganisationVerifiedProps, locale: Locale): string {
  const name = v(props.organisationName);
  return locale === "ja" ? `「${name}」の団体登録が承認されました` : `“${name}” has been approved`;
}

export function OrganisationVerified({ locale, ...props }: TemplateProps<OrganisationVerifiedProps>) {
  const title = organisationVerifiedTitle(props, locale);
  const name = props.organisationName;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="ボランティアの募集を作成して公開できるようになりました。"
        footerReason={`このメールは、つなぐ八幡東で「${name}」の担当者として登録されている方にお送りしています。`}
      >
        <Paragraph>八幡東区役所での確認が完了し、「{name}」の団体登録が承認されました。</Paragraph>
        <Paragraph>
          これからは、ダッシュボードからボランティアの募集を作成して公開できます。地域の皆さんとのつながりづくりに、ぜひご活用ください。
        </Paragraph>
        <ActionButton locale={locale} href={props.dashboardUrl} label="ダッシュボードを開く" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="You can now create and publish volunteer postings."
      footerReason={`You are receiving this email because you are registered on Tsunagu Yahatahigashi as a member of “${name}”.`}
    >
      <Paragraph>The Yahatahigashi Ward Office has reviewed and approved the registration of “{name}”.</Paragraph>
      <Paragraph>
        You can now create and publish volunteer postings from your dashboard. We hope the site helps you connect with
        people in the community.
      </Paragraph>
      <ActionButton locale={locale} href={props.dashboardUrl} label="Open the dashboard" />
    </EmailLayout>
  );
}
