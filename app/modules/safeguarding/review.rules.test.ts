import { describe, expect, it } from "vitest";
import type { SafeguardingStatus } from "#db/schema";
import type { CheckSummary, DeclarationSummary } from "./declarations.rules";
import {
  canDecide,
  canSubmitForReview,
  checklistChanged,
  checklistProblems,
  EMPTY_CHECKLIST,
  namingProblem,
  openToMinors,
  postingChanges,
  publicationGate,
  sameAdults,
  statusAfterChanges,
  type AdultFacts,
  type ChecklistAnswers,
  type PlaceFacts,
  type ReviewFacts,
} from "./review.rules";

const VALID: DeclarationSummary = { state: "valid", validUntil: "2027-12-31", renewalPending: false };
const NO_CHECK: CheckSummary = { state: "missing", validUntil: null, checkedOn: null, checkedBy: "" };
const CHECK: CheckSummary = { state: "valid", validUntil: "2030-01-01", checkedOn: "2026-10-01", checkedBy: "代表" };

function adult(overrides: Partial<AdultFacts> = {}): AdultFacts {
  return { userId: 1, name: "田中 一郎", member: true, declaration: VALID, check: NO_CHECK, ...overrides };
}

const COMPLETE: ChecklistAnswers = {
  twoAdultsPresent: true,
  noOneToOne: true,
  openPlace: true,
  placeNote: "",
  insuranceArranged: true,
  insuranceHolder: "八幡東区社会福祉協議会",
  insuranceValidUntil: "2027-03-31",
  tasksSuitable: true,
  tasksNote: "手作業の草取り",
  toiletsRest: "管理棟",
  emergencyContact: "田中 090-0000-0000",
  firstAid: "救急箱",
  closedSettingContact: false,
};

function facts(overrides: Partial<ReviewFacts> = {}, checklist: Partial<ChecklistAnswers> = {}): ReviewFacts {
  return { welcomesMinors: true, checklist: { ...COMPLETE, ...checklist }, adults: [adult()], shiftDates: ["2027-02-06", "2027-02-13"], ...overrides };
}

