import type { Locale } from "~/utils/i18n";
import type { Messages } from "./catalogues";

/**
 * The browser's messages: only the reader's language, each a chunk of its own loaded on demand. The page
 * hydrates once its language is in (entry.client.tsx), and the root's clientLoader loads the other one before
 * data in a new language renders. Stands in for ./catalogues.ts in the browser build (vite.config.ts).
 */
export const catalogues: Partial<Record<Locale, Messages>> = {};

const loading = new Map<Locale, Promise<void>>();

export function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = (locale === "en" ? import("./en").then((m) => m.en) : import("./ja").then((m) => m.ja)).then(
      (messages) => {
        catalogues[locale] = messages;
      },
      (error) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}
