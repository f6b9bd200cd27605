import { Link } from "@remix-run/react";
import { useT } from "~/utils/use-i18n";

/** The staff pages of welfare-commissioner recruitment, linked from each of them. */
export function RecruitmentNav() {
  const t = useT();
  const links = [
    ["/staff/recruitment", "recruitment.staff.title"],
    ["/staff/recruitment/people", "recruitment.staff.people"],
    ["/staff/recruitment/campaigns", "recruitment.staff.campaigns"],
    ["/staff/recruitment/helpers", "recruitment.staff.helpers"],
    ["/staff/recruitment/figures", "recruitment.staff.figures"],
    ["/staff/recruitment/settings", "recruitment.staff.settings"],
  ] as const;
  return (
    <nav aria-label={t("recruitment.staff.homeLink")} className="flex flex-wrap gap-2">
      {links.map(([to, key]) => (
        <Link key={to} to={to} className="btn-secondary">
          {t(key)}
        </Link>
      ))}
    </nav>
  );
}
