import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface OrganisationRejectedProps {
  organisationName: string;
  reason: string;
  editUrl: string;
}

export function organisationRejectedTitle(props: OrganisationRejectedProps, locale: Locale): string {
  const name = v(props.organisationName);
  return locale === "ja" ? `「${name}」の団体登録申請について` : `About the application for “${name}”`;
}

export function OrganisationRejected({ locale, ...props }: TemplateProps<OrganisationRejectedProps>) {
  const title = organisationRejectedTitle(props, locale);
  const name = props.organisationName;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="申請内容について、修正をお願いしたい点があります。"
        footerReason="このメールは、つなぐ八幡東で団体登録の申請が行われたためお送りしています。"
      >
        <Paragraph>
          「{name}」の団体登録の申請について、八幡東区役所で内容を確認しましたが、現在の内容では承認することができませんでした。理由は次のとおりです。
        </Paragraph>
        <QuotedText label="区役所からのコメント" text={props.reason} />
        <Paragraph>お手数ですが、内容を修正のうえ、あらためて申請してください。下のボタンから申請内容を編集できます。</Paragraph>
        <ActionButton locale={locale} href={props.editUrl} label="申請内容を修正する" />
        <Paragraph>ご不明な点がありましたら、八幡東区役所までお問い合わせください。</Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="Some changes are needed before the application can be approved."
      footerReason="You are receiving this email because an application to register an organisation was made on Tsunagu Yahatahigashi."
    >
      <Paragraph>
        The Yahatahigashi Ward Office has reviewed the application to register “{name}”, but could not approve it as it
        stands, for the following reason:
      </Paragraph>
      <QuotedText label="Comment from the ward office" text={props.reason} />
      <Paragraph>Please update the application and submit it again. You can edit it using the button below.</Paragraph>
      <ActionButton locale={locale} href={props.editUrl} label="Edit the application" />
      <Paragraph>If you have any questions, please contact the Yahatahigashi Ward Office.</Paragraph>
    </EmailLayout>
  );
}
