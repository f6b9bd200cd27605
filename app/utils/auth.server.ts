import { safeRedirect } from "./safe-redirect";
import { redirect } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import type { User } from "#db/schema";
import { getDb } from "./db.server";
import { forbidden, notFound } from "./http.server";
import { memberCan, requiresSecondFactor, roleCan, type OrganisationAction, type Permission } from "./permissions";
import { getCurrentSession, type CurrentSession } from "./session.server";

/** The session if it is fully signed in (second factor done where the role needs it). */
export async function getAuthenticatedSession(request: Request): Promise<CurrentSession | null> {
  const session = await getCurrentSession(getDb(), request);
  if (!session) return null;
  if (requiresSecondFactor(session.user.role) && !session.secondFactorDone) return null;
  return session;
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getAuthenticatedSession(request))?.user ?? null;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user, or a redirect to sign in; `db` when the caller holds a connection of its own. */
export async function requireUser(request: Request, db: Executor = getDb()): Promise<User> {
  const session = await getCurrentSession(db, request);
  if (!session) loginRedirect(request);
  if (requiresSecondFactor(session.user.role) && !session.secondFactorDone) {
    throw redirect(session.user.totp_enabled_at ? "/login/two-factor" : "/login/two-factor/setup");
  }
  return session.user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<User> {
  const user = await requireUser(request);
  if (!roleCan(user.role, permission)) forbidden();
  return user;
}

/** Sign-in and sign-up pages: a person already signed in goes on where they were going, or to their home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/home"));
}

/** A member of the organisation allowed to do the action; 403 otherwise (404 when it does not exist). */
export async function requireOrganisationMember(request: Request, organisationId: number, action: OrganisationAction) {
  const user = await requireUser(request);
  const db = getDb();
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", organisationId).executeTakeFirst();
  if (!organisation) notFound();
  const membership = await db
    .selectFrom("memberships")
    .select("role")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!memberCan(membership?.role, action)) forbidden();
  return { user, organisation, role: membership!.role };
}
