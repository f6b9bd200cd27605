import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, OptionalLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type MeetingPointChangedProps = ShiftEmailProps & {
  /** The meeting point now; empty when the group no longer gives one. */
  meetingPoint: string;
  /** The meeting point before the change; empty when none had been given. */
  previousMeetingPoint: string;
};

type Change = "set" | "changed" | "cleared";

function change(props: MeetingPointChangedProps): Change {
  if (!props.meetingPoint.trim()) return "cleared";
  return props.previousMeetingPoint.trim() ? "changed" : "set";
}

export function meetingPointChangedTitle(props: MeetingPointChangedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  const titles: Record<Change, Record<Locale, string>> = {
    set: { ja: `「${posting}」の集合場所のお知らせ`, en: `Where to meet for “${posting}”` },
    changed: { ja: `「${posting}」の集合場所が変更されました`, en: `The meeting point for “${posting}” has changed` },
    cleared: { ja: `「${posting}」の集合場所の指定がなくなりました`, en: `“${posting}” no longer has a separate meeting point` },
  };
  return titles[change(props)][locale];
}

/**
 * To each person confirmed for one of the posting's sessions still to come, once, when the group sets, changes or
 * removes the meeting point: the first such session, with the person's other confirmed dates listed.
 */
export function MeetingPointChanged({ locale, ...props }: TemplateProps<MeetingPointChangedProps>) {
  const title = meetingPointChangedTitle(props, locale);
  const kind = change(props);
  const previous = kind === "set" ? "" : props.previousMeetingPoint;
  if (locale === "ja") {
    const lead: Record<Change, string> = {
      set: "参加が確定している次の活動の集合場所を、団体がお知らせします。当日は下の集合場所にお集まりください。",
      changed: "参加が確定している次の活動の集合場所を、団体が変更しました。当日は新しい集合場所にお集まりください。",
      cleared: "参加が確定している次の活動について、団体は集合場所の指定をやめました。当日は活動の場所にお越しください。",
    };
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={kind === "cleared" ? "当日は活動の場所にお越しください。" : "当日の集合場所をご確認ください。"}
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」への参加が確定しているためお送りしています。`}
      >
        <Paragraph>{lead[kind]}</Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <OptionalLine label="変更前の集合場所" value={previous} />
        <Paragraph>ご不明な点は、「わたしの活動」から団体にメッセージでお問い合わせください。</Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動で確認する" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  const lead: Record<Change, string> = {
    set: "The group has told us where to meet for this session you are confirmed for. Please come to the meeting point below on the day.",
    changed: "The group has changed the meeting point for this session you are confirmed for. Please come to the new meeting point on the day.",
    cleared: "The group no longer gives a separate meeting point for this session you are confirmed for. Please come to the place of the activity on the day.",
  };
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={kind === "cleared" ? "Please come to the place of the activity on the day." : "Please check where to meet on the day."}
      footerReason={`You are receiving this email because you are confirmed for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>{lead[kind]}</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <OptionalLine label="Previous meeting point" value={previous} />
      <Paragraph>If anything is unclear, send the group a message from My activities.</Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Check in My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