describe("the checklist before review", () => {
  it("a complete checklist with a vetted adult has no problems", () => {
    expect(checklistProblems(facts())).toEqual({});
  });

  it("an empty checklist lists every missing answer beside its field", () => {
    expect(checklistProblems(facts({ adults: [] }, EMPTY_CHECKLIST))).toEqual({
      adults: ["safeguarding.problem.noAdult"],
      twoAdultsPresent: ["v.mustConfirm"],
      noOneToOne: ["v.mustConfirm"],
      openPlace: ["v.mustConfirm"],
      insuranceArranged: ["v.mustConfirm"],
      insuranceHolder: ["v.required"],
      insuranceValidUntil: ["v.required"],
      tasksSuitable: ["v.mustConfirm"],
      tasksNote: ["v.required"],
      toiletsRest: ["v.required"],
      emergencyContact: ["v.required"],
      firstAid: ["v.required"],
      closedSettingContact: ["v.choice"],
    });
  });

  it("text that is only spaces is no answer", () => {
    expect(checklistProblems(facts({}, { emergencyContact: "   ", firstAid: "\n" }))).toEqual({ emergencyContact: ["v.required"], firstAid: ["v.required"] });
  });

  it("insurance must cover the last shift date, the last day included", () => {
    expect(checklistProblems(facts({}, { insuranceValidUntil: "2027-02-13" }))).toEqual({});
    expect(checklistProblems(facts({}, { insuranceValidUntil: "2027-02-12" }))).toEqual({ insuranceValidUntil: ["safeguarding.problem.insuranceEnds?date=2027-02-13"] });
    // A night shift ending after midnight counts the next day's date too.
    expect(checklistProblems(facts({ shiftDates: ["2027-03-31", "2027-04-01"] }))).toEqual({ insuranceValidUntil: ["safeguarding.problem.insuranceEnds?date=2027-04-01"] });
  });

  it("needs a shift still to come, and a posting that welcomes minors", () => {
    expect(checklistProblems(facts({ shiftDates: [] }))).toEqual({ form: ["safeguarding.problem.noUpcomingShift"] });
    expect(checklistProblems(facts({ welcomesMinors: false }))).toEqual({ form: ["safeguarding.problem.notMinors"] });
  });

  it("each named adult must be vetted through the last shift date", () => {
    const ending = adult({ name: "山田 花子", declaration: { state: "expiring", validUntil: "2027-02-10", renewalPending: false } });
    expect(checklistProblems(facts({ adults: [adult(), ending] }))).toEqual({
      adults: [`safeguarding.problem.declarationEndsBeforeShift?name=${encodeURIComponent("山田 花子")}&date=2027-02-10`],
    });
    const expired = adult({ declaration: { state: "expired", validUntil: "2026-12-31", renewalPending: true } });
    expect(checklistProblems(facts({ adults: [expired] })).adults).toEqual([`safeguarding.problem.declarationExpired?name=${encodeURIComponent("田中 一郎")}`]);
  });

  it("regular contact with children in a closed setting needs a recorded check valid on every shift date", () => {
    const name = encodeURIComponent("田中 一郎");
    expect(checklistProblems(facts({}, { closedSettingContact: true })).adults).toEqual([`safeguarding.problem.checkNeeded?name=${name}`]);
    expect(checklistProblems(facts({ adults: [adult({ check: CHECK })] }, { closedSettingContact: true }))).toEqual({});
    const short = adult({ check: { ...CHECK, state: "expiring", validUntil: "2027-02-07" } });
    expect(checklistProblems(facts({ adults: [short] }, { closedSettingContact: true })).adults).toEqual([`safeguarding.problem.checkNeeded?name=${name}`]);
    const expired = adult({ check: { ...CHECK, state: "expired", validUntil: "2026-01-01" } });
    expect(checklistProblems(facts({ adults: [expired] }, { closedSettingContact: true })).adults).toEqual([`safeguarding.problem.checkExpired?name=${name}`]);
    // Without that kind of contact no check is asked for.
    expect(checklistProblems(facts({ adults: [expired] }, { closedSettingContact: false }))).toEqual({});
  });
});

describe("who may be named", () => {
  it("a member with a confirmed declaration that has not expired", () => {
    expect(namingProblem(adult(), false)).toBeNull();
    expect(namingProblem(adult({ declaration: { state: "expiring", validUntil: "2027-01-01", renewalPending: false } }), false)).toBeNull();
  });

  it("not someone outside the organisation, nor without a confirmed declaration, nor with an expired one", () => {
    const n = encodeURIComponent("田中 一郎");
    expect(namingProblem(adult({ member: false }), false)).toBe(`safeguarding.problem.notMember?name=${n}`);
    for (const state of ["missing", "pending", "rejected"] as const)
      expect(namingProblem(adult({ declaration: { state, validUntil: null, renewalPending: false } }), false)).toBe(`safeguarding.problem.noDeclaration?name=${n}`);
    expect(namingProblem(adult({ declaration: { state: "expired", validUntil: "2026-01-01", renewalPending: false } }), false)).toBe(`safeguarding.problem.declarationExpired?name=${n}`);
  });

  it("an expired check blocks naming only for closed-setting roles; a missing one is a matter for sending", () => {
    const expired = adult({ check: { ...CHECK, state: "expired", validUntil: "2026-01-01" } });
    expect(namingProblem(expired, true)).toMatch(/^safeguarding\.problem\.checkExpired/);
    expect(namingProblem(expired, false)).toBeNull();
    expect(namingProblem(expired, null)).toBeNull();
    expect(namingProblem(adult(), true)).toBeNull();
  });
});

