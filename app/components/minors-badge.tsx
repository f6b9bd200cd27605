import { useT } from "~/utils/use-i18n";

/**
 * Whether an under-18 can apply, as a badge: 「高校生歓迎」 only when they can now (the posting welcomes minors and
 * the ward's safety check approved it), 「安全確認中」 while the check is not finished, nothing otherwise.
 */
export function MinorsBadge({ open, welcomes }: { open: boolean; welcomes: boolean }) {
  const t = useT();
  if (open) return <span className="badge bg-sky-100 text-sky-900">{t("posting.minorsWelcome")}</span>;
  if (welcomes)
    return (
      <span className="badge bg-amber-100 text-amber-900" data-testid="minors-in-review">
        {t("posting.minorsInReview")}
      </span>
    );
  return null;
}
