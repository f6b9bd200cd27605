import { Link } from "@remix-run/react";
import { formatRange } from "~/utils/format";
import { useT } from "~/utils/use-i18n";

/** On the group's dashboard: today's sessions to check people in for, and recent ones still to confirm. */
export function SessionsToCheckIn({ orgId, sessions }: { orgId: number; sessions: { id: number; starts_at: string | Date; ends_at: string | Date; title: string; confirmed_at: string | Date | null }[] }) {
  const t = useT();
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="check-in-now" className="card space-y-2">
      <h2 id="check-in-now">{t("attendance.dashboard.title")}</h2>
      <ul className="space-y-2">
        {sessions.map((s) => (
          <li key={s.id}>
            <Link to={`/orgs/${orgId}/sessions/${s.id}/check-in`} className="font-semibold">
              {formatRange(s.starts_at, s.ends_at, t.locale)} {s.title}
            </Link>{" "}
            {s.confirmed_at ? <span className="badge bg-green-100 text-green-900">{t("attendance.dashboard.confirmed")}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
