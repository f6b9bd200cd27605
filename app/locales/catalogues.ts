import type { Locale } from "~/utils/i18n";
import { en } from "./en";
import { ja } from "./ja";

export type Messages = Record<keyof typeof ja, string>;

/**
 * Both languages' messages, for the server (pages, emails, workers) and tests. The browser build gets
 * ./catalogues.browser.ts in its place (see vite.config.ts), which loads only the reader's language.
 */
export const catalogues: Partial<Record<Locale, Messages>> = { ja, en };

/** Nothing to load here: both are in memory. */
export function loadCatalogue(_locale: Locale): Promise<void> {
  return Promise.resolve();
}
