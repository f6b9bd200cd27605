import { ActionButton, EmailLayout, Greeting, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { minutes, type TemplateProps } from "./shared";

export interface ResetPasswordProps {
  name: string;
  url: string;
  expiresMinutes: number;
}

export function resetPasswordTitle(_props: ResetPasswordProps, locale: Locale): string {
  return locale === "ja" ? "パスワード再設定のご案内" : "Reset your password";
}

export function ResetPassword({ locale, ...props }: TemplateProps<ResetPasswordProps>) {
  const title = resetPasswordTitle(props, locale);
  const expiry = minutes(locale, props.expiresMinutes);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={`パスワード再設定用のリンクをお送りします（有効期限${expiry}）。`}
        footerReason="このメールは、つなぐ八幡東でパスワード再設定の手続きが行われたためお送りしています。"
      >
        <Greeting locale={locale} name={props.name} />
        <Paragraph>パスワード再設定のお申し込みを受け付けました。下のリンクから、新しいパスワードを設定してください。</Paragraph>
        <ActionButton locale={locale} href={props.url} label="パスワードを再設定する" />
        <Paragraph>
          このリンクの有効期限は{expiry}で、一度だけお使いいただけます。期限が過ぎた場合は、もう一度お手続きをお願いします。
        </Paragraph>
        <Paragraph>お心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。</Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={`Here is your link to reset your password (valid for ${expiry}).`}
      footerReason="You are receiving this email because a password reset was requested for your Tsunagu Yahatahigashi account."
    >
      <Greeting locale={locale} name={props.name} />
      <Paragraph>We received a request to reset your password. Open the link below to choose a new one.</Paragraph>
      <ActionButton locale={locale} href={props.url} label="Reset my password" />
      <Paragraph>
        This link expires in {expiry} and can be used only once. If it has expired, please request a new one.
      </Paragraph>
      <Paragraph>If you did not ask to reset your password, you can ignore this email. Your password will not change.</Paragraph>
    </EmailLayout>
  );
}
