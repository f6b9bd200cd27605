import type { SafeguardingStatus } from "#db/schema";
import { covers, declarationAllowsNaming, type CheckSummary, type DeclarationSummary } from "./declarations.rules";

/**
 * The safeguarding review of a posting that welcomes minors, as pure rules: what the checklist must say before it
 * can go to staff (and before staff can approve it), which edits send an approved posting back to review, and
 * whether a posting may be published.
 *
 * Statuses: not_required (no review asked for: the posting does not welcome minors, or has not been sent yet),
 * pending (waiting for staff), returned (staff asked for changes, with a comment), approved.
 */

export const CHECKLIST_LIMITS = { note: 500, holder: 100, contact: 200 } as const;

export interface ChecklistAnswers {
  /** At least two adults present for the whole activity. */
  twoAdultsPresent: boolean;
  /** No one-to-one unsupervised time with a minor. */
  noOneToOne: boolean;
  /** The activity happens in a public or open place. */
  openPlace: boolean;
  placeNote: string;
  /** ボランティア活動保険 (or similar) arranged: who holds it and until when. */
  insuranceArranged: boolean;
  insuranceHolder: string;
  insuranceValidUntil: string | null;
  /** Tasks suitable for minors: no brush cutters or other dangerous tools in their hands. */
  tasksSuitable: boolean;
  tasksNote: string;
  /** Where the toilets and a place to rest are. */
  toiletsRest: string;
  /** Who to call on the day, and how. */
  emergencyContact: string;
  /** First-aid kit, who knows first aid, the nearest hospital. */
  firstAid: string;
  /** Regular contact with children in a closed setting (then a criminal-record check is needed); null: not answered. */
  closedSettingContact: boolean | null;
}

export const EMPTY_CHECKLIST: ChecklistAnswers = {
  twoAdultsPresent: false,
  noOneToOne: false,
  openPlace: false,
  placeNote: "",
  insuranceArranged: false,
  insuranceHolder: "",
  insuranceValidUntil: null,
  tasksSuitable: false,
  tasksNote: "",
  toiletsRest: "",
  emergencyContact: "",
  firstAid: "",
  closedSettingContact: null,
};

export interface AdultFacts {
  userId: number;
  name: string;
  /** Whether the person is (still) a member of the posting's organisation. */
  member: boolean;
  declaration: DeclarationSummary;
  check: CheckSummary;
}

export interface ReviewFacts {
  welcomesMinors: boolean;
  checklist: ChecklistAnswers;
  adults: AdultFacts[];
  /** Tokyo calendar dates of the shifts still to come (each shift's start and end dates). */
  shiftDates: string[];
}

export type Problems = Record<string, string[]>;

const enc = encodeURIComponent;

/**
 * Why a named adult cannot be named now (message key), or null. A person who is not a member, whose declaration
 * is missing, waiting, refused or expired cannot be named; nor, for a role with regular contact with children in a
 * closed setting, one whose recorded criminal-record check has expired.
 */
export function namingProblem(adult: AdultFacts, closedSettingContact: boolean | null): string | null {
  if (!adult.member) return `safeguarding.problem.notMember?name=${enc(adult.name)}`;
  if (!declarationAllowsNaming(adult.declaration)) {
    return adult.declaration.state === "expired"
      ? `safeguarding.problem.declarationExpired?name=${enc(adult.name)}`
      : `safeguarding.problem.noDeclaration?name=${enc(adult.name)}`;
  }
  if (closedSettingContact === true && adult.check.state === "expired") return `safeguarding.problem.checkExpired?name=${enc(adult.name)}`;
  return null;
}

/**
 * Everything that keeps a checklist from going to review (and from being approved), keyed by the form field it
 * belongs to; empty when it is ready. Checked again when staff approve, since declarations expire meanwhile.
 */
