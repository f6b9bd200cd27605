import { Form, Link } from "@remix-run/react";
import type { SafeguardingStatus } from "~/vocabulary";
import { canSubmitForReview, publicationGate } from "~/modules/safeguarding/review.rules";
import { useT } from "~/utils/use-i18n";

/**
 * The first step out of a draft, as the rules will allow it: 「公開する」, or — for a posting that welcomes minors and
 * has not passed the ward's safeguarding review — 「安全確認に出す」 (the checklist page; approval publishes it), or
 * a note while the review is under way. Never a button whose post the server must refuse.
 */
export function PublishOrReview({
  organisationId,
  posting,
  verified,
}: {
  organisationId: number;
  posting: { id: number; welcomes_minors: boolean; safeguarding_status: SafeguardingStatus; published_at: Date | string | null };
  verified: boolean;
}) {
  const t = useT();
  const gate = publicationGate({ welcomesMinors: posting.welcomes_minors, safeguardingStatus: posting.safeguarding_status, everPublished: posting.published_at !== null });
  if (gate === "needs-review") {
    if (!canSubmitForReview(posting.safeguarding_status))
      return (
        <p className="basis-full" data-testid="review-under-way">
          {t("manage.reviewUnderWay")}
        </p>
      );
    return (
      <p className="flex basis-full flex-wrap items-center gap-2">
        <Link to={`/orgs/${organisationId}/postings/${posting.id}/safeguarding`} className="btn">
          {t("manage.submitForReview")}
        </Link>
        <span className="text-sm text-stone-700">{t("manage.submitForReviewHint")}</span>
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="publish" />
      <button type="submit" className="btn" disabled={!verified} aria-describedby={!verified ? "publish-blocked" : undefined}>
        {t("manage.publish")}
      </button>
    </Form>
  );
}
