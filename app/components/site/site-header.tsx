import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/utils/use-i18n";
import { LanguageSwitch } from "./language-switch";
import { useRootData } from "./root-data";

const navClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center rounded-md px-3 py-2 no-underline font-semibold ${isActive ? "bg-brand-100 text-brand-800" : "text-stone-800 hover:bg-stone-100"}`;

function CountBadge({ count, label }: { count: number; label: string }) {
  if (!count) return null;
  return (
    <span className="badge ml-1 bg-red-100 text-red-800" aria-label={label}>
      {count}
    </span>
  );
}

/**
 * One row on a phone: the site's name and a menu. The menu is a <details> element, so it opens without JavaScript;
 * from 768 px on its contents show inline and its button is hidden (app.css). With JavaScript it closes when a
 * link is followed.
 */
export function SiteHeader() {
  const root = useRootData();
  const t = useT();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  const user = root?.user;
  const waiting = root?.waitingCount ?? 0;
  const unread = root?.unreadMessages ?? 0;
  return (
    <header className="relative border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      {root?.demoMode ? (
        <p className="bg-amber-100 px-4 py-0.5 text-center text-xs text-amber-900 sm:text-sm" role="note">
          {t("demo.banner")} <Link to="/dev/mailbox">{t("demo.mailbox")}</Link>
        </p>
      ) : null}
      {root?.emailUnsent ? (
        <p className="bg-red-100 px-4 py-1 text-center text-sm font-semibold text-red-900" role="alert">
          {t("demo.emailUnsent")}
        </p>
      ) : null}
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-2 px-4 py-2">
        <Link to="/" className="shrink-0 text-xl font-bold leading-tight text-brand-800 no-underline">
          {t("site.name")}
          <span className="hidden text-xs font-normal text-stone-600 sm:block">{t("site.tagline")}</span>
        </Link>
        <details ref={menu} className="site-menu" data-testid="site-menu">
          <summary className="btn-secondary list-none px-3 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true">☰</span>
            {t("nav.menu")}
            <CountBadge count={waiting + unread} label={t("nav.waitingCount", { count: waiting + unread })} />
          </summary>
          <nav
            aria-label={t("nav.label")}
            className="absolute inset-x-0 top-full z-40 flex flex-col gap-1 border-b border-stone-200 bg-white p-3 shadow-lg md:static md:flex-row md:flex-wrap md:items-center md:justify-end md:border-0 md:p-0 md:shadow-none"
          >
            <NavLink to="/postings" className={navClass}>
              {t("nav.find")}
            </NavLink>
            <NavLink to="/parks" className={navClass}>
              {t("parks.nav")}
            </NavLink>
            {user ? (
              <>
                <NavLink to={user.home} className={navClass} end={!user.isStaff}>
                  {t(user.isStaff ? "nav.staff" : "nav.home")}
                  <CountBadge count={waiting} label={t("nav.waitingCount", { count: waiting })} />
                </NavLink>
                {root.organisations.length === 1 ? (
                  <NavLink to={`/orgs/${root.organisations[0].id}`} className={navClass}>
                    {t("nav.myOrganisation")}
                  </NavLink>
                ) : root.organisations.length > 1 ? (
                  <NavLink to="/account#orgs" className={navClass}>
                    {t("nav.myOrganisations")}
                  </NavLink>
                ) : null}
                {user.isAdmin ? (
                  <NavLink to="/admin" className={navClass}>
                    {t("nav.admin")}
                  </NavLink>
                ) : null}
                <NavLink to="/activities" className={navClass}>
                  {t("activities.title")}
                </NavLink>
                <NavLink to="/messages" className={navClass}>
                  {t("messages.title")}
                  {unread ? <span className="badge ml-1 bg-red-100 text-red-800">{t("messages.unread", { count: unread })}</span> : null}
                </NavLink>
                <NavLink to="/account" className={navClass}>
                  {t("nav.account")}
                </NavLink>
                <Form method="post" action="/logout">
                  <button type="submit" className="flex min-h-11 w-full items-center rounded-md px-3 py-2 font-semibold text-stone-800 hover:bg-stone-100">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/for-groups" className={navClass}>
                  {t("nav.forGroups")}
                </NavLink>
                <NavLink to="/login" className={navClass}>
                  {t("nav.login")}
                </NavLink>
                <NavLink to="/signup" className={navClass}>
                  {t("nav.signup")}
                </NavLink>
              </>
            )}
            <LanguageSwitch />
          </nav>
        </details>
      </div>
    </header>
  );
}
