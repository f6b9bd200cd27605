import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { days, v, type TemplateProps } from "./shared";

export interface InvitationProps {
  organisationName: string;
  inviterName: string;
  role: "owner" | "editor";
  url: string;
  expiresDays: number;
}

const ROLE_LABEL: Record<Locale, Record<InvitationProps["role"], string>> = {
  ja: { owner: "代表者", editor: "編集者" },
  en: { owner: "an owner", editor: "an editor" },
};

const ROLE_DESCRIPTION: Record<Locale, Record<InvitationProps["role"], string>> = {
  ja: {
    owner: "代表者は、募集の作成や編集に加えて、団体情報の編集やメンバーの管理を行えます。",
    editor: "編集者は、団体の募集の作成や編集を行えます。",
  },
  en: {
    owner: "Owners can create and edit postings, and can also edit the organisation’s details and manage its members.",
    editor: "Editors can create and edit the organisation’s postings.",
  },
};

export function invitationTitle(props: InvitationProps, locale: Locale): string {
  const organisation = v(props.organisationName);
  const inviter = v(props.inviterName);
  if (locale === "ja") {
    return inviter ? `${inviter}さんから「${organisation}」への招待が届いています` : `「${organisation}」への招待が届いています`;
  }
  return inviter ? `${inviter} has invited you to join “${organisation}”` : `You have been invited to join “${organisation}”`;
}

export function Invitation({ locale, ...props }: TemplateProps<InvitationProps>) {
  const title = invitationTitle(props, locale);
  const organisation = props.organisationName;
  const inviter = props.inviterName.trim();
  const role = ROLE_LABEL[locale][props.role];
  const expiry = days(locale, props.expiresDays);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={`招待を承諾すると、「${organisation}」の${role}として参加できます。`}
        footerReason={`このメールは、つなぐ八幡東で「${organisation}」のメンバーとしてこのメールアドレスが招待されたためお送りしています。`}
      >
        <Paragraph>
          {inviter ? `${inviter}さんから、` : ""}つなぐ八幡東の「{organisation}」に{role}として参加するよう、招待が届いています。
        </Paragraph>
        <Paragraph>{ROLE_DESCRIPTION[locale][props.role]}</Paragraph>
        <Paragraph>下のリンクから招待を承諾してください。この招待の有効期限は{expiry}です。</Paragraph>
        <ActionButton locale={locale} href={props.url} label="招待を承諾する" />
        <Paragraph>お心当たりがない場合は、このメールを破棄してください。</Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={`Accept the invitation to join “${organisation}” as ${role}.`}
      footerReason={`You are receiving this email because this address was invited to join “${organisation}” on Tsunagu Yahatahigashi.`}
    >
      <Paragraph>
        {inviter ? `${inviter} has invited you` : "You have been invited"} to join “{organisation}” on Tsunagu
        Yahatahigashi as {role}.
      </Paragraph>
      <Paragraph>{ROLE_DESCRIPTION[locale][props.role]}</Paragraph>
      <Paragraph>Open the link below to accept the invitation. It expires in {expiry}.</Paragraph>
      <ActionButton locale={locale} href={props.url} label="Accept the invitation" />
      <Paragraph>If you were not expecting this invitation, you can ignore this email.</Paragraph>
    </EmailLayout>
  );
}
