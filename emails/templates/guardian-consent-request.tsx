import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { formatDateTime } from "~/utils/format";
import { v, type OtherSession, type TemplateProps } from "./shared";

export interface GuardianConsentRequestProps {
  /** The student, as they gave their name. */
  childName: string;
  /** The guardian, as the student named them. */
  guardianName: string;
  postingTitle: string;
  organisationName: string;
  placeName: string;
  /** The first session the request covers; `sessionCount` says how many there are, `otherSessions` the rest. */
  startsAt: string;
  endsAt: string;
  sessionCount: number;
  otherSessions?: OtherSession[];
  /** Until when the consent link works. */
  expiresAt: string;
  consentUrl: string;
  revokeUrl: string;
  postingUrl: string;
}

export function guardianConsentRequestTitle(props: GuardianConsentRequestProps, locale: Locale): string {
  const child = v(props.childName);
  const posting = v(props.postingTitle);
  return locale === "ja" ? `${child}さんのボランティア参加への同意のお願い（「${posting}」）` : `Your consent is asked for ${child} to volunteer: “${posting}”`;
}

/**
 * To the guardian a student named: the activity, a single-use link to the page that shows everything and asks
 * for consent, and a second link to withdraw consent later. No account is needed.
 */
export function GuardianConsentRequest({ locale, ...props }: TemplateProps<GuardianConsentRequestProps>) {
  const title = guardianConsentRequestTitle(props, locale);
  const more = props.sessionCount > 1;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="活動の内容をご確認のうえ、同意するかどうかをお知らせください。"
        footerReason={`このメールは、${props.childName}さんがつなぐ八幡東で活動に申し込み、保護者の連絡先としてこのアドレスを入力したためお送りしています。お心当たりがない場合は、このメールを破棄してください（同意しない限り参加は確定しません）。`}
      >
        <Paragraph>{props.guardianName.trim() ? `${props.guardianName} 様` : "保護者の方へ"}</Paragraph>
        <Paragraph>
          {props.childName}さんが、八幡東区のボランティア募集サイト「つなぐ八幡東」で次の活動に申し込みました。18歳未満の方の参加には保護者の同意が必要です。
          {more ? `（全${props.sessionCount}回。日程はすべて下に示します。）` : ""}
        </Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <Paragraph>
          次のページで、活動の内容、当日の責任者、保険、持ち物、緊急時の連絡方法をご確認のうえ、同意するかどうかをお知らせください。ログインは不要です。このリンクは{formatDateTime(props.expiresAt, locale)}まで、1回だけ使えます。
        </Paragraph>
        <ActionButton locale={locale} href={props.consentUrl} label="内容を確認して回答する" />
        <Paragraph>同意した後でも、次のリンクからいつでも同意を取り消せます。取り消すと申し込みは取り下げられ、団体に知らせます。このメールは保管しておいてください。</Paragraph>
        <LinkLine label="同意を取り消す：" href={props.revokeUrl} />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="Please read about the activity and tell us whether you consent."
      footerReason={`You are receiving this email because ${props.childName} applied for an activity on Tsunagu Yahatahigashi and gave this address for their parent or guardian. If this means nothing to you, please delete it: without consent the place is never confirmed.`}
    >
      <Paragraph>{props.guardianName.trim() ? `Dear ${props.guardianName},` : "Dear parent or guardian,"}</Paragraph>
      <Paragraph>
        {props.childName} has applied for the following activity on Tsunagu Yahatahigashi, the volunteering site of Yahatahigashi Ward. People under 18 need
        the consent of a parent or guardian to take part.{more ? ` (${props.sessionCount} sessions: every date is listed below.)` : ""}
      </Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <Paragraph>
        The page below shows what the activity involves, who is responsible on the day, the insurance, what to bring and how emergencies are handled, and
        asks for your answer. No account is needed. The link works once, until {formatDateTime(props.expiresAt, locale)}.
      </Paragraph>
      <ActionButton locale={locale} href={props.consentUrl} label="Read and answer" />
      <Paragraph>
        Even after consenting you can withdraw at any time with the link below: the application is then withdrawn and the group is told. Please keep this
        email.
      </Paragraph>
      <LinkLine label="Withdraw consent:" href={props.revokeUrl} />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
