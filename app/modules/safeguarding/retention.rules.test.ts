import { describe, expect, it } from "vitest";
import { checkRecordCutoffs, checkRecordDue, retentionCutoff, retentionDeletionDate, schoolYearOf, tokyoCalendarDate, wasMinorOn } from "./retention.rules";

/** An instant written as Tokyo wall-clock time. */
const tokyo = (s: string) => new Date(`${s}+09:00`);

describe("school years (April to March, in Tokyo)", () => {
  it("31 March belongs to the year before, 1 April starts a new one", () => {
    expect(schoolYearOf(tokyo("2027-03-31T23:59:59"))).toBe(2026);
    expect(schoolYearOf(tokyo("2027-04-01T00:00:00"))).toBe(2027);
    expect(schoolYearOf(tokyo("2026-12-31T12:00:00"))).toBe(2026);
    expect(schoolYearOf(tokyo("2027-01-01T00:00:00"))).toBe(2026);
  });

  it("takes the date in Tokyo, not in UTC: 1 April 00:30 in Tokyo is still 31 March in UTC", () => {
    const instant = new Date("2026-03-31T15:30:00Z");
    expect(tokyoCalendarDate(instant)).toEqual({ year: 2026, month: 4, day: 1 });
    expect(schoolYearOf(instant)).toBe(2026);
    // And the other way round: 31 March 23:30 in Tokyo is 14:30 UTC the same day.
    expect(schoolYearOf(new Date("2026-03-31T14:30:00Z"))).toBe(2025);
  });
});

describe("deletion date: by default a year after the end of the activity's school year", () => {
  it("an activity in June 2026 is due from 1 April 2028, 00:00 in Tokyo", () => {
    expect(retentionDeletionDate(tokyo("2026-06-10T09:00:00")).toISOString()).toBe("2028-03-31T15:00:00.000Z");
  });

  it("the last and first days of a school year land a year apart", () => {
    expect(retentionDeletionDate(tokyo("2027-03-31T20:00:00"))).toEqual(tokyo("2028-04-01T00:00:00"));
    expect(retentionDeletionDate(tokyo("2027-04-01T08:00:00"))).toEqual(tokyo("2029-04-01T00:00:00"));
  });

  it("leap years change nothing: 29 February 2028 is in school year 2027, due from 1 April 2029", () => {
    expect(retentionDeletionDate(tokyo("2028-02-29T10:00:00"))).toEqual(tokyo("2029-04-01T00:00:00"));
    expect(retentionDeletionDate(tokyo("2028-02-29T10:00:00"), 23)).toEqual(tokyo("2030-03-01T00:00:00"));
    // A period ending in a leap February still ends on the first of the next month.
    expect(retentionDeletionDate(tokyo("2026-06-01T10:00:00"), 11)).toEqual(tokyo("2028-03-01T00:00:00"));
  });

  it("the period is configurable in months, from none at all to many years", () => {
    const activity = tokyo("2026-10-10T10:00:00");
    expect(retentionDeletionDate(activity, 0)).toEqual(tokyo("2027-04-01T00:00:00"));
    expect(retentionDeletionDate(activity, 6)).toEqual(tokyo("2027-10-01T00:00:00"));
    expect(retentionDeletionDate(activity, 36)).toEqual(tokyo("2030-04-01T00:00:00"));
    expect(() => retentionDeletionDate(activity, -1)).toThrow(RangeError);
    expect(() => retentionDeletionDate(activity, 1.5)).toThrow(RangeError);
  });
});

describe("cutoff: activities before it are due now", () => {
  it("moves on 1 April at midnight in Tokyo", () => {
    expect(retentionCutoff(tokyo("2028-03-31T23:59:59"))).toEqual(tokyo("2026-04-01T00:00:00"));
    expect(retentionCutoff(tokyo("2028-04-01T00:00:00"))).toEqual(tokyo("2027-04-01T00:00:00"));
  });

  it("agrees with the deletion date for every activity, whatever the period", () => {
    const nows = ["2027-03-31T23:59:59", "2027-04-01T00:00:00", "2028-02-29T12:00:00", "2028-09-15T08:00:00", "2030-01-01T00:00:00"].map(tokyo);
    for (const months of [0, 1, 6, 11, 12, 13, 24]) {
      for (const now of nows) {
        const cutoff = retentionCutoff(now, months);
        // Activities every 5 days from 2023 to 2030.
        for (let t = tokyo("2023-01-01T12:00:00").getTime(); t < tokyo("2030-12-31T00:00:00").getTime(); t += 5 * 86400_000) {
          const activity = new Date(t);
          const due = retentionDeletionDate(activity, months).getTime() <= now.getTime();
          expect(activity.getTime() < cutoff.getTime(), `${activity.toISOString()} at ${now.toISOString()} (+${months} months)`).toBe(due);
        }
      }
    }
  });
});

