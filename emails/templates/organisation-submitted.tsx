import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface OrganisationSubmittedProps {
  organisationName: string;
  dashboardUrl: string;
}

export function organisationSubmittedTitle(props: OrganisationSubmittedProps, locale: Locale): string {
  const name = v(props.organisationName);
  return locale === "ja" ? `「${name}」の団体登録申請を受け付けました` : `We have received the application for “${name}”`;
}

export function OrganisationSubmitted({ locale, ...props }: TemplateProps<OrganisationSubmittedProps>) {
  const title = organisationSubmittedTitle(props, locale);
  const name = props.organisationName;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="区役所で内容を確認し、結果をメールでお知らせします。"
        footerReason="このメールは、つなぐ八幡東で団体登録の申請が行われたためお送りしています。"
      >
        <Paragraph>つなぐ八幡東への団体登録をお申し込みいただき、ありがとうございます。</Paragraph>
        <Paragraph>
          「{name}」の団体登録の申請を受け付けました。八幡東区役所の担当者が内容を確認し、結果をあらためてメールでお知らせします。
        </Paragraph>
        <Paragraph>確認が終わるまでは、募集を公開することはできません。申請の状況は、ダッシュボードでご確認いただけます。</Paragraph>
        <ActionButton locale={locale} href={props.dashboardUrl} label="ダッシュボードを開く" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="The ward office will review it and let you know the result by email."
      footerReason="You are receiving this email because an application to register an organisation was made on Tsunagu Yahatahigashi."
    >
      <Paragraph>Thank you for registering your organisation with Tsunagu Yahatahigashi.</Paragraph>
      <Paragraph>
        We have received the application to register “{name}”. Staff at the Yahatahigashi Ward Office will review it and
        let you know the result by email.
      </Paragraph>
      <Paragraph>
        Until the review is complete, postings cannot be published. You can check the status of the application on your
        dashboard.
      </Paragraph>
      <ActionButton locale={locale} href={props.dashboardUrl} label="Open the dashboard" />
    </EmailLayout>
  );
}
