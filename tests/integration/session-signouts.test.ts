import { describe, expect, it, vi } from "vitest";
import type { DB } from "#db/client.server";
import { authenticate, LOCKOUT_THRESHOLD, requestPasswordReset, resetPassword, signOutEverywhere } from "~/modules/accounts/accounts.server";
import { createStaffAccount, setAccountDisabled } from "~/modules/admin/admin.server";
import { removeMember } from "~/modules/organisations/organisations.server";
import { createSession, getCurrentSession } from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { createOrganisation, createUser, ctx, TEST_PASSWORD } from "../support/factories";
import { auditRows, latestLinkToken, requestWithSession, uniqueEmail } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * Every session of a person ends when they ask for it ("sign out on every device"), when their password is reset,
 * and when their role changes (removed from an organisation, made staff, disabled). And a locked account answers
 * like any failed login.
 */
// Each test sets up a scene of its own (a posting, people, applications): slow on a busy machine, PGlite first of all.
vi.setConfig({ testTimeout: 90_000 });

describe.each(testDatabases())("signing people out on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  async function devices(user: { id: number; role: "volunteer" | "staff" | "admin" }, n = 3) {
    const tokens: string[] = [];
    for (let i = 0; i < n; i++) tokens.push(await createSession(db, user, { ip: ctx.ip, userAgent: `device ${i}`, secondFactor: true }));
    return tokens;
  }
  const live = async (tokens: string[]) => (await Promise.all(tokens.map((t) => getCurrentSession(db, requestWithSession(t))))).filter(Boolean).length;

  it("sign out on every device ends all the person's sessions, this one too, and nobody else's", async () => {
    const [me, other] = [await createUser(db), await createUser(db)];
    const mine = await devices(me);
    const theirs = await devices(other, 1);
    await signOutEverywhere(db, me.id, "203.0.113.5");
    expect(await live(mine)).toBe(0);
    expect(await live(theirs)).toBe(1);
    expect(await auditRows(db, { action: "auth.logout_everywhere", subjectId: me.id })).toHaveLength(1);
  });

  it("a password reset signs the person out everywhere", async () => {
    const user = await createUser(db);
    const tokens = await devices(user);
    await requestPasswordReset(db, user.email, ctx);
    const token = await latestLinkToken(db, user.email, "reset-password");
    expect(await resetPassword(db, token, "a brand new passphrase 2026", ctx.ip)).toBe(true);
    expect(await live(tokens)).toBe(0);
  });

  it("removal from an organisation signs the member out everywhere", async () => {
    const [owner, editor] = [await createUser(db), await createUser(db)];
    const org = await createOrganisation(db, { ownerId: owner.id, members: [{ userId: editor.id, role: "editor" }] });
    const tokens = await devices(editor);
    const ownerTokens = await devices(owner, 1);
    expect(await removeMember(db, org.id, editor.id, owner.id, ctx.ip)).toBe("ok");
    expect(await live(tokens)).toBe(0);
    expect(await live(ownerTokens)).toBe(1);
  });

  it("being made staff, and being disabled, sign the person out everywhere", async () => {
    const admin = await createUser(db, { role: "admin" });
    const person = await createUser(db, { email: uniqueEmail("promoted") });
    let tokens = await devices(person);
    await createStaffAccount(db, admin.id, { email: person.email, displayName: "区職員", role: "staff" }, ctx);
    expect(await live(tokens)).toBe(0);
    tokens = await devices({ ...person, role: "staff" });
    expect(await setAccountDisabled(db, admin.id, person.id, true, ctx.ip)).toBe("ok");
    expect(await live(tokens)).toBe(0);
  });

  it("a locked account, an unknown address and a wrong password get the same answer; the lock is audited", async () => {
    const user = await createUser(db);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await authenticate(db, { email: user.email, password: `wrong ${i}` }, ctx);
    const locked = await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx);
    const unknown = await authenticate(db, { email: uniqueEmail("nobody"), password: TEST_PASSWORD }, ctx);
    const wrong = await authenticate(db, { email: (await createUser(db)).email, password: "not the password" }, ctx);
    expect(locked).toEqual(unknown);
    expect(wrong).toEqual(unknown);
    expect(await auditRows(db, { action: "auth.login_locked", subjectId: user.id })).toHaveLength(1);
  });
});
