import { Form } from "@remix-run/react";
import { canTransition } from "~/modules/applications/applications.rules";
import type { ApplicationStatus } from "~/vocabulary";
import { useT } from "~/utils/use-i18n";

type Decision = "confirm" | "waitlist" | "no_show" | "decline";
type Label = "applicants.confirm" | "applicants.waitlist" | "applicants.noShow" | "applicants.undoNoShow";

/** One decision on one application: a form of its own, so that each works without JavaScript. */
function DecisionForm({ applicationId, decision, label, className }: { applicationId: number; decision: Decision; label: Label; className: string }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="applicationId" value={applicationId} />
      <button type="submit" name="intent" value={decision} className={className}>
        {t(label)}
      </button>
    </Form>
  );
}

/** Declining asks for a reason (shown to the applicant), behind a disclosure so that it is not pressed by mistake. */
function DeclineForm({ applicationId }: { applicationId: number }) {
  const t = useT();
  const id = `reason-${applicationId}`;
  return (
    <details className="w-full rounded-lg border border-red-200 p-2">
      <summary className="cursor-pointer font-semibold text-red-800">{t("applicants.decline")}</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name="applicationId" value={applicationId} />
        <label htmlFor={id} className="block font-semibold">
          {t("applicants.declineReason")}
        </label>
        <p id={`${id}-hint`} className="text-sm text-stone-700">
          {t("applicants.declineReasonHint")}
        </p>
        <textarea id={id} name="reason" rows={2} maxLength={500} className="input" aria-describedby={`${id}-hint`} />
        <button type="submit" name="intent" value="decline" className="btn-danger">
          {t("applicants.declineButton")}
        </button>
      </Form>
    </details>
  );
}

/**
 * The decisions a group may take on an application now: before the shift starts confirm, waitlist or decline;
 * once it has started, record a no-show (or undo one).
 */
export function DecisionButtons({ applicationId, status, started }: { applicationId: number; status: ApplicationStatus; started: boolean }) {
  const can = (to: Parameters<typeof canTransition>[1]) => canTransition(status, to, "organisation");
  const forms: {
    show: boolean;
    decision: Decision;
    label: Label;
    className: string;
  }[] = [
    {
      show: !started && can("confirmed"),
      decision: "confirm",
      label: "applicants.confirm",
      className: "btn",
    },
    {
      show: !started && can("waitlisted"),
      decision: "waitlist",
      label: "applicants.waitlist",
      className: "btn-secondary",
    },
    {
      show: started && can("no_show"),
      decision: "no_show",
      label: "applicants.noShow",
      className: "btn-secondary",
    },
    {
      show: started && status === "no_show",
      decision: "confirm",
      label: "applicants.undoNoShow",
      className: "btn-secondary",
    },
  ];
  return (
    <div className="flex flex-wrap gap-2">
      {forms
        .filter((f) => f.show)
        .map((f) => (
          <DecisionForm key={f.label} applicationId={applicationId} decision={f.decision} label={f.label} className={f.className} />
        ))}
      {!started && can("declined") ? <DeclineForm applicationId={applicationId} /> : null}
    </div>
  );
}
