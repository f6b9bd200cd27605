import { isActive } from "~/modules/applications/applications.rules";
import { formatDateTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

/** What My activities knows of a minor's application: its status, the guardian's consent, the school's approval. */
export interface MinorStepsActivity {
  status: Parameters<typeof isActive>[0];
  guardian_consent_required: boolean;
  consent_status: string | null;
  consent_expires_at: string | Date | null;
  consent_answered_at: string | Date | null;
  covered_by_consent_id: number | null;
  guardian_name: string | null;
  school_approval: string | null;
  school_name: string | null;
  held_until: string | Date | null;
  waitlisted_at: string | Date | null;
  application_mode: string;
}

/** A minor's way to confirmation, step by step: the guardian's consent, the school's approval, the held place. */
export function MinorSteps({ a, now }: { a: MinorStepsActivity; now: string }) {
  const t = useT();
  const waiting = a.status === "pending_consent";
  const consent = !a.guardian_consent_required || (a.consent_status === null && !isActive(a.status))
    ? null
    : a.consent_status === null
      ? t("minors.steps.guardianMissing")
      : a.consent_status === "requested"
        ? a.consent_expires_at && new Date(a.consent_expires_at) <= new Date(now)
          ? t("minors.steps.guardianExpired", { name: a.guardian_name ?? "" })
          : t("minors.steps.guardianAsked", { name: a.guardian_name ?? "", until: formatDateTime(a.consent_expires_at ?? now, t.locale) })
        : a.consent_status === "given"
          ? a.covered_by_consent_id
            ? t("minors.steps.guardianStanding", { name: a.guardian_name ?? "" })
            : t("minors.steps.guardianGiven", { name: a.guardian_name ?? "", at: formatDateTime(a.consent_answered_at ?? now, t.locale) })
          : a.consent_status === "declined"
            ? t("minors.steps.guardianDeclined")
            : t("minors.steps.guardianRevoked");
  const school =
    a.school_approval === "pending"
      ? t("minors.steps.schoolPending", { school: a.school_name ?? "" })
      : a.school_approval === "approved"
        ? t("minors.steps.schoolApproved", { school: a.school_name ?? "" })
        : a.school_approval === "declined"
          ? t("minors.steps.schoolDeclined", { school: a.school_name ?? "" })
          : null;
  const place = !waiting
    ? null
    : a.held_until
      ? t("minors.steps.held", { until: formatDateTime(a.held_until, t.locale) })
      : a.waitlisted_at
        ? t("minors.steps.waitlisted")
        : a.application_mode === "auto"
        ? t("minors.steps.notHeld")
        : t("minors.steps.reviewNext");
  return (
    <div className="rounded-lg bg-violet-50 p-2 text-sm text-violet-950">
      {/* Once nothing waits, the steps are a record, not a to-do. */}
      <p className="font-semibold">{t(waiting ? "minors.steps.title" : "minors.steps.doneTitle")}</p>
      <ul className="list-disc pl-5">
        {consent ? <li>{consent}</li> : null}
        {school ? <li>{school}</li> : null}
        {place ? <li>{place}</li> : null}
      </ul>
      {waiting && a.guardian_consent_required && a.consent_status !== "given" ? (
        <p className="mt-1">
          <a href="#guardian">{t("minors.steps.guardianLink")}</a>
        </p>
      ) : null}
    </div>
  );
}

