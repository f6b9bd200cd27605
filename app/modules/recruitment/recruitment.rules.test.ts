import { describe, expect, it } from "vitest";
import { RECRUITMENT_STAGES } from "~/vocabulary";
import { eligibilityAdvice } from "./eligibility.rules";
import { daysUntil, fillRate, forecastVacancies, formatRate, funnel, furthestStage, medianDays, withDeparted } from "./figures.rules";
import { canMove, isOverdue, nextStages } from "./pipeline.rules";

const SETTINGS = { minAge: 18, newAppointeeAgeLimit: 75, residenceMonths: 3 };
const codes = (birthYear: number, settings = SETTINGS) => eligibilityAdvice(birthYear, 2026, settings).map((a) => a.code);

describe("eligibility advice (advice, never a refusal)", () => {
  it("a person of working age gets only the residence reminder", () => {
    expect(codes(1970)).toEqual(["residence"]);
  });
  it("someone under the voting age this year is pointed to the helper role", () => {
    expect(codes(2009)).toEqual(["under_age", "residence"]);
  });
  it("someone who turns 18 this year is told it starts from the birthday", () => {
    expect(codes(2008)).toEqual(["reaches_age_this_year", "residence"]);
  });
  it("at or over the city's guidance for new appointees the advice says so; just under it, nothing", () => {
    expect(codes(1951)).toEqual(["over_guidance", "residence"]);
    expect(codes(1940)).toEqual(["over_guidance", "residence"]);
    expect(codes(1952)).toEqual(["residence"]);
  });
  it("follows the staff settings: a limit of 80 and no residence rule", () => {
    expect(codes(1951, { minAge: 18, newAppointeeAgeLimit: 80, residenceMonths: 0 })).toEqual([]);
    expect(eligibilityAdvice(1940, 2026, { minAge: 20, newAppointeeAgeLimit: 80, residenceMonths: 6 })).toEqual([
      { code: "over_guidance", limit: 80 },
      { code: "residence", months: 6 },
    ]);
  });
});

describe("pipeline transitions", () => {
  it("goes forward one step at a time, with the helper trial optional", () => {
    expect(nextStages("interested")).toEqual(["contacted", "declined", "ineligible"]);
    expect(nextStages("briefed")).toEqual(["helper_trial", "preparatory", "declined", "ineligible"]);
    expect(canMove("committee", "appointed")).toBe(true);
  });
  it("cannot skip to 委嘱, go back, or leave 委嘱", () => {
    expect(canMove("interested", "appointed")).toBe(false);
    expect(canMove("preparatory", "appointed")).toBe(false);
    expect(canMove("contacted", "interested")).toBe(false);
    expect(nextStages("appointed")).toEqual([]);
  });
  it("declined and not eligible can be reopened, and nothing else", () => {
    expect(nextStages("declined")).toEqual(["interested"]);
    expect(nextStages("ineligible")).toEqual(["interested"]);
  });
  it("every stage's moves are stages, and every open stage can be declined", () => {
    for (const from of RECRUITMENT_STAGES) {
      for (const to of nextStages(from)) expect(RECRUITMENT_STAGES).toContain(to);
      if (!["appointed", "declined", "ineligible"].includes(from)) expect(canMove(from, "declined")).toBe(true);
    }
  });
  it("a next action is overdue only before today and only for an open person", () => {
    expect(isOverdue("contacted", "2026-12-05", "2026-12-06")).toBe(true);
    expect(isOverdue("contacted", "2026-12-06", "2026-12-06")).toBe(false);
    expect(isOverdue("declined", "2026-12-01", "2026-12-06")).toBe(false);
    expect(isOverdue("contacted", null, "2026-12-06")).toBe(false);
  });
});

describe("figures arithmetic", () => {
  it("fill rates: 133 of 138 is 96.4%, no seats is —", () => {
    expect(formatRate(fillRate(133, 138))).toBe("96.4%");
    expect(formatRate(fillRate(0, 0))).toBe("—");
    expect(formatRate(fillRate(10, 10))).toBe("100.0%");
  });
  it("forecast: vacancies now plus those leaving, up to everyone undecided or unanswered", () => {
    const f = forecastVacancies([
      { seats: 10, serving: 9, intendContinue: 6, intendLeave: 2, intendUndecided: 1 },
      { seats: 5, serving: 5, intendContinue: 3, intendLeave: 0, intendUndecided: 0 },
    ]);
    expect(f).toEqual({ vacantNow: 1, atLeast: 3, atMost: 6 });
  });
  it("the funnel's conversions from the step before and from the first step", () => {
    const steps = funnel({ visits: 200, interest: 10, contacted: 6, appointed: 2 });
    expect(steps.map((s) => s.count)).toEqual([200, 10, 6, 2]);
    expect(steps[1].fromPrevious).toBeCloseTo(0.05);
    expect(steps[3].fromPrevious).toBeCloseTo(1 / 3);
    expect(steps[3].fromStart).toBeCloseTo(0.01);
    expect(steps[0].fromPrevious).toBeNull();
  });
  it("without visits the funnel starts from interest, and a zero step gives no rate rather than a division by zero", () => {
    const steps = funnel({ visits: 0, interest: 4, contacted: 0, appointed: 0 });
    expect(steps[1].fromStart).toBe(1);
    expect(steps[3].fromPrevious).toBeNull();
    expect(funnel({ visits: 0, interest: 0, contacted: 0, appointed: 0 }).every((s) => s.fromStart === null)).toBe(true);
  });
  it("median days to appointment and the countdown", () => {
    const d = (s: string) => new Date(s);
    expect(medianDays([])).toBeNull();
    expect(medianDays([{ from: d("2026-01-01"), to: d("2026-03-02") }])).toBe(60);
    expect(medianDays([{ from: d("2026-01-01"), to: d("2026-01-11") }, { from: d("2026-01-01"), to: d("2026-01-21") }])).toBe(15);
    expect(daysUntil("2026-12-06", "2028-12-01")).toBe(726);
    expect(daysUntil("2028-12-02", "2028-12-01")).toBe(-1);
  });
});

describe("those who left still count in the funnel (anonymous counts)", () => {
  it("the furthest stage reached, from the history: declining or being found ineligible is not a step forward", () => {
    expect(furthestStage(["interested"], false)).toBe("interested");
    expect(furthestStage(["interested", "contacted", "briefed", "declined"], true)).toBe("briefed");
    expect(furthestStage(["interested", "ineligible", "interested"], false)).toBe("interested");
    // Contacted, then declined at once: the contact happened.
    expect(furthestStage(["interested", "declined"], true)).toBe("contacted");
    expect(furthestStage(["interested", "contacted", "briefed", "helper_trial", "preparatory", "committee", "declined"], true)).toBe("committee");
    expect(furthestStage([], false)).toBe("interested");
  });

  it("adds each departed person to interest, and to contacted when they got that far; visits and appointments stay", () => {
    const live = { visits: 100, interest: 6, contacted: 3, appointed: 1 };
    expect(withDeparted(live, [])).toEqual(live);
    const all = withDeparted(live, [
      { stageReached: "interested", count: 2 },
      { stageReached: "contacted", count: 1 },
      { stageReached: "committee", count: 1 },
    ]);
    expect(all).toEqual({ visits: 100, interest: 10, contacted: 5, appointed: 1 });
    // The conversions are then those of everyone who came, not only of those still on file.
    const steps = funnel(all);
    expect(steps[1].fromPrevious).toBeCloseTo(0.1);
    expect(steps[2].fromPrevious).toBeCloseTo(0.5);
    expect(steps[3].fromPrevious).toBeCloseTo(0.2);
  });
});
