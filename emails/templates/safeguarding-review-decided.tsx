import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export const SAFEGUARDING_DECISIONS = ["approved", "returned"] as const;
export const SAFEGUARDING_PUBLICATION = ["published", "already-public", "not-published"] as const;

export interface SafeguardingReviewDecidedProps {
  postingTitle: string;
  organisationName: string;
  decision: (typeof SAFEGUARDING_DECISIONS)[number];
  /** After an approval: published by it, public already, or left a draft (the organisation publishes it). */
  publication: (typeof SAFEGUARDING_PUBLICATION)[number];
  /** Staff's comment: always there when returned; may be empty when approved. */
  comment: string;
  /** The organisation's checklist page for the posting. */
  checklistUrl: string;
}

export function safeguardingReviewDecidedTitle(props: SafeguardingReviewDecidedProps, locale: Locale): string {
  const title = v(props.postingTitle);
  if (locale === "ja") return props.decision === "approved" ? `「${title}」の安全確認が承認されました` : `「${title}」の安全確認について、修正をお願いします`;
  return props.decision === "approved" ? `The safeguarding review of “${title}” is approved` : `Changes needed for the safeguarding review of “${title}”`;
}

/** To the organisation's owners: staff approved the safeguarding review of a posting, or returned it with a comment. */
export function SafeguardingReviewDecided({ locale, ...props }: TemplateProps<SafeguardingReviewDecidedProps>) {
  const title = safeguardingReviewDecidedTitle(props, locale);
  const approved = props.decision === "approved";
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview={approved ? "18歳未満の人も申し込めるようになりました。" : "区役所からのコメントを確認して、チェックリストを修正してください。"}
        footerReason={`このメールは、つなぐ八幡東で「${props.organisationName}」の代表者として登録されている方にお送りしています。`}
      >
        {approved ? (
          <>
            <Paragraph>
              募集「{props.postingTitle}」の安全確認チェックリストを八幡東区役所で確認し、承認しました。
              {props.publication === "published"
                ? "募集は公開され、18歳未満の人も申し込めるようになりました。"
                : props.publication === "already-public"
                  ? "18歳未満の人も、ふたたび申し込めるようになりました。"
                  : "募集はまだ下書きです。募集の管理ページから公開すると、18歳未満の人も申し込めます。"}
            </Paragraph>
            <Paragraph>
              公開ページには、安全確認を受けた募集であることが表示されます。日時・場所・当日の責任者・18歳未満の参加歓迎を変更すると、もう一度審査が必要になります。
            </Paragraph>
          </>
        ) : (
          <Paragraph>
            募集「{props.postingTitle}」の安全確認チェックリストを八幡東区役所で確認しましたが、このままでは承認できません。次のコメントを確認して、チェックリストを修正し、もう一度審査に出してください。
          </Paragraph>
        )}
        {props.comment ? <QuotedText label="区役所からのコメント" text={props.comment} /> : null}
        <ActionButton locale={locale} href={props.checklistUrl} label={approved ? "チェックリストを見る" : "チェックリストを修正する"} />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview={approved ? "Under-18s can now apply." : "Read the ward office's comment and correct the checklist."}
      footerReason={`You are receiving this email because you are an owner of “${props.organisationName}” on Tsunagu Yahatahigashi.`}
    >
      {approved ? (
        <>
          <Paragraph>
            The Yahatahigashi Ward Office has checked and approved the safeguarding checklist of “{props.postingTitle}”.{" "}
            {props.publication === "published"
              ? "The posting is now published, and under-18s can apply."
              : props.publication === "already-public"
                ? "Under-18s can apply again."
                : "The posting is still a draft: publish it from its page, and under-18s can apply."}
          </Paragraph>
          <Paragraph>
            Its public page shows that it passed the safeguarding review. Changing its times, place, responsible adults or
            whether under-18s are welcome sends it back to review.
          </Paragraph>
        </>
      ) : (
        <Paragraph>
          The Yahatahigashi Ward Office has checked the safeguarding checklist of “{props.postingTitle}” but cannot approve it
          as it stands. Please read the comment below, correct the checklist and send it again.
        </Paragraph>
      )}
      {props.comment ? <QuotedText label="Comment from the ward office" text={props.comment} /> : null}
      <ActionButton locale={locale} href={props.checklistUrl} label={approved ? "See the checklist" : "Correct the checklist"} />
    </EmailLayout>
  );
}
