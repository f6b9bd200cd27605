import { actionLabel, readableDetails, subjectLabel } from "~/modules/audit/audit.labels";
import { useT } from "~/utils/use-i18n";

export interface AuditEntryData {
  id: number;
  at: string | Date;
  action: string;
  subjectType: string;
  subjectId: string;
  ip: string;
  details: string;
  actor: { id: number; name: string; email: string; deleted: boolean } | null;
  actorId: number | null;
}

/** Who did it, in words: an account's name and address, a deleted account, or the system. */
export function actorText(t: ReturnType<typeof useT>, e: Pick<AuditEntryData, "actor" | "actorId">): string {
  return e.actor
    ? e.actor.deleted
      ? t("audit.deletedAccount", { id: e.actor.id })
      : t("concerns.staff.nameWithEmail", { name: e.actor.name || "—", email: e.actor.email })
    : e.actorId !== null
      ? t("audit.unknownAccount", { id: e.actorId })
      : t("audit.system");
}

/** One entry of the log, every part in words; the action's code stays beside its label for those who search by it. */
export function AuditEntry({ entry: e, when }: { entry: AuditEntryData; when: string }) {
  const t = useT();
  const details = readableDetails(t, e.details);
  return (
    <li className="card" data-testid="audit-entry">
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-semibold">{t("audit.at")}</dt>
        <dd>
          <time dateTime={new Date(e.at).toISOString()}>{when}</time>
        </dd>
        <dt className="font-semibold">{t("audit.what")}</dt>
        <dd>
          <span className="font-semibold">{actionLabel(t, e.action)}</span> <code className="text-xs text-stone-600">{e.action}</code>
        </dd>
        <dt className="font-semibold">{t("audit.who")}</dt>
        <dd>{actorText(t, e)}</dd>
        <dt className="font-semibold">{t("audit.subject")}</dt>
        <dd>{subjectLabel(t, e.subjectType, e.subjectId)}</dd>
        <dt className="font-semibold">{t("audit.ip")}</dt>
        <dd className="font-mono">{e.ip || "—"}</dd>
        {details.length ? (
          <>
            <dt className="font-semibold">{t("audit.details")}</dt>
            <dd>
              <ul className="space-y-0.5">
                {details.map((d, i) => (
                  <li key={i} className="break-words">
                    <span className="text-stone-700">{d.label}</span>
                    {t("form.labelSeparator")}
                    {d.value}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