describe("which edits send an approved posting back", () => {
  const place: PlaceFacts = { placeId: 3, placeName: "桃園公園", placeAddress: "八幡東区桃園", latitude: 33.86, longitude: 130.81 };
  const base = { welcomesMinors: true, place };

  it("times, place and the minors flag count; nothing else does", () => {
    expect(postingChanges(base, base, false)).toEqual([]);
    expect(postingChanges(base, base, true)).toEqual(["shifts"]);
    expect(postingChanges(base, { ...base, place: { ...place, placeId: null, placeName: "河内貯水池" } }, false)).toEqual(["place"]);
    expect(postingChanges(base, { ...base, place: { ...place, latitude: 33.87 } }, false)).toEqual(["place"]);
    expect(postingChanges(base, { ...base, welcomesMinors: false }, true)).toEqual(["shifts", "minors"]);
  });

  it("an approved posting that changed is pending again; one no longer welcoming minors needs no review", () => {
    expect(statusAfterChanges("approved", true, ["shifts"])).toBe("pending");
    expect(statusAfterChanges("approved", true, [])).toBe("approved");
    expect(statusAfterChanges("approved", false, ["minors"])).toBe("not_required");
    for (const s of ["pending", "returned", "not_required"] as SafeguardingStatus[]) expect(statusAfterChanges(s, true, ["place"])).toBe(s);
    expect(statusAfterChanges("pending", false, ["minors"])).toBe("not_required");
  });

  it("compares checklists field by field and adults as sets", () => {
    expect(checklistChanged(COMPLETE, { ...COMPLETE })).toBe(false);
    expect(checklistChanged(COMPLETE, { ...COMPLETE, insuranceValidUntil: "2027-04-01" })).toBe(true);
    expect(checklistChanged(COMPLETE, { ...COMPLETE, closedSettingContact: null })).toBe(true);
    expect(sameAdults([1, 2], [2, 1])).toBe(true);
    expect(sameAdults([1, 2], [1])).toBe(false);
    expect(sameAdults([1, 1], [1])).toBe(true);
  });
});

describe("publishing and deciding", () => {
  it("a posting that welcomes minors is first published by its approval", () => {
    expect(publicationGate({ welcomesMinors: true, safeguardingStatus: "not_required", everPublished: false })).toBe("needs-review");
    expect(publicationGate({ welcomesMinors: true, safeguardingStatus: "pending", everPublished: false })).toBe("needs-review");
    expect(publicationGate({ welcomesMinors: true, safeguardingStatus: "returned", everPublished: false })).toBe("needs-review");
    expect(publicationGate({ welcomesMinors: true, safeguardingStatus: "approved", everPublished: false })).toBe("ok");
    expect(publicationGate({ welcomesMinors: false, safeguardingStatus: "not_required", everPublished: false })).toBe("ok");
    // Once public, a new review does not take it down: reopening is allowed, minors wait for the approval.
    expect(publicationGate({ welcomesMinors: true, safeguardingStatus: "pending", everPublished: true })).toBe("ok");
  });

  it("is sent when no review is under way or approved; staff decide only what waits for them", () => {
    expect(canSubmitForReview("not_required")).toBe(true);
    expect(canSubmitForReview("returned")).toBe(true);
    expect(canSubmitForReview("pending")).toBe(false);
    expect(canSubmitForReview("approved")).toBe(false);
    expect(canDecide("pending")).toBe(true);
    for (const s of ["not_required", "returned", "approved"] as SafeguardingStatus[]) expect(canDecide(s)).toBe(false);
  });

  it("minors may apply only when the posting welcomes them and is approved", () => {
    expect(openToMinors({ welcomesMinors: true, safeguardingStatus: "approved" })).toBe(true);
    expect(openToMinors({ welcomesMinors: true, safeguardingStatus: "pending" })).toBe(false);
    expect(openToMinors({ welcomesMinors: false, safeguardingStatus: "approved" })).toBe(false);
  });
});
