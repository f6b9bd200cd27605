import type { RecruitmentStage } from "~/vocabulary";

/**
 * The pipeline follows how a commissioner is appointed: interest → contacted → a briefing or interview → (often)
 * a trial as a 協力員 → the 校区 推薦準備会 → the city's 推薦会 → 委嘱 by the Minister. Anyone may decline, or turn
 * out not to be eligible, at any open stage; such a person can be reopened later. An appointment is final here.
 */
export const OPEN_STAGES = ["interested", "contacted", "briefed", "helper_trial", "preparatory", "committee"] as const satisfies readonly RecruitmentStage[];
export const CLOSED_STAGES = ["appointed", "declined", "ineligible"] as const satisfies readonly RecruitmentStage[];

const FORWARD: Record<RecruitmentStage, readonly RecruitmentStage[]> = {
  interested: ["contacted"],
  contacted: ["briefed"],
  // The trial as a helper is optional: a briefed person may go straight to the preparatory meeting.
  briefed: ["helper_trial", "preparatory"],
  helper_trial: ["preparatory"],
  preparatory: ["committee"],
  committee: ["appointed"],
  appointed: [],
  declined: ["interested"],
  ineligible: ["interested"],
};

/** Where a person at `from` may be moved next. */
export function nextStages(from: RecruitmentStage): RecruitmentStage[] {
  const open = (OPEN_STAGES as readonly RecruitmentStage[]).includes(from);
  return [...FORWARD[from], ...(open ? (["declined", "ineligible"] as const) : [])];
}

export function canMove(from: RecruitmentStage, to: RecruitmentStage): boolean {
  return nextStages(from).includes(to);
}

/** Stages that count as "contacted" in the figures: everyone the ward has reached, including the appointed. */
export const CONTACTED_OR_LATER: readonly RecruitmentStage[] = ["contacted", "briefed", "helper_trial", "preparatory", "committee", "appointed"];

/** A next action is overdue when its date is before today (both 'YYYY-MM-DD', Asia/Tokyo), for an open person. */
export function isOverdue(stage: RecruitmentStage, nextActionOn: string | null, today: string): boolean {
  return nextActionOn !== null && nextActionOn < today && (OPEN_STAGES as readonly RecruitmentStage[]).includes(stage);
}
