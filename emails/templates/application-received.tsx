import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { LinkLine, SETTINGS_LABEL, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

export type ApplicationReceivedProps = ShiftEmailProps & { settingsUrl: string };

export function applicationReceivedTitle(props: ApplicationReceivedProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `「${posting}」へのお申し込みを受け付けました` : `We have received your application for “${posting}”`;
}

/** Sent to the volunteer when a posting in review mode receives their application: the group decides next. */
export function ApplicationReceived({ locale, ...props }: TemplateProps<ApplicationReceivedProps>) {
  const title = applicationReceivedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="団体が内容を確認してから、参加できるかどうかをお知らせします。"
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の募集「${props.postingTitle}」にお申し込みいただいたためお送りしています。`}
        settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.ja.tune }}
      >
        <Paragraph>次の活動へのお申し込みを受け付けました。ありがとうございます。</Paragraph>
        <ShiftDetails locale={locale} shift={props} />
        <Paragraph>
          この募集は、団体が申し込みを確認してから参加が確定します。まだ参加は確定していません。団体が確定または見送りを決めたら、メールでお知らせします。
        </Paragraph>
        <Paragraph>お申し込みの状況は「わたしの活動」でいつでも確認できます。ご都合が悪くなった場合は、そこから申し込みを取り消せます。</Paragraph>
        <ActionButton locale={locale} href={props.activitiesUrl} label="わたしの活動を見る" />
        <LinkLine label="募集の詳細：" href={props.postingUrl} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="The group will look at your application and then tell you whether you can take part."
      footerReason={`You are receiving this email because you applied for “${props.postingTitle}” by ${props.organisationName} on Tsunagu Yahatahigashi.`}
      settings={{ href: props.settingsUrl, label: SETTINGS_LABEL.en.tune }}
    >
      <Paragraph>Thank you: we have received your application for this session.</Paragraph>
      <ShiftDetails locale={locale} shift={props} />
      <Paragraph>
        For this posting the group reads each application before confirming it, so your place is not confirmed yet. We
        will email you as soon as the group has confirmed or declined it.
      </Paragraph>
      <Paragraph>You can follow your application in My activities at any time, and withdraw it there if your plans change.</Paragraph>
      <ActionButton locale={locale} href={props.activitiesUrl} label="Open My activities" />
      <LinkLine label="The posting:" href={props.postingUrl} />
    </EmailLayout>
  );
}
