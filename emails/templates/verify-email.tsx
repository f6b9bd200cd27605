import { ActionButton, EmailLayout, Greeting, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import type { TemplateProps } from "./shared";

export interface VerifyEmailProps {
  name: string;
  url: string;
}

export function verifyEmailTitle(_props: VerifyEmailProps, locale: Locale): string {
  return locale === "ja" ? "メールアドレスの確認のお願い" : "Please confirm your email address";
}

export function VerifyEmail({ locale, ...props }: TemplateProps<VerifyEmailProps>) {
  const title = verifyEmailTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="下のリンクから、メールアドレスの確認を完了してください。"
        footerReason="このメールは、つなぐ八幡東でアカウント登録の手続きが行われたためお送りしています。"
      >
        <Greeting locale={locale} name={props.name} />
        <Paragraph>つなぐ八幡東にご登録いただき、ありがとうございます。</Paragraph>
        <Paragraph>登録を完了するには、下のリンクを開いて、メールアドレスの確認をお願いします。</Paragraph>
        <ActionButton locale={locale} href={props.url} label="メールアドレスを確認する" />
        <Paragraph>
          このメールにお心当たりがない場合は、お手数ですが破棄してください。メールアドレスの確認が済むまで、登録は完了しません。
        </Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="Open the link below to confirm your email address."
      footerReason="You are receiving this email because someone signed up to Tsunagu Yahatahigashi with this email address."
    >
      <Greeting locale={locale} name={props.name} />
      <Paragraph>Thank you for signing up to Tsunagu Yahatahigashi.</Paragraph>
      <Paragraph>To finish signing up, please open the link below to confirm your email address.</Paragraph>
      <ActionButton locale={locale} href={props.url} label="Confirm my email address" />
      <Paragraph>
        If you did not sign up, you can safely ignore this email. Signing up is not complete until the address is
        confirmed.
      </Paragraph>
    </EmailLayout>
  );
}
