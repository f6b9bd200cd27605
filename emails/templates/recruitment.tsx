import { ActionButton, EmailLayout, Greeting, Paragraph, TextLink } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import type { TemplateProps } from "./shared";

/** Welfare-commissioner recruitment: the resident's confirmation, and the weekly list of overdue next actions. */

export const RECRUITMENT_EMAIL_WANTS = ["hear", "helper", "nominate"] as const;

export interface RecruitmentInterestReceivedProps {
  name: string;
  wants: (typeof RECRUITMENT_EMAIL_WANTS)[number];
  /** Withdraws at once (deletes what was sent unless the person has been appointed). */
  withdrawUrl: string;
  minseiUrl: string;
}

const WANTS: Record<Locale, Record<RecruitmentInterestReceivedProps["wants"], string>> = {
  ja: { hear: "話を聞きたい", helper: "協力員として体験したい", nominate: "推薦を受けたい" },
  en: { hear: "to hear more", helper: "to try it as a helper", nominate: "to be put forward for nomination" },
};

export function recruitmentInterestReceivedTitle(_props: RecruitmentInterestReceivedProps, locale: Locale): string {
  return locale === "ja" ? "民生委員・児童委員へのご関心を受け付けました" : "Thank you for your interest in becoming a welfare commissioner";
}

export function RecruitmentInterestReceived({ locale, ...props }: TemplateProps<RecruitmentInterestReceivedProps>) {
  const title = recruitmentInterestReceivedTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout locale={locale} title={title} preview="区役所の担当者から、ご希望の方法でご連絡します。" footerReason="このメールは、つなぐ八幡東の「民生委員・児童委員」のページからお申し出いただいたためお送りしています。">
        <Greeting locale={locale} name={props.name} />
        <Paragraph>民生委員・児童委員の活動にご関心をお寄せいただき、ありがとうございます。「{WANTS.ja[props.wants]}」とのお申し出を受け付けました。</Paragraph>
        <Paragraph>八幡東区役所の担当者、またはお住まいの地区の民生委員児童委員協議会の会長から、ご希望の方法でご連絡します。連絡を受けても、引き受ける義務はありません。</Paragraph>
        <Paragraph>お気持ちが変わったときは、いつでも次のボタンから取り消せます。取り消すと、お送りいただいた内容はすぐに削除されます（すでに委嘱された方を除きます）。</Paragraph>
        <ActionButton locale={locale} href={props.withdrawUrl} label="申し出を取り消す" />
        <Paragraph>
          活動の内容は、こちらでご覧いただけます：<TextLink href={props.minseiUrl} />
        </Paragraph>
      </EmailLayout>
    );
  }
  return (
    <EmailLayout locale={locale} title={title} preview="The ward office will contact you the way you asked." footerReason="You are receiving this email because you raised your hand on the welfare commissioners page of Tsunagu Yahatahigashi.">
      <Greeting locale={locale} name={props.name} />
      <Paragraph>Thank you for your interest in the work of welfare and child commissioners. We have received your wish {WANTS.en[props.wants]}.</Paragraph>
      <Paragraph>Someone from the Yahatahigashi ward office, or the chair of your district's welfare commissioners' council, will contact you the way you asked. Being contacted does not oblige you to anything.</Paragraph>
      <Paragraph>If you change your mind, you can withdraw at any time with the button below. What you sent is then deleted at once (unless you have already been appointed).</Paragraph>
      <ActionButton locale={locale} href={props.withdrawUrl} label="Withdraw my interest" />
      <Paragraph>
        Read about the role here: <TextLink href={props.minseiUrl} />
      </Paragraph>
    </EmailLayout>
  );
}

export interface RecruitmentOverdueProps {
  /** How many people in the reader's scope have a next action that is overdue. */
  count: number;
  listUrl: string;
}

export function recruitmentOverdueTitle(props: RecruitmentOverdueProps, locale: Locale): string {
  return locale === "ja" ? `次の対応の期日を過ぎた方が${props.count}人います（民生委員の担い手）` : `${props.count} ${props.count === 1 ? "person is" : "people are"} waiting past their next-action date (commissioner recruitment)`;
}

/** Weekly, to staff and to each district's chair: a count only — names and details are read on the site. */
export function RecruitmentOverdue({ locale, ...props }: TemplateProps<RecruitmentOverdueProps>) {
  const title = recruitmentOverdueTitle(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout locale={locale} title={title} preview="一覧で確認し、連絡や次の対応を記録してください。" footerReason="このメールは、民生委員・児童委員の担い手探しを担当する区職員または地区の会長のアカウントをお持ちのためお送りしています。">
        <Paragraph>民生委員・児童委員に関心を寄せた方のうち、次の対応の期日を過ぎた方が {props.count} 人います。</Paragraph>
        <Paragraph>お名前や連絡先はこのメールには書いていません。ログインして一覧を確認してください。</Paragraph>
        <ActionButton locale={locale} href={props.listUrl} label="期日を過ぎた方の一覧" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout locale={locale} title={title} preview="Please look at the list and record what you did next." footerReason="You are receiving this email because your account works on welfare-commissioner recruitment.">
      <Paragraph>{props.count} of the people who raised a hand to become welfare commissioners have a next action that is overdue.</Paragraph>
      <Paragraph>This email does not contain their names or contact details. Please sign in and look at the list.</Paragraph>
      <ActionButton locale={locale} href={props.listUrl} label="People with overdue next actions" />
    </EmailLayout>
  );
}
