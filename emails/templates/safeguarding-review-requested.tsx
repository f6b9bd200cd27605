import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export const SAFEGUARDING_REQUEST_KINDS = ["submitted", "resubmitted", "changed"] as const;
export const SAFEGUARDING_CHANGES = ["shifts", "place", "adults", "minors", "checklist"] as const;

export interface SafeguardingReviewRequestedProps {
  postingTitle: string;
  organisationName: string;
  /** Sent for the first time, sent again after staff returned it, or changed after approval. */
  kind: (typeof SAFEGUARDING_REQUEST_KINDS)[number];
  /** For "changed": what changed (unknown codes are left out). */
  changes: string[];
  reviewUrl: string;
}

const CHANGE_LABELS: Record<Locale, Record<(typeof SAFEGUARDING_CHANGES)[number], string>> = {
  ja: { shifts: "日時", place: "場所", adults: "当日の責任者", minors: "18歳未満の参加", checklist: "チェックリストの内容" },
  en: { shifts: "the times", place: "the place", adults: "the responsible adults", minors: "whether under-18s are welcome", checklist: "the checklist" },
};

function changeList(props: SafeguardingReviewRequestedProps, locale: Locale): string {
  const labels = props.changes.filter((c): c is (typeof SAFEGUARDING_CHANGES)[number] => (SAFEGUARDING_CHANGES as readonly string[]).includes(c)).map((c) => CHANGE_LABELS[locale][c]);
  if (labels.length === 0) return "";
  return locale === "ja" ? labels.join("・") : labels.join(", ");
}

export function safeguardingReviewRequestedTitle(props: SafeguardingReviewRequestedProps, locale: Locale): string {
  const title = v(props.postingTitle);
  if (locale === "ja") return props.kind === "changed" ? `承認済みの募集「${title}」が変更されました：再審査` : `安全確認の審査依頼：「${title}」`;
  return props.kind === "changed" ? `Approved posting “${title}” was changed: review again` : `Safeguarding review requested: “${title}”`;
}

/**
 * To ward staff: a posting that welcomes under-18s waits for the safeguarding review (sent, sent again after being
 * returned, or changed after approval). The checklist itself is read on the site, behind the staff login.
 */
export function SafeguardingReviewRequested({ locale, ...props }: TemplateProps<SafeguardingReviewRequestedProps>) {
  const title = safeguardingReviewRequestedTitle(props, locale);
  const changes = changeList(props, locale);
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="18歳未満の参加を歓迎する募集が、安全確認の審査を待っています。"
        footerReason="このメールは、つなぐ八幡東の区職員のアカウントをお持ちのためお送りしています。"
      >
        {props.kind === "changed" ? (
          <Paragraph>
            {props.organisationName}の募集「{props.postingTitle}」は安全確認の審査で承認済みでしたが、{changes ? `${changes}が` : "内容が"}
            変更されたため、もう一度審査が必要です。審査が終わるまで、募集は公開されたままですが、18歳未満の人は申し込めません。
          </Paragraph>
        ) : (
          <Paragraph>
            {props.organisationName}が、18歳未満の参加を歓迎する募集「{props.postingTitle}」の安全確認チェックリストを
            {props.kind === "resubmitted" ? "修正して、もう一度" : ""}審査に出しました。
          </Paragraph>
        )}
        <Paragraph>チェックリストと募集の内容を確認し、承認するか、コメントを付けて差し戻してください。</Paragraph>
        <ActionButton locale={locale} href={props.reviewUrl} label="審査する" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A posting that welcomes under-18s is waiting for its safeguarding review."
      footerReason="You are receiving this email because you have a ward staff account on Tsunagu Yahatahigashi."
    >
      {props.kind === "changed" ? (
        <Paragraph>
          {props.organisationName}'s posting “{props.postingTitle}” had passed its safeguarding review, but {changes || "its details"}{" "}
          changed, so it needs reviewing again. Until then the posting stays visible, but under-18s cannot apply.
        </Paragraph>
      ) : (
        <Paragraph>
          {props.organisationName} has {props.kind === "resubmitted" ? "corrected and resent" : "sent"} the safeguarding checklist of “
          {props.postingTitle}”, a posting that welcomes under-18s, for review.
        </Paragraph>
      )}
      <Paragraph>Please read the checklist and the posting, then approve it or return it with a comment.</Paragraph>
      <ActionButton locale={locale} href={props.reviewUrl} label="Review it" />
    </EmailLayout>
  );
}
