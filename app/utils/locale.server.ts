import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";
import { readCookie } from "./session.server";

export const LOCALE_COOKIE = "tsunagu_lang";

/** Japanese unless the person chose English (a cookie), or `?lang=en` is in the link they followed. */
export function getLocale(request: Request): Locale {
  return localeOf(new URL(request.url).searchParams.get("lang"), readCookie(request, LOCALE_COOKIE));
}

/** The same choice from the `lang` parameter and the language cookie's value. */
export function localeOf(fromQuery: string | null, fromCookie: string | null): Locale {
  if (isLocale(fromQuery)) return fromQuery;
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
