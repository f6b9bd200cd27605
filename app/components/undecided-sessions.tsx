import { Link } from "@remix-run/react";
import { formatRange } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

export interface UndecidedSession {
  shiftId: number | null;
  startsAt: string | Date;
  endsAt: string | Date;
  postingId: number;
  title: string;
  pending: number;
}

/** A group's dashboard: every session to come with applications waiting for its answer, soonest first. */
export function UndecidedSessions({ orgId, sessions }: { orgId: number; sessions: UndecidedSession[] }) {
  const t = useT();
  const total = sessions.reduce((sum, s) => sum + s.pending, 0);
  return (
    <section id="to-decide" aria-labelledby="to-decide-title" className="card space-y-2" tabIndex={-1}>
      <h2 id="to-decide-title">
        {t("home.org.applications")}（{t("home.count", { count: total })}）
      </h2>
      {sessions.length === 0 ? (
        <p className="text-stone-700">{t("home.allClear")}</p>
      ) : (
        <ul className="divide-y divide-stone-200">
          {sessions.map((s) => (
            <li key={`${s.postingId}-${s.shiftId}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/orgs/${orgId}/postings/${s.postingId}/applicants${s.shiftId ? `#shift-${s.shiftId}` : ""}`} className="font-semibold">
                {s.title}：{formatRange(s.startsAt, s.endsAt, t.locale)}
              </Link>
              <span className="badge bg-red-100 text-red-800">{t("home.count", { count: s.pending })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
