import { requireOrganisationMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

/**
 * A school coordinator: a member (owner or editor) of an organisation of kind high_school. Other organisations'
 * ids are a 404 here, so the school pages reveal nothing about them; non-members get 403 as elsewhere.
 */
export async function requireSchoolCoordinator(request: Request, organisationId: number) {
  const member = await requireOrganisationMember(request, organisationId, "view-dashboard");
  if (member.organisation.kind !== "high_school") notFound();
  return member;
}
