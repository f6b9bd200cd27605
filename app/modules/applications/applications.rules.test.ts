import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "#db/schema";
import { applicantForOrganisation, canTransition, consentSatisfied, csv, csvCell, initialStatus, isActive, overlaps, shiftHours, shiftRisks } from "./applications.rules";

const at = (iso: string) => new Date(iso);
const jst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);

describe("state transitions", () => {
  it("a volunteer can only withdraw an active application, or renew a withdrawn or cancelled one", () => {
    for (const from of APPLICATION_STATUSES) {
      expect(canTransition(from, "withdrawn", "volunteer"), from).toBe(isActive(from));
    }
    expect(canTransition("withdrawn", "pending", "volunteer")).toBe(true);
    expect(canTransition("declined", "pending", "volunteer")).toBe(false);
    expect(canTransition("no_show", "withdrawn", "volunteer")).toBe(false);
  });

  it("an organisation confirms, declines or waitlists; no-show only from confirmed; nothing revives a withdrawal", () => {
    expect(canTransition("pending", "confirmed", "organisation")).toBe(true);
    expect(canTransition("waitlisted", "confirmed", "organisation")).toBe(true);
    expect(canTransition("confirmed", "no_show", "organisation")).toBe(true);
    expect(canTransition("pending", "no_show", "organisation")).toBe(false);
    expect(canTransition("withdrawn", "confirmed", "organisation")).toBe(false);
    expect(canTransition("declined", "confirmed", "organisation")).toBe(false);
    expect(canTransition("cancelled", "confirmed", "organisation")).toBe(false);
  });

  it("the system only promotes from the waiting list and cancels", () => {
    expect(canTransition("waitlisted", "confirmed", "system")).toBe(true);
    expect(canTransition("pending", "confirmed", "system")).toBe(false);
    expect(canTransition("confirmed", "cancelled", "system")).toBe(true);
  });

  it("where a new application lands", () => {
    expect(initialStatus("auto", true)).toBe("confirmed");
    expect(initialStatus("auto", false)).toBe("waitlisted");
    expect(initialStatus("review", true)).toBe("pending");
    expect(initialStatus("review", false)).toBe("pending");
  });
});

describe("overlap", () => {
  const a = { startsAt: jst("2026-12-05", "09:00"), endsAt: jst("2026-12-05", "11:00") };
  it("detects shared time, in either order", () => {
    const b = { startsAt: jst("2026-12-05", "10:30"), endsAt: jst("2026-12-05", "12:00") };
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(b, a)).toBe(true);
  });
  it("one inside the other overlaps", () => {
    expect(overlaps(a, { startsAt: jst("2026-12-05", "09:30"), endsAt: jst("2026-12-05", "10:00") })).toBe(true);
  });
  it("back to back does not overlap", () => {
    expect(overlaps(a, { startsAt: jst("2026-12-05", "11:00"), endsAt: jst("2026-12-05", "12:00") })).toBe(false);
  });
  it("a night shift overlaps the next morning's early shift", () => {
    const night = { startsAt: jst("2026-12-05", "22:00"), endsAt: jst("2026-12-06", "02:00") };
    expect(overlaps(night, { startsAt: jst("2026-12-06", "01:00"), endsAt: jst("2026-12-06", "03:00") })).toBe(true);
    expect(overlaps(night, { startsAt: jst("2026-12-06", "02:00"), endsAt: jst("2026-12-06", "03:00") })).toBe(false);
  });
});

describe("hours", () => {
  it("a shift crossing midnight in Tokyo counts its real hours", () => {
    expect(shiftHours({ startsAt: jst("2026-12-31", "22:00"), endsAt: jst("2027-01-01", "02:00") })).toBe(4);
    expect(shiftHours({ startsAt: jst("2026-12-05", "09:00"), endsAt: jst("2026-12-05", "11:30") })).toBe(2.5);
    expect(shiftHours({ startsAt: at("2026-12-05T14:50:00Z"), endsAt: at("2026-12-05T15:10:00Z") })).toBe(0.33);
  });
});

