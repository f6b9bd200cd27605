import { z } from "zod";

/**
 * The ward's safeguarding settings: policy choices staff can change, each with the default named in the
 * ward's policy (docs/decisions/011-minors-consent.md). Stored one row per key in safeguarding_settings; a key
 * with no row (or a row that no longer passes its schema) has its default.
 */
export interface SafeguardingSettings {
  /** Under this age (on the shift's date) a person is a minor: the time rules, guardian consent and privacy apply. */
  minorAge: number;
  /** A minor's shift must end by this time (Tokyo, "HH:MM"); the ordinance's 23:00–04:00 applies whatever it says. */
  minorsLatestEnd: string;
  /** How long a minor's place is held while the guardian's consent is awaited. */
  consentHoldHours: number;
  /** Under this age the guardian must consent (APPI practice: the ward chose under 18). */
  guardianConsentUnder: number;
  /** Whether a guardian may consent once for the whole school year. */
  standingConsentOffered: boolean;
}

export const DEFAULT_SAFEGUARDING_SETTINGS: SafeguardingSettings = {
  minorAge: 18,
  minorsLatestEnd: "21:00",
  consentHoldHours: 72,
  guardianConsentUnder: 18,
  standingConsentOffered: false,
};

/** Column key in the table for each setting. */
export const SETTING_KEYS = {
  minorAge: "minor_age",
  minorsLatestEnd: "minors_latest_end",
  consentHoldHours: "consent_hold_hours",
  guardianConsentUnder: "guardian_consent_under",
  standingConsentOffered: "standing_consent_offered",
} as const satisfies Record<keyof SafeguardingSettings, string>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What each stored value must be: a stored value outside these falls back to the default. */
export const SETTING_VALUE_SCHEMAS = {
  minorAge: z.number().int().min(15).max(20),
  minorsLatestEnd: z.string().regex(TIME).refine((t) => t >= "05:00" && t <= "23:00"),
  consentHoldHours: z.number().int().min(1).max(336),
  guardianConsentUnder: z.number().int().min(12).max(20),
  standingConsentOffered: z.boolean(),
} satisfies { [K in keyof SafeguardingSettings]: z.ZodType<SafeguardingSettings[K]> };

/** Settings from stored rows (key → JSON value), defaults for missing or unusable ones. */
export function settingsFromRows(rows: { key: string; value: unknown }[]): SafeguardingSettings {
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const result = { ...DEFAULT_SAFEGUARDING_SETTINGS } as Record<keyof SafeguardingSettings, unknown>;
  for (const name of Object.keys(SETTING_KEYS) as (keyof SafeguardingSettings)[]) {
    const raw = byKey.get(SETTING_KEYS[name]);
    const parsed = SETTING_VALUE_SCHEMAS[name].safeParse(typeof raw === "string" && name !== "minorsLatestEnd" ? safeJson(raw) : raw);
    if (parsed.success) result[name] = parsed.data;
  }
  return result as unknown as SafeguardingSettings;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The settings that differ between two versions, for the audit log. */
export function changedSettings(before: SafeguardingSettings, after: SafeguardingSettings): Partial<Record<keyof SafeguardingSettings, { from: unknown; to: unknown }>> {
  const changes: Partial<Record<keyof SafeguardingSettings, { from: unknown; to: unknown }>> = {};
  for (const name of Object.keys(SETTING_KEYS) as (keyof SafeguardingSettings)[]) {
    if (before[name] !== after[name]) changes[name] = { from: before[name], to: after[name] };
  }
  return changes;
}

/** A school's own settings (off by default: the ward does not know each school's practice). */
export interface SchoolSettings {
  requiresCoordinatorApproval: boolean;
  coordinatorReadsMinorThreads: boolean;
}

export const DEFAULT_SCHOOL_SETTINGS: SchoolSettings = { requiresCoordinatorApproval: false, coordinatorReadsMinorThreads: false };
