import type { ReactNode } from "react";
import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

/*
 * The emails about an organisation's registration, one per step of its review: the application was received,
 * approved, returned for changes, or the organisation was suspended. One skeleton (what happened, the ward
 * office's comment when there is one, what to do next, the button) with each step's words in a table.
 */

export interface OrganisationSubmittedProps {
  organisationName: string;
  dashboardUrl: string;
}
export type OrganisationVerifiedProps = OrganisationSubmittedProps;
export interface OrganisationRejectedProps {
  organisationName: string;
  reason: string;
  editUrl: string;
}
export interface OrganisationSuspendedProps {
  organisationName: string;
  reason: string;
}

interface PropsOf {
  submitted: OrganisationSubmittedProps;
  verified: OrganisationVerifiedProps;
  rejected: OrganisationRejectedProps;
  suspended: OrganisationSuspendedProps;
}
export type OrganisationEvent = keyof PropsOf;

interface Words<P> {
  title: (name: string) => string;
  preview: string;
  footerReason: (name: string) => string;
  /** Paragraphs before the ward office's comment. */
  lead: ((name: string) => ReactNode)[];
  /** The label of the ward office's comment (props.reason), for the steps that carry one. */
  comment?: string;
  after?: ReactNode[];
  button?: { label: string; href: (props: P) => string };
  closing?: ReactNode[];
}

const APPLIED: Record<Locale, string> = {
  ja: "このメールは、つなぐ八幡東で団体登録の申請が行われたためお送りしています。",
  en: "You are receiving this email because an application to register an organisation was made on Tsunagu Yahatahigashi.",
};
const MEMBER: Record<Locale, (name: string) => string> = {
  ja: (name) => `このメールは、つなぐ八幡東で「${name}」の担当者として登録されている方にお送りしています。`,
  en: (name) => `You are receiving this email because you are registered on Tsunagu Yahatahigashi as a member of “${name}”.`,
};
const COMMENT: Record<Locale, string> = { ja: "区役所からのコメント", en: "Comment from the ward office" };
const DASHBOARD: Record<Locale, string> = { ja: "ダッシュボードを開く", en: "Open the dashboard" };

