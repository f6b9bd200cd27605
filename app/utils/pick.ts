import type { Locale } from "./i18n";

/** The name in the reader's language, falling back to Japanese when the English one is missing. */
export function pick(locale: Locale, ja: string | null | undefined, en: string | null | undefined): string {
  return (locale === "en" && en ? en : ja) ?? "";
}
