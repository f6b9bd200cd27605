import { describe, expect, it } from "vitest";
import { ageOn, holdUntil, minorShiftProblems, needsGuardianConsent, parseBirthDate, schoolGradeOn, schoolYearEnd, shiftEligibility } from "./minors.rules";

const tokyo = (local: string) => new Date(`${local}+09:00`);

describe("age on a date (Asia/Tokyo)", () => {
  it("counts completed years, the birthday itself included", () => {
    expect(ageOn("2010-01-15", tokyo("2026-01-14T12:00:00"))).toBe(15);
    expect(ageOn("2010-01-15", tokyo("2026-01-15T00:00:00"))).toBe(16);
    expect(ageOn("2008-06-01", tokyo("2026-05-31T23:59:00"))).toBe(17);
    expect(ageOn("2008-06-01", tokyo("2026-06-01T09:00:00"))).toBe(18);
  });

  it("uses the Tokyo date, not UTC: 00:30 in Tokyo on the birthday is still the previous day in UTC", () => {
    const instant = tokyo("2026-06-01T00:30:00");
    expect(instant.toISOString().slice(0, 10)).toBe("2026-05-31");
    expect(ageOn("2008-06-01", instant)).toBe(18);
    // The evening before in Tokyo: still 17.
    expect(ageOn("2008-06-01", tokyo("2026-05-31T23:30:00"))).toBe(17);
  });

  it("29 February: in other years the birthday comes on 1 March, not on 28 February", () => {
    expect(ageOn("2008-02-29", tokyo("2026-02-28T12:00:00"))).toBe(17);
    expect(ageOn("2008-02-29", tokyo("2026-03-01T00:00:00"))).toBe(18);
    expect(ageOn("2008-02-29", tokyo("2028-02-29T09:00:00"))).toBe(20);
    expect(ageOn("2008-02-29", tokyo("2028-02-28T09:00:00"))).toBe(19);
  });

  it("has no age without a valid birth date", () => {
    expect(ageOn(null, new Date())).toBeNull();
    expect(ageOn("", new Date())).toBeNull();
    expect(ageOn("2010-02-30", new Date())).toBeNull();
    expect(ageOn("15/01/2010", new Date())).toBeNull();
    expect(parseBirthDate("2012-02-29")).toEqual({ year: 2012, month: 2, day: 29 });
    expect(parseBirthDate("2011-02-29")).toBeNull();
  });
});

describe("school grade from the birth date", () => {
  it("groups those born 2 April to 1 April, and moves up in April (Tokyo)", () => {
    // Born 15 January 2010: started primary school in April 2016; high school year 1 from April 2025.
    expect(schoolGradeOn("2010-01-15", tokyo("2026-03-31T12:00:00"))).toEqual({ stage: "high", year: 1 });
    expect(schoolGradeOn("2010-01-15", tokyo("2026-04-01T00:00:00"))).toEqual({ stage: "high", year: 2 });
    // 1 April belongs with the year before; 2 April with the next.
    expect(schoolGradeOn("2009-04-01", tokyo("2026-06-01T09:00:00"))).toEqual({ stage: "high", year: 3 });
    expect(schoolGradeOn("2009-04-02", tokyo("2026-06-01T09:00:00"))).toEqual({ stage: "high", year: 2 });
    expect(schoolGradeOn("2012-05-05", tokyo("2026-06-01T09:00:00"))).toEqual({ stage: "junior_high", year: 2 });
    expect(schoolGradeOn("2000-05-05", tokyo("2026-06-01T09:00:00"))).toBeNull();
    expect(schoolGradeOn(null, tokyo("2026-06-01T09:00:00"))).toBeNull();
  });
});

describe("time of day for minors", () => {
  const shift = (start: string, end: string) => ({ startsAt: tokyo(start), endsAt: tokyo(end) });

  it("a morning or afternoon shift ending by 21:00 is fine", () => {
    expect(minorShiftProblems(shift("2026-06-06T09:00:00", "2026-06-06T11:00:00"), "21:00")).toEqual([]);
    expect(minorShiftProblems(shift("2026-06-06T18:00:00", "2026-06-06T21:00:00"), "21:00")).toEqual([]);
    expect(minorShiftProblems(shift("2026-06-06T04:00:00", "2026-06-06T06:00:00"), "21:00")).toEqual([]);
  });

  it("ending after the latest end is too late; a 22:00 shift is too late", () => {
    expect(minorShiftProblems(shift("2026-06-06T19:00:00", "2026-06-06T21:01:00"), "21:00")).toEqual(["tooLate"]);
    expect(minorShiftProblems(shift("2026-06-06T20:00:00", "2026-06-06T22:00:00"), "21:00")).toEqual(["tooLate"]);
    // With the setting moved to 22:00, the same shift is fine; ending at 23:00 exactly never enters the night.
    expect(minorShiftProblems(shift("2026-06-06T20:00:00", "2026-06-06T22:00:00"), "22:00")).toEqual([]);
    expect(minorShiftProblems(shift("2026-06-06T21:00:00", "2026-06-06T23:00:00"), "23:00")).toEqual([]);
  });

  it("any part between 23:00 and 04:00 breaks the ordinance, whatever the setting", () => {
    expect(minorShiftProblems(shift("2026-06-06T22:00:00", "2026-06-06T23:30:00"), "23:59")).toEqual(["night"]);
    expect(minorShiftProblems(shift("2026-06-06T03:00:00", "2026-06-06T05:00:00"), "21:00")).toEqual(["night"]);
    expect(minorShiftProblems(shift("2026-06-06T03:59:00", "2026-06-06T08:00:00"), "21:00")).toEqual(["night"]);
    // Across midnight: night, and later than the latest end of the day it starts.
    expect(minorShiftProblems(shift("2026-06-06T22:00:00", "2026-06-07T02:00:00"), "21:00")).toEqual(["night", "tooLate"]);
    // A long shift from morning to the next morning passes through the night.
    expect(minorShiftProblems(shift("2026-06-06T09:00:00", "2026-06-07T09:00:00"), "21:00")).toEqual(["night", "tooLate"]);
  });

  it("reads the time in Tokyo whatever the instant's UTC date", () => {
    // 14:00 UTC is 23:00 in Tokyo.
    const s = { startsAt: new Date("2026-06-06T13:00:00Z"), endsAt: new Date("2026-06-06T14:30:00Z") };
    expect(minorShiftProblems(s, "21:00")).toEqual(["night", "tooLate"]);
  });
});

