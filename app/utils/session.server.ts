import type { DB, Executor } from "#db/client.server";
import type { User, UserRole } from "#db/schema";
import { createToken, hashToken, isWellFormedToken } from "./tokens.server";

/** Session lifetimes (security checklist B3): staff and admins 30 min idle / 12 h absolute; everyone else 14 days / 30 days. */
export const SESSION_LIMITS: Record<"staff" | "volunteer", { idleMs: number; absoluteMs: number }> = {
  staff: { idleMs: 30 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 },
  volunteer: { idleMs: 14 * 24 * 60 * 60 * 1000, absoluteMs: 30 * 24 * 60 * 60 * 1000 },
};

export function limitsFor(role: UserRole) {
  return role === "staff" || role === "admin" ? SESSION_LIMITS.staff : SESSION_LIMITS.volunteer;
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export function sessionCookieName(request: Request): string {
  return isSecureRequest(request) ? "__Host-tsunagu_session" : "tsunagu_session";
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function serializeCookie(
  request: Request,
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (isSecureRequest(request)) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

export interface CurrentSession {
  id: string;
  user: User;
  secondFactorDone: boolean;
}

export async function createSession(
  db: DB,
  user: Pick<User, "id" | "role">,
  meta: { ip: string; userAgent: string; secondFactor: boolean },
): Promise<string> {
  const { token, hash } = createToken();
  const now = Date.now();
  await db
    .insertInto("sessions")
    .values({
      id: hash,
      user_id: user.id,
      expires_at: new Date(now + limitsFor(user.role).absoluteMs),
      second_factor_at: meta.secondFactor ? new Date(now) : null,
      ip: meta.ip.slice(0, 100),
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  return token;
}

export function sessionCookie(request: Request, token: string): string {
  return serializeCookie(request, sessionCookieName(request), token);
}

export function clearSessionCookie(request: Request): string {
  return serializeCookie(request, sessionCookieName(request), "", { maxAgeSeconds: 0 });
}

/**
 * The session behind the cookie, if it is live: not expired, not idle too long, its user neither disabled nor
 * deleted. Touches last_seen_at at most once a minute.
 */
export async function getCurrentSession(db: Executor, request: Request): Promise<CurrentSession | null> {
  const token = readCookie(request, sessionCookieName(request));
  if (!isWellFormedToken(token)) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select(["sessions.id as session_id", "sessions.expires_at as session_expires_at", "sessions.last_seen_at as session_last_seen_at", "sessions.second_factor_at as session_second_factor_at"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const { session_id, session_expires_at, session_last_seen_at, session_second_factor_at, ...user } = row;
  const idleMs = limitsFor(user.role).idleMs;
  if (session_expires_at.getTime() <= now || session_last_seen_at.getTime() + idleMs <= now || user.disabled_at || user.deleted_at) {
    await db.deleteFrom("sessions").where("id", "=", session_id).execute();
    return null;
  }
  if (now - session_last_seen_at.getTime() > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: new Date(now) }).where("id", "=", session_id).execute();
  }
  return { id: session_id, user: user as User, secondFactorDone: session_second_factor_at !== null };
}

/**
 * The second factor is done: the half-signed-in session is replaced by a new one with a new id (the token set in
 * the cookie), so a token seen before the second step — fixed by an attacker, or read over someone's shoulder —
 * never becomes a fully signed-in session. Keeps the old session's absolute expiry. Returns the new token, or null
 * when the old session is gone.
 */
export async function rotateSessionAfterSecondFactor(db: DB, sessionId: string): Promise<string | null> {
  const { token, hash } = createToken();
  return db.transaction().execute(async (trx) => {
    const old = await trx.deleteFrom("sessions").where("id", "=", sessionId).returningAll().executeTakeFirst();
    if (!old) return null;
    const now = new Date();
    await trx.insertInto("sessions").values({ ...old, id: hash, second_factor_at: now, last_seen_at: now }).execute();
    return token;
  });
}

export async function destroySession(db: DB, request: Request): Promise<void> {
  const token = readCookie(request, sessionCookieName(request));
  if (!isWellFormedToken(token)) return;
  await db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

export async function destroyAllSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