describe("was the person a minor on the activity's date (Tokyo)", () => {
  it("is under 18 until the 18th birthday, which counts", () => {
    expect(wasMinorOn("2008-06-10", tokyo("2026-06-09T23:59:00"))).toBe(true);
    expect(wasMinorOn("2008-06-10", tokyo("2026-06-10T00:00:00"))).toBe(false);
  });

  it("uses the date in Tokyo: the birthday starts at midnight Tokyo time, 15:00 UTC the day before", () => {
    expect(wasMinorOn("2008-06-10", new Date("2026-06-09T14:59:00Z"))).toBe(true);
    expect(wasMinorOn("2008-06-10", new Date("2026-06-09T15:00:00Z"))).toBe(false);
  });

  it("a 29 February birthday comes on 1 March in other years, and on 29 February in leap years", () => {
    expect(wasMinorOn("2008-02-29", tokyo("2026-02-28T12:00:00"))).toBe(true);
    expect(wasMinorOn("2008-02-29", tokyo("2026-03-01T12:00:00"))).toBe(false);
    expect(wasMinorOn("2010-02-28", tokyo("2028-02-28T12:00:00"))).toBe(false);
    expect(wasMinorOn("2010-03-01", tokyo("2028-02-29T12:00:00"))).toBe(true);
    expect(wasMinorOn("2012-02-29", tokyo("2030-02-28T12:00:00"))).toBe(true);
    expect(wasMinorOn("1992-02-29", tokyo("2010-02-28T12:00:00"))).toBe(true);
  });

  it("the age is a setting", () => {
    expect(wasMinorOn("2008-06-10", tokyo("2026-06-10T00:00:00"), 20)).toBe(true);
    expect(() => wasMinorOn("10/06/2008", tokyo("2026-06-10T00:00:00"))).toThrow(RangeError);
  });
});

describe("日本版DBS check records", () => {
  it("are due 30 days after the work ended, or on the fifth anniversary of the check in Tokyo", () => {
    // 15 June 2031, 00:30 in Tokyo (still 14 June in UTC).
    const now = new Date("2031-06-14T15:30:00Z");
    expect(checkRecordCutoffs(now)).toEqual({ workEndedBefore: new Date("2031-05-15T15:30:00Z"), checkedOnOrBefore: "2026-06-15" });
    expect(checkRecordDue({ checkedOn: "2026-06-15", workEndedAt: null }, now)).toBe("aged");
    expect(checkRecordDue({ checkedOn: "2026-06-16", workEndedAt: null }, now)).toBeNull();
    expect(checkRecordDue({ checkedOn: "2030-01-01", workEndedAt: new Date("2031-05-15T15:29:59Z") }, now)).toBe("left");
    expect(checkRecordDue({ checkedOn: "2030-01-01", workEndedAt: new Date("2031-05-15T15:30:00Z") }, now)).toBeNull();
  });

  it("a check on 29 February is due on 28 February five years on, not a day late", () => {
    expect(checkRecordCutoffs(new Date("2033-02-28T03:00:00Z")).checkedOnOrBefore).toBe("2028-02-29");
    expect(checkRecordDue({ checkedOn: "2028-02-29", workEndedAt: null }, new Date("2033-02-27T03:00:00Z"))).toBeNull();
    expect(checkRecordDue({ checkedOn: "2028-02-29", workEndedAt: null }, new Date("2033-02-28T03:00:00Z"))).toBe("aged");
    // And on a 29 February, the check of 28 February five years before (a common year) is due.
    expect(checkRecordCutoffs(new Date("2032-02-29T03:00:00Z")).checkedOnOrBefore).toBe("2027-02-28");
  });
});
