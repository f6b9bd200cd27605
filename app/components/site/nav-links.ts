import type { MessageKey } from "~/utils/translate";

/**
 * The ward staff's areas, in the order staff use them: the staff home links to each. An area of the staff pages
 * adds its own line here.
 */
export const STAFF_AREAS: { to: string; label: MessageKey }[] = [
  { to: "/staff/safeguarding", label: "safeguarding.staff.title" },
  { to: "/staff/safeguarding/declarations", label: "safeguarding.staff.declarations.title" },
  { to: "/staff/settings/safeguarding", label: "minors.settings.title" },
  { to: "/staff/concerns", label: "concerns.staff.homeLink" },
  { to: "/staff/recruitment", label: "recruitment.staff.homeLink" },
  { to: "/staff/parks", label: "parks.staff.homeLink" },
  { to: "/staff/reports", label: "reportsPage.title" },
  { to: "/staff/audit", label: "concerns.staff.auditLink" },
  { to: "/staff/synonyms", label: "staff.synonymsLink" },
];
