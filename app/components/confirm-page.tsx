import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { Checkbox, FormErrorSummary } from "~/components/form";
import { PageHeader } from "~/components/ui";
import type { FormFailure } from "~/utils/form";
import { useT } from "~/utils/use-i18n";

/**
 * A page that asks a person to confirm something they cannot undo (signing out everywhere, deleting the account):
 * what it does, any fields it needs, a "confirm" box, the button and a way back. A plain form, so it works
 * without JavaScript; the action's schema checks the box.
 */
export function ConfirmPage({
  title,
  failure,
  confirmLabel,
  submitLabel,
  danger = false,
  cancelTo,
  children,
}: {
  title: string;
  failure: FormFailure | null | undefined;
  confirmLabel: string;
  submitLabel: string;
  danger?: boolean;
  cancelTo: string;
  /** What confirming does, and any field it needs, above the box. */
  children: ReactNode;
}) {
  const t = useT();
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title={title} />
      <Form method="post" className="card space-y-3" noValidate>
        <FormErrorSummary failure={failure} />
        {children}
        <Checkbox name="confirm" label={confirmLabel} failure={failure} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={danger ? "btn-danger" : "btn"}>
            {submitLabel}
          </button>
          <Link to={cancelTo} className="btn-secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
