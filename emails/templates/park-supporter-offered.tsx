import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export const PARK_SUPPORTER_EMAIL_KINDS = ["company", "school", "other"] as const;

export interface ParkSupporterOfferedProps {
  parkName: string;
  /** The company's or school's name as it was typed (never the contact person, who is read on the site). */
  supporterName: string;
  kind: (typeof PARK_SUPPORTER_EMAIL_KINDS)[number];
  reviewUrl: string;
}

const KIND: Record<Locale, Record<ParkSupporterOfferedProps["kind"], string>> = {
  ja: { company: "企業", school: "学校", other: "団体" },
  en: { company: "a company", school: "a school", other: "an organisation" },
};

export function parkSupporterOfferedTitle(props: ParkSupporterOfferedProps, locale: Locale): string {
  return locale === "ja" ? `公園応援団の申し込みがありました（${v(props.parkName)}）` : `A park supporter's offer has arrived (${v(props.parkName)})`;
}

/**
 * To every ward staff account when a company or school offers to support a park (公園応援団). It names the park
 * and who offered; the offer and its contact are read on the site, where staff approve or decline it.
 */
export function ParkSupporterOffered({ locale, ...props }: TemplateProps<ParkSupporterOfferedProps>) {
  const title = parkSupporterOfferedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout locale={locale} title={title} preview="承認するまで公園のページには表示されません。" footerReason="このメールは、つなぐ八幡東の区職員のアカウントをお持ちのためお送りしています。">
        <Paragraph>
          {KIND.ja[props.kind]}「{props.supporterName}」から、{props.parkName}の公園応援団への申し込みがありました。
        </Paragraph>
        <Paragraph>申し出の内容と連絡先はサイトで確認してください。承認すると、公園のページに応援団として表示されます。</Paragraph>
        <ActionButton locale={locale} href={props.reviewUrl} label="申し込みを確認する" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout locale={locale} title={title} preview="It does not show on the park's page until you approve it." footerReason="You are receiving this email because you have a ward staff account on Tsunagu Yahatahigashi.">
      <Paragraph>
        {props.supporterName} ({KIND.en[props.kind]}) has offered to support {props.parkName} as a park supporter.
      </Paragraph>
      <Paragraph>Please read the offer and its contact on the site. Once you approve it, the supporter is shown on the park's page.</Paragraph>
      <ActionButton locale={locale} href={props.reviewUrl} label="Review the offer" />
    </EmailLayout>
  );
}
