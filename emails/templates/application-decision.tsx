import type { ReactNode } from "react";
import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import { LinkLine, OptionalLine, SETTINGS_LABEL, ShiftDetails } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type ShiftEmailProps, type TemplateProps } from "./shared";

/*
 * The emails to a volunteer about their application to one shift: received (review mode: the group decides next),
 * confirmed, promoted from the waiting list, or declined. One skeleton (what happened, the shift, what the group
 * added, what to do next, My activities, the calendar file once confirmed, the posting) with each outcome's words
 * in a table. The waiting-list email tells a position and stays a template of its own.
 */

export type ApplicationReceivedProps = ShiftEmailProps & { settingsUrl: string };
export type ApplicationConfirmedProps = ShiftEmailProps & { icsUrl: string; whatToBring: string; contactName: string };
export type ApplicationPromotedProps = ShiftEmailProps & { icsUrl: string };
export type ApplicationDeclinedProps = ShiftEmailProps & {
  /** The group's reason, as typed; empty when none was given. */
  reason: string;
};

interface PropsOf {
  received: ApplicationReceivedProps;
  confirmed: ApplicationConfirmedProps;
  promoted: ApplicationPromotedProps;
  declined: ApplicationDeclinedProps;
}
export type ApplicationOutcome = keyof PropsOf;

interface Words<P> {
  title: (posting: string) => string;
  preview: string;
  /** Why the reader gets it: they applied, or they were on the waiting list. */
  footer: "applied" | "waitlisted";
  intro: string;
  /** What the group added (what to bring, its reason), after the shift. */
  added?: (props: P) => ReactNode;
  next: string[];
}

const FOOTER: Record<Locale, Record<Words<unknown>["footer"], (p: ShiftEmailProps) => string>> = {
  ja: {
    applied: (p) => `このメールは、つなぐ八幡東で「${p.organisationName}」の募集「${p.postingTitle}」にお申し込みいただいたためお送りしています。`,
    waitlisted: (p) =>
      `このメールは、つなぐ八幡東で「${p.organisationName}」の募集「${p.postingTitle}」のキャンセル待ちにお申し込みいただいていたためお送りしています。`,
  },
  en: {
    applied: (p) => `You are receiving this email because you applied for “${p.postingTitle}” by ${p.organisationName} on Tsunagu Yahatahigashi.`,
    waitlisted: (p) =>
      `You are receiving this email because you were on the waiting list for “${p.postingTitle}” by ${p.organisationName} on Tsunagu Yahatahigashi.`,
  },
};

const LINKS: Record<Locale, { activities: string; ics: string; posting: string }> = {
  ja: { activities: "わたしの活動を見る", ics: "カレンダーに追加する（.icsファイル）：", posting: "募集の詳細：" },
  en: { activities: "Open My activities", ics: "Add it to your calendar (.ics file):", posting: "The posting:" },
};

