import { Link } from "@remix-run/react";
import { useT } from "~/utils/use-i18n";

export function SiteFooter() {
  const t = useT();
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-6 text-sm text-stone-700">
        <p>{t("footer.about")}</p>
        <nav aria-label={t("footer.navLabel")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link to="/for-groups">{t("nav.forGroups")}</Link>
            </li>
            <li>
              <Link to="/terms">{t("legal.terms.title")}</Link>
            </li>
            <li>
              <Link to="/privacy">{t("legal.privacy.title")}</Link>
            </li>
            <li>
              <Link to="/contact">{t("legal.contact.title")}</Link>
            </li>
          </ul>
        </nav>
        <p>{t("footer.office")}</p>
      </div>
    </footer>
  );
}
