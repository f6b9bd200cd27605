/**
 * Eligibility advice for someone who raises a hand. The law asks only that a commissioner has the vote in the
 * city (age and residence); age limits for new appointees are guidance each city sets and the nation is
 * reviewing. So every rule here is a staff setting, and the result is advice to show — never a refusal: the
 * interest is recorded whatever this says.
 */
export interface EligibilitySettings {
  /** The voting age (18). */
  minAge: number;
  /** The city's guidance for new appointees, e.g. "in principle under 75". */
  newAppointeeAgeLimit: number;
  /** Months of residence the vote needs (3). */
  residenceMonths: number;
}

export type EligibilityAdvice =
  /** Younger than the voting age this year: a 協力員 (helper) now, a commissioner later. */
  | { code: "under_age"; minAge: number }
  /** Turns the voting age this year: fine from the birthday on. */
  | { code: "reaches_age_this_year"; minAge: number }
  /** At or over the guidance for new appointees: talk to the ward; helpers have no age limit. */
  | { code: "over_guidance"; limit: number }
  /** Always shown: the vote needs some months of residence in the city. */
  | { code: "residence"; months: number };

/** The age someone born in `birthYear` reaches during `year` (their age after this year's birthday). */
export function ageReachedIn(birthYear: number, year: number): number {
  return year - birthYear;
}

/** Advice for a birth year, in the order to show it. `year` is the current year in Asia/Tokyo. */
export function eligibilityAdvice(birthYear: number, year: number, settings: EligibilitySettings): EligibilityAdvice[] {
  const advice: EligibilityAdvice[] = [];
  const age = ageReachedIn(birthYear, year);
  if (age < settings.minAge) advice.push({ code: "under_age", minAge: settings.minAge });
  else if (age === settings.minAge) advice.push({ code: "reaches_age_this_year", minAge: settings.minAge });
  // Someone who reaches the limit only after this year's birthday may still be under it today: advice either way.
  if (age >= settings.newAppointeeAgeLimit) advice.push({ code: "over_guidance", limit: settings.newAppointeeAgeLimit });
  if (settings.residenceMonths > 0) advice.push({ code: "residence", months: settings.residenceMonths });
  return advice;
}