describe("shift risks", () => {
  const now = jst("2026-12-01", "09:00");
  it("under half full within a week", () => {
    expect(shiftRisks({ startsAt: jst("2026-12-05", "09:00"), capacity: 10, confirmed: 4, pending: 0 }, now)).toEqual(["applications.risk.underfilled"]);
    expect(shiftRisks({ startsAt: jst("2026-12-05", "09:00"), capacity: 10, confirmed: 5, pending: 0 }, now)).toEqual([]);
    expect(shiftRisks({ startsAt: jst("2026-12-20", "09:00"), capacity: 10, confirmed: 0, pending: 0 }, now)).toEqual([]);
  });
  it("people waiting for an answer: three or more, or any within three days", () => {
    expect(shiftRisks({ startsAt: jst("2026-12-20", "09:00"), capacity: 10, confirmed: 10, pending: 3 }, now)).toEqual(["applications.risk.unanswered"]);
    expect(shiftRisks({ startsAt: jst("2026-12-03", "09:00"), capacity: 2, confirmed: 2, pending: 1 }, now)).toEqual(["applications.risk.unanswered"]);
    expect(shiftRisks({ startsAt: jst("2026-12-20", "09:00"), capacity: 2, confirmed: 2, pending: 1 }, now)).toEqual([]);
  });
  it("nothing for a shift already started", () => {
    expect(shiftRisks({ startsAt: jst("2026-11-30", "09:00"), capacity: 10, confirmed: 0, pending: 5 }, now)).toEqual([]);
  });
});

describe("roster CSV", () => {
  it("starts with a BOM, ends lines with CRLF, quotes what needs it", () => {
    const text = csv([
      ["氏名", "メッセージ"],
      ["山田 花子", '軍手、"長靴"を\n持参'],
    ]);
    expect(text.startsWith("\uFEFF氏名,メッセージ\r\n")).toBe(true);
    expect(text).toContain('山田 花子,"軍手、""長靴""を\n持参"\r\n');
  });
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell("+81")).toBe("'+81");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell(-3)).toBe("'-3");
    expect(csvCell(null)).toBe("");
  });
});

describe("minors", () => {
  it("a pending-consent application moves on only by the system; the organisation may decline it, never confirm it", () => {
    expect(canTransition("pending_consent", "confirmed", "organisation")).toBe(false);
    expect(canTransition("pending_consent", "waitlisted", "organisation")).toBe(false);
    expect(canTransition("pending_consent", "declined", "organisation")).toBe(true);
    expect(canTransition("pending_consent", "confirmed", "system")).toBe(true);
    expect(canTransition("pending_consent", "withdrawn", "volunteer")).toBe(true);
    for (const from of ["pending_consent", "pending", "confirmed", "waitlisted"] as const) expect(canTransition(from, "withdrawn", "guardian")).toBe(true);
    expect(canTransition("pending_consent", "declined", "school")).toBe(true);
    expect(canTransition("confirmed", "declined", "school")).toBe(false);
  });

  it("consent is satisfied with the guardian's consent and, where asked, the school's approval", () => {
    const minor = { minor: true, guardian_consent_required: true, consent_status: "given", school_approval: null };
    expect(consentSatisfied(minor)).toBe(true);
    expect(consentSatisfied({ ...minor, consent_status: "requested" })).toBe(false);
    expect(consentSatisfied({ ...minor, consent_status: null })).toBe(false);
    expect(consentSatisfied({ ...minor, school_approval: "pending" })).toBe(false);
    expect(consentSatisfied({ ...minor, school_approval: "approved" })).toBe(true);
    expect(consentSatisfied({ ...minor, guardian_consent_required: false, consent_status: null })).toBe(true);
    expect(consentSatisfied({ minor: false, guardian_consent_required: false, consent_status: null, school_approval: null })).toBe(true);
  });

  const person = {
    minor: true,
    deleted: false,
    displayName: "佐藤 翔太",
    nameKana: "さとう しょうた",
    volunteerType: "high_school" as const,
    schoolName: "八幡高校",
    schoolYear: "minors.grade.high?year=1",
    districtJa: "中央",
    districtEn: "Chuo",
    skills: ["children"],
    message: "よろしくお願いします",
    guardian: { name: "佐藤 恵子", relationship: "母", phone: "090-0000-0000", email: "p@example.jp" },
  };

  it("the organisation sees a minor's first name, school year and school until confirmed, then the name and the emergency contact only", () => {
    expect(applicantForOrganisation({ ...person, status: "pending_consent" })).toEqual({
      displayName: "翔太",
      nameKana: "",
      volunteerType: null,
      schoolName: "八幡高校",
      schoolYear: "minors.grade.high?year=1",
      districtJa: null,
      districtEn: null,
      skills: [],
      message: "",
      emergencyContact: null,
      restricted: true,
    });
    expect(applicantForOrganisation({ ...person, status: "pending" }).emergencyContact).toBeNull();
    expect(applicantForOrganisation({ ...person, status: "confirmed" })).toMatchObject({ displayName: "佐藤 翔太", schoolName: "", schoolYear: null, message: "", emergencyContact: person.guardian });
  });

  it("an adult's entry is as before", () => {
    expect(applicantForOrganisation({ ...person, minor: false, status: "pending", schoolYear: null })).toMatchObject({ displayName: "佐藤 翔太", nameKana: "さとう しょうた", skills: ["children"], message: "よろしくお願いします", restricted: false });
  });
});
