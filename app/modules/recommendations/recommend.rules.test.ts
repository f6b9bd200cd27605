import { describe, expect, it } from "vitest";
import { AVAILABILITY_SLOTS, SKILLS } from "#db/schema";
import { ageOn } from "~/modules/safeguarding/minors.rules";
import { reasonText, reasonTexts } from "./recommend.reasons";
import {
  AVAILABILITY_WEIGHT,
  DISTANCE_HORIZON_KM,
  DISTANCE_WEIGHT,
  INTEREST_WEIGHT,
  NEED_WEIGHT,
  SKILL_MATCHES,
  SKILL_WEIGHT,
  SOON_HORIZON_DAYS,
  SOON_WEIGHT,
  WELCOMES_WEIGHT,
  haversineKm,
  isMinor,
  isShownToOrganisation,
  isShownToVolunteer,
  matchingSkills,
  mayBeSuggestedToOrganisations,
  postingSkills,
  skillPattern,
  slotIndexOfMs,
  rankPeople,
  rankPostings,
  scoreMatch,
  tokyoSlot,
  type CandidatePosting,
  type CandidateShift,
  type Match,
  type MatchResult,
  type Person,
  type Reason,
} from "./recommend.rules";

// Tuesday 1 December 2026, 10:00 in Tokyo.
const now = new Date("2026-12-01T01:00:00Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** An instant given as Tokyo wall-clock time. */
const tokyo = (local: string) => new Date(`${local}+09:00`);

const home = { lat: 33.86, lng: 130.81 };
/** About 1.2 km north of home. */
const nearby = { latitude: 33.8708, longitude: 130.81 };

function person(overrides: Partial<Person> = {}): Person {
  return { interests: [], skills: [], availability: [], volunteerType: null, birthDate: null, home: null, ...overrides };
}

let shiftId = 1;
function shift(startsAt: Date, overrides: Partial<CandidateShift> = {}): CandidateShift {
  return { id: shiftId++, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity: 10, confirmed: 0, ...overrides };
}

function posting(overrides: Partial<CandidatePosting> = {}): CandidatePosting {
  return {
    id: 1,
    categoryCode: "cleanup",
    tags: [],
    welcomesMinors: false,
    approvedForMinors: false,
    minimumAge: null,
    latitude: null,
    longitude: null,
    shifts: [shift(tokyo("2026-12-20T09:00:00"))],
    ...overrides,
  };
}

function match(result: MatchResult): Match {
  if (result.excluded !== null) throw new Error(`excluded: ${result.excluded}`);
  return result;
}

const kinds = (reasons: Reason[]) => reasons.map((r) => r.kind);
const reasonOf = <K extends Reason["kind"]>(m: Match, kind: K) => m.reasons.find((r): r is Extract<Reason, { kind: K }> => r.kind === kind);
const categoryName = (code: string) => ({ parks: "公園・緑化", cleanup: "清掃・環境" })[code] ?? code;
const categoryNameEn = (code: string) => ({ parks: "Parks & greenery", cleanup: "Clean-up & environment" })[code] ?? code;

describe("time slots in Tokyo", () => {
  it("splits the day at 12:00 and 17:00: morning < 12:00 ≤ afternoon < 17:00 ≤ evening", () => {
    expect(tokyoSlot(tokyo("2026-12-05T00:00:00")).part).toBe("morning");
    expect(tokyoSlot(tokyo("2026-12-05T11:59:00")).part).toBe("morning");
    expect(tokyoSlot(tokyo("2026-12-05T12:00:00")).part).toBe("afternoon");
    expect(tokyoSlot(tokyo("2026-12-05T16:59:00")).part).toBe("afternoon");
    expect(tokyoSlot(tokyo("2026-12-05T17:00:00")).part).toBe("evening");
    expect(tokyoSlot(tokyo("2026-12-05T23:59:00")).part).toBe("evening");
  });

  it("counts Saturday and Sunday as the weekend, Monday to Friday as weekdays", () => {
    expect(tokyoSlot(tokyo("2026-12-05T09:00:00"))).toEqual({ weekday: 6, part: "morning", slot: "weekend_morning" });
    expect(tokyoSlot(tokyo("2026-12-06T13:00:00"))).toEqual({ weekday: 0, part: "afternoon", slot: "weekend_afternoon" });
    expect(tokyoSlot(tokyo("2026-12-07T18:30:00"))).toEqual({ weekday: 1, part: "evening", slot: "weekday_evening" });
    expect(tokyoSlot(tokyo("2026-12-04T09:00:00"))).toEqual({ weekday: 5, part: "morning", slot: "weekday_morning" });
  });

  it("gives the same slot by arithmetic as by the calendar, every 7 minutes over two weeks", () => {
    const start = new Date("2026-12-27T00:00:00Z").getTime();
    for (let ms = start; ms < start + 14 * DAY; ms += 7 * 60_000) expect(AVAILABILITY_SLOTS[slotIndexOfMs(ms)], new Date(ms).toISOString()).toBe(tokyoSlot(new Date(ms)).slot);
  });

  it("reads the day and hour in Tokyo, not in UTC", () => {
    // Friday 20:30 UTC is Saturday 05:30 in Tokyo.
    expect(tokyoSlot(new Date("2026-12-04T20:30:00Z")).slot).toBe("weekend_morning");
    // Monday 02:00 UTC is Monday 11:00 in Tokyo; 03:00 UTC is noon.
    expect(tokyoSlot(new Date("2026-12-07T02:00:00Z")).slot).toBe("weekday_morning");
    expect(tokyoSlot(new Date("2026-12-07T03:00:00Z")).slot).toBe("weekday_afternoon");
  });
});

describe("minors", () => {
  it("takes a person as a minor by birth date, or as a high-school student when no birth date is given", () => {
    expect(isMinor({ birthDate: "2009-06-01", volunteerType: "university" }, now)).toBe(true);
    expect(isMinor({ birthDate: "2000-06-01", volunteerType: "high_school" }, now)).toBe(false);
    expect(isMinor({ birthDate: null, volunteerType: "high_school" }, now)).toBe(true);
    expect(isMinor({ birthDate: "not a date", volunteerType: "high_school" }, now)).toBe(true);
    expect(isMinor({ birthDate: null, volunteerType: "university" }, now)).toBe(false);
    expect(isMinor({ birthDate: null, volunteerType: null }, now)).toBe(false);
    // The ward may set another minor age.
    expect(isMinor({ birthDate: "2007-06-01", volunteerType: "university" }, now, 20)).toBe(true);
  });

  it("keeps minors out of organisations' lists of people to invite", () => {
    expect(mayBeSuggestedToOrganisations({ birthDate: "2009-06-01", volunteerType: null }, now)).toBe(false);
    expect(mayBeSuggestedToOrganisations({ birthDate: null, volunteerType: "high_school" }, now)).toBe(false);
    expect(mayBeSuggestedToOrganisations({ birthDate: "2004-06-01", volunteerType: "university" }, now)).toBe(true);
    expect(mayBeSuggestedToOrganisations({ birthDate: "2007-06-01", volunteerType: "working" }, now, 20)).toBe(false);
  });

  const forMinors = (overrides: Partial<CandidatePosting> = {}) => posting({ welcomesMinors: true, approvedForMinors: true, ...overrides });
  const teen = person({ birthDate: "2010-01-15", volunteerType: "high_school" });

  it("recommends to a minor only postings that welcome under-18s and passed the safeguarding review", () => {
    expect(scoreMatch(teen, forMinors(), now).excluded).toBeNull();
    expect(scoreMatch(teen, forMinors({ approvedForMinors: false }), now)).toEqual({ excluded: "not-for-minors" });
    expect(scoreMatch(teen, posting({ welcomesMinors: false }), now)).toEqual({ excluded: "not-for-minors" });
    // A high-school student who gave no birth date is taken to be a minor.
    expect(scoreMatch(person({ volunteerType: "high_school" }), posting(), now)).toEqual({ excluded: "not-for-minors" });
    // Adults are not held to it.
    expect(scoreMatch(person({ birthDate: "2000-01-01" }), posting({ welcomesMinors: false }), now).excluded).toBeNull();
  });

  it("leaves out a minor's shifts at night or ending after the ward's latest end, and is about one that is allowed", () => {
    const late = shift(tokyo("2026-12-05T19:00:00"), { endsAt: tokyo("2026-12-05T21:30:00") });
    const night = shift(tokyo("2026-12-06T22:00:00"), { endsAt: tokyo("2026-12-06T23:30:00") });
    const day = shift(tokyo("2026-12-12T10:00:00"));
    const m = match(scoreMatch(teen, forMinors({ shifts: [late, night, day] }), now));
    expect(m.shift.id).toBe(day.id);
    expect(scoreMatch(teen, forMinors({ shifts: [late, night] }), now)).toEqual({ excluded: "not-for-minors" });
    // A later latest end set by the ward lets the evening shift through.
    expect(match(scoreMatch(teen, forMinors({ shifts: [late, day] }), now, { minorAge: 18, minorsLatestEnd: "22:00" })).shift.id).toBe(late.id);
    // An adult takes the first.
    expect(match(scoreMatch(person({ birthDate: "1990-01-01" }), forMinors({ shifts: [late, night, day] }), now)).shift.id).toBe(late.id);
  });

  it("uses a shift's precomputed hours check when it has one", () => {
    const day = shift(tokyo("2026-12-12T10:00:00"), { minorTimesOk: false });
    expect(scoreMatch(teen, forMinors({ shifts: [day] }), now)).toEqual({ excluded: "not-for-minors" });
  });

  it("counts a person as a minor on the shift's day: one who turns 18 before a later shift may take that one", () => {
    const first = shift(tokyo("2026-12-20T09:00:00"));
    const later = shift(tokyo("2027-01-20T09:00:00"));
    const m = match(scoreMatch(person({ birthDate: "2009-01-10" }), posting({ shifts: [first, later] }), now));
    expect(m.shift.id).toBe(later.id);
  });

  it("counts ages exactly as the safeguarding rules do, for every birthday around the year and leap days", () => {
    const births = ["2008-02-29", "2008-03-01", "2008-02-28", "2008-12-31", "2009-01-01", "2008-06-15", "2012-02-29"];
    const start = new Date("2026-01-01T00:00:00Z").getTime();
    for (const birthDate of births)
      for (let d = 0; d < 800; d += 3) {
        // 23:30 in Tokyo: late in the Tokyo day, early in the UTC one.
        const startsAt = new Date(start + d * DAY + 14.5 * HOUR);
        const at = new Date(startsAt.getTime() - DAY);
        const age = ageOn(birthDate, startsAt)!;
        const result = scoreMatch(person({ birthDate }), posting({ minimumAge: 18, shifts: [shift(startsAt)] }), at);
        expect(result.excluded, `${birthDate} on ${startsAt.toISOString()}`).toBe(age < 18 ? "too-young" : null);
      }
  });
});

describe("distance", () => {
  it("is the great-circle distance in km", () => {
    expect(haversineKm(home, home)).toBe(0);
    // One hundredth of a degree of latitude is about 1.11 km.
    expect(haversineKm(home, { lat: 33.87, lng: 130.81 })).toBeCloseTo(1.112, 2);
    // Yahata station to Tokyo station: about 843 km as the crow flies.
    expect(haversineKm({ lat: 33.8616, lng: 130.7985 }, { lat: 35.6812, lng: 139.7671 })).toBeCloseTo(843, 0);
  });
});

describe("skills", () => {
  it("matches skills to tags and categories", () => {
    expect(matchingSkills(["mowing"], { categoryCode: "cleanup", tags: ["草刈り", "河川"] })).toEqual(["mowing"]);
    expect(matchingSkills(["mowing"], { categoryCode: "parks", tags: [] })).toEqual(["mowing"]);
    expect(matchingSkills(["cooking"], { categoryCode: "children", tags: ["子ども食堂"] })).toEqual(["cooking"]);
    expect(matchingSkills(["children"], { categoryCode: "children", tags: [] })).toEqual(["children"]);
    expect(matchingSkills(["english"], { categoryCode: "other", tags: ["国際交流"] })).toEqual(["english"]);
    expect(matchingSkills(["sign_language"], { categoryCode: "welfare", tags: ["手話", "受付"] })).toEqual(["sign_language"]);
    expect(matchingSkills(["computer"], { categoryCode: "civic_centre", tags: ["パソコン教室"] })).toEqual(["computer"]);
  });

  it("does not match unrelated postings", () => {
    expect(matchingSkills(["mowing", "cooking"], { categoryCode: "festival", tags: ["盆踊り"] })).toEqual([]);
    expect(matchingSkills(["sign_language"], { categoryCode: "welfare", tags: ["車いす"] })).toEqual([]);
  });

  it("matches Latin words whole, after folding width and case", () => {
    expect(matchingSkills(["computer"], { categoryCode: "other", tags: ["IT講座"] })).toEqual(["computer"]);
    expect(matchingSkills(["computer"], { categoryCode: "other", tags: ["ＰＣ"] })).toEqual(["computer"]);
    expect(matchingSkills(["computer"], { categoryCode: "other", tags: ["craft kit", "with friends"] })).toEqual([]);
    expect(matchingSkills(["sign_language"], { categoryCode: "welfare", tags: ["Sign Language"] })).toEqual(["sign_language"]);
  });

  it("keeps the person's order and ignores unknown skill codes", () => {
    expect(matchingSkills(["cooking", "nonsense", "children"], { categoryCode: "children", tags: ["食堂"] })).toEqual(["cooking", "children"]);
  });

  it("lists every skill a posting is a use for, and uses that list when it is given", () => {
    const p = { categoryCode: "children", tags: ["子ども食堂", "写真係"] };
    expect([...postingSkills(p)].sort()).toEqual(["children", "cooking", "photography"]);
    expect(matchingSkills(["music", "cooking"], { ...p, skillMatches: new Set(["music"]) })).toEqual(["music"]);
    expect(skillPattern("juggling")).toBeNull();
  });

  it("knows every skill of the profile", () => {
    expect(Object.keys(SKILL_MATCHES).sort()).toEqual([...SKILLS].sort());
  });
});

describe("exclusions", () => {
  it("leaves out a posting with no shift still to come", () => {
    expect(scoreMatch(person(), posting({ shifts: [] }), now)).toEqual({ excluded: "no-upcoming-shift" });
    expect(scoreMatch(person(), posting({ shifts: [shift(new Date(now.getTime() - HOUR))] }), now)).toEqual({ excluded: "no-upcoming-shift" });
    // Starting right now is no longer to come.
    expect(scoreMatch(person(), posting({ shifts: [shift(now)] }), now)).toEqual({ excluded: "no-upcoming-shift" });
  });

  it("leaves out a posting whose shifts to come are all full", () => {
    const full = posting({ shifts: [shift(tokyo("2026-12-20T09:00:00"), { capacity: 5, confirmed: 5 }), shift(new Date(now.getTime() - DAY), { capacity: 5, confirmed: 1 })] });
    expect(scoreMatch(person(), full, now)).toEqual({ excluded: "full" });
  });

  it("leaves out a posting whose minimum age is above the person's age on the day of every open shift", () => {
    const adultsOnly = posting({ minimumAge: 18, shifts: [shift(tokyo("2026-12-20T09:00:00")), shift(tokyo("2027-01-10T09:00:00"))] });
    expect(scoreMatch(person({ birthDate: "2010-01-15" }), adultsOnly, now)).toEqual({ excluded: "too-young" });
    expect(scoreMatch(person({ birthDate: "2008-12-20" }), adultsOnly, now).excluded).toBeNull();
  });

  it("counts the minimum age on the shift's Tokyo calendar day, whatever the hour", () => {
    const adultsOnly = (startsAt: Date) => posting({ minimumAge: 18, shifts: [shift(startsAt)] });
    // Turns 18 on 20 December 2026.
    const teen = person({ birthDate: "2008-12-20" });
    expect(scoreMatch(teen, adultsOnly(tokyo("2026-12-19T23:30:00")), now)).toEqual({ excluded: "too-young" });
    expect(scoreMatch(teen, adultsOnly(tokyo("2026-12-20T00:30:00")), now).excluded).toBeNull();
    const leapling = person({ birthDate: "2008-02-29" });
    // Born on 29 February: 18 on 1 March in a year without one (as the safeguarding rules count).
    expect(scoreMatch(leapling, adultsOnly(tokyo("2026-02-28T10:00:00")), new Date("2026-01-01T00:00:00Z"))).toEqual({ excluded: "too-young" });
    expect(scoreMatch(leapling, adultsOnly(tokyo("2026-03-01T10:00:00")), new Date("2026-01-01T00:00:00Z")).excluded).toBeNull();
  });

  it("keeps a shift on or after the day the person reaches the minimum age, and is about that shift", () => {
    const first = shift(tokyo("2026-12-20T09:00:00"));
    const later = shift(tokyo("2027-01-10T09:00:00"));
    const m = match(scoreMatch(person({ birthDate: "2009-01-10" }), posting({ minimumAge: 18, shifts: [first, later] }), now));
    expect(m.shift.id).toBe(later.id);
  });

  it("does not exclude by age when the birth date is not given", () => {
    expect(scoreMatch(person(), posting({ minimumAge: 20 }), now).excluded).toBeNull();
  });

  it("only counts shifts with places left", () => {
    const full = shift(tokyo("2026-12-05T09:00:00"), { capacity: 3, confirmed: 3 });
    const open = shift(tokyo("2026-12-12T09:00:00"), { capacity: 4, confirmed: 1 });
    const m = match(scoreMatch(person(), posting({ shifts: [full, open] }), now));
    expect(m.shift.id).toBe(open.id);
    expect(reasonOf(m, "need")?.placesLeft).toBe(3);
  });
});

describe("signals and reasons", () => {
  it("gives the interest weight and reason when the category is one of the person's interests", () => {
    const m = match(scoreMatch(person({ interests: ["parks"] }), posting({ categoryCode: "parks" }), now));
    expect(reasonOf(m, "interest")).toEqual({ kind: "interest", points: INTEREST_WEIGHT, category: "parks" });
    expect(match(scoreMatch(person({ interests: ["festival"] }), posting({ categoryCode: "parks" }), now)).reasons.some((r) => r.kind === "interest")).toBe(false);
  });

  it("gives each matching skill its weight, at most two", () => {
    const p = posting({ categoryCode: "children", tags: ["子ども食堂", "英語", "写真"] });
    const m = match(scoreMatch(person({ skills: ["cooking", "children", "english", "photography"] }), p, now));
    expect(m.reasons.filter((r) => r.kind === "skill")).toEqual([
      { kind: "skill", points: SKILL_WEIGHT, skill: "cooking" },
      { kind: "skill", points: SKILL_WEIGHT, skill: "children" },
    ]);
  });

  it("matches availability against the first open shift in the person's free time, not simply the first one", () => {
    const weekday = shift(tokyo("2026-12-03T10:00:00"));
    const saturday = shift(tokyo("2026-12-05T09:30:00"));
    const m = match(scoreMatch(person({ availability: ["weekend_morning"] }), posting({ shifts: [weekday, saturday] }), now));
    expect(m.shift.id).toBe(saturday.id);
    expect(reasonOf(m, "availability")).toEqual({ kind: "availability", points: AVAILABILITY_WEIGHT, slot: "weekend_morning", weekday: 6, part: "morning" });
  });

  it("gives no availability points when no open shift is in the person's free time, and is then about the first open shift", () => {
    const weekday = shift(tokyo("2026-12-03T18:00:00"));
    const m = match(scoreMatch(person({ availability: ["weekend_morning"] }), posting({ shifts: [weekday] }), now));
    expect(kinds(m.reasons)).not.toContain("availability");
    expect(m.shift.id).toBe(weekday.id);
  });

  it("scores distance from the person's district centre: full at 0 km, none beyond the horizon", () => {
    const near = match(scoreMatch(person({ home }), posting(nearby), now));
    const d = reasonOf(near, "distance")!;
    expect(d.km).toBe(1.2);
    expect(d.points).toBeCloseTo(DISTANCE_WEIGHT * (1 - near.distanceKm! / DISTANCE_HORIZON_KM), 2);
    expect(near.distanceKm).toBeCloseTo(1.2, 1);
    const same = match(scoreMatch(person({ home }), posting({ latitude: home.lat, longitude: home.lng }), now));
    expect(reasonOf(same, "distance")?.points).toBe(DISTANCE_WEIGHT);
    const far = match(scoreMatch(person({ home }), posting({ latitude: 33.95, longitude: 130.81 }), now));
    expect(far.distanceKm).toBeGreaterThan(DISTANCE_HORIZON_KM);
    expect(kinds(far.reasons)).not.toContain("distance");
  });

  it("gives no distance without a home district centre or without the posting's position", () => {
    expect(match(scoreMatch(person(), posting(nearby), now)).distanceKm).toBeNull();
    expect(match(scoreMatch(person({ home }), posting(), now)).distanceKm).toBeNull();
  });

  it("scores sooner shifts higher within four weeks and gives none after", () => {
    const soon = (startsAt: Date) => reasonOf(match(scoreMatch(person(), posting({ shifts: [shift(startsAt)] }), now)), "soon");
    const tomorrow = soon(new Date(now.getTime() + DAY))!;
    const inTwoWeeks = soon(new Date(now.getTime() + 14 * DAY))!;
    expect(tomorrow.days).toBe(1);
    expect(tomorrow.points).toBeCloseTo(SOON_WEIGHT * (1 - 1 / SOON_HORIZON_DAYS), 3);
    expect(inTwoWeeks.points).toBeCloseTo(SOON_WEIGHT / 2, 3);
    expect(tomorrow.points).toBeGreaterThan(inTwoWeeks.points);
    expect(soon(new Date(now.getTime() + SOON_HORIZON_DAYS * DAY))).toBeUndefined();
    expect(soon(new Date(now.getTime() + 40 * DAY))).toBeUndefined();
  });

  it("counts soonness in Tokyo calendar days", () => {
    // Later today in Tokyo is day 0; 00:30 the next day is day 1.
    expect(reasonOf(match(scoreMatch(person(), posting({ shifts: [shift(tokyo("2026-12-01T23:00:00"))] }), now)), "soon")?.days).toBe(0);
    expect(reasonOf(match(scoreMatch(person(), posting({ shifts: [shift(tokyo("2026-12-02T00:30:00"))] }), now)), "soon")?.days).toBe(1);
  });

  it("says 高校生歓迎 to high-school students and minors, not to adults", () => {
    const welcoming = posting({ welcomesMinors: true, approvedForMinors: true });
    expect(reasonOf(match(scoreMatch(person({ volunteerType: "high_school" }), welcoming, now)), "welcomes")).toEqual({ kind: "welcomes", points: WELCOMES_WEIGHT, who: "high_school" });
    expect(reasonOf(match(scoreMatch(person({ birthDate: "2012-04-01" }), welcoming, now)), "welcomes")?.who).toBe("minor");
    expect(reasonOf(match(scoreMatch(person({ volunteerType: "university", birthDate: "2005-05-10" }), welcoming, now)), "welcomes")).toBeUndefined();
    expect(reasonOf(match(scoreMatch(person({ volunteerType: "high_school", birthDate: "2008-01-01" }), posting({ welcomesMinors: false }), now)), "welcomes")).toBeUndefined();
  });

  it("scores the help still needed as places left over capacity of the open shifts", () => {
    const half = posting({ shifts: [shift(tokyo("2026-12-20T09:00:00"), { capacity: 10, confirmed: 5 })] });
    const m = match(scoreMatch(person(), half, now));
    expect(reasonOf(m, "need")).toEqual({ kind: "need", points: NEED_WEIGHT / 2, placesLeft: 5 });
    const two = posting({ shifts: [shift(tokyo("2026-12-20T09:00:00"), { capacity: 4, confirmed: 1 }), shift(tokyo("2026-12-27T09:00:00"), { capacity: 6, confirmed: 6 })] });
    // The full shift is not open: 3 of 4.
    expect(reasonOf(match(scoreMatch(person(), two, now)), "need")?.points).toBe(NEED_WEIGHT * 0.75);
  });

  it("adds up the signals into the score, and orders reasons by points", () => {
    const p = posting({
      categoryCode: "parks",
      tags: ["草刈り"],
      welcomesMinors: true,
      approvedForMinors: true,
      latitude: home.lat,
      longitude: home.lng,
      shifts: [shift(new Date(now.getTime() + 7 * DAY + 23 * HOUR), { capacity: 10, confirmed: 0 })],
    });
    // Tuesday 10:00 + 7 days 23 hours = Wednesday 09:00 the next week: a weekday morning.
    const m = match(scoreMatch(person({ interests: ["parks"], skills: ["mowing"], availability: ["weekday_morning"], volunteerType: "high_school", home }), p, now));
    const soon = SOON_WEIGHT * (1 - (7 * DAY + 23 * HOUR) / (SOON_HORIZON_DAYS * DAY));
    expect(m.score).toBeCloseTo(INTEREST_WEIGHT + SKILL_WEIGHT + AVAILABILITY_WEIGHT + DISTANCE_WEIGHT + WELCOMES_WEIGHT + soon + NEED_WEIGHT, 5);
    expect(kinds(m.reasons)).toEqual(["interest", "availability", "distance", "skill", "welcomes", "soon", "need"]);
  });

  it("scores nothing about the person for an empty profile, but still ranks by time and need", () => {
    // 19 days ahead: soonness is worth less than a posting with every place free.
    const m = match(scoreMatch(person(), posting(), now));
    expect(kinds(m.reasons)).toEqual(["need", "soon"]);
    expect(m.score).toBeCloseTo(NEED_WEIGHT + SOON_WEIGHT * (1 - (tokyo("2026-12-20T09:00:00").getTime() - now.getTime()) / (SOON_HORIZON_DAYS * DAY)), 5);
  });
});

describe("ranking", () => {
  const p = (id: number, overrides: Partial<CandidatePosting> = {}) => posting({ id, ...overrides });
  const day = (n: number, hour = 9) => new Date(tokyo(`2026-12-01T${String(hour).padStart(2, "0")}:00:00`).getTime() + n * DAY);

  it("puts the best fit first", () => {
    const ranked = rankPostings(person({ interests: ["parks"] }), [p(1, { categoryCode: "cleanup" }), p(2, { categoryCode: "parks" })], now, 6);
    expect(ranked.map((r) => r.posting.id)).toEqual([2, 1]);
  });

  it("breaks ties by the sooner shift, then by the lower id, whatever the input order", () => {
    // Beyond four weeks soonness counts nothing, so these three score the same.
    const a = p(30, { shifts: [shift(day(40))] });
    const b = p(10, { shifts: [shift(day(40))] });
    const c = p(20, { shifts: [shift(day(35))] });
    const expected = [20, 10, 30];
    expect(new Set(rankPostings(person(), [a, b, c], now, 6).map((r) => r.score)).size).toBe(1);
    expect(rankPostings(person(), [a, b, c], now, 6).map((r) => r.posting.id)).toEqual(expected);
    expect(rankPostings(person(), [c, b, a], now, 6).map((r) => r.posting.id)).toEqual(expected);
    expect(rankPostings(person(), [b, a, c], now, 6).map((r) => r.posting.id)).toEqual(expected);
  });

  it("returns at most the limit and leaves out the excluded", () => {
    const many = Array.from({ length: 10 }, (_, i) => p(i + 1, { shifts: [shift(day(i + 1))] }));
    expect(rankPostings(person(), many, now, 3).map((r) => r.posting.id)).toEqual([1, 2, 3]);
    expect(rankPostings(person(), [p(1, { shifts: [] }), p(2)], now, 6).map((r) => r.posting.id)).toEqual([2]);
    expect(rankPostings(person(), many, now, 0)).toEqual([]);
  });

  it("ranks exactly as scoring each posting and sorting would, on many random postings", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pickOf = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const postings = Array.from({ length: 400 }, (_, i) =>
      p(i + 1, {
        categoryCode: pickOf(["parks", "cleanup", "children", "festival"]),
        tags: [pickOf(["草刈り", "子ども食堂", "受付", "English", "写真"])],
        welcomesMinors: random() < 0.5,
        approvedForMinors: random() < 0.7,
        minimumAge: pickOf([null, null, 15, 18]),
        latitude: random() < 0.9 ? 33.84 + random() * 0.05 : null,
        longitude: 130.78 + random() * 0.07,
        // Whole hours over six weeks, some shared between postings, so that ties happen.
        shifts: Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          shift(new Date(now.getTime() + Math.floor(random() * 42 * 24) * HOUR), { capacity: 4, confirmed: Math.floor(random() * 5) }),
        ),
      }),
    );
    const people = [
      person(),
      person({ interests: ["parks"], skills: ["mowing", "cooking", "english"], availability: ["weekend_morning", "weekday_evening"], home, birthDate: "2009-12-15", volunteerType: "high_school" }),
      person({ interests: ["children", "festival"], availability: ["weekday_morning"], home: { lat: 33.87, lng: 130.83 }, birthDate: "1990-01-01" }),
    ];
    for (const who of people) {
      const naive = postings
        .map((posting) => ({ posting, result: scoreMatch(who, posting, now) }))
        .flatMap(({ posting, result }) => (result.excluded === null ? [{ posting, ...result }] : []))
        .sort((a, b) => b.score - a.score || a.shift.startsAt.getTime() - b.shift.startsAt.getTime() || a.posting.id - b.posting.id);
      for (const limit of [1, 6, 50, 1000]) {
        const ranked = rankPostings(who, postings, now, limit);
        expect(ranked.map((r) => [r.posting.id, r.score, r.shift.id])).toEqual(naive.slice(0, limit).map((r) => [r.posting.id, r.score, r.shift.id]));
        expect(ranked.map((r) => r.reasons)).toEqual(naive.slice(0, limit).map((r) => r.reasons));
      }
    }
  });

  it("is about the earliest open shift even when shifts come unsorted", () => {
    const late = shift(day(20));
    const early = shift(day(3));
    expect(match(scoreMatch(person(), p(1, { shifts: [late, early] }), now)).shift.id).toBe(early.id);
  });

  it("ranks people for a posting the same way, ties by the lower id", () => {
    const target = posting({ categoryCode: "parks", shifts: [shift(day(4))] });
    const people = [
      { id: 7, ...person() },
      { id: 3, ...person({ interests: ["parks"] }) },
      { id: 5, ...person() },
      { id: 9, ...person({ birthDate: "2015-01-01" }) },
    ];
    expect(rankPeople({ ...target, minimumAge: 18 }, people, now, 10).map((r) => r.person.id)).toEqual([3, 5, 7]);
    expect(rankPeople(target, people, now, 2).map((r) => r.person.id)).toEqual([3, 5]);
  });
});

