import type { SafeguardingStatus } from "~/vocabulary";
import { formatDate, formatDateTime } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

const CHECKED = ["adults", "supervision", "place", "insurance", "tasks", "care", "checks"] as const;

/**
 * The public sign that a posting welcoming under-18s passed the ward's safeguarding review, with what was checked.
 * A disclosure, so it opens without JavaScript; nothing is shown for any other posting.
 */
export function SafeguardingBadge({ status, welcomesMinors }: { status?: SafeguardingStatus | null; welcomesMinors: boolean }) {
  const t = useT();
  if (!welcomesMinors || status !== "approved") return null;
  return (
    <details className="group basis-full" data-testid="safeguarding-badge">
      <summary className="badge inline-flex cursor-pointer list-none items-center gap-1 bg-emerald-100 text-emerald-900 hover:bg-emerald-200">
        <span aria-hidden="true">✓</span>
        {t("safeguarding.badge.label")}
        <span aria-hidden="true" className="text-xs group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm text-stone-900">
        <p className="font-semibold">{t("safeguarding.badge.title")}</p>
        <p className="mt-1">{t("safeguarding.badge.explain")}</p>
        <ul className="mt-1 list-disc pl-5">
          {CHECKED.map((item) => (
            <li key={item}>{t(`safeguarding.badge.${item}`)}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}

const STATUS_COLOURS: Record<SafeguardingStatus, string> = {
  not_required: "bg-stone-200 text-stone-800",
  pending: "bg-amber-100 text-amber-900",
  returned: "bg-red-100 text-red-800",
  approved: "bg-emerald-100 text-emerald-900",
};

/** The review status of a posting, for organisations and staff (never shown to the public). */
export function SafeguardingStatusBadge({ status }: { status: SafeguardingStatus }) {
  const t = useT();
  return <span className={`badge ${STATUS_COLOURS[status]}`}>{t("safeguarding.statusLabel", { status: t(`safeguarding.status.${status}`) })}</span>;
}

interface DeclarationState {
  state: "missing" | "pending" | "rejected" | "valid" | "expiring" | "expired";
  validUntil: string | null;
  renewalPending: boolean;
}
interface CheckState {
  state: "missing" | "valid" | "expiring" | "expired";
  validUntil: string | null;
}

const STATE_TONE: Record<string, string> = {
  valid: "text-emerald-900",
  expiring: "font-semibold text-amber-900",
  expired: "font-semibold text-red-800",
  rejected: "text-red-800",
  pending: "text-stone-700",
  missing: "text-stone-700",
};

/** A person's declaration and recorded check, in words (the dates are Tokyo calendar dates). */
export function CredentialStates({ declaration, check }: { declaration: DeclarationState; check: CheckState }) {
  const t = useT();
  const until = (date: string | null) => (date ? `（${t("safeguarding.declState.until", { date: formatDate(`${date}T12:00:00+09:00`, t.locale) })}）` : "");
  return (
    <>
      <span className={`block ${STATE_TONE[declaration.state]}`}>
        {t("safeguarding.people.declaration")}: {t(`safeguarding.declState.${declaration.state}`)}
        {declaration.state === "valid" || declaration.state === "expiring" || declaration.state === "expired" ? until(declaration.validUntil) : ""}
        {declaration.renewalPending ? ` · ${t("safeguarding.declState.renewalPending")}` : ""}
      </span>
      <span className={`block ${STATE_TONE[check.state]}`}>
        {t("safeguarding.people.check")}: {t(`safeguarding.checkState.${check.state}`)}
        {check.state !== "missing" ? until(check.validUntil) : ""}
      </span>
    </>
  );
}

export interface HistoryEntry {
  id: number;
  event: "submitted" | "approved" | "returned" | "changed";
  comment: string;
  changes: string[];
  created_at: Date | string;
  actor_name: string | null;
}

const CHANGES = ["shifts", "place", "adults", "minors", "checklist"] as const;

/** The review's history, newest first, with staff comments as people wrote them (text only). */
export function SafeguardingHistory({ history }: { history: HistoryEntry[] }) {
  const t = useT();
  if (history.length === 0) return <p className="mt-2">{t("safeguarding.history.none")}</p>;
  return (
    <ol className="mt-2 space-y-3">
      {history.map((h) => (
        <li key={h.id} className="border-l-4 border-stone-300 pl-3">
          <p className="font-semibold">
            {t(`safeguarding.history.event.${h.event}`)}
            <span className="ml-2 text-sm font-normal text-stone-700">
              {formatDateTime(h.created_at, t.locale)}
              {h.actor_name ? ` · ${t("safeguarding.history.by", { name: h.actor_name })}` : ""}
            </span>
          </p>
          {h.changes.length ? (
            <p className="text-sm">
              {t("safeguarding.history.changes", {
                changes: h.changes
                  .filter((c): c is (typeof CHANGES)[number] => (CHANGES as readonly string[]).includes(c))
                  .map((c) => t(`safeguarding.change.${c}`))
                  .join(t.locale === "ja" ? "・" : ", "),
              })}
            </p>
          ) : null}
          {h.comment ? <p className="mt-1 whitespace-pre-line">{h.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
