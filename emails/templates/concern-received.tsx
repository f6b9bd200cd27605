import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export const CONCERN_EMAIL_CATEGORIES = ["child_safety", "harassment", "dangerous_activity", "fraud_misuse", "other"] as const;
export const CONCERN_EMAIL_SUBJECTS = ["posting", "organisation", "user", "general"] as const;

export interface ConcernReceivedProps {
  /** The reference the reporter was given, e.g. `K7M3-9QX2`. */
  reference: string;
  category: (typeof CONCERN_EMAIL_CATEGORIES)[number];
  subjectType: (typeof CONCERN_EMAIL_SUBJECTS)[number];
  /** A posting's title or an organisation's name; empty for a person (no one's name goes into this email). */
  subjectName: string;
  concernUrl: string;
}

const CATEGORY: Record<Locale, Record<ConcernReceivedProps["category"], string>> = {
  ja: {
    child_safety: "子どもの安全",
    harassment: "ハラスメント・いやがらせ",
    dangerous_activity: "危険な活動",
    fraud_misuse: "詐欺・不正な利用",
    other: "その他",
  },
  en: {
    child_safety: "Safety of a child",
    harassment: "Harassment",
    dangerous_activity: "Dangerous activity",
    fraud_misuse: "Fraud or misuse",
    other: "Something else",
  },
};

function about(props: ConcernReceivedProps, locale: Locale): string {
  const name = props.subjectName.trim();
  if (locale === "ja") {
    if (props.subjectType === "posting") return name ? `募集「${name}」` : "募集";
    if (props.subjectType === "organisation") return name ? `団体「${name}」` : "団体";
    if (props.subjectType === "user") return "利用者のアカウント";
    return "特定の募集・団体・人以外のこと";
  }
  if (props.subjectType === "posting") return name ? `the posting “${name}”` : "a posting";
  if (props.subjectType === "organisation") return name ? `the organisation “${name}”` : "an organisation";
  if (props.subjectType === "user") return "a person's account";
  return "something other than one posting, organisation or person";
}

export function concernReceivedTitle(props: ConcernReceivedProps, locale: Locale): string {
  const urgent = props.category === "child_safety";
  const reference = v(props.reference);
  if (locale === "ja") return `${urgent ? "【至急】" : ""}懸念の報告がありました（受付番号 ${reference}）`;
  return `${urgent ? "URGENT: " : ""}A concern has been reported (reference ${reference})`;
}

/**
 * Sent to every ward staff account when someone reports a concern. It says only what kind of concern it is and
 * what it is about: the report itself (which may describe a child) is read on the site, behind the staff login.
 */
export function ConcernReceived({ locale, ...props }: TemplateProps<ConcernReceivedProps>) {
  const title = concernReceivedTitle(props, locale);
  const urgent = props.category === "child_safety";
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="懸念の報告が届きました。内容はサイトで確認してください。"
        footerReason="このメールは、つなぐ八幡東の区職員のアカウントをお持ちのためお送りしています。"
      >
        <Paragraph>
          つなぐ八幡東に、{about(props, locale)}についての懸念の報告が届きました。種類は「{CATEGORY.ja[props.category]}」です。
        </Paragraph>
        {urgent ? <Paragraph>子どもの安全に関わる報告です。できるだけ早く内容を確認してください。</Paragraph> : null}
        <Paragraph>
          報告の内容はこのメールには書いていません。区職員としてログインし、受付番号 {props.reference} の報告を確認してください。
        </Paragraph>
        <ActionButton locale={locale} href={props.concernUrl} label="報告を確認する" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A concern has been reported. Please read it on the site."
      footerReason="You are receiving this email because you have a ward staff account on Tsunagu Yahatahigashi."
    >
      <Paragraph>
        Someone has reported a concern about {about(props, locale)} on Tsunagu Yahatahigashi. It is about: {CATEGORY.en[props.category]}.
      </Paragraph>
      {urgent ? <Paragraph>It concerns the safety of a child. Please look at it as soon as you can.</Paragraph> : null}
      <Paragraph>
        This email does not contain the report itself. Please sign in as ward staff and read the report with reference{" "}
        {props.reference}.
      </Paragraph>
      <ActionButton locale={locale} href={props.concernUrl} label="Read the report" />
    </EmailLayout>
  );
}