const WORDS: { [O in ApplicationOutcome]: Record<Locale, Words<PropsOf[O]>> } = {
  received: {
    ja: {
      title: (posting) => `「${posting}」へのお申し込みを受け付けました`,
      preview: "団体が内容を確認してから、参加できるかどうかをお知らせします。",
      footer: "applied",
      intro: "次の活動へのお申し込みを受け付けました。ありがとうございます。",
      next: [
        "この募集は、団体が申し込みを確認してから参加が確定します。まだ参加は確定していません。団体が確定または見送りを決めたら、メールでお知らせします。",
        "お申し込みの状況は「わたしの活動」でいつでも確認できます。ご都合が悪くなった場合は、そこから申し込みを取り消せます。",
      ],
    },
    en: {
      title: (posting) => `We have received your application for “${posting}”`,
      preview: "The group will look at your application and then tell you whether you can take part.",
      footer: "applied",
      intro: "Thank you: we have received your application for this session.",
      next: [
        "For this posting the group reads each application before confirming it, so your place is not confirmed yet. We will email you as soon as the group has confirmed or declined it.",
        "You can follow your application in My activities at any time, and withdraw it there if your plans change.",
      ],
    },
  },
  confirmed: {
    ja: {
      title: (posting) => `「${posting}」への参加が確定しました`,
      preview: "日時と場所をご確認ください。カレンダーにも追加できます。",
      footer: "applied",
      intro: "お申し込みいただいた次の活動への参加が確定しました。当日お会いできるのを団体が楽しみにしています。",
      added: (p) => (
        <>
          <OptionalLine label="持ち物・服装" value={p.whatToBring} />
          <OptionalLine label="団体の担当者" value={p.contactName} />
        </>
      ),
      next: [
        "質問は「わたしの活動」から団体へのメッセージで送れます。参加できなくなった場合は、お早めに「わたしの活動」から申し込みを取り消してください。キャンセル待ちの方に参加枠が回ります。",
      ],
    },
    en: {
      title: (posting) => `Your place is confirmed: “${posting}”`,
      preview: "Check the date, time and place. You can add it to your calendar too.",
      footer: "applied",
      intro: "Your place on this session is confirmed. The group is looking forward to seeing you.",
      added: (p) => (
        <>
          <OptionalLine label="What to bring and wear" value={p.whatToBring} />
          <OptionalLine label="Contact person at the group" value={p.contactName} />
        </>
      ),
      next: [
        "You can send the group a question from My activities. If you can no longer take part, please withdraw there as early as you can, so that the place goes to someone on the waiting list.",
      ],
    },
  },
  promoted: {
    ja: {
      title: (posting) => `空きが出たため「${posting}」への参加が確定しました`,
      preview: "キャンセル待ちから繰り上がり、参加が確定しました。日時と場所をご確認ください。",
      footer: "waitlisted",
      intro: "キャンセル待ちをしていた次の活動に空きが出たため、あなたの参加が確定しました。ご都合をご確認のうえ、当日はお気をつけてお越しください。",
      next: ["ご都合が合わなくなっていた場合は、お早めに「わたしの活動」から申し込みを取り消してください。次の方に参加枠が回ります。"],
    },
    en: {
      title: (posting) => `A place freed up: you are confirmed for “${posting}”`,
      preview: "You have moved up from the waiting list and your place is confirmed. Check the date, time and place.",
      footer: "waitlisted",
      intro: "A place has freed up on this session you were waiting for, and your place is now confirmed.",
      next: ["If it no longer suits you, please withdraw in My activities as early as you can, so that the place goes to the next person."],
    },
  },
  declined: {
    ja: {
      title: (posting) => `「${posting}」へのお申し込みは見送りとなりました`,
      preview: "今回は参加を見送るとの連絡が団体からありました。",
      footer: "applied",
      intro: "お申し込みいただいた次の活動について、団体から今回は参加を見送るとの連絡がありました。",
      added: (p) =>
        p.reason.trim() ? <QuotedText label="団体からの説明" text={p.reason} /> : <Paragraph>団体からの説明はありませんでした。</Paragraph>,
      next: ["お申し込みいただき、ありがとうございました。ほかにもあなたの力を必要としている募集があります。ぜひ探してみてください。"],
    },
    en: {
      title: (posting) => `Your application for “${posting}” was not accepted`,
      preview: "The group has told us they cannot take you on this time.",
      footer: "applied",
      intro: "The group has decided not to take up your application for this session this time.",
      added: (p) =>
        p.reason.trim() ? <QuotedText label="The group’s explanation" text={p.reason} /> : <Paragraph>The group did not give a reason.</Paragraph>,
      next: ["Thank you for applying. Other postings still need help like yours: we hope you find one that suits you."],
    },
  },
};

/** The subject line (after the prefix) and heading of one outcome's email. */
export function applicationDecisionTitle<O extends ApplicationOutcome>(outcome: O, props: PropsOf[O], locale: Locale): string {
  return WORDS[outcome][locale].title(v(props.postingTitle));
}

type AnyOutcome = { [O in ApplicationOutcome]: TemplateProps<PropsOf[O]> & { outcome: O } }[ApplicationOutcome];

export function ApplicationDecisionEmail({ outcome, locale, ...props }: AnyOutcome) {
  const words = WORDS[outcome][locale] as Words<PropsOf[ApplicationOutcome]>;
  const p = props as Partial<ApplicationReceivedProps & ApplicationConfirmedProps> & ShiftEmailProps;
  const links = LINKS[locale];
  return (
    <EmailLayout
      locale={locale}
      title={applicationDecisionTitle(outcome, props as PropsOf[ApplicationOutcome], locale)}
      preview={words.preview}
      footerReason={FOOTER[locale][words.footer](p)}
      settings={p.settingsUrl ? { href: p.settingsUrl, label: SETTINGS_LABEL[locale].tune } : undefined}
    >
      <Paragraph>{words.intro}</Paragraph>
      <ShiftDetails locale={locale} shift={p} />
      {words.added?.(props as PropsOf[ApplicationOutcome])}
      {words.next.map((paragraph, index) => (
        <Paragraph key={index}>{paragraph}</Paragraph>
      ))}
      <ActionButton locale={locale} href={p.activitiesUrl} label={links.activities} />
      {p.icsUrl ? <LinkLine label={links.ics} href={p.icsUrl} /> : null}
      <LinkLine label={links.posting} href={p.postingUrl} />
    </EmailLayout>
  );
}

/** One outcome as the renderer wants a template: its title and its component with the outcome bound. */
export function applicationDecisionTemplate<O extends ApplicationOutcome>(outcome: O) {
  return {
    title: (props: PropsOf[O], locale: Locale) => applicationDecisionTitle(outcome, props, locale),
    component: (props: TemplateProps<PropsOf[O]>) => <ApplicationDecisionEmail {...({ ...props, outcome } as AnyOutcome)} />,
  };
}
