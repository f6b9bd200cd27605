import { EmailLayout, Paragraph, QuotedText } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface OrganisationSuspendedProps {
  organisationName: string;
  reason: string;
}

export function organisationSuspendedTitle(props: OrganisationSuspendedProps, locale: Locale): string {
  const name = v(props.organisationName);
  return locale === "ja" ? `「${name}」の団体アカウントを一時停止しました` : `The account of “${name}” has been suspended`;
}

export function OrganisationSuspended({ locale, ...props }: TemplateProps<OrganisationSuspendedProps>) {
  const title = organisationSuspendedTitle(props, locale);
  const name = props.organisationName;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="団体アカウントの利用を一時停止しました。理由をご確認ください。"
        footerReason={`このメールは、つなぐ八幡東で「${name}」の担当者として登録されている方にお送りしています。`}
      >
        <Paragraph>つなぐ八幡東における「{name}」の団体アカウントを、一時停止しましたのでお知らせします。理由は次のとおりです。</Paragraph>
        <QuotedText label="区役所からのコメント" text={props.reason} />
        <Paragraph>停止中は、団体としての機能（募集の作成や公開など）をご利用いただけません。</Paragraph>
        <Paragraph>停止の解除についてのご相談や、ご不明な点がありましたら、八幡東区役所までお問い合わせください。</Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="The organisation account has been suspended. Please read the reason."
      footerReason={`You are receiving this email because you are registered on Tsunagu Yahatahigashi as a member of “${name}”.`}
    >
      <Paragraph>
        We are writing to let you know that the organisation account of “{name}” on Tsunagu Yahatahigashi has been
        suspended, for the following reason:
      </Paragraph>
      <QuotedText label="Comment from the ward office" text={props.reason} />
      <Paragraph>While the account is suspended, the organisation’s features (such as creating and publishing postings) are not available.</Paragraph>
      <Paragraph>To discuss lifting the suspension, or if you have any questions, please contact the Yahatahigashi Ward Office.</Paragraph>
    </EmailLayout>
  );
}
