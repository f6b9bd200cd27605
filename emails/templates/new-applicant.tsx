import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { DetailList, shiftWhen } from "../components/shift";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface NewApplicantProps {
  postingTitle: string;
  startsAt: string;
  endsAt: string;
  /** How the applicant is shown to the group (their display name). */
  applicantLabel: string;
  /** Where the application stands: pending means the group must confirm or decline it. */
  status: "pending" | "confirmed" | "waitlisted";
  manageUrl: string;
}

const STATUS: Record<Locale, Record<NewApplicantProps["status"], string>> = {
  ja: { pending: "確認待ち（団体の確定が必要です）", confirmed: "参加確定（先着順）", waitlisted: "キャンセル待ち（定員に達しています）" },
  en: {
    pending: "Waiting for you (you need to confirm or decline)",
    confirmed: "Confirmed (first come, first served)",
    waitlisted: "On the waiting list (the session is full)",
  },
};

export function newApplicantTitle(props: NewApplicantProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  const applicant = v(props.applicantLabel);
  if (locale === "ja") {
    const who = applicant ? `${applicant}さんから` : "";
    return props.status === "pending" ? `【要確認】「${posting}」に${who}申し込みがありました` : `「${posting}」に${who}申し込みがありました`;
  }
  const who = applicant ? ` from ${applicant}` : "";
  return props.status === "pending" ? `Please review: new application${who} for “${posting}”` : `New application${who} for “${posting}”`;
}

/** Sent to the members of a group when someone applies to one of its shifts. */
export function NewApplicant({ locale, ...props }: TemplateProps<NewApplicantProps>) {
  const title = newApplicantTitle(props, locale);
  const status = STATUS[locale][props.status] ?? props.status;
  const when = shiftWhen(props.startsAt, props.endsAt, locale);
  const applicant = props.applicantLabel.trim();
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={props.status === "pending" ? "申し込みを確認して、確定または見送りを選んでください。" : "申込者の一覧で確認できます。"}
        footerReason="このメールは、この募集を出している団体のメンバーとして、つなぐ八幡東に登録されているためお送りしています。"
      >
        <Paragraph>募集「{props.postingTitle}」に新しい申し込みがありました。</Paragraph>
        <DetailList
          rows={[
            { label: "申込者", value: applicant || "（名前未設定）" },
            { label: "日時", value: when },
            { label: "状態", value: status },
          ]}
        />
        {props.status === "pending" ? (
          <Paragraph>この募集は団体が確認してから参加が確定します。申込者の一覧で、確定または見送りを選んでください。申込者は結果を待っています。</Paragraph>
        ) : props.status === "confirmed" ? (
          <Paragraph>先着順の募集のため、この方の参加はすでに確定しています。当日の準備にお役立てください。</Paragraph>
        ) : (
          <Paragraph>定員に達しているため、この方はキャンセル待ちになっています。空きが出ると順番に自動で確定します。</Paragraph>
        )}
        <ActionButton locale={locale} href={props.manageUrl} label="申込者の一覧を見る" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={props.status === "pending" ? "Review the application and confirm or decline it." : "You can see it in the list of applicants."}
      footerReason="You are receiving this email because you are a member of the group that published this posting on Tsunagu Yahatahigashi."
    >
      <Paragraph>Someone has applied to your posting “{props.postingTitle}”.</Paragraph>
      <DetailList
        rows={[
          { label: "Applicant", value: applicant || "(no name given)" },
          { label: "Date and time", value: when },
          { label: "State", value: status },
        ]}
      />
      {props.status === "pending" ? (
        <Paragraph>
          For this posting the group confirms each application. Please open the list of applicants and confirm or decline
          it: the applicant is waiting for your answer.
        </Paragraph>
      ) : props.status === "confirmed" ? (
        <Paragraph>This posting is first come, first served, so this person is already confirmed.</Paragraph>
      ) : (
        <Paragraph>
          The session is full, so this person is on the waiting list. They are confirmed automatically, in order, if a
          place frees up.
        </Paragraph>
      )}
      <ActionButton locale={locale} href={props.manageUrl} label="View the applicants" />
    </EmailLayout>
  );
}
