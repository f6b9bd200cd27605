import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { shiftWhen } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface GuardianConsentWithdrawnProps {
  /** Only the first name: the organisation learns no more of a minor than it may see. */
  firstName: string;
  postingTitle: string;
  startsAt: string;
  endsAt: string;
  manageUrl: string;
}

export function guardianConsentWithdrawnTitle(props: GuardianConsentWithdrawnProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `保護者が参加の同意を取り消しました（「${posting}」）` : `A guardian withdrew consent: “${posting}”`;
}

/** To the members of the organisation: a minor's guardian withdrew consent, so the application was withdrawn. */
export function GuardianConsentWithdrawn({ locale, ...props }: TemplateProps<GuardianConsentWithdrawnProps>) {
  const title = guardianConsentWithdrawnTitle(props, locale);
  const when = shiftWhen(props.startsAt, props.endsAt, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="18歳未満の参加者の申し込みが取り下げられました。"
        footerReason="このメールは、あなたが所属する団体の募集への申し込みが取り下げられたためお送りしています。"
      >
        <Paragraph>
          「{props.postingTitle}」（{when}）に申し込んでいた18歳未満の参加者（{props.firstName}さん）について、保護者が参加の同意を取り消しました。申し込みは取り下げられ、参加枠はキャンセル待ちの方に回りました。
        </Paragraph>
        <Paragraph>この参加者に当日の参加を求めたり、個別に連絡したりしないでください。</Paragraph>
        <ActionButton locale={locale} href={props.manageUrl} label="申し込みの一覧を見る" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="An application from a participant under 18 was withdrawn."
      footerReason="You are receiving this email because an application to a posting of your group was withdrawn."
    >
      <Paragraph>
        The parent or guardian of a participant under 18 ({props.firstName}) who applied for “{props.postingTitle}” ({when}) withdrew their consent. The
        application was withdrawn and the place went to the waiting list.
      </Paragraph>
      <Paragraph>Please do not ask this participant to come or contact them about it.</Paragraph>
      <ActionButton locale={locale} href={props.manageUrl} label="See the applicants" />
    </EmailLayout>
  );
}
