import type { Locale } from "~/utils/i18n";
import { isMessageKey, translate, type MessageKey } from "~/utils/translate";
import { isShownToOrganisation, isShownToVolunteer, type Reason } from "./recommend.rules";

/** Who reads the reason: the volunteer ("土曜の午前") or the organisation ("土曜の午前に参加しやすい"). */
export type Perspective = "volunteer" | "organisation";

export type CategoryNames = (code: string) => string;

function key(candidate: string): MessageKey | null {
  return isMessageKey(candidate) ? candidate : null;
}

/** A reason in words, in the reader's language; null when there are no words for it (an unknown skill code). */
export function reasonText(reason: Reason, locale: Locale, perspective: Perspective, categoryName: CategoryNames): string | null {
  const prefix = perspective === "volunteer" ? "recommendations.reason" : "recommendations.candidateReason";
  const t = (k: MessageKey, vars?: Record<string, string | number>) => translate(locale, k, vars);
  switch (reason.kind) {
    case "interest":
      return t(`${prefix}.interest` as MessageKey, { category: categoryName(reason.category) });
    case "skill": {
      const k = key(`${prefix}.skill.${reason.skill}`);
      return k ? t(k) : null;
    }
    case "availability":
      return t(`${prefix}.availability` as MessageKey, {
        day: t(`recommendations.day.${reason.weekday}` as MessageKey),
        part: t(`recommendations.part.${reason.part}`),
      });
    case "distance":
      return t(`${prefix}.distance` as MessageKey, { km: reason.km.toFixed(1) });
    case "soon":
      if (perspective !== "volunteer") return null;
      return reason.days <= 0 ? t("recommendations.reason.soon.today") : reason.days === 1 ? t("recommendations.reason.soon.tomorrow") : t("recommendations.reason.soon.days", { days: reason.days });
    case "welcomes":
      return perspective === "volunteer" ? t(`recommendations.reason.welcomes.${reason.who}`) : null;
    case "need":
      if (perspective !== "volunteer") return null;
      return reason.placesLeft === 1 ? t("recommendations.reason.need.one") : t("recommendations.reason.need.many", { count: reason.placesLeft });
  }
}

/** The reasons this reader is shown, in words, best first, at most `max`. */
export function reasonTexts(reasons: readonly Reason[], locale: Locale, perspective: Perspective, categoryName: CategoryNames, max = 4): string[] {
  const shown = perspective === "volunteer" ? isShownToVolunteer : isShownToOrganisation;
  const texts: string[] = [];
  for (const reason of reasons) {
    if (texts.length >= max) break;
    if (!shown(reason)) continue;
    const text = reasonText(reason, locale, perspective, categoryName);
    if (text) texts.push(text);
  }
  return texts;
}