describe("eligibility", () => {
  const settings = { minorAge: 18, minorsLatestEnd: "21:00" };
  const morning = { startsAt: tokyo("2026-06-06T09:00:00"), endsAt: tokyo("2026-06-06T11:00:00") };
  const evening = { startsAt: tokyo("2026-06-06T20:00:00"), endsAt: tokyo("2026-06-06T22:00:00") };
  const approved = { minimumAge: null, welcomesMinors: true, approvedForMinors: true };

  it("needs a birth date first", () => {
    expect(shiftEligibility({ birthDate: null, shift: morning, posting: approved, settings })).toEqual({ age: null, minor: false, problems: ["birthDateRequired"] });
  });

  it("lets a 16-year-old take an approved morning shift, not an evening one", () => {
    expect(shiftEligibility({ birthDate: "2010-01-15", shift: morning, posting: approved, settings })).toEqual({ age: 16, minor: true, problems: [] });
    expect(shiftEligibility({ birthDate: "2010-01-15", shift: evening, posting: approved, settings }).problems).toEqual(["tooLate"]);
  });

  it("refuses minors where the posting does not welcome them or is not approved", () => {
    expect(shiftEligibility({ birthDate: "2010-01-15", shift: morning, posting: { ...approved, welcomesMinors: false, approvedForMinors: false }, settings }).problems).toEqual(["notForMinors"]);
    expect(shiftEligibility({ birthDate: "2010-01-15", shift: morning, posting: { ...approved, approvedForMinors: false }, settings }).problems).toEqual(["notApprovedForMinors"]);
  });

  it("applies the minimum age to everyone, and none of the minors' rules to adults", () => {
    expect(shiftEligibility({ birthDate: "2000-01-01", shift: evening, posting: { minimumAge: 20, welcomesMinors: false, approvedForMinors: false }, settings })).toEqual({ age: 26, minor: false, problems: [] });
    expect(shiftEligibility({ birthDate: "2007-01-01", shift: morning, posting: { minimumAge: 20, welcomesMinors: false, approvedForMinors: false }, settings })).toEqual({ age: 19, minor: false, problems: ["belowMinimumAge"] });
    expect(shiftEligibility({ birthDate: "2010-01-15", shift: morning, posting: { ...approved, minimumAge: 17 }, settings }).problems).toEqual(["belowMinimumAge"]);
  });

  it("follows the minor age the ward set", () => {
    expect(shiftEligibility({ birthDate: "2009-01-01", shift: evening, posting: approved, settings: { ...settings, minorAge: 17 } })).toMatchObject({ age: 17, minor: false, problems: [] });
  });
});

describe("consent and holds", () => {
  it("asks the guardian below the age the ward set", () => {
    expect(needsGuardianConsent(16, 18)).toBe(true);
    expect(needsGuardianConsent(17, 16)).toBe(false);
    expect(needsGuardianConsent(null, 18)).toBe(false);
  });

  it("holds a place for the hold period, never past the shift's start", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(holdUntil(now, 72, new Date("2026-06-10T00:00:00Z")).toISOString()).toBe("2026-06-04T00:00:00.000Z");
    expect(holdUntil(now, 72, new Date("2026-06-02T00:00:00Z")).toISOString()).toBe("2026-06-02T00:00:00.000Z");
  });

  it("knows where the school year ends (31 March, Tokyo)", () => {
    expect(schoolYearEnd(tokyo("2026-06-01T09:00:00")).toISOString()).toBe(tokyo("2027-04-01T00:00:00").toISOString());
    expect(schoolYearEnd(tokyo("2027-03-31T23:59:00")).toISOString()).toBe(tokyo("2027-04-01T00:00:00").toISOString());
    expect(schoolYearEnd(tokyo("2027-04-01T00:00:00")).toISOString()).toBe(tokyo("2028-04-01T00:00:00").toISOString());
  });
});
