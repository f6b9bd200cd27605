import type { Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import type { Locale } from "~/utils/i18n";
import { translate, type MessageKey, type Vars } from "~/utils/translate";
import { csv } from "../applications/applications.rules";
import { searchAuditLog, type AuditQuery } from "../concerns/audit-search.server";
import { actionLabel, formatInstant, readableDetails, subjectLabel } from "./audit.labels";

/** The most entries one export holds (newest first); narrower filters reach older ones. */
export const AUDIT_EXPORT_MAX = 5000;

/**
 * The entries matching the page's filters as CSV for a spreadsheet (UTF-8 with a BOM, every part in words, the code
 * beside its label), and the export recorded in the log itself, with the filters and how many rows left.
 */
export async function exportAuditLog(db: Executor, query: AuditQuery, filters: Record<string, string>, by: { userId: number; ip: string }, locale: Locale): Promise<string> {
  const { entries } = await searchAuditLog(db, { ...query, before: undefined, after: undefined }, AUDIT_EXPORT_MAX);
  await audit(db, { actorUserId: by.userId, action: "audit.exported", subjectType: "", ip: by.ip, details: { rows: entries.length, filters } });
  const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
  const who = (e: (typeof entries)[number]) =>
    e.actor
      ? e.actor.deleted
        ? t("audit.deletedAccount", { id: e.actor.id })
        : t("concerns.staff.nameWithEmail", { name: e.actor.name || "—", email: e.actor.email })
      : e.actorId !== null
        ? t("audit.unknownAccount", { id: e.actorId })
        : t("audit.system");
  return csv([
    [t("audit.csv.at"), t("audit.csv.action"), t("audit.csv.code"), t("audit.csv.actor"), t("audit.csv.subject"), t("audit.csv.ip"), t("audit.csv.details")],
    ...entries.map((e) => [
      formatInstant(e.at, locale),
      actionLabel(t, e.action),
      e.action,
      who(e),
      subjectLabel(t, e.subjectType, e.subjectId),
      e.ip,
      readableDetails(t, e.details)
        .map((d) => `${d.label}${t("form.labelSeparator")}${d.value}`)
        .join(" / "),
    ]),
  ]);
}
