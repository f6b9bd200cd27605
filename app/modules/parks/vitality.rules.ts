import type { AgeCounts, AssociationStatus } from "./parks.vocabulary";

/**
 * How healthy a park's care is, in words. Pure: the registry's figures in, the reasons out, each reason with its
 * Japanese and English text, so the staff list, its tests and any report say the same. Thresholds are a staff
 * setting (defaults below). See docs/decisions/025-park-care-registry.md.
 */
export interface VitalitySettings {
  /** No activity recorded for this many months → at risk. */
  inactiveMonths: number;
  /** Members fell by at least this percentage… */
  declinePercent: number;
  /** …over this many years. */
  declineYears: number;
  /** No new member for this many years → at risk. */
  noNewMembersYears: number;
  /** Fewer members than this → at risk. */
  minMembers: number;
}

export const DEFAULT_VITALITY_SETTINGS: VitalitySettings = { inactiveMonths: 6, declinePercent: 30, declineYears: 3, noNewMembersYears: 5, minMembers: 5 };

export const VITALITY_LIMITS: Record<keyof VitalitySettings, { min: number; max: number }> = {
  inactiveMonths: { min: 1, max: 36 },
  declinePercent: { min: 1, max: 100 },
  declineYears: { min: 1, max: 10 },
  noNewMembersYears: { min: 1, max: 20 },
  minMembers: { min: 0, max: 100 },
};

export interface VitalityInput {
  status: AssociationStatus;
  memberCount: number;
  officers: AgeCounts;
  /** 'YYYY-MM-DD' of the last activity (the log or a session the association ran on the site), or null. */
  lastActivity: string | null;
  /** 'YYYY-MM-DD' the association was founded, if known (a young association is not "inactive"). */
  foundedOn: string | null;
  /** Yearly figures (年度), any order. */
  snapshots: { year: number; memberCount: number; newMembers: number }[];
}

export type Reason =
  | { code: "dissolved" }
  | { code: "paused" }
  | { code: "officersAllOld" }
  | { code: "inactive"; months: number }
  | { code: "neverActive" }
  | { code: "declining"; years: number; percent: number }
  | { code: "noNewMembers"; years: number }
  | { code: "fewMembers"; count: number };

export type VitalityLevel = "at_risk" | "healthy" | "dissolved";

export interface Vitality {
  level: VitalityLevel;
  reasons: Reason[];
}

/** The 年度 (April–March) a Tokyo date falls in. */
export function fiscalYear(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/** The date `months` calendar months before `date` (both 'YYYY-MM-DD'; the day clamps to the month's end). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function assessVitality(input: VitalityInput, today: string, settings: VitalitySettings = DEFAULT_VITALITY_SETTINGS): Vitality {
  if (input.status === "dissolved") return { level: "dissolved", reasons: [{ code: "dissolved" }] };
  const reasons: Reason[] = [];
  if (input.status === "paused") reasons.push({ code: "paused" });

  const officers = input.officers.under_40 + input.officers["40_64"] + input.officers["65_74"] + input.officers["75_plus"];
  if (officers > 0 && input.officers["75_plus"] === officers) reasons.push({ code: "officersAllOld" });

  const since = monthsBefore(today, settings.inactiveMonths);
  const young = input.foundedOn !== null && input.foundedOn > since;
  if (input.lastActivity === null) {
    if (!young) reasons.push({ code: "neverActive" });
  } else if (input.lastActivity < since && !young) reasons.push({ code: "inactive", months: settings.inactiveMonths });

  const year = fiscalYear(today);
  const byYear = new Map(input.snapshots.map((s) => [s.year, s]));
  const then = byYear.get(year - settings.declineYears);
  const now = byYear.get(year)?.memberCount ?? input.memberCount;
  if (then && then.memberCount > 0) {
    const percent = Math.round(((then.memberCount - now) / then.memberCount) * 100);
    if (percent >= settings.declinePercent) reasons.push({ code: "declining", years: settings.declineYears, percent });
  }

  // Only when the figures cover the window (the current 年度 may have none yet): a missing year is no evidence.
  const first = year - settings.noNewMembersYears + 1;
  const covered = Array.from({ length: settings.noNewMembersYears - 1 }, (_, i) => first + i).every((y) => byYear.has(y));
  const newMembers = input.snapshots.filter((s) => s.year >= first && s.year <= year).reduce((sum, s) => sum + s.newMembers, 0);
  if (covered && newMembers === 0) reasons.push({ code: "noNewMembers", years: settings.noNewMembersYears });

  if (input.memberCount < settings.minMembers) reasons.push({ code: "fewMembers", count: input.memberCount });
  return { level: reasons.length ? "at_risk" : "healthy", reasons };
}

/** A reason in words, as staff read it. */
export function reasonText(reason: Reason, locale: "ja" | "en"): string {
  const ja = locale === "ja";
  switch (reason.code) {
    case "dissolved":
      return ja ? "解散" : "Dissolved";
    case "paused":
      return ja ? "活動を休止中" : "Activity paused";
    case "officersAllOld":
      return ja ? "役員全員が75歳以上" : "Every officer is 75 or older";
    case "inactive":
      return ja ? `${reason.months}か月活動の記録なし` : `No activity recorded for ${reason.months} months`;
    case "neverActive":
      return ja ? "活動の記録がない" : "No activity has been recorded";
    case "declining":
      return ja ? `会員数が${reason.years}年で${reason.percent}%減` : `Members down ${reason.percent}% in ${reason.years} years`;
    case "noNewMembers":
      return ja ? `新しい会員が${reason.years}年間いない` : `No new member for ${reason.years} years`;
    case "fewMembers":
      return ja ? `会員が${reason.count}人` : `Only ${reason.count} members`;
  }
}

/** Order for the staff list: at risk first (most reasons first), then parks without an association, then the rest. */
export function riskRank(entry: { hasAssociation: boolean; vitality: Vitality | null }): number {
  if (!entry.hasAssociation) return 1000;
  const v = entry.vitality;
  if (!v) return 1000;
  if (v.level === "at_risk") return 100 - v.reasons.length;
  if (v.level === "dissolved") return 1000;
  return 2000;
}
