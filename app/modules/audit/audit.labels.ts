import { formatDate, tokyoFormatter } from "~/utils/format";
import type { MessageKey, Vars } from "~/utils/translate";
import { AUDIT_SUBJECT_KINDS, isKnownAuditAction } from "./audit.actions";

/**
 * The audit log in words, for the page and the CSV alike: an action's label, what an entry is about, and its details
 * as label/value pairs (never the stored JSON).
 */

type T = (key: MessageKey, vars?: Vars) => string;

export function actionLabel(t: T, action: string): string {
  return isKnownAuditAction(action) ? t(`audit.code.${action}` as MessageKey) : t("audit.unknownAction", { code: action });
}

const SUBJECT_KINDS = new Set<string>(AUDIT_SUBJECT_KINDS);

export function subjectLabel(t: T, type: string, id: string): string {
  if (!type) return id || "—";
  const kind = SUBJECT_KINDS.has(type) ? t(`audit.subjectKind.${type}` as MessageKey) : type;
  return id ? `${kind} ${id}` : kind;
}

const DETAIL_LABELS = new Set([
  "from", "to", "reason", "changes", "view", "students", "role", "heldUntil", "year", "rows", "filters", "count", "outcome", "category", "purpose", "userId", "schoolId", "organisationId", "applicationIds", "target", "shiftId", "postingId", "comment", "codeId", "before", "withdrawnApplications", "validUntil", "targetId", "standing", "shifts", "replaced", "reindexed", "reference", "published", "publication", "postingIds", "outcomes", "months", "invitationId", "groups", "file", "entries", "declaredOn", "consentIds", "concernId", "checkedOn", "by", "autoClosed", "attendanceId", "adultsRemoved", "about",
]);

function valueText(t: T, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => valueText(t, v)).join(t("audit.listSeparator")) : "—";
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${detailLabel(t, k)}${t("form.labelSeparator")}${valueText(t, v)}`)
      .join(t("audit.listSeparator"));
  return String(value);
}

function detailLabel(t: T, key: string): string {
  return DETAIL_LABELS.has(key) ? t(`audit.detail.${key}` as MessageKey) : key;
}

/** The stored details (JSON text) as pairs to show; text that is not a JSON object shows as one line. */
export function readableDetails(t: T, details: string): { label: string; value: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details ? [{ label: t("audit.details"), value: details }] : [];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return parsed === null || parsed === undefined ? [] : [{ label: t("audit.details"), value: valueText(t, parsed) }];
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({ label: detailLabel(t, key), value: valueText(t, value) }));
}

/** 2026年12月6日(土) 9:05:03 — seconds matter in a log. */
export function formatInstant(value: Date | string, locale: "ja" | "en"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const time = tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(date);
  return `${formatDate(date, locale)} ${time}`;
}
