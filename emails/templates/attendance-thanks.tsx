import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { DetailList, LinkLine, ShiftDetails, shiftDay } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type AttendanceThanksProps = ShiftEmailProps & {
  /** The hours the group confirmed for this session, as the hours page shows them: "2:30" and "2.5". */
  hoursClock: string;
  hoursDecimal: string;
  /** The one-question feedback form (また参加したい？ and a comment) for this session. */
  feedbackUrl: string;
  /** The volunteer's hours page (by 年度, and certificates). */
  hoursUrl: string;
};

export function attendanceThanksTitle(props: AttendanceThanksProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `「${posting}」へのご参加ありがとうございました` : `Thank you for taking part in “${posting}”`;
}

/** Sent to each person who attended, once the group confirmed the session's attendance: their hours and one question. */
export function AttendanceThanks({ locale, ...props }: TemplateProps<AttendanceThanksProps>) {
  const title = attendanceThanksTitle(props, locale);
  const h = { clock: props.hoursClock, decimal: props.hoursDecimal };
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={`${shiftDay(props.startsAt, locale)}の活動の記録：${h.clock}（${h.decimal}時間）`}
        footerReason={`このメールは、「${props.organisationName}」が${shiftDay(props.startsAt, locale)}の活動の出席を確定した際に、参加した方にお送りしています。`}
      >
        <Paragraph>ご参加ありがとうございました。団体が出席を確定し、次の時間が記録されました。</Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <DetailList rows={[{ label: "記録された時間", value: `${h.clock}（${h.decimal}時間）` }]} />
        <Paragraph>ひとつだけ質問させてください。また参加したいと思いますか？（コメントは任意です。回答は団体に人数としてのみ伝わり、誰が答えたかは伝わりません。）</Paragraph>
        <ActionButton locale={locale} href={props.feedbackUrl} label="また参加したい？に答える" />
        <LinkLine label="活動時間と証明書：" href={props.hoursUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={`Your hours for ${shiftDay(props.startsAt, locale)}: ${h.clock} (${h.decimal} h)`}
      footerReason={`You are receiving this email because ${props.organisationName} confirmed the attendance of the ${shiftDay(props.startsAt, locale)} session you took part in.`}
    >
      <Paragraph>Thank you for taking part. The group has confirmed the attendance, and these hours are recorded for you.</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <DetailList rows={[{ label: "Hours recorded", value: `${h.clock} (${h.decimal} h)` }]} />
      <Paragraph>
        One question, if you have a moment: would you like to take part again? (A comment is optional. The group sees the answers only as
        counts, never who gave them.)
      </Paragraph>
      <ActionButton locale={locale} href={props.feedbackUrl} label="Answer: would you take part again?" />
      <LinkLine label="Your hours and certificates:" href={props.hoursUrl} />
    </EmailLayout>
  );
}
