import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, SETTINGS_LABEL } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface VolunteerInvitationProps {
  postingTitle: string;
  organisationName: string;
  postingUrl: string;
  threadUrl: string;
  /** Why the posting may suit the person, as short phrases already in their language (may be empty). */
  reasons: string[];
  settingsUrl: string;
}

export function volunteerInvitationTitle(props: VolunteerInvitationProps, locale: Locale): string {
  const organisation = v(props.organisationName);
  const posting = v(props.postingTitle);
  return locale === "ja" ? `${organisation}から「${posting}」へのお誘いが届いています` : `${organisation} invites you to “${posting}”`;
}

/** Sent to a volunteer who allows invitations when a group invites them to a posting that may suit them. */
export function VolunteerInvitation({ locale, ...props }: TemplateProps<VolunteerInvitationProps>) {
  const title = volunteerInvitationTitle(props, locale);
  const reasons = (Array.isArray(props.reasons) ? props.reasons : []).map((r) => String(r).trim()).filter(Boolean);
  const list = reasons.length > 0 ? (
    <ul style={{ margin: "0 0 16px", paddingLeft: "24px", fontSize: "16px", lineHeight: "28px" }}>
      {reasons.map((reason, index) => (
        <li key={index}>{reason}</li>
      ))}
    </ul>
  ) : null;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="あなたに合いそうな募集です。参加するかどうかは、あなたが決められます。"
        footerReason="このメールは、マイページで「団体からの参加のお誘いを受け取る」を選んでいただいているためお送りしています。あなたの連絡先が団体に伝わることはありません。"
        settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.ja.optional }}
      >
        <Paragraph>
          「{props.organisationName}」から、募集「{props.postingTitle}」への参加のお誘いが届いています。
        </Paragraph>
        {list ? <Paragraph>次の点が、あなたに合いそうだと考えられています。</Paragraph> : null}
        {list}
        <Paragraph>
          参加するかどうかは、あなたが決められます。興味があれば募集の内容を見て申し込んでください。参加しない場合は、何もしなくてかまいません。質問は団体へのメッセージで送れます。
        </Paragraph>
        <ActionButton locale={locale} href={props.postingUrl} label="募集の内容を見る" />
        <LinkLine label="団体とのメッセージ：" href={props.threadUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A posting that may suit you. Whether you take part is up to you."
      footerReason="You are receiving this email because you chose, on My page, to let groups invite you. Your contact details are never shared with them."
      settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.en.optional }}
    >
      <Paragraph>
        {props.organisationName} has invited you to take part in their posting “{props.postingTitle}”.
      </Paragraph>
      {list ? <Paragraph>They think it may suit you because of:</Paragraph> : null}
      {list}
      <Paragraph>
        It is up to you. If you are interested, have a look at the posting and apply; if not, you do not need to do
        anything. You can ask the group questions in a message.
      </Paragraph>
      <ActionButton locale={locale} href={props.postingUrl} label="View the posting" />
      <LinkLine label="Your messages with the group:" href={props.threadUrl} />
    </EmailLayout>
  );
}
