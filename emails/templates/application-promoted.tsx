import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ApplicationPromotedProps = ShiftEmailProps & { icsUrl: string };

export function applicationPromotedTitle(props: ApplicationPromotedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `空きが出たため「${posting}」への参加が確定しました` : `A place freed up: you are confirmed for “${posting}”`;
}

/** Sent to the first person on a waiting list when a place frees up and they are moved to confirmed. */
export function ApplicationPromoted({ locale, ...props }: TemplateProps<ApplicationPromotedProps>) {
  const title = applicationPromotedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="キャンセル待ちから繰り上がり、参加が確定しました。日時と場所をご確認ください。"
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」のキャンセル待ちにお申し込みいただいていたためお送りしています。`}
      >
        <Paragraph>
          キャンセル待ちをしていた次の活動に空きが出たため、あなたの参加が確定しました。ご都合をご確認のうえ、当日はお気をつけてお越しください。
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <Paragraph>
          ご都合が合わなくなっていた場合は、お早めに「わたしの活動」から申し込みを取り消してください。次の方に参加枠が回ります。
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
      preview="You have moved up from the waiting list and your place is confirmed. Check the date, time and place."
      footerReason={`You are receiving this email because you were on the waiting list for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>A place has freed up on this session you were waiting for, and your place is now confirmed.</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <Paragraph>
        If it no longer suits you, please withdraw in My activities as early as you can, so that the place goes to the
        next person.
      </Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="Add it to your calendar (.ics file):" href={props.icsUrl} />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
