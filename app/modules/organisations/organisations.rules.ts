import type { OrganisationStatus } from "#db/schema";

export type ReviewDecision = "verify" | "reject" | "suspend" | "reinstate";

/** What a staff decision does to an organisation's status; null when the decision does not apply. */
export function statusAfterDecision(current: OrganisationStatus, decision: ReviewDecision): OrganisationStatus | null {
  switch (decision) {
    case "verify":
      return current === "pending" || current === "rejected" ? "verified" : null;
    case "reject":
      return current === "pending" ? "rejected" : null;
    case "suspend":
      return current === "verified" || current === "pending" ? "suspended" : null;
    case "reinstate":
      return current === "suspended" ? "verified" : null;
  }
}

export function decisionNeedsReason(decision: ReviewDecision): boolean {
  return decision === "reject" || decision === "suspend";
}

/** Only a verified organisation can publish (security checklist C4). */
export function canPublish(status: OrganisationStatus): boolean {
  return status === "verified";
}
