import type { Waiting } from "./waiting.server";

/**
 * How many things wait for this person to act on (the header's count). Unread messages have their own count in the
 * header, and a guardian's consent is the guardian's to give, so neither is added here.
 */
export function actionCount(w: Pick<Waiting, "organisations" | "staff">): number {
  const orgs = w.organisations.reduce((sum, o) => sum + o.applications + o.reviewsReturned + o.schoolApprovals + o.studentsToApprove, 0);
  const staff = w.staff ? w.staff.organisations + w.staff.reviews + w.staff.declarations + w.staff.concerns : 0;
  return orgs + staff;
}

/** Where a person lands after signing in when they came from nowhere in particular: their home. */
export function homePath(user: { isStaff: boolean }): string {
  return user.isStaff ? "/staff" : "/home";
}
