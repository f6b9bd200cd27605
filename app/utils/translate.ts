import { catalogues } from "~/locales/catalogues";
import type { ja } from "~/locales/ja";
import type { Locale } from "./i18n";

export type MessageKey = keyof typeof ja;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** True for a key of the catalogues (every language has the same keys; the browser holds one of them). */
export function isMessageKey(key: string): key is MessageKey {
  const messages = catalogues.ja ?? catalogues.en;
  return messages !== undefined && Object.prototype.hasOwnProperty.call(messages, key);
}

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return fill(catalogues[locale]?.[key] ?? catalogues.ja?.[key] ?? key, vars);
}

/** Translates an encoded message such as `v.tooLong?max=200` (how schemas and actions carry messages). */
export function translateMessage(locale: Locale, message: string): string {
  const [key, query] = message.split("?", 2);
  if (!isMessageKey(key)) return message;
  const vars: Vars = {};
  if (query) for (const [k, v] of new URLSearchParams(query)) vars[k] = v;
  return translate(locale, key, vars);
}

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}
