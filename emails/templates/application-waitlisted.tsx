import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ApplicationWaitlistedProps = ShiftEmailProps & {
  /** 1 for the first in line. */
  position: number;
};

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th"}`;
}

export function applicationWaitlistedTitle(props: ApplicationWaitlistedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja"
    ? `「${posting}」のキャンセル待ち（${props.position}番目）になりました`
    : `You are number ${props.position} on the waiting list for “${posting}”`;
}

/** Sent to the volunteer whose application arrived when the shift was full: they are on the waiting list. */
export function ApplicationWaitlisted({ locale, ...props }: TemplateProps<ApplicationWaitlistedProps>) {
  const title = applicationWaitlistedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={`定員に達していたため、キャンセル待ちの${props.position}番目として受け付けました。`}
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」にお申し込みいただいたためお送りしています。`}
      >
        <Paragraph>
          お申し込みいただいた次の活動は定員に達していたため、キャンセル待ちとして受け付けました。あなたはキャンセル待ちの{props.position}番目です。
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <Paragraph>
          参加できなくなった方が出て空きができたら、順番に参加が確定し、メールでお知らせします。それまでは参加は確定していませんので、ご注意ください。
        </Paragraph>
        <Paragraph>キャンセル待ちをやめる場合は、「わたしの活動」から申し込みを取り消してください。</Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動を見る" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={`The session was full, so you are ${ordinal(props.position)} on the waiting list.`}
      footerReason={`You are receiving this email because you applied for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>
        This session was already full when your application arrived, so you are on the waiting list: you are number{" "}
        {props.position}.
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <Paragraph>
        If a place frees up, people on the waiting list are confirmed in order and we will email you. Until then your
        place is not confirmed.
      </Paragraph>
      <Paragraph>If you no longer want to wait, withdraw your application in My activities.</Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
