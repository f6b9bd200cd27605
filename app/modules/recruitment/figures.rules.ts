/**
 * The arithmetic of the seat board and the figures, pure so that it can be tested without a database: fill rates,
 * the forecast of vacancies at the next re-election, the funnel and its conversions, days to appointment, and
 * the countdown.
 */

/** A fill rate as a fraction (0..1), or null for no seats. */
export function fillRate(serving: number, seats: number): number | null {
  return seats > 0 ? serving / seats : null;
}

/** "96.4%": one decimal, or "—" when there are no seats. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export interface AreaCounts {
  seats: number;
  serving: number;
  intendContinue: number;
  intendLeave: number;
  intendUndecided: number;
}

export interface Forecast {
  vacantNow: number;
  /** Vacancies after the re-election if everyone undecided continues… */
  atLeast: number;
  /** …and if everyone undecided stops. Those who have not answered at all count as undecided. */
  atMost: number;
}

/** Vacancies now and at the next re-election, from the intentions (counts) of those serving. */
export function forecastVacancies(areas: readonly AreaCounts[]): Forecast {
  let vacantNow = 0;
  let atLeast = 0;
  let atMost = 0;
  for (const a of areas) {
    const vacant = Math.max(0, a.seats - a.serving);
    const unanswered = Math.max(0, a.serving - a.intendContinue - a.intendLeave - a.intendUndecided);
    vacantNow += vacant;
    atLeast += vacant + a.intendLeave;
    atMost += vacant + a.intendLeave + a.intendUndecided + unanswered;
  }
  return { vacantNow, atLeast, atMost };
}

export interface FunnelCounts {
  visits: number;
  interest: number;
  contacted: number;
  appointed: number;
}

export interface FunnelStep {
  key: keyof FunnelCounts;
  count: number;
  /** This step as a share of the step before it (null for the first step or when the step before is 0). */
  fromPrevious: number | null;
  /** This step as a share of the first step that is not 0 (interest, when nobody was counted visiting). */
  fromStart: number | null;
}

/**
 * The funnel's steps with their conversions. Visits are counted only for channel links; interest may come
 * without a visit (someone who typed the address), so a step can exceed the one before: its rate is then over 1
 * and shown as it is rather than hidden.
 */
export function funnel(counts: FunnelCounts): FunnelStep[] {
  const keys: (keyof FunnelCounts)[] = ["visits", "interest", "contacted", "appointed"];
  const start = counts.visits > 0 ? counts.visits : counts.interest;
  return keys.map((key, i) => {
    const count = counts[key];
    const previous = i === 0 ? null : counts[keys[i - 1]];
    return {
      key,
      count,
      fromPrevious: previous === null || previous === 0 ? null : count / previous,
      fromStart: start > 0 ? count / start : null,
    };
  });
}

/** The median whole days from interest to appointment, or null when nobody was appointed. */
export function medianDays(pairs: readonly { from: Date; to: Date }[]): number | null {
  if (pairs.length === 0) return null;
  const days = pairs.map((p) => Math.max(0, Math.floor((p.to.getTime() - p.from.getTime()) / 86_400_000))).sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  return days.length % 2 ? days[mid] : Math.round((days[mid - 1] + days[mid]) / 2);
}

/** Whole days from `today` to `date` (both 'YYYY-MM-DD'); negative once it has passed. */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The stages a person can have reached before leaving the pipeline by withdrawal or retention, in order. */
export const REACHABLE_STAGES = ["interested", "contacted", "briefed", "helper_trial", "preparatory", "committee"] as const;
export type ReachedStage = (typeof REACHABLE_STAGES)[number];

/**
 * The furthest stage a person reached, from every stage their history names (declined, ineligible and appointed
 * add nothing: the first two are not steps forward, and the appointed are never deleted). Having been contacted
 * counts as reaching "contacted" even if the person was marked declined straight after.
 */
export function furthestStage(stages: readonly string[], wasContacted: boolean): ReachedStage {
  let best = wasContacted ? 1 : 0;
  for (const stage of stages) best = Math.max(best, (REACHABLE_STAGES as readonly string[]).indexOf(stage));
  return REACHABLE_STAGES[best];
}

/**
 * The funnel of the records that exist, with those who left added back: each departed person counted as interest,
 * and as contacted when they had reached that far. Nobody departed was appointed (appointments are kept).
 */
export function withDeparted(live: FunnelCounts, departed: readonly { stageReached: ReachedStage; count: number }[]): FunnelCounts {
  let interest = live.interest;
  let contacted = live.contacted;
  for (const d of departed) {
    interest += d.count;
    if (d.stageReached !== "interested") contacted += d.count;
  }
  return { visits: live.visits, interest, contacted, appointed: live.appointed };
}
