import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { UserRole } from "#db/schema";
import {
  SESSION_LIMITS,
  createSession,
  destroyAllSessions,
  destroySession,
  getCurrentSession,
  rotateSessionAfterSecondFactor,
  sessionCookie,
} from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createUser, ctx } from "../support/factories";
import { requestWithSession } from "../support/more-factories";

const MINUTE = 60_000;

describe.each(testDatabases())("sessions on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, (opened) => (db = opened));

  async function signedIn(role: UserRole = "volunteer") {
    const user = await createUser(db, { role });
    const token = await createSession(db, user, { ip: ctx.ip, userAgent: "Mozilla/5.0 test", secondFactor: false });
    const id = createHash("sha256").update(token).digest("hex");
    return { user, token, id };
  }

  const sessionRow = (id: string) => db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  const age = (id: string, set: { last_seen_at?: Date; expires_at?: Date; created_at?: Date }) =>
    db.updateTable("sessions").set(set).where("id", "=", id).execute();

  it("stores only the SHA-256 of the cookie token, never the token itself (B1)", async () => {
    const { user, token, id } = await signedIn();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessionRow(token)).toBeUndefined();
    const row = await sessionRow(id);
    expect(row).toMatchObject({ user_id: user.id, ip: ctx.ip, user_agent: "Mozilla/5.0 test", second_factor_at: null });
  });

  it("finds the live session behind the cookie", async () => {
    const { user, token, id } = await signedIn();
    const session = await getCurrentSession(db, requestWithSession(token));
    expect(session).not.toBeNull();
    expect(session!.id).toBe(id);
    expect(session!.user.id).toBe(user.id);
    expect(session!.user.email).toBe(user.email);
    expect(session!.secondFactorDone).toBe(false);
  });

  it("gives every sign-in a new, unguessable token", async () => {
    const user = await createUser(db);
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => createSession(db, user, { ip: ctx.ip, userAgent: "ua", secondFactor: false })),
    );
    expect(new Set(tokens).size).toBe(5);
  });

  it("ignores missing, malformed and unknown cookies", async () => {
    expect(await getCurrentSession(db, new Request("http://localhost/"))).toBeNull();
    expect(await getCurrentSession(db, requestWithSession("short"))).toBeNull();
    expect(await getCurrentSession(db, requestWithSession("A".repeat(43)))).toBeNull();
    const { id } = await signedIn();
    // The stored hash is not a credential.
    expect(await getCurrentSession(db, requestWithSession(id))).toBeNull();
  });

  it("on https reads only the __Host- cookie", async () => {
    const { token } = await signedIn();
    expect(await getCurrentSession(db, requestWithSession(token, "https://tsunagu.example/"))).toBeNull();
    const secure = new Request("https://tsunagu.example/", { headers: { Cookie: `__Host-tsunagu_session=${token}` } });
    expect(await getCurrentSession(db, secure)).not.toBeNull();
    const header = sessionCookie(secure, token);
    expect(header).toMatch(/^__Host-tsunagu_session=/);
    expect(header).toContain("HttpOnly");
    expect(header).toContain("Secure");
    expect(header).toContain("SameSite=Lax");
  });

  it("rejects and deletes a volunteer session idle longer than its limit", async () => {
    const { token, id } = await signedIn();
    await age(id, { last_seen_at: new Date(Date.now() - SESSION_LIMITS.volunteer.idleMs - MINUTE) });
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it("rejects and deletes a session past its absolute expiry, however recently used", async () => {
    const { token, id } = await signedIn();
    await age(id, { expires_at: new Date(Date.now() - 1000) });
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it("gives staff a 12-hour absolute limit and a 30-minute idle limit (B3)", async () => {
    const before = Date.now();
    const { token, id } = await signedIn("staff");
    const row = await sessionRow(id);
    const lifetime = row!.expires_at.getTime() - before;
    expect(lifetime).toBeGreaterThan(SESSION_LIMITS.staff.absoluteMs - MINUTE);
    expect(lifetime).toBeLessThanOrEqual(SESSION_LIMITS.staff.absoluteMs + MINUTE);

    await age(id, { last_seen_at: new Date(Date.now() - 31 * MINUTE) });
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it("keeps a volunteer session idle for 31 minutes, and records the visit", async () => {
    const { token, id } = await signedIn("volunteer");
    const idleSince = new Date(Date.now() - 31 * MINUTE);
    await age(id, { last_seen_at: idleSince });
    expect(await getCurrentSession(db, requestWithSession(token))).not.toBeNull();
    const row = await sessionRow(id);
    expect(row!.last_seen_at.getTime()).toBeGreaterThan(idleSince.getTime() + 30 * MINUTE);
  });

  it("rejects and deletes the session of a disabled user", async () => {
    const { user, token, id } = await signedIn();
    await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
  });

  it("rejects the session of a deleted user", async () => {
    const { user, token } = await signedIn();
    await db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", user.id).execute();
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
  });

  it("gives the session a new id when the second factor completes: the token from before it signs nobody in", async () => {
    const { user, token, id } = await signedIn("staff");
    const before = (await sessionRow(id))!;
    const fresh = await rotateSessionAfterSecondFactor(db, id);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(token);
    expect(await getCurrentSession(db, requestWithSession(token))).toBeNull();
    expect(await sessionRow(id)).toBeUndefined();
    const session = (await getCurrentSession(db, requestWithSession(fresh!)))!;
    expect(session.user.id).toBe(user.id);
    expect(session.secondFactorDone).toBe(true);
    // The absolute lifetime counts from the first sign-in, not from the rotation.
    expect((await sessionRow(session.id))!.expires_at.getTime()).toBe(before.expires_at.getTime());
    // A second rotation of the old id finds nothing.
    expect(await rotateSessionAfterSecondFactor(db, id)).toBeNull();
  });

  it("logout deletes that session only; sign-out everywhere deletes them all", async () => {
    const user = await createUser(db);
    const meta = { ip: ctx.ip, userAgent: "ua", secondFactor: false };
    const [a, b, c] = [await createSession(db, user, meta), await createSession(db, user, meta), await createSession(db, user, meta)];
    await destroySession(db, requestWithSession(a));
    expect(await getCurrentSession(db, requestWithSession(a))).toBeNull();
    expect(await getCurrentSession(db, requestWithSession(b))).not.toBeNull();

    await destroyAllSessions(db, user.id);
    expect(await getCurrentSession(db, requestWithSession(b))).toBeNull();
    expect(await getCurrentSession(db, requestWithSession(c))).toBeNull();
  });
});
