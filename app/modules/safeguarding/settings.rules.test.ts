import { describe, expect, it } from "vitest";
import { SafeguardingSettingsSchema } from "./settings.schema";
import { changedSettings, DEFAULT_SAFEGUARDING_SETTINGS, settingsFromRows } from "./settings.rules";

describe("safeguarding settings", () => {
  it("have the ward's defaults, and ignore stored values that are out of range", () => {
    expect(settingsFromRows([])).toEqual({ minorAge: 18, minorsLatestEnd: "21:00", consentHoldHours: 72, guardianConsentUnder: 18, standingConsentOffered: false });
    expect(settingsFromRows([{ key: "minors_latest_end", value: "20:30" }, { key: "consent_hold_hours", value: 48 }, { key: "standing_consent_offered", value: true }])).toMatchObject({
      minorsLatestEnd: "20:30",
      consentHoldHours: 48,
      standingConsentOffered: true,
    });
    expect(settingsFromRows([{ key: "minors_latest_end", value: "23:30" }, { key: "minor_age", value: 3 }, { key: "consent_hold_hours", value: "x" }])).toEqual(DEFAULT_SAFEGUARDING_SETTINGS);
  });

  it("name what changed, for the audit log", () => {
    expect(changedSettings(DEFAULT_SAFEGUARDING_SETTINGS, { ...DEFAULT_SAFEGUARDING_SETTINGS, consentHoldHours: 24 })).toEqual({ consentHoldHours: { from: 72, to: 24 } });
    expect(changedSettings(DEFAULT_SAFEGUARDING_SETTINGS, DEFAULT_SAFEGUARDING_SETTINGS)).toEqual({});
  });

  it("the staff form reads full-width digits, refuses the night and a consent age above the minor age", () => {
    const ok = SafeguardingSettingsSchema.safeParse({ intent: "ward", minorAge: "１８", minorsLatestEnd: "２１：００", consentHoldHours: "72", guardianConsentUnder: "16" });
    expect(ok.success && ok.data).toEqual({ intent: "ward", minorAge: 18, minorsLatestEnd: "21:00", consentHoldHours: 72, guardianConsentUnder: 16, standingConsentOffered: false });
    const night = SafeguardingSettingsSchema.safeParse({ intent: "ward", minorAge: "18", minorsLatestEnd: "23:30", consentHoldHours: "72", guardianConsentUnder: "18" });
    expect(night.success).toBe(false);
    const above = SafeguardingSettingsSchema.safeParse({ intent: "ward", minorAge: "17", minorsLatestEnd: "21:00", consentHoldHours: "72", guardianConsentUnder: "18" });
    expect(above.success ? [] : above.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["guardianConsentUnder", "minors.settings.error.consentAboveMinor"]]);
  });
});