describe("who sees which reasons", () => {
  const all: Reason[] = [
    { kind: "interest", points: 1, category: "parks" },
    { kind: "skill", points: 1, skill: "mowing" },
    { kind: "availability", points: 1, slot: "weekend_morning", weekday: 6, part: "morning" },
    { kind: "distance", points: 1, km: 1.2 },
    { kind: "welcomes", points: 1, who: "high_school" },
    { kind: "soon", points: 1, days: 3 },
    { kind: "need", points: 1, placesLeft: 3 },
  ];

  it("shows organisations only reasons about the person's stated profile", () => {
    expect(kinds(all.filter(isShownToOrganisation))).toEqual(["interest", "skill", "availability", "distance"]);
  });

  it("tells the volunteer how soon only within a week", () => {
    expect(isShownToVolunteer({ kind: "soon", points: 5, days: 7 })).toBe(true);
    expect(isShownToVolunteer({ kind: "soon", points: 2, days: 8 })).toBe(false);
    expect(all.filter(isShownToVolunteer)).toHaveLength(all.length);
  });

  it("puts reasons into Japanese words", () => {
    expect(reasonTexts(all, "ja", "volunteer", categoryName, 10)).toEqual([
      "公園・緑化に関心",
      "草刈りの経験を活かせます",
      "土曜の午前",
      "自宅の地域から1.2km",
      "高校生歓迎",
      "3日後の活動",
      "あと3人募集中",
    ]);
    expect(reasonText({ kind: "need", points: 1, placesLeft: 1 }, "ja", "volunteer", categoryName)).toBe("あと1人募集中");
    expect(reasonText({ kind: "soon", points: 1, days: 0 }, "ja", "volunteer", categoryName)).toBe("今日の活動");
    expect(reasonText({ kind: "soon", points: 1, days: 1 }, "ja", "volunteer", categoryName)).toBe("明日の活動");
    expect(reasonText({ kind: "welcomes", points: 1, who: "minor" }, "ja", "volunteer", categoryName)).toBe("18歳未満も歓迎");
  });

  it("puts reasons into English words with no Japanese script", () => {
    const texts = reasonTexts(all, "en", "volunteer", categoryNameEn, 10);
    expect(texts).toEqual([
      "You are interested in Parks & greenery",
      "Your mowing experience helps",
      "Saturday morning",
      "1.2 km from your area",
      "High-school students welcome",
      "In 3 days",
      "3 more people needed",
    ]);
    for (const text of texts) expect(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text), text).toBe(false);
  });

  it("words reasons for the organisation about the person, and leaves out the rest", () => {
    expect(reasonTexts(all, "ja", "organisation", categoryName, 10)).toEqual(["公園・緑化に関心", "草刈りができる", "土曜の午前に参加しやすい", "活動場所から約1.2kmの地域に住んでいる"]);
  });

  it("has words for every skill in both languages and perspectives", () => {
    for (const skill of SKILLS)
      for (const locale of ["ja", "en"] as const)
        for (const perspective of ["volunteer", "organisation"] as const)
          expect(reasonText({ kind: "skill", points: 1, skill }, locale, perspective, categoryName), `${skill} ${locale} ${perspective}`).toMatch(/\S/);
    expect(reasonText({ kind: "skill", points: 1, skill: "juggling" }, "ja", "volunteer", categoryName)).toBeNull();
  });

  it("keeps at most the number of reasons asked for, best first", () => {
    expect(reasonTexts(all, "ja", "volunteer", categoryName, 2)).toEqual(["公園・緑化に関心", "草刈りの経験を活かせます"]);
  });
});
