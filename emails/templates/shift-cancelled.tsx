import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import { LinkLine, ShiftDetails, shiftDay } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ShiftCancelledProps = ShiftEmailProps & {
  /** The group's reason, as typed; empty when none was given. */
  reason: string;
};

export function shiftCancelledTitle(props: ShiftCancelledProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  const day = shiftDay(props.startsAt, locale);
  return locale === "ja" ? `「${posting}」の${day}の活動は中止になりました` : `The ${day} session of “${posting}” has been cancelled`;
}

/** Sent to everyone with an active application to a shift the group removed or cancelled. */
export function ShiftCancelled({ locale, ...props }: TemplateProps<ShiftCancelledProps>) {
  const title = shiftCancelledTitle(props, locale);
  const reason = props.reason.trim();
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="お申し込みいただいていた日程が中止になりました。お申し込みは取り消されています。"
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」のこの日程にお申し込みいただいていたためお送りしています。`}
      >
        <Paragraph>
          お申し込みいただいていた次の活動は、団体の都合により中止となりました。この日程へのお申し込みは取り消されています。あなたが手続きをする必要はありません。
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        {reason ? <QuotedText label="団体からの説明" text={props.reason} /> : <Paragraph>団体からの説明はありませんでした。</Paragraph>}
        <Paragraph>ご参加の予定を立ててくださっていたところ、申し訳ありません。ほかの日程や募集もぜひご覧ください。</Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動を見る" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A session you applied for has been cancelled, and your application with it."
      footerReason={`You are receiving this email because you applied for this session of “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>
        The group has cancelled this session you applied for, so your application for it has been cancelled too. You do
        not need to do anything.
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      {reason ? <QuotedText label="The group’s explanation" text={props.reason} /> : <Paragraph>The group did not give a reason.</Paragraph>}
      <Paragraph>We are sorry if you had set time aside for it. Other sessions and postings may still suit you.</Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
