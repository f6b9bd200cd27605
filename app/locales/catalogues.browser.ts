import type { Locale } from "~/utils/i18n";
import type { Messages } from "./catalogues";

/**
 * The browser's messages: only the reader's language, and only what the loaded routes can show. Stands in for
 * ./catalogues.ts in the browser build (vite.config.ts). In a production build every route module (the root
 * included) awaits `addMessages` at its top level with its own part of the catalogue, one chunk per language
 * (app/locales/message-use.build.ts says which keys), so its messages are in before Remix renders it; the dev
 * server registers the whole catalogue as one part instead. The page hydrates once its language is in
 * (entry.client.tsx), and the root's clientLoader loads the other language of every part before data in it
 * renders (language switch, `?lang=`, the account language).
 */
export const catalogues: Partial<Record<Locale, Partial<Messages>>> = {};

type Part = Record<Locale, () => Promise<{ default: Partial<Messages> }>>;

const parts: Part[] = [];
/** The languages asked for so far: a part registered later is loaded in each of them. */
const active = new Set<Locale>();
const loading = new Map<Part, Map<Locale, Promise<void>>>();

if (import.meta.env.DEV) {
  parts.push({
    ja: () => import("./ja").then((m) => ({ default: m.ja })),
    en: () => import("./en").then((m) => ({ default: m.en })),
  });
}

function pageLocale(): Locale {
  return typeof document !== "undefined" && document.documentElement.lang === "en" ? "en" : "ja";
}

function loadPart(part: Part, locale: Locale): Promise<void> {
  let byLocale = loading.get(part);
  if (!byLocale) loading.set(part, (byLocale = new Map()));
  let pending = byLocale.get(locale);
  if (!pending) {
    pending = part[locale]().then(
      (m) => {
        catalogues[locale] = Object.assign(catalogues[locale] ?? {}, m.default);
      },
      (error) => {
        byLocale.delete(locale);
        throw error;
      },
    );
    byLocale.set(locale, pending);
  }
  return pending;
}

/** A route's part of the catalogue: loaded now in the page's language (and any other asked for so far). */
export function addMessages(part: Part): Promise<void> {
  parts.push(part);
  if (active.size === 0) active.add(pageLocale());
  return Promise.all([...active].map((locale) => loadPart(part, locale))).then(() => undefined);
}

/** Every part registered so far, in this language. */
export function loadCatalogue(locale: Locale): Promise<void> {
  active.add(locale);
  return Promise.all(parts.map((part) => loadPart(part, locale))).then(() => undefined);
}
