import { requireOrganisationMember } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/http.server";
import { schoolPagesOpen } from "./schools.rules";

/**
 * A school coordinator: a member (owner or editor) of an organisation of kind high_school. Other organisations'
 * ids are a 404 here, so the school pages reveal nothing about them; non-members get 403 as elsewhere. A school
 * the ward suspended (or refused) keeps its coordinators out of its students' data, as it does from minors'
 * conversations (app/modules/messages/participants.server.ts): 403 until it is reinstated.
 */
export async function requireSchoolCoordinator(request: Request, organisationId: number) {
  const member = await requireOrganisationMember(request, organisationId, "view-dashboard");
  if (member.organisation.kind !== "high_school") notFound();
  if (!schoolPagesOpen(member.organisation.status)) forbidden();
  return member;
}
