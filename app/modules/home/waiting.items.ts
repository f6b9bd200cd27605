import type { MessageKey } from "~/utils/translate";
import type { OrganisationWaiting, StaffWaiting } from "./waiting.server";

export interface WaitingItem {
  label: MessageKey;
  count: number;
  to: string;
  /** "people" counts persons (人), otherwise items (件). */
  unit?: "items" | "people";
}

/** Each role's waiting items and where each leads: the home page and the role's own page read these. */

export function organisationItems(o: OrganisationWaiting): WaitingItem[] {
  const items: WaitingItem[] = [
    { label: "home.org.applications", count: o.applications, to: `/orgs/${o.id}#to-decide` },
    { label: "home.org.reviewsReturned", count: o.reviewsReturned, to: `/orgs/${o.id}/safeguarding` },
  ];
  if (o.school)
    items.push(
      { label: "home.org.schoolApprovals", count: o.schoolApprovals, to: `/schools/${o.id}/applications` },
      { label: "home.org.studentsToApprove", count: o.studentsToApprove, to: `/schools/${o.id}#pending`, unit: "people" },
    );
  return items;
}

export function staffItems(s: StaffWaiting): WaitingItem[] {
  return [
    { label: "home.staff.organisations", count: s.organisations, to: "/staff?status=pending" },
    { label: "home.staff.reviews", count: s.reviews, to: "/staff/safeguarding" },
    { label: "home.staff.declarations", count: s.declarations, to: "/staff/safeguarding/declarations" },
    { label: "home.staff.concerns", count: s.concerns, to: "/staff/concerns" },
  ];
}
