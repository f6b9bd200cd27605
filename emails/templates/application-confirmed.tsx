import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, OptionalLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ApplicationConfirmedProps = ShiftEmailProps & { icsUrl: string; whatToBring: string; contactName: string };

export function applicationConfirmedTitle(props: ApplicationConfirmedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `「${posting}」への参加が確定しました` : `Your place is confirmed: “${posting}”`;
}

/** Sent to the volunteer when their place on a shift is confirmed (at once in first-come mode, or by the group). */
export function ApplicationConfirmed({ locale, ...props }: TemplateProps<ApplicationConfirmedProps>) {
  const title = applicationConfirmedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="日時と場所をご確認ください。カレンダーにも追加できます。"
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」にお申し込みいただいたためお送りしています。`}
      >
        <Paragraph>お申し込みいただいた次の活動への参加が確定しました。当日お会いできるのを団体が楽しみにしています。</Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <OptionalLine label="持ち物・服装" value={props.whatToBring} />
        <OptionalLine label="団体の担当者" value={props.contactName} />
        <Paragraph>
          質問は「わたしの活動」から団体へのメッセージで送れます。参加できなくなった場合は、お早めに「わたしの活動」から申し込みを取り消してください。キャンセル待ちの方に参加枠が回ります。
        </Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動を見る" />
        <LinkLine label="カレンダーに追加する（.icsファイル）：" href={props.icsUrl} />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="Check the date, time and place. You can add it to your calendar too."
      footerReason={`You are receiving this email because you applied for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>Your place on this session is confirmed. The group is looking forward to seeing you.</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <OptionalLine label="What to bring and wear" value={props.whatToBring} />
      <OptionalLine label="Contact person at the group" value={props.contactName} />
      <Paragraph>
        You can send the group a question from My activities. If you can no longer take part, please withdraw there as
        early as you can, so that the place goes to someone on the waiting list.
      </Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="Add it to your calendar (.ics file):" href={props.icsUrl} />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
