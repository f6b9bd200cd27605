import type { ApplicationStatus } from "~/vocabulary";
import { useT } from "~/utils/use-i18n";

const COLOURS: Record<ApplicationStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  pending_consent: "bg-violet-100 text-violet-900",
  confirmed: "bg-brand-100 text-brand-800",
  waitlisted: "bg-sky-100 text-sky-900",
  declined: "bg-red-100 text-red-800",
  withdrawn: "bg-stone-200 text-stone-800",
  cancelled: "bg-red-100 text-red-800",
  no_show: "bg-stone-200 text-stone-800",
};

/** An application's state in words (colour is never the only signal). */
export function ApplicationStatusBadge({ status, position, inLine }: { status: ApplicationStatus; position?: number | null; inLine?: boolean }) {
  const t = useT();
  // A minor's application to a full session waits in line for a place while consent comes.
  const waitingInLine = status === "pending_consent" && inLine;
  return (
    <span className={`badge ${COLOURS[waitingInLine ? "waitlisted" : status]}`}>
      {waitingInLine ? t("applicationStatus.pending_consent_waitlisted") : t(`applicationStatus.${status}`)}
      {status === "waitlisted" && position ? `（${t("applications.waitlistPosition", { position })}）` : null}
    </span>
  );
}
