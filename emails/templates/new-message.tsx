import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { SETTINGS_LABEL } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface NewMessageProps {
  postingTitle: string;
  /** Who wrote: a group's name, a person's display name, or the ward office (already in the reader's language). */
  senderLabel: string;
  threadUrl: string;
  settingsUrl: string;
}

export function newMessageTitle(props: NewMessageProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  const sender = v(props.senderLabel);
  return locale === "ja" ? `${sender}から「${posting}」についてのメッセージが届いています` : `New message from ${sender} about “${posting}”`;
}

/**
 * Tells a thread participant that a new message is waiting. The message itself is never in the email: it is read
 * on the site, where replying keeps everyone's contact details private.
 */
export function NewMessage({ locale, ...props }: TemplateProps<NewMessageProps>) {
  const title = newMessageTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="メッセージの内容は、つなぐ八幡東にログインしてご覧ください。"
        footerReason={`このメールは、つなぐ八幡東の募集「${props.postingTitle}」についてのメッセージのやりとりに、あなたが参加しているためお送りしています。`}
        settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.ja.optional }}
      >
        <Paragraph>
          {props.senderLabel}から、募集「{props.postingTitle}」についての新しいメッセージが届いています。
        </Paragraph>
        <Paragraph>
          メッセージの内容は、サイトにログインしてご覧ください。返信もサイトからできるので、電話番号やメールアドレスを伝え合う必要はありません。
        </Paragraph>
        <ActionButton locale={locale} href={props.threadUrl} label="メッセージを読む" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="Log in to Tsunagu Yahatahigashi to read it."
      footerReason={`You are receiving this email because you take part in a conversation about the posting “${props.postingTitle}” on Tsunagu Yahatahigashi.`}
      settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.en.optional }}
    >
      <Paragraph>
        {props.senderLabel} has sent a new message about the posting “{props.postingTitle}”.
      </Paragraph>
      <Paragraph>
        Log in to the site to read it. You can reply there too, so nobody needs to share a phone number or email
        address.
      </Paragraph>
      <ActionButton locale={locale} href={props.threadUrl} label="Read the message" />
    </EmailLayout>
  );
}
