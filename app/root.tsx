import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { loadCatalogue } from "./locales/catalogues";
import stylesheet from "./styles/app.css?url";
import { getAuthenticatedSession } from "./utils/auth.server";
import { getDb } from "./utils/db.server";
import { SiteFooter } from "./components/site/site-footer";
import { SiteHeader } from "./components/site/site-header";
import { SiteToast } from "./components/site/site-toast";
import { useRootData, type SiteRootData } from "./components/site/root-data";
import { headerFacts } from "./modules/home/chrome.server";
import { isDemoMailbox, isEmailUnsent } from "./utils/env.server";
import { DEFAULT_LOCALE, type Locale } from "./utils/i18n";
import { getLocale } from "./utils/locale.server";
import { useNonce } from "./utils/nonce";
import { roleCan } from "./utils/permissions";
import { clearToastCookie, readToast } from "./utils/toast.server";
import { translate, translateMessage } from "./utils/translate";
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
  const isStaff = !!user && roleCan(user.role, "staff:access");
  const facts = user ? await headerFacts(getDb(), { id: user.id, isStaff }) : null;
  const toast = readToast(request);
  return data(
    {
      locale,
      toast: toast ? { kind: toast.kind, message: translateMessage(locale, toast.message) } : null,
      demoMode: isDemoMailbox(),
      // Staff must know when the site's emails reach nobody (a production start without an email provider).
      emailUnsent: isEmailUnsent() && !!user && roleCan(user.role, "staff:access"),
      user: user
        ? {
            id: user.id,
            displayName: user.display_name || user.email,
            isStaff,
            isAdmin: roleCan(user.role, "admin:access"),
            home: facts?.home ?? "/home",
          }
        : null,
      organisations: facts?.organisations ?? [],
      unreadMessages: facts?.unreadMessages ?? 0,
      waitingCount: facts?.waitingCount ?? 0,
    } satisfies SiteRootData,
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

export default function App() {
  return (
    <>
      <SiteHeader />
      <SiteToast />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <SiteFooter />
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
