import { describe, expect, it } from "vitest";
import { assessVitality, fiscalYear, monthsBefore, reasonText, riskRank, type VitalityInput } from "./vitality.rules";

const today = "2026-12-06";
const healthy: VitalityInput = {
  status: "active",
  memberCount: 20,
  officers: { under_40: 0, "40_64": 2, "65_74": 1, "75_plus": 1 },
  lastActivity: "2026-11-20",
  foundedOn: "1985-04-01",
  snapshots: [
    { year: 2022, memberCount: 20, newMembers: 1 },
    { year: 2023, memberCount: 21, newMembers: 2 },
    { year: 2024, memberCount: 20, newMembers: 0 },
    { year: 2025, memberCount: 20, newMembers: 1 },
    { year: 2026, memberCount: 20, newMembers: 0 },
  ],
};
const words = (input: VitalityInput) => assessVitality(input, today).reasons.map((r) => reasonText(r, "ja"));

describe("vitality rules", () => {
  it("a healthy association has no reasons", () => {
    expect(assessVitality(healthy, today)).toEqual({ level: "healthy", reasons: [] });
  });

  it("役員全員が75歳以上 when every officer is in the 75+ band, not when one is younger", () => {
    expect(words({ ...healthy, officers: { under_40: 0, "40_64": 0, "65_74": 0, "75_plus": 3 } })).toEqual(["役員全員が75歳以上"]);
    expect(words({ ...healthy, officers: { under_40: 0, "40_64": 0, "65_74": 1, "75_plus": 3 } })).toEqual([]);
    expect(words({ ...healthy, officers: { under_40: 0, "40_64": 0, "65_74": 0, "75_plus": 0 } })).toEqual([]);
  });

  it("6か月活動の記録なし from six calendar months before today, and 活動の記録がない with none at all", () => {
    expect(words({ ...healthy, lastActivity: "2026-06-06" })).toEqual([]);
    expect(words({ ...healthy, lastActivity: "2026-06-05" })).toEqual(["6か月活動の記録なし"]);
    expect(words({ ...healthy, lastActivity: null })).toEqual(["活動の記録がない"]);
    // A new association is not inactive yet.
    expect(words({ ...healthy, lastActivity: null, foundedOn: "2026-09-01" })).toEqual([]);
  });

  it("会員数が3年で30%減 compares this 年度 with three years before", () => {
    const snapshots = [
      { year: 2022, memberCount: 30, newMembers: 1 },
      { year: 2023, memberCount: 30, newMembers: 1 },
      { year: 2024, memberCount: 25, newMembers: 1 },
      { year: 2025, memberCount: 22, newMembers: 0 },
      { year: 2026, memberCount: 21, newMembers: 0 },
    ];
    expect(words({ ...healthy, memberCount: 21, snapshots })).toEqual(["会員数が3年で30%減"]);
    expect(words({ ...healthy, memberCount: 22, snapshots: snapshots.map((s) => (s.year === 2026 ? { ...s, memberCount: 22 } : s)) })).toEqual([]);
    // Without this year's figure, the registry's current count stands for it.
    expect(words({ ...healthy, memberCount: 20, snapshots: snapshots.filter((s) => s.year !== 2026) })).toEqual(["会員数が3年で33%減"]);
  });

  it("新しい会員が5年間いない only when five years of figures show none", () => {
    const none = healthy.snapshots.map((s) => ({ ...s, newMembers: 0 }));
    expect(words({ ...healthy, snapshots: none })).toEqual(["新しい会員が5年間いない"]);
    expect(words({ ...healthy, snapshots: none.filter((s) => s.year !== 2026) })).toEqual(["新しい会員が5年間いない"]);
    expect(words({ ...healthy, snapshots: none.filter((s) => s.year !== 2023) })).toEqual([]);
    expect(words({ ...healthy, snapshots: none.map((s) => (s.year === 2022 ? { ...s, newMembers: 1 } : s)) })).toEqual([]);
  });

  it("thresholds are settings", () => {
    const v = assessVitality({ ...healthy, lastActivity: "2026-09-01" }, today, { inactiveMonths: 3, declinePercent: 30, declineYears: 3, noNewMembersYears: 5, minMembers: 5 });
    expect(v.reasons.map((r) => reasonText(r, "ja"))).toEqual(["3か月活動の記録なし"]);
    expect(reasonText(v.reasons[0], "en")).toBe("No activity recorded for 3 months");
  });

  it("paused and few members are reasons; dissolved is its own level", () => {
    expect(words({ ...healthy, status: "paused", memberCount: 3 })).toEqual(["活動を休止中", "会員が3人"]);
    expect(assessVitality({ ...healthy, status: "dissolved" }, today).level).toBe("dissolved");
  });

  it("ranks at-risk first (more reasons first), then parks without an association, then healthy ones", () => {
    const two = assessVitality({ ...healthy, lastActivity: null, memberCount: 2 }, today);
    const one = assessVitality({ ...healthy, lastActivity: null }, today);
    const ok = assessVitality(healthy, today);
    const ranks = [riskRank({ hasAssociation: true, vitality: ok }), riskRank({ hasAssociation: false, vitality: null }), riskRank({ hasAssociation: true, vitality: one }), riskRank({ hasAssociation: true, vitality: two })];
    expect([...ranks].sort((a, b) => a - b)).toEqual([ranks[3], ranks[2], ranks[1], ranks[0]]);
  });

  it("年度 and calendar months", () => {
    expect(fiscalYear("2026-03-31")).toBe(2025);
    expect(fiscalYear("2026-04-01")).toBe(2026);
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2026-03-15", 6)).toBe("2025-09-15");
  });
});
