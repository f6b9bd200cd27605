import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, OptionalLine, SETTINGS_LABEL, ShiftDetails, shiftStartShort } from "../components/shift";
import { formatTime } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ShiftReminderProps = ShiftEmailProps & {
  /** Which reminder: the day before, or the second one a few hours before. */
  when: "day-before" | "two-hours";
  whatToBring: string;
  contactName: string;
  threadUrl: string;
  settingsUrl: string;
};

export function shiftReminderTitle(props: ShiftReminderProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  if (props.when === "two-hours") {
    const time = formatTime(props.startsAt);
    return locale === "ja" ? `まもなく${time}から「${posting}」が始まります` : `Starting soon: “${posting}” at ${time}`;
  }
  const start = shiftStartShort(props.startsAt, locale);
  return locale === "ja" ? `リマインダー：${start}から「${posting}」` : `Reminder: “${posting}” on ${start}`;
}

/** Sent to a confirmed volunteer before their shift (the day before, and optionally a few hours before). */
export function ShiftReminder({ locale, ...props }: TemplateProps<ShiftReminderProps>) {
  const title = shiftReminderTitle(props, locale);
  const soon = props.when === "two-hours";
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={soon ? "まもなく活動が始まります。場所と持ち物をご確認ください。" : "参加が確定している活動が近づいています。日時と場所をご確認ください。"}
        footerReason={`このメールは、「${props.organisationName}」の募集「${props.postingTitle}」への参加が確定している方に、活動前のリマインダーとしてお送りしています。`}
        settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.ja.optional }}
      >
        <Paragraph>
          {soon ? "参加が確定している次の活動が、まもなく始まります。" : "参加が確定している次の活動が近づいてきました。"}
          日時と場所をもう一度ご確認ください。
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <OptionalLine label="持ち物・服装" value={props.whatToBring} />
        <OptionalLine label="団体の担当者" value={props.contactName} />
        <Paragraph>
          遅れそうなときや質問があるときは、団体へのメッセージでお知らせください。参加できなくなった場合は、「わたしの活動」から申し込みを取り消してください。
        </Paragraph>
        <ActionButton locale={locale} href={props.threadUrl} label="団体にメッセージを送る" />
        <LinkLine label="わたしの活動（取り消し・カレンダー）：" href={props.activitiesUrl} />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={soon ? "Your activity starts soon. Check the place and what to bring." : "An activity you are confirmed for is coming up. Check the date, time and place."}
      footerReason={`You are receiving this email because you are confirmed for “${props.postingTitle}” by ${props.organisationName}, and we send a reminder before each activity.`}
      settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.en.optional }}
    >
      <Paragraph>
        {soon ? "An activity you are confirmed for starts soon." : "An activity you are confirmed for is coming up."} Please
        check the date, time and place once more.
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <OptionalLine label="What to bring and wear" value={props.whatToBring} />
      <OptionalLine label="Contact person at the group" value={props.contactName} />
      <Paragraph>
        If you are running late or have a question, send the group a message. If you can no longer take part, please
        withdraw in My activities.
      </Paragraph>
      <ActionButton locale={locale} href={props.threadUrl} label="Send the group a message" />
      <LinkLine label="My activities (withdraw, calendar):" href={props.activitiesUrl} />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
