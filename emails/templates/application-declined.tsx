import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ApplicationDeclinedProps = ShiftEmailProps & {
  /** The group's reason, as typed; empty when none was given. */
  reason: string;
};

export function applicationDeclinedTitle(props: ApplicationDeclinedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `「${posting}」へのお申し込みは見送りとなりました` : `Your application for “${posting}” was not accepted`;
}

/** Sent to the volunteer when the group declines their application to a shift. */
export function ApplicationDeclined({ locale, ...props }: TemplateProps<ApplicationDeclinedProps>) {
  const title = applicationDeclinedTitle(props, locale);
  const reason = props.reason.trim();
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="今回は参加を見送るとの連絡が団体からありました。"
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」にお申し込みいただいたためお送りしています。`}
      >
        <Paragraph>お申し込みいただいた次の活動について、団体から今回は参加を見送るとの連絡がありました。</Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        {reason ? <QuotedText label="団体からの説明" text={props.reason} /> : <Paragraph>団体からの説明はありませんでした。</Paragraph>}
        <Paragraph>お申し込みいただき、ありがとうございました。ほかにもあなたの力を必要としている募集があります。ぜひ探してみてください。</Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動を見る" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="The group has told us they cannot take you on this time."
      footerReason={`You are receiving this email because you applied for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>The group has decided not to take up your application for this session this time.</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      {reason ? <QuotedText label="The group’s explanation" text={props.reason} /> : <Paragraph>The group did not give a reason.</Paragraph>}
      <Paragraph>Thank you for applying. Other postings still need help like yours: we hope you find one that suits you.</Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