const WORDS: { [E in OrganisationEvent]: Record<Locale, Words<PropsOf[E]>> } = {
  submitted: {
    ja: {
      title: (name) => `「${name}」の団体登録申請を受け付けました`,
      preview: "区役所で内容を確認し、結果をメールでお知らせします。",
      footerReason: () => APPLIED.ja,
      lead: [
        () => "つなぐ八幡東への団体登録をお申し込みいただき、ありがとうございます。",
        (name) => <>「{name}」の団体登録の申請を受け付けました。八幡東区役所の担当者が内容を確認し、結果をあらためてメールでお知らせします。</>,
        () => "確認が終わるまでは、募集を公開することはできません。申請の状況は、ダッシュボードでご確認いただけます。",
      ],
      button: { label: DASHBOARD.ja, href: (p) => p.dashboardUrl },
    },
    en: {
      title: (name) => `We have received the application for “${name}”`,
      preview: "The ward office will review it and let you know the result by email.",
      footerReason: () => APPLIED.en,
      lead: [
        () => "Thank you for registering your organisation with Tsunagu Yahatahigashi.",
        (name) => (
          <>
            We have received the application to register “{name}”. Staff at the Yahatahigashi Ward Office will review it and let
            you know the result by email.
          </>
        ),
        () => "Until the review is complete, postings cannot be published. You can check the status of the application on your dashboard.",
      ],
      button: { label: DASHBOARD.en, href: (p) => p.dashboardUrl },
    },
  },
  verified: {
    ja: {
      title: (name) => `「${name}」の団体登録が承認されました`,
      preview: "ボランティアの募集を作成して公開できるようになりました。",
      footerReason: MEMBER.ja,
      lead: [
        (name) => <>八幡東区役所での確認が完了し、「{name}」の団体登録が承認されました。</>,
        () => "これからは、ダッシュボードからボランティアの募集を作成して公開できます。地域の皆さんとのつながりづくりに、ぜひご活用ください。",
      ],
      button: { label: DASHBOARD.ja, href: (p) => p.dashboardUrl },
    },
    en: {
      title: (name) => `“${name}” has been approved`,
      preview: "You can now create and publish volunteer postings.",
      footerReason: MEMBER.en,
      lead: [
        (name) => <>The Yahatahigashi Ward Office has reviewed and approved the registration of “{name}”.</>,
        () => "You can now create and publish volunteer postings from your dashboard. We hope the site helps you connect with people in the community.",
      ],
      button: { label: DASHBOARD.en, href: (p) => p.dashboardUrl },
    },
  },
  rejected: {
    ja: {
      title: (name) => `「${name}」の団体登録申請について`,
      preview: "申請内容について、修正をお願いしたい点があります。",
      footerReason: () => APPLIED.ja,
      lead: [
        (name) => (
          <>「{name}」の団体登録の申請について、八幡東区役所で内容を確認しましたが、現在の内容では承認することができませんでした。理由は次のとおりです。</>
        ),
      ],
      comment: COMMENT.ja,
      after: ["お手数ですが、内容を修正のうえ、あらためて申請してください。下のリンクから申請内容を編集できます。"],
      button: { label: "申請内容を修正する", href: (p) => p.editUrl },
      closing: ["ご不明な点がありましたら、八幡東区役所までお問い合わせください。"],
    },
    en: {
      title: (name) => `About the application for “${name}”`,
      preview: "Some changes are needed before the application can be approved.",
      footerReason: () => APPLIED.en,
      lead: [
        (name) => (
          <>
            The Yahatahigashi Ward Office has reviewed the application to register “{name}”, but could not approve it as it
            stands, for the following reason:
          </>
        ),
      ],
      comment: COMMENT.en,
      after: ["Please update the application and submit it again. You can edit it using the link below."],
      button: { label: "Edit the application", href: (p) => p.editUrl },
      closing: ["If you have any questions, please contact the Yahatahigashi Ward Office."],
    },
  },
  suspended: {
    ja: {
      title: (name) => `「${name}」の団体アカウントを一時停止しました`,
      preview: "団体アカウントの利用を一時停止しました。理由をご確認ください。",
      footerReason: MEMBER.ja,
      lead: [(name) => <>つなぐ八幡東における「{name}」の団体アカウントを、一時停止しましたのでお知らせします。理由は次のとおりです。</>],
      comment: COMMENT.ja,
      after: [
        "停止中は、団体としての機能（募集の作成や公開など）をご利用いただけません。",
        "停止の解除についてのご相談や、ご不明な点がありましたら、八幡東区役所までお問い合わせください。",
      ],
    },
    en: {
      title: (name) => `The account of “${name}” has been suspended`,
      preview: "The organisation account has been suspended. Please read the reason.",
      footerReason: MEMBER.en,
      lead: [
        (name) => (
          <>
            We are writing to let you know that the organisation account of “{name}” on Tsunagu Yahatahigashi has been
            suspended, for the following reason:
          </>
        ),
      ],
      comment: COMMENT.en,
      after: [
        "While the account is suspended, the organisation’s features (such as creating and publishing postings) are not available.",
        "To discuss lifting the suspension, or if you have any questions, please contact the Yahatahigashi Ward Office.",
      ],
    },
  },
};

/** The subject line (after the prefix) and heading of one step's email. */
export function organisationStatusTitle<E extends OrganisationEvent>(event: E, props: PropsOf[E], locale: Locale): string {
  return WORDS[event][locale].title(v(props.organisationName));
}

type AnyStep = { [E in OrganisationEvent]: TemplateProps<PropsOf[E]> & { event: E } }[OrganisationEvent];

export function OrganisationStatusEmail({ event, locale, ...props }: AnyStep) {
  const words = WORDS[event][locale] as Words<PropsOf[OrganisationEvent]>;
  const p = props as PropsOf[OrganisationEvent];
  const name = p.organisationName;
  return (
    <EmailLayout locale={locale} title={organisationStatusTitle(event, p, locale)} preview={words.preview} footerReason={words.footerReason(name)}>
      {words.lead.map((paragraph, index) => (
        <Paragraph key={`lead${index}`}>{paragraph(name)}</Paragraph>
      ))}
      {words.comment && "reason" in p ? <QuotedText label={words.comment} text={p.reason} /> : null}
      {(words.after ?? []).map((paragraph, index) => (
        <Paragraph key={`after${index}`}>{paragraph}</Paragraph>
      ))}
      {words.button ? <ActionButton locale={locale} href={words.button.href(p)} label={words.button.label} /> : null}
      {(words.closing ?? []).map((paragraph, index) => (
        <Paragraph key={`closing${index}`}>{paragraph}</Paragraph>
      ))}
    </EmailLayout>
  );
}

/** One step of the family as the renderer wants a template: its title and its component with the step bound. */
export function organisationStatusTemplate<E extends OrganisationEvent>(event: E) {
  return {
    title: (props: PropsOf[E], locale: Locale) => organisationStatusTitle(event, props, locale),
    component: (props: TemplateProps<PropsOf[E]>) => <OrganisationStatusEmail {...({ ...props, event } as AnyStep)} />,
  };
}
