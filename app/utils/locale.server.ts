import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n";
import { readCookie } from "./session.server";

export const LOCALE_COOKIE = "tsunagu_lang";

/** Japanese unless the person chose English (a cookie), or `?lang=en` is in the link they followed. */
export function getLocale(request: Request): Locale {
  const fromQuery = new URL(request.url).searchParams.get("lang");
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie = readCookie(request, LOCALE_COOKIE);
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
