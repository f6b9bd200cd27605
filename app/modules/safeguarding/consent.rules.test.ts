import { describe, expect, it } from "vitest";
import { consentLinkExpiry, consentLinkState, consentWording, revokeLinkState, standingConsentWording } from "./consent.rules";

const now = new Date("2026-06-01T00:00:00Z");
const later = (h: number) => new Date(now.getTime() + h * 3600_000);

describe("consent links", () => {
  it("live a week at most, never past the first session", () => {
    expect(consentLinkExpiry(now, later(24 * 30)).toISOString()).toBe(later(24 * 7).toISOString());
    expect(consentLinkExpiry(now, later(30)).toISOString()).toBe(later(30).toISOString());
  });

  it("are open once, until they expire; used, revoked and unknown links say so", () => {
    expect(consentLinkState(undefined, now)).toBe("unknown");
    expect(consentLinkState({ status: "requested", expires_at: later(1) }, now)).toBe("open");
    expect(consentLinkState({ status: "requested", expires_at: now }, now)).toBe("expired");
    expect(consentLinkState({ status: "requested", expires_at: later(-1).toISOString() }, now)).toBe("expired");
    expect(consentLinkState({ status: "given", expires_at: later(1) }, now)).toBe("answered");
    expect(consentLinkState({ status: "declined", expires_at: later(1) }, now)).toBe("answered");
    expect(consentLinkState({ status: "revoked", expires_at: later(1) }, now)).toBe("revoked");
  });

  it("the revoke link works until the last session ends, answered or not", () => {
    expect(revokeLinkState(undefined, now)).toBe("unknown");
    expect(revokeLinkState({ status: "given", revoke_until: later(2) }, now)).toBe("open");
    expect(revokeLinkState({ status: "requested", revoke_until: later(2) }, now)).toBe("open");
    expect(revokeLinkState({ status: "given", revoke_until: now }, now)).toBe("expired");
    expect(revokeLinkState({ status: "revoked", revoke_until: later(2) }, now)).toBe("revoked");
    expect(revokeLinkState({ status: "declined", revoke_until: later(2) }, now)).toBe("declined");
  });
});

describe("the wording a guardian agrees to", () => {
  const vars = { childName: "佐藤 翔太", postingTitle: "花壇づくり", organisationName: "桃園公園愛護会", sessions: "2026年12月5日(土) 9:00–11:00" };

  it("names the child, the activity, the sessions, what is shared and how to withdraw, in each language", () => {
    const ja = consentWording("ja", vars);
    for (const part of ["佐藤 翔太さん", "「花壇づくり」", "2026年12月5日(土) 9:00–11:00", "緊急連絡先", "取り消せます"]) expect(ja).toContain(part);
    const en = consentWording("en", { ...vars, childName: "Shota", postingTitle: "Flower beds", organisationName: "Momozono park group", sessions: "Sat 5 Dec 2026 9:00–11:00" });
    expect(en).toContain("guardian of Shota");
    expect(en).toContain("withdraw this consent at any time");
    expect(en).not.toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
  });

  it("is the same text for the same inputs (what is stored is what was shown)", () => {
    expect(consentWording("ja", vars)).toBe(consentWording("ja", { ...vars }));
    expect(standingConsentWording("ja", { childName: "翔太", until: "2027年3月31日" })).toContain("2027年3月31日まで");
  });
});
