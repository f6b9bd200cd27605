import { useT } from "~/utils/use-i18n";

const MISSING = { "v.mustConfirm": "mustConfirm", "v.required": "required", "v.choice": "choice" } as const;

/**
 * Why staff cannot approve a posting's checklist, each line saying what is missing and where (「記入されていません：
 * 保険の有効期限」), or that nothing is. Shown only while a decision is possible: an approved or returned posting
 * has no reasons to give.
 */
export function ReviewProblems({ problems }: { problems: Record<string, string[]> }) {
  const t = useT();
  const lines = [
    ...new Set(
      Object.entries(problems).flatMap(([field, messages]) =>
        messages.map((m) => {
          const missing = MISSING[m as keyof typeof MISSING];
          return missing ? t(`safeguarding.staff.missing.${missing}`, { label: t(`safeguarding.field.${field}` as "safeguarding.field.firstAid") }) : t.message(m);
        }),
      ),
    ),
  ];
  if (lines.length === 0)
    return (
      <>
        <h3 className="mt-4 font-bold">{t("safeguarding.staff.checked")}</h3>
        <p>{t("safeguarding.staff.noProblems")}</p>
      </>
    );
  return (
    <>
      <h3 className="mt-4 font-bold">{t("safeguarding.staff.problems")}</h3>
      <ul className="list-disc pl-5 text-red-800" data-testid="review-problems">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}
