import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { loadCatalogue } from "./locales/catalogues";
import stylesheet from "./styles/app.css?url";
import { getAuthenticatedSession } from "./utils/auth.server";
import { getDb } from "./utils/db.server";
import { unreadMessageCount } from "./modules/messages/messages.server";
import { myOrganisations } from "./modules/organisations/memberships.server";
import { isDemoMailbox, isEmailUnsent } from "./utils/env.server";
import { DEFAULT_LOCALE, type Locale } from "./utils/i18n";
import { getLocale } from "./utils/locale.server";
import { useNonce } from "./utils/nonce";
import { roleCan } from "./utils/permissions";
import { clearToastCookie, readToast } from "./utils/toast.server";
import { translate } from "./utils/translate";
import { useT } from "./utils/use-i18n";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The catalogue entry for an error status (415, a body that is not a form, reads as a 400). */
function errorKey(status: number): "error.400" | "error.403" | "error.404" | "error.413" | "error.500" {
  return status === 404 ? "error.404" : status === 403 ? "error.403" : status === 400 || status === 415 ? "error.400" : status === 413 ? "error.413" : "error.500";
}

/** The title of the error page (each route names its own pages): the error, in the reader's language. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: "つなぐ八幡東" }];
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorKey(status);
  return [{ title: `${translate(locale, `${key}.title` as never)} | つなぐ八幡東` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const session = await getAuthenticatedSession(request);
  const user = session?.user ?? null;
  const organisations = user ? await myOrganisations(getDb(), user.id) : [];
  const unreadMessages = user ? await unreadMessageCount(getDb(), user.id) : 0;
  const toast = readToast(request);
  return data(
    {
      locale,
      toast,
      demoMode: isDemoMailbox(),
      // Staff must know when the site's emails reach nobody (a production start without an email provider).
      emailUnsent: isEmailUnsent() && !!user && roleCan(user.role, "staff:access"),
      user: user
        ? {
            id: user.id,
            displayName: user.display_name || user.email,
            isStaff: roleCan(user.role, "staff:access"),
            isAdmin: roleCan(user.role, "admin:access"),
          }
        : null,
      organisations,
      unreadMessages,
    },
    { headers: toast ? { "Set-Cookie": clearToastCookie(request) } : undefined },
  );
}

/** The browser holds one language's messages: a switch of language loads the other before the page renders in it. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const root = await serverLoader<typeof loader>();
  await loadCatalogue(root.locale);
  return root;
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  const other: Locale = t.locale === "ja" ? "en" : "ja";
  return (
    <Form method="post" action="/language" className="inline">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn-secondary min-h-11 px-3 py-1 text-sm" lang={other}>
        {other === "en" ? "English" : "日本語"}
      </button>
    </Form>
  );
}

function Header() {
  const root = useRootData();
  const t = useT();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 no-underline font-semibold ${isActive ? "bg-brand-100 text-brand-800" : "text-stone-800 hover:bg-stone-100"}`;
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      {root?.demoMode ? (
        <p className="bg-amber-100 px-4 py-1 text-center text-sm text-amber-900" role="note">
          {t("demo.banner")} <Link to="/dev/mailbox">{t("demo.mailbox")}</Link>
        </p>
      ) : null}
      {root?.emailUnsent ? (
        <p className="bg-red-100 px-4 py-1 text-center text-sm font-semibold text-red-900" role="alert">
          {t("demo.emailUnsent")}
        </p>
      ) : null}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-brand-800 no-underline">
          {t("site.name")}
          <span className="block text-xs font-normal text-stone-600">{t("site.tagline")}</span>
        </Link>
        <nav aria-label={t("nav.label")} className="flex flex-wrap items-center gap-1">
          <NavLink to="/postings" className={navClass}>
            {t("nav.find")}
          </NavLink>
          <NavLink to="/parks" className={navClass}>
            {t("parks.nav")}
          </NavLink>
          {root?.user ? (
            <>
              {root.organisations.length === 1 ? (
                <NavLink to={`/orgs/${root.organisations[0].id}`} className={navClass}>
                  {t("nav.myOrganisation")}
                </NavLink>
              ) : root.organisations.length > 1 ? (
                <NavLink to="/account#orgs" className={navClass}>
                  {t("nav.myOrganisations")}
                </NavLink>
              ) : null}
              {root.user.isStaff ? (
                <NavLink to="/staff" className={navClass}>
                  {t("nav.staff")}
                </NavLink>
              ) : null}
              {root.user.isAdmin ? (
                <NavLink to="/admin" className={navClass}>
                  {t("nav.admin")}
                </NavLink>
              ) : null}
              <NavLink to="/activities" className={navClass}>
                {t("activities.title")}
              </NavLink>
              <NavLink to="/messages" className={navClass}>
                {t("messages.title")}
                {root.unreadMessages ? <span className="badge ml-1 bg-red-100 text-red-800">{t("messages.unread", { count: root.unreadMessages })}</span> : null}
              </NavLink>
              <NavLink to="/account" className={navClass}>
                {t("nav.account")}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md px-3 py-2 font-semibold text-stone-800 hover:bg-stone-100">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/organisations/new" className={navClass}>
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
      </div>
    </header>
  );
}

function Toast() {
  const root = useRootData();
  const t = useT();
  if (!root?.toast) return null;
  const colour =
    root.toast.kind === "error" ? "border-red-700 bg-red-50 text-red-900" : "border-brand-600 bg-brand-50 text-brand-800";
  return (
    <div role="status" className={`mx-auto mt-4 w-full max-w-5xl rounded-lg border-l-4 px-4 py-3 ${colour}`}>
      {t.message(root.toast.message)}
    </div>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-700">
        <p>{t("footer.about")}</p>
        <p className="mt-1">{t("footer.office")}</p>
      </div>
    </footer>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <Toast />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRootData();
  const locale: Locale = root?.locale ?? DEFAULT_LOCALE;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorKey(status);
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-12">
      <h1>{translate(locale, `${key}.title` as never)}</h1>
      <p className="mt-4">{translate(locale, `${key}.body` as never)}</p>
      <p className="mt-2 text-sm text-stone-600" lang={locale === "ja" ? "en" : "ja"}>
        {translate(locale === "ja" ? "en" : "ja", `${key}.title` as never)}
      </p>
      <p className="mt-6">
        <a href="/" className="btn">
          {translate(locale, "error.home")}
        </a>
      </p>
    </main>
  );
}
