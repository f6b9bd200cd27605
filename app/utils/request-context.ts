import type { Locale } from "./i18n";

/** What use-cases need to know about the request: the site's origin for links, the language, the client's address. */
export interface RequestContext {
  origin: string;
  locale: Locale;
  ip: string;
}
