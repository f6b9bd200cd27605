import type { Locale } from "~/utils/i18n";
import { sanitizeHeaderValue } from "../sanitize";

export const SUBJECT_PREFIX: Record<Locale, string> = {
  ja: "【つなぐ八幡東】",
  en: "[Tsunagu Yahatahigashi] ",
};

/**
 * A value placed in a title. Titles become subjects, so every interpolated value is made header-safe on its own
 * (the finished subject is cleaned again and capped as a whole).
 */
export function v(value: string): string {
  return sanitizeHeaderValue(value);
}

export function minutes(locale: Locale, n: number): string {
  return locale === "ja" ? `${n}分` : `${n} ${n === 1 ? "minute" : "minutes"}`;
}

export function days(locale: Locale, n: number): string {
  return locale === "ja" ? `${n}日` : `${n} ${n === 1 ? "day" : "days"}`;
}

/** Each template module exports its component and the title it shows (also the subject, after the prefix). */
export type TemplateProps<P> = P & { locale: Locale };
