import type { MemberRole, UserRole } from "#db/schema";

/**
 * Who may do what, in one place. Route guards (permissions.server.ts) and the UI both ask here, and the
 * route × role matrix test pins it down.
 */
export type Permission =
  | "staff:access"
  | "review:organisation"
  | "admin:access"
  | "manage:staff"
  | "manage:lists";

const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  volunteer: [],
  staff: ["staff:access", "review:organisation"],
  admin: ["staff:access", "review:organisation", "admin:access", "manage:staff", "manage:lists"],
};

export function roleCan(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export type OrganisationAction = "view-dashboard" | "edit-postings" | "edit-organisation" | "manage-members";

const MEMBER_ACTIONS: Record<MemberRole, readonly OrganisationAction[]> = {
  owner: ["view-dashboard", "edit-postings", "edit-organisation", "manage-members"],
  editor: ["view-dashboard", "edit-postings"],
};

export function memberCan(role: MemberRole | null | undefined, action: OrganisationAction): boolean {
  return role ? MEMBER_ACTIONS[role].includes(action) : false;
}

/** Staff and admins must have passed their second factor in this session before anything else. */
export function requiresSecondFactor(role: UserRole): boolean {
  return role === "staff" || role === "admin";
}
