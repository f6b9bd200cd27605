import { Link } from "@remix-run/react";
import { ConfirmPage } from "~/components/confirm-page";
import { PageHeader } from "~/components/ui";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

/**
 * Deleting a campaign or a channel: when nothing depends on it, a confirmation page; otherwise a page that says
 * what it still carries (visits, people, counts of those who left) and why it is kept, with no delete button.
 */
export function DeleteOrExplain({
  what,
  name,
  dependents,
  failure,
  cancelTo,
}: {
  what: "campaign" | "channel";
  name: string;
  dependents: { visits: number; people: number; departed: number };
  failure: FormFailure | null | undefined;
  cancelTo: string;
}) {
  const t = useT();
  const inUse = dependents.visits > 0 || dependents.people > 0 || dependents.departed > 0;
  if (inUse) {
    return (
      <div className="mx-auto max-w-lg space-y-4">
        <PageHeader title={t(`recruitment.delete.${what}Title`, { name })} />
        <section className="card space-y-2" data-testid="delete-refused">
          <p className="font-semibold">{t(`recruitment.delete.${what}InUse`)}</p>
          <ul className="list-disc pl-6">
            {dependents.visits > 0 ? <li>{t("recruitment.delete.visits", { count: dependents.visits })}</li> : null}
            {dependents.people > 0 ? <li>{t("recruitment.delete.people", { count: dependents.people })}</li> : null}
            {dependents.departed > 0 ? <li>{t("recruitment.delete.departed", { count: dependents.departed })}</li> : null}
          </ul>
          <p>{t(`recruitment.delete.${what}Instead`)}</p>
          <Link to={cancelTo} className="btn-secondary inline-block">
            {t("recruitment.delete.back")}
          </Link>
        </section>
      </div>
    );
  }
  return (
    <ConfirmPage
      title={t(`recruitment.delete.${what}Title`, { name })}
      failure={failure}
      confirmLabel={t(`recruitment.delete.${what}Confirm`)}
      submitLabel={t("recruitment.delete.submit")}
      danger
      cancelTo={cancelTo}
    >
      <p>{t(`recruitment.delete.${what}Lead`)}</p>
    </ConfirmPage>
  );
}