export function checklistProblems(facts: ReviewFacts): Problems {
  const problems: Problems = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  const c = facts.checklist;
  const last = [...facts.shiftDates].sort().at(-1) ?? null;

  if (!facts.welcomesMinors) add("form", "safeguarding.problem.notMinors");
  if (!last) add("form", "safeguarding.problem.noUpcomingShift");

  if (facts.adults.length === 0) add("adults", "safeguarding.problem.noAdult");
  for (const adult of facts.adults) {
    const naming = namingProblem(adult, c.closedSettingContact);
    if (naming) add("adults", naming);
    else if (last && !covers(adult.declaration.validUntil, facts.shiftDates))
      add("adults", `safeguarding.problem.declarationEndsBeforeShift?name=${enc(adult.name)}&date=${adult.declaration.validUntil}`);
    if (!naming && c.closedSettingContact === true && adult.check.state !== "expired" && !covers(adult.check.validUntil, facts.shiftDates))
      add("adults", `safeguarding.problem.checkNeeded?name=${enc(adult.name)}`);
  }

  if (!c.twoAdultsPresent) add("twoAdultsPresent", "v.mustConfirm");
  if (!c.noOneToOne) add("noOneToOne", "v.mustConfirm");
  if (!c.openPlace) add("openPlace", "v.mustConfirm");
  if (!c.insuranceArranged) add("insuranceArranged", "v.mustConfirm");
  if (!c.insuranceHolder.trim()) add("insuranceHolder", "v.required");
  if (!c.insuranceValidUntil) add("insuranceValidUntil", "v.required");
  else if (last && !covers(c.insuranceValidUntil, facts.shiftDates)) add("insuranceValidUntil", `safeguarding.problem.insuranceEnds?date=${last}`);
  if (!c.tasksSuitable) add("tasksSuitable", "v.mustConfirm");
  if (!c.tasksNote.trim()) add("tasksNote", "v.required");
  if (!c.toiletsRest.trim()) add("toiletsRest", "v.required");
  if (!c.emergencyContact.trim()) add("emergencyContact", "v.required");
  if (!c.firstAid.trim()) add("firstAid", "v.required");
  if (c.closedSettingContact === null) add("closedSettingContact", "v.choice");
  return problems;
}

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}

/** What changed in an edit that matters to a review. */
export type ReviewChange = "shifts" | "place" | "adults" | "minors" | "checklist";

export interface PlaceFacts {
  placeId: number | null;
  placeName: string;
  placeAddress: string;
  latitude: number | null;
  longitude: number | null;
}

/**
 * The changes of a posting edit that a review cares about: the minors flag, the place, and the times (a shift
 * added or moved; removing a shift or changing its places adds no new time or place to check).
 */
export function postingChanges(
  before: { welcomesMinors: boolean; place: PlaceFacts },
  after: { welcomesMinors: boolean; place: PlaceFacts },
  shiftsAddedOrMoved: boolean,
): ReviewChange[] {
  const changes: ReviewChange[] = [];
  if (shiftsAddedOrMoved) changes.push("shifts");
  const a = before.place;
  const b = after.place;
  if (a.placeId !== b.placeId || a.placeName !== b.placeName || a.placeAddress !== b.placeAddress || a.latitude !== b.latitude || a.longitude !== b.longitude)
    changes.push("place");
  if (before.welcomesMinors !== after.welcomesMinors) changes.push("minors");
  return changes;
}

export function checklistChanged(a: ChecklistAnswers, b: ChecklistAnswers): boolean {
  return (Object.keys(EMPTY_CHECKLIST) as (keyof ChecklistAnswers)[]).some((k) => a[k] !== b[k]);
}

export function sameAdults(a: number[], b: number[]): boolean {
  const x = [...new Set(a)].sort((p, q) => p - q);
  const y = [...new Set(b)].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * The review status after changes. A posting that no longer welcomes minors needs no review (its approval lapses:
 * minors could not apply anyway). An approved one that changed goes back to review; other statuses stay: a posting
 * being reviewed is reviewed as it now is, and a returned one waits for the organisation to send it again.
 */
export function statusAfterChanges(current: SafeguardingStatus, welcomesMinors: boolean, changes: ReviewChange[]): SafeguardingStatus {
  if (!welcomesMinors) return "not_required";
  if (current === "approved" && changes.length > 0) return "pending";
  return current;
}

/**
 * Whether a posting may be published (or reopened). One that welcomes minors is published first by its approval;
 * once it has been public, a new review does not take it down (it stays visible while minors cannot apply).
 */
export function publicationGate(p: { welcomesMinors: boolean; safeguardingStatus: SafeguardingStatus; everPublished: boolean }): "ok" | "needs-review" {
  if (!p.welcomesMinors || p.safeguardingStatus === "approved" || p.everPublished) return "ok";
  return "needs-review";
}

/** The organisation sends a posting to review when none is under way and none has been approved. */
export function canSubmitForReview(status: SafeguardingStatus): boolean {
  return status === "not_required" || status === "returned";
}

export type ReviewDecision = "approve" | "return";

export function canDecide(status: SafeguardingStatus): boolean {
  return status === "pending";
}

/**
 * Minors may apply only to a posting that welcomes them and whose review is approved. The database holds the same
 * rule as the generated column postings.open_to_minors, which search, the API and the lists read; a test keeps
 * the two equal (tests/integration/open-to-minors.test.ts).
 */
export function openToMinors(p: { welcomesMinors: boolean; safeguardingStatus: SafeguardingStatus }): boolean {
  return p.welcomesMinors && p.safeguardingStatus === "approved";
}
