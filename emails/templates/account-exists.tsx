import { ActionButton, EmailLayout, Paragraph, TextLink } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import type { TemplateProps } from "./shared";

export interface AccountExistsProps {
  loginUrl: string;
  resetUrl: string;
}

export function accountExistsTitle(_props: AccountExistsProps, locale: Locale): string {
  return locale === "ja" ? "このメールアドレスは登録済みです" : "You already have an account";
}

/** Sent instead of a verification email when someone signs up with an address that already has an account. */
export function AccountExists({ locale, ...props }: TemplateProps<AccountExistsProps>) {
  const title = accountExistsTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="このメールアドレスのアカウントはすでにあります。ログインしてご利用ください。"
        footerReason="このメールは、つなぐ八幡東でこのメールアドレスを使ったアカウント登録の手続きが行われたためお送りしています。"
      >
        <Paragraph>いつもつなぐ八幡東をご利用いただき、ありがとうございます。</Paragraph>
        <Paragraph>
          このメールアドレスで新規登録のお申し込みがありましたが、このメールアドレスのアカウントはすでに登録されています。下のリンクからログインしてください。
        </Paragraph>
        <ActionButton locale={locale} href={props.loginUrl} label="ログインする" />
        <Paragraph>
          パスワードをお忘れの場合は、次のURLから再設定できます。
          <br />
          <TextLink href={props.resetUrl} />
        </Paragraph>
        <Paragraph>お心当たりがない場合は、このメールを破棄してください。アカウントには何も変更されていません。</Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="An account with this email address already exists. Please log in."
      footerReason="You are receiving this email because someone tried to sign up to Tsunagu Yahatahigashi with this email address."
    >
      <Paragraph>
        Someone, perhaps you, tried to sign up to Tsunagu Yahatahigashi with this email address, but an account with
        this address already exists. Please log in using the link below.
      </Paragraph>
      <ActionButton locale={locale} href={props.loginUrl} label="Log in" />
      <Paragraph>
        Forgotten your password? You can reset it here:
        <br />
        <TextLink href={props.resetUrl} />
      </Paragraph>
      <Paragraph>If this was not you, you can ignore this email. Nothing about your account has changed.</Paragraph>
    </EmailLayout>
  );
}
