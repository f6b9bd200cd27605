import { describe, expect, it } from "vitest";
import {
  addDays,
  anniversary,
  covers,
  CODE_OF_CONDUCT,
  daysLeft,
  declarationAllowsNaming,
  declarationValidUntil,
  DECLARATION_RENEWAL_YEARS,
  EXPIRY_WARNING_DAYS,
  isCalendarDate,
  summariseChecks,
  summariseDeclarations,
  tokyoDate,
  validityOn,
} from "./declarations.rules";

describe("calendar dates in Tokyo", () => {
  it("takes the Tokyo date of an instant: 14:59 UTC is still today, 15:00 UTC is tomorrow", () => {
    expect(tokyoDate(new Date("2026-12-24T14:59:59Z"))).toBe("2026-12-24");
    expect(tokyoDate(new Date("2026-12-24T15:00:00Z"))).toBe("2026-12-25");
    expect(tokyoDate(new Date("2026-12-31T15:00:00Z"))).toBe("2027-01-01");
  });

  it("knows real dates from look-alikes", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(() => addDays("2027-02-29", 1)).toThrow(RangeError);
  });

  it("an anniversary of 29 February falls on 1 March in a common year", () => {
    expect(anniversary("2028-02-29", 1)).toBe("2029-03-01");
    expect(anniversary("2028-02-29", 4)).toBe("2032-02-29");
    expect(anniversary("2026-04-10", 1)).toBe("2027-04-10");
  });
});

describe("how long a declaration holds", () => {
  it("is renewed yearly: valid through the day before its anniversary", () => {
    expect(DECLARATION_RENEWAL_YEARS).toBe(1);
    expect(declarationValidUntil("2026-04-10")).toBe("2027-04-09");
    expect(declarationValidUntil("2026-01-01")).toBe("2026-12-31");
    expect(declarationValidUntil("2028-02-29")).toBe("2029-02-28");
    expect(declarationValidUntil("2027-03-01")).toBe("2028-02-29");
  });

  it("warns in the last 30 days and has expired the day after its last day", () => {
    expect(EXPIRY_WARNING_DAYS).toBe(30);
    const last = "2027-04-09";
    expect(validityOn(last, "2027-03-10")).toBe("valid"); // 30 days left
    expect(validityOn(last, "2027-03-11")).toBe("expiring"); // 29 days left
    expect(validityOn(last, "2027-04-09")).toBe("expiring");
    expect(validityOn(last, "2027-04-10")).toBe("expired");
    expect(daysLeft(last, "2027-04-09")).toBe(0);
    expect(daysLeft(last, "2027-04-11")).toBe(-2);
  });

  it("counts the warning across a leap day", () => {
    expect(daysLeft("2028-03-01", "2028-02-28")).toBe(2);
    // Thirty days before 20 March is 19 February in a leap year, 18 February otherwise.
    expect(validityOn("2028-03-20", "2028-02-19")).toBe("valid");
    expect(validityOn("2027-03-20", "2027-02-19")).toBe("expiring");
  });
});

describe("what a person's declarations add up to", () => {
  const today = "2027-01-15";
  it("nothing made: missing; only one waiting: pending; only a refused one: rejected", () => {
    expect(summariseDeclarations([], today)).toEqual({ state: "missing", validUntil: null, renewalPending: false });
    expect(summariseDeclarations([{ status: "pending", declaredOn: "2027-01-10", validUntil: "2028-01-09" }], today).state).toBe("pending");
    expect(summariseDeclarations([{ status: "rejected", declaredOn: "2027-01-10", validUntil: "2028-01-09" }], today).state).toBe("rejected");
  });

  it("the latest confirmed one decides, and a renewal waiting for staff is noted", () => {
    const summary = summariseDeclarations(
      [
        { status: "confirmed", declaredOn: "2025-01-01", validUntil: "2025-12-31" },
        { status: "confirmed", declaredOn: "2026-02-01", validUntil: "2027-01-31" },
        { status: "pending", declaredOn: "2027-01-14", validUntil: "2028-01-13" },
      ],
      today,
    );
    expect(summary).toEqual({ state: "expiring", validUntil: "2027-01-31", renewalPending: true });
    expect(declarationAllowsNaming(summary)).toBe(true);
  });

  it("an expired confirmed one blocks naming, even with a renewal waiting", () => {
    const summary = summariseDeclarations(
      [
        { status: "confirmed", declaredOn: "2025-01-01", validUntil: "2025-12-31" },
        { status: "pending", declaredOn: "2027-01-14", validUntil: "2028-01-13" },
      ],
      today,
    );
    expect(summary.state).toBe("expired");
    expect(declarationAllowsNaming(summary)).toBe(false);
    expect(declarationAllowsNaming({ state: "pending", validUntil: null, renewalPending: false })).toBe(false);
    expect(declarationAllowsNaming({ state: "valid", validUntil: "2027-12-01", renewalPending: false })).toBe(true);
  });
});

describe("recorded criminal-record checks", () => {
  it("the check reaching furthest decides; none is missing", () => {
    expect(summariseChecks([], "2027-01-01")).toEqual({ state: "missing", validUntil: null, checkedOn: null, checkedBy: "" });
    const summary = summariseChecks(
      [
        { checkedOn: "2024-01-01", checkedBy: "A", validUntil: "2026-12-31" },
        { checkedOn: "2026-06-01", checkedBy: "B", validUntil: "2031-05-31" },
      ],
      "2027-01-01",
    );
    expect(summary).toEqual({ state: "valid", validUntil: "2031-05-31", checkedOn: "2026-06-01", checkedBy: "B" });
    expect(summariseChecks([{ checkedOn: "2024-01-01", checkedBy: "A", validUntil: "2026-12-31" }], "2027-01-01").state).toBe("expired");
  });

  it("covers the shift dates only when valid on each of them", () => {
    expect(covers("2027-03-31", ["2027-03-30", "2027-03-31"])).toBe(true);
    expect(covers("2027-03-31", ["2027-03-30", "2027-04-01"])).toBe(false);
    expect(covers(null, ["2027-03-30"])).toBe(false);
    expect(covers("2027-03-31", [])).toBe(true);
  });
});

describe("the code of conduct", () => {
  it("has the same points in Japanese and English, with a version to store with each declaration", () => {
    expect(CODE_OF_CONDUCT.version).toMatch(/^\d{4}-\d+$/);
    expect(CODE_OF_CONDUCT.ja.length).toBe(CODE_OF_CONDUCT.en.length);
    expect(CODE_OF_CONDUCT.ja.length).toBeGreaterThanOrEqual(5);
    for (const line of CODE_OF_CONDUCT.en) expect(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(line)).toBe(false);
  });
});
