import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface GuardianConsentNoticeProps {
  childName: string;
  guardianName: string;
  postingTitle: string;
  organisationName: string;
  placeName: string;
  startsAt: string;
  endsAt: string;
  sessionCount: number;
  revokeUrl: string;
  postingUrl: string;
}

export function guardianConsentNoticeTitle(props: GuardianConsentNoticeProps, locale: Locale): string {
  const child = v(props.childName);
  const posting = v(props.postingTitle);
  return locale === "ja" ? `${child}さんが「${posting}」に申し込みました（年度の同意による）` : `${child} applied for “${posting}” (under your consent for the school year)`;
}

/** To a guardian who gave a standing consent for the school year, each time it covers a new application. */
export function GuardianConsentNotice({ locale, ...props }: TemplateProps<GuardianConsentNoticeProps>) {
  const title = guardianConsentNoticeTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="この活動への参加を取り消したい場合は、メールのリンクからできます。"
        footerReason={`このメールは、${props.childName}さんの活動について、この学年度の参加への同意をいただいているためお送りしています。`}
      >
        <Paragraph>{props.guardianName.trim() ? `${props.guardianName} 様` : "保護者の方へ"}</Paragraph>
        <Paragraph>
          {props.childName}さんが次の活動に申し込みました。この学年度の活動への同意をいただいているため、改めての回答は不要です。
          {props.sessionCount > 1 ? `（全${props.sessionCount}回のうち最初の回を表示しています。）` : ""}
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <Paragraph>この活動への参加に同意しない場合は、次のリンクから取り消してください。申し込みは取り下げられ、団体に知らせます。</Paragraph>
        <ActionButton locale={locale} href={props.revokeUrl} label="この活動への同意を取り消す" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="If you do not want them to take part in this one, the link in this email withdraws it."
      footerReason={`You are receiving this email because you consented to ${props.childName}'s activities for this school year.`}
    >
      <Paragraph>{props.guardianName.trim() ? `Dear ${props.guardianName},` : "Dear parent or guardian,"}</Paragraph>
      <Paragraph>
        {props.childName} has applied for the activity below. Your consent for this school year covers it, so you need not answer.
        {props.sessionCount > 1 ? ` (This is the first of ${props.sessionCount} sessions.)` : ""}
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <Paragraph>If you do not consent to this activity, withdraw with the link below: the application is withdrawn and the group is told.</Paragraph>
      <ActionButton locale={locale} href={props.revokeUrl} label="Withdraw consent for this activity" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
