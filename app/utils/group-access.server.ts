import { forbidden, notFound } from "./http.server";
import { getDb } from "./db.server";
import { requireUser } from "./auth.server";
import { memberCan, roleCan } from "./permissions";

/**
 * Who records a session's attendance: the organisation's owners and editors, and ward staff. Anyone else
 * gets 403 (a missing organisation 404).
 */
export async function requireAttendanceRecorder(request: Request, organisationId: number) {
  const user = await requireUser(request);
  const db = getDb();
  const organisation = await db.selectFrom("organisations").select(["id", "name"]).where("id", "=", organisationId).executeTakeFirst();
  if (!organisation) notFound();
  if (roleCan(user.role, "staff:access")) return { user, organisation };
  const membership = await db.selectFrom("memberships").select("role").where("organisation_id", "=", organisationId).where("user_id", "=", user.id).executeTakeFirst();
  if (!memberCan(membership?.role, "edit-postings")) forbidden();
  return { user, organisation };
}
