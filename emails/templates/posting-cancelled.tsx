import { ActionButton, EmailLayout, Paragraph, QuotedText } from "../components/layout";
import type { Locale } from "~/utils/i18n";
import { v, type TemplateProps } from "./shared";

export interface PostingCancelledProps {
  postingTitle: string;
  organisationName: string;
  reason: string;
  postingUrl: string;
  /** Who stopped it: the organisation (its reason is quoted) or ward staff (no reason given; "organisation" if absent). */
  by?: "organisation" | "staff";
}

export function postingCancelledTitle(props: PostingCancelledProps, locale: Locale): string {
  const posting = v(props.postingTitle);
  return locale === "ja" ? `「${posting}」は中止になりました` : `“${posting}” has been cancelled`;
}

/**
 * Sent to the people who applied for a posting that its organisation has cancelled, or that ward staff have
 * suspended (then the email says so, quotes no reason, and points to other postings).
 */
export function PostingCancelled({ locale, ...props }: TemplateProps<PostingCancelledProps>) {
  const title = postingCancelledTitle(props, locale);
  if (props.by === "staff") return <SuspendedByStaff locale={locale} {...props} title={title} />;
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="お申し込みいただいていた募集が中止になりました。"
        footerReason="このメールは、つなぐ八幡東でこの募集にお申し込みいただいたためお送りしています。"
      >
        <Paragraph>
          お申し込みいただいていた「{props.organisationName}」の募集「{props.postingTitle}」は、中止となりました。団体からの説明は次のとおりです。
        </Paragraph>
        <QuotedText label="中止の理由" text={props.reason} />
        <Paragraph>ご参加の予定を立ててくださっていたところ、申し訳ありません。</Paragraph>
        <ActionButton locale={locale} href={props.postingUrl} label="募集の詳細を見る" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A posting you applied for has been cancelled."
      footerReason="You are receiving this email because you applied for this posting on Tsunagu Yahatahigashi."
    >
      <Paragraph>
        The posting “{props.postingTitle}” by {props.organisationName}, which you applied for, has been cancelled. The
        organisation gave this reason:
      </Paragraph>
      <QuotedText label="Reason for cancelling" text={props.reason} />
      <Paragraph>We are sorry for any inconvenience, especially if you had set time aside to take part.</Paragraph>
      <ActionButton locale={locale} href={props.postingUrl} label="View the posting" />
    </EmailLayout>
  );
}

function SuspendedByStaff({ locale, title, ...props }: TemplateProps<PostingCancelledProps> & { title: string }) {
  const searchUrl = new URL("/postings", props.postingUrl).toString();
  if (locale === "ja") {
    return (
      <EmailLayout
        locale={locale}
        title={title}
        preview="お申し込みいただいていた募集は、区の判断で中止になりました。"
        footerReason="このメールは、つなぐ八幡東でこの募集にお申し込みいただいたためお送りしています。"
      >
        <Paragraph>
          お申し込みいただいていた「{props.organisationName}」の募集「{props.postingTitle}」は、八幡東区の職員の判断により中止となりました。お申し込みは取り消されています。
        </Paragraph>
        <Paragraph>参加される方の安全のために区が行う手続きで、理由はお知らせしていません。ご不明な点は八幡東区役所にお問い合わせください。</Paragraph>
        <ActionButton locale={locale} href={searchUrl} label="ほかの募集を探す" />
      </EmailLayout>
    );
  }
  return (
    <EmailLayout
      locale={locale}
      title={title}
      preview="A posting you applied for has been stopped by the ward."
      footerReason="You are receiving this email because you applied for this posting on Tsunagu Yahatahigashi."
    >
      <Paragraph>
        The posting “{props.postingTitle}” by {props.organisationName}, which you applied for, has been stopped by
        Yahatahigashi Ward staff. Your application has been cancelled.
      </Paragraph>
      <Paragraph>
        The ward does this to keep volunteers safe and does not give reasons. If you have questions, please contact the
        Yahatahigashi Ward Office.
      </Paragraph>
      <ActionButton locale={locale} href={searchUrl} label="Find other postings" />
    </EmailLayout>
  );
}
