import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import {
  LOCKOUT_THRESHOLD,
  authenticate,
  beginTotpEnrolment,
  confirmTotpEnrolment,
  deleteAccount,
  requestPasswordReset,
  resetPassword,
  signUp,
  updateProfile,
  verifyEmail,
  verifySecondFactor,
} from "~/modules/accounts/accounts.server";
import { totpCode, TOTP_STEP_SECONDS } from "~/modules/accounts/totp.server";
import { createSession } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createUser, ctx, TEST_PASSWORD } from "../support/factories";
import { auditRows, emailsTo, latestLinkToken, tokenFromUrl, uniqueEmail } from "../support/more-factories";

const NEW_PASSWORD = "a brand new passphrase";

describe.each(testDatabases())("accounts on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  const userByEmail = (email: string) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const countUsers = async () => Number((await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  describe("sign-up", () => {
    it("creates an unverified user and queues exactly one verification email with a link", async () => {
      const email = uniqueEmail("signup");
      await signUp(db, { email, password: TEST_PASSWORD, displayName: "八幡 太郎" }, ctx);

      const user = await userByEmail(email);
      expect(user).toBeDefined();
      expect(user!.email_verified_at).toBeNull();
      expect(user!.display_name).toBe("八幡 太郎");
      expect(user!.role).toBe("volunteer");

      const emails = await emailsTo(db, email);
      expect(emails).toHaveLength(1);
      expect(emails[0].template).toBe("verify-email");
      expect(emails[0].locale).toBe("ja");
      expect(emails[0].props.url).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{43}$/);
      expect(await auditRows(db, { action: "account.signup", subjectId: user!.id })).toHaveLength(1);
    });

    it("stores the password as an argon2id hash with at least OWASP's parameters (A2)", async () => {
      const email = uniqueEmail("hash");
      await signUp(db, { email, password: TEST_PASSWORD, displayName: "ハッシュ" }, ctx);
      const user = await userByEmail(email);
      expect(user!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(user!.password_hash).not.toContain(TEST_PASSWORD);
    });

    it("with an address that has an account creates nothing and queues an account-exists note instead (A5)", async () => {
      const existing = await createUser(db, { displayName: "既存 利用者" });
      const before = await countUsers();

      const result = await signUp(db, { email: existing.email, password: "someone else's password", displayName: "別人" }, ctx);

      expect(result).toBeUndefined();
      expect(await countUsers()).toBe(before);
      const after = await userByEmail(existing.email);
      expect(after!.password_hash).toBe(existing.password_hash);
      expect(after!.display_name).toBe("既存 利用者");
      const emails = await emailsTo(db, existing.email);
      expect(emails.map((e) => e.template)).toEqual(["account-exists"]);
      expect(emails[0].props).toEqual({ loginUrl: "http://localhost:3000/login", resetUrl: "http://localhost:3000/forgot-password" });
      expect(await db.selectFrom("email_tokens").select("id").where("user_id", "=", existing.id).execute()).toHaveLength(0);
    });

    it("sent several times at once creates one account, fails none of the requests and sends one link (R2)", async () => {
      // A few rounds, so the requests really overlap once the connection pool is warm.
      for (let round = 0; round < 3; round++) {
        const email = uniqueEmail("twice");
        const input = { email, password: TEST_PASSWORD, displayName: "二重 送信" };
        const results = await Promise.allSettled(Array.from({ length: 4 }, () => signUp(db, input, ctx)));
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        expect(await db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
        const templates = (await emailsTo(db, email)).map((e) => e.template);
        expect(templates.filter((t) => t === "verify-email")).toHaveLength(1);
        expect(templates.filter((t) => t === "account-exists")).toHaveLength(3);
      }
    });
  });

  describe("email verification", () => {
    it("works once: the link verifies the address and a replay is refused (A4)", async () => {
      const email = uniqueEmail("verify");
      await signUp(db, { email, password: TEST_PASSWORD, displayName: "確認" }, ctx);
      const token = await latestLinkToken(db, email, "verify-email");

      expect(await verifyEmail(db, token, ctx.ip)).toBe(true);
      const user = await userByEmail(email);
      expect(user!.email_verified_at).toBeInstanceOf(Date);
      expect(await auditRows(db, { action: "account.email_verified", subjectId: user!.id })).toHaveLength(1);

      expect(await verifyEmail(db, token, ctx.ip)).toBe(false);
    });

    it("refuses an expired link and leaves the address unverified", async () => {
      const email = uniqueEmail("expired");
      await signUp(db, { email, password: TEST_PASSWORD, displayName: "期限切れ" }, ctx);
      const token = await latestLinkToken(db, email, "verify-email");
      await db.updateTable("email_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashToken(token)).execute();

      expect(await verifyEmail(db, token, ctx.ip)).toBe(false);
      expect((await userByEmail(email))!.email_verified_at).toBeNull();
    });

    it("refuses malformed and unknown tokens, and a reset token used as a verification token", async () => {
      expect(await verifyEmail(db, "not-a-token", ctx.ip)).toBe(false);
      expect(await verifyEmail(db, undefined, ctx.ip)).toBe(false);
      expect(await verifyEmail(db, "A".repeat(43), ctx.ip)).toBe(false);

      const user = await createUser(db, { verified: false });
      await requestPasswordReset(db, user.email, ctx);
      const resetToken = await latestLinkToken(db, user.email, "reset-password");
      expect(await verifyEmail(db, resetToken, ctx.ip)).toBe(false);
      expect((await userByEmail(user.email))!.email_verified_at).toBeNull();
    });

    it("a login before verifying sends a fresh link, and the older link stops working", async () => {
      const email = uniqueEmail("resend");
      await signUp(db, { email, password: TEST_PASSWORD, displayName: "再送" }, ctx);
      const first = await latestLinkToken(db, email, "verify-email");

      const result = await authenticate(db, { email, password: TEST_PASSWORD }, ctx);
      expect(result.status).toBe("unverified");
      const second = await latestLinkToken(db, email, "verify-email");
      expect(second).not.toBe(first);
      expect((await emailsTo(db, email)).filter((e) => e.template === "verify-email")).toHaveLength(2);

      expect(await verifyEmail(db, first, ctx.ip)).toBe(false);
      expect(await verifyEmail(db, second, ctx.ip)).toBe(true);
      expect((await authenticate(db, { email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
    });
  });

  describe("login", () => {
    it("accepts the right password and records the login", async () => {
      const user = await createUser(db);
      const result = await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx);
      expect(result.status).toBe("ok");
      expect(result.status === "ok" && result.user.id).toBe(user.id);
      expect(await auditRows(db, { action: "auth.login", subjectId: user.id })).toHaveLength(1);
    });

    it("finds the account whatever the case of the address typed", async () => {
      const user = await createUser(db);
      expect((await authenticate(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("answers the same for an unknown address and for a wrong password (A5)", async () => {
      const user = await createUser(db);
      const unknown = await authenticate(db, { email: uniqueEmail("nobody"), password: TEST_PASSWORD }, ctx);
      const wrong = await authenticate(db, { email: user.email, password: "not the password" }, ctx);
      expect(unknown).toEqual({ status: "invalid" });
      expect(wrong).toEqual({ status: "invalid" });
      expect(await auditRows(db, { action: "auth.login_failed", subjectId: user.id })).toHaveLength(1);
    });

    it("refuses a disabled account even with the right password", async () => {
      const user = await createUser(db);
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
      expect(await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).toEqual({ status: "invalid" });
    });

    it(`locks the account after ${LOCKOUT_THRESHOLD} wrong passwords, even against the right one, and audits each failure`, async () => {
      const user = await createUser(db);
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
        expect((await authenticate(db, { email: user.email, password: `wrong ${i}` }, ctx)).status).toBe("invalid");
      }
      const locked = await userByEmail(user.email);
      expect(locked!.locked_until!.getTime()).toBeGreaterThan(Date.now());

      // Locked: the same answer as a wrong password or an unknown address; the audit log says why.
      expect(await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).toEqual({ status: "invalid" });

      const failures = await auditRows(db, { action: "auth.login_failed", subjectId: user.id });
      expect(failures).toHaveLength(LOCKOUT_THRESHOLD);
      expect(failures.every((f) => f.ip === ctx.ip && f.actor_user_id === user.id)).toBe(true);
      expect(await auditRows(db, { action: "auth.login_locked", subjectId: user.id })).toHaveLength(1);
      expect(await auditRows(db, { action: "auth.login", subjectId: user.id })).toHaveLength(0);
    });

    it("does not lock after fewer failures, and a success clears the count", async () => {
      const user = await createUser(db);
      for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i++) await authenticate(db, { email: user.email, password: "wrong" }, ctx);
      expect((await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
      expect((await userByEmail(user.email))!.failed_logins).toBe(0);
      expect((await authenticate(db, { email: user.email, password: "wrong" }, ctx)).status).toBe("invalid");
      expect((await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("lets the account in again once the lockout has passed", async () => {
      const user = await createUser(db);
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await authenticate(db, { email: user.email, password: "wrong" }, ctx);
      await db.updateTable("users").set({ locked_until: new Date(Date.now() - 1000) }).where("id", "=", user.id).execute();
      expect((await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("counts failures sent in parallel, so a burst cannot slip past the lockout (A6)", async () => {
      const user = await createUser(db);
      const attempts = Array.from({ length: LOCKOUT_THRESHOLD + 2 }, (_, i) =>
        authenticate(db, { email: user.email, password: `parallel guess ${i}` }, ctx),
      );
      await Promise.all(attempts);
      expect(await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).toEqual({ status: "invalid" });
      expect(await auditRows(db, { action: "auth.login_locked", subjectId: user.id })).toHaveLength(1);
    });
  });

  describe("password reset", () => {
    it("queues nothing for an unknown address, and a link for a known one", async () => {
      const unknown = uniqueEmail("ghost");
      await requestPasswordReset(db, unknown, ctx);
      expect(await emailsTo(db, unknown)).toHaveLength(0);

      const user = await createUser(db);
      await requestPasswordReset(db, user.email, ctx);
      const emails = await emailsTo(db, user.email);
      expect(emails).toHaveLength(1);
      expect(emails[0].template).toBe("reset-password");
      expect(emails[0].props.expiresMinutes).toBeLessThanOrEqual(10);
      expect(tokenFromUrl(emails[0].props.url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it("sets the new password, works once, and signs out every session of the user", async () => {
      const user = await createUser(db);
      const other = await createUser(db);
      await createSession(db, user, { ip: ctx.ip, userAgent: "laptop", secondFactor: false });
      await createSession(db, user, { ip: ctx.ip, userAgent: "phone", secondFactor: false });
      await createSession(db, other, { ip: ctx.ip, userAgent: "other", secondFactor: false });

      await requestPasswordReset(db, user.email, ctx);
      const token = await latestLinkToken(db, user.email, "reset-password");
      expect(await resetPassword(db, token, NEW_PASSWORD, ctx.ip)).toBe(true);

      expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
      expect(await db.selectFrom("sessions").select("id").where("user_id", "=", other.id).execute()).toHaveLength(1);
      expect((await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).status).toBe("invalid");
      expect((await authenticate(db, { email: user.email, password: NEW_PASSWORD }, ctx)).status).toBe("ok");
      expect((await userByEmail(user.email))!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await auditRows(db, { action: "account.password_reset", subjectId: user.id })).toHaveLength(1);

      expect(await resetPassword(db, token, "yet another passphrase", ctx.ip)).toBe(false);
      expect((await authenticate(db, { email: user.email, password: NEW_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("a link used twice at the same time works once", async () => {
      const user = await createUser(db);
      await requestPasswordReset(db, user.email, ctx);
      const token = await latestLinkToken(db, user.email, "reset-password");
      const results = await Promise.all([resetPassword(db, token, NEW_PASSWORD, ctx.ip), resetPassword(db, token, "the other passphrase", ctx.ip)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await auditRows(db, { action: "account.password_reset", subjectId: user.id })).toHaveLength(1);
    });

    it("refuses an expired link and keeps the old password", async () => {
      const user = await createUser(db);
      await requestPasswordReset(db, user.email, ctx);
      const token = await latestLinkToken(db, user.email, "reset-password");
      await db.updateTable("email_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashToken(token)).execute();

      expect(await resetPassword(db, token, NEW_PASSWORD, ctx.ip)).toBe(false);
      expect((await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("a newer request replaces the older link", async () => {
      const user = await createUser(db);
      await requestPasswordReset(db, user.email, ctx);
      const first = await latestLinkToken(db, user.email, "reset-password");
      await requestPasswordReset(db, user.email, ctx);
      const second = await latestLinkToken(db, user.email, "reset-password");

      expect(await resetPassword(db, first, NEW_PASSWORD, ctx.ip)).toBe(false);
      expect(await resetPassword(db, second, NEW_PASSWORD, ctx.ip)).toBe(true);
    });

    it("lifts a lockout and verifies the address (the link proved it)", async () => {
      const user = await createUser(db, { verified: false });
      await db.updateTable("users").set({ locked_until: new Date(Date.now() + 600_000) }).where("id", "=", user.id).execute();
      await requestPasswordReset(db, user.email, ctx);
      expect(await resetPassword(db, await latestLinkToken(db, user.email, "reset-password"), NEW_PASSWORD, ctx.ip)).toBe(true);
      expect((await authenticate(db, { email: user.email, password: NEW_PASSWORD }, ctx)).status).toBe("ok");
    });

    it("sends no link to a disabled account", async () => {
      const user = await createUser(db);
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", user.id).execute();
      await requestPasswordReset(db, user.email, ctx);
      expect(await emailsTo(db, user.email)).toHaveLength(0);
    });
  });

  describe("profile", () => {
    it("saves the profile and refuses unknown districts and interests", async () => {
      const { districts, categories } = await createCatalogue(db);
      const user = await createUser(db);
      expect(
        await updateProfile(db, user.id, {
          displayName: "新しい 名前",
          districtId: districts[0].id,
          birthDate: "2009-04-01",
          interests: [categories[0].code, categories[0].code],
          locale: "en",
        }),
      ).toBe("ok");
      const saved = await userByEmail(user.email);
      expect(saved).toMatchObject({ display_name: "新しい 名前", district_id: districts[0].id, birth_date: "2009-04-01", locale: "en" });
      expect(saved!.interests).toEqual([categories[0].code]);

      expect(await updateProfile(db, user.id, { displayName: "x", districtId: 999_999, interests: [], locale: "ja" })).toBe("unknown-district");
      expect(await updateProfile(db, user.id, { displayName: "x", interests: ["no-such-category"], locale: "ja" })).toBe("unknown-interest");
      expect((await userByEmail(user.email))!.display_name).toBe("新しい 名前");
    });
  });

  describe("account deletion", () => {
    it("needs the password", async () => {
      const user = await createUser(db);
      expect(await deleteAccount(db, user.id, "wrong password", ctx.ip)).toBe("wrong-password");
      expect((await userByEmail(user.email))!.deleted_at).toBeNull();
    });

    it("anonymises the account: address, names, birth date, sessions and memberships are gone", async () => {
      const { districts } = await createCatalogue(db);
      const user = await createUser(db, { displayName: "消える 人" });
      await updateProfile(db, user.id, { displayName: "消える 人", nameKana: "きえる ひと", districtId: districts[0].id, birthDate: "2008-05-05", interests: [], locale: "ja" });
      const owner = await createUser(db);
      const org = await createOrganisation(db, { ownerId: owner.id, members: [{ userId: user.id, role: "editor" }] });
      await createSession(db, user, { ip: ctx.ip, userAgent: "ua", secondFactor: false });

      expect(await deleteAccount(db, user.id, TEST_PASSWORD, ctx.ip)).toBe("ok");

      const row = await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
      expect(row.email).not.toBe(user.email);
      expect(row.email).not.toContain(user.email.split("@")[0]);
      expect(row).toMatchObject({ display_name: "", name_kana: "", birth_date: null, district_id: null, password_hash: null, totp_secret: null });
      expect(row.deleted_at).toBeInstanceOf(Date);
      expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
      expect(await db.selectFrom("memberships").select("user_id").where("organisation_id", "=", org.id).where("user_id", "=", user.id).execute()).toHaveLength(0);
      expect(await auditRows(db, { action: "account.deleted", subjectId: user.id })).toHaveLength(1);

      expect(await authenticate(db, { email: user.email, password: TEST_PASSWORD }, ctx)).toEqual({ status: "invalid" });
      await signUp(db, { email: user.email, password: TEST_PASSWORD, displayName: "戻ってきた" }, ctx);
      expect((await emailsTo(db, user.email)).map((e) => e.template)).toEqual(["verify-email"]);
    });

    it("refuses the sole owner of an organisation and changes nothing", async () => {
      const user = await createUser(db);
      await createOrganisation(db, { ownerId: user.id });
      await createSession(db, user, { ip: ctx.ip, userAgent: "ua", secondFactor: false });

      expect(await deleteAccount(db, user.id, TEST_PASSWORD, ctx.ip)).toBe("sole-owner");
      const row = await userByEmail(user.email);
      expect(row!.deleted_at).toBeNull();
      expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(1);
    });

    it("lets an owner go when another owner remains", async () => {
      const user = await createUser(db);
      const partner = await createUser(db);
      await createOrganisation(db, { ownerId: user.id, members: [{ userId: partner.id, role: "owner" }] });
      expect(await deleteAccount(db, user.id, TEST_PASSWORD, ctx.ip)).toBe("ok");
    });
  });

  describe("authenticator (TOTP)", () => {
    const stepMs = TOTP_STEP_SECONDS * 1000;

    async function enrolledUser() {
      const user = await createUser(db, { role: "staff" });
      const secret = await beginTotpEnrolment(db, user.id);
      const now = new Date();
      expect(await confirmTotpEnrolment(db, user.id, totpCode(secret, now), ctx.ip)).toBe(true);
      return { user, secret, enrolledAt: now };
    }

    it("enrolment is confirmed by a valid code and not by a wrong one", async () => {
      const user = await createUser(db, { role: "staff" });
      const secret = await beginTotpEnrolment(db, user.id);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const pending = await userByEmail(user.email);
      expect(pending!.totp_enabled_at).toBeNull();
      expect(await verifySecondFactor(db, user.id, totpCode(secret, new Date()), ctx.ip)).toBe(false);

      const right = totpCode(secret, new Date());
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
      expect(await confirmTotpEnrolment(db, user.id, wrong, ctx.ip)).toBe(false);
      expect((await userByEmail(user.email))!.totp_enabled_at).toBeNull();

      expect(await confirmTotpEnrolment(db, user.id, totpCode(secret, new Date()), ctx.ip)).toBe(true);
      expect((await userByEmail(user.email))!.totp_enabled_at).toBeInstanceOf(Date);
      expect(await auditRows(db, { action: "auth.totp_enrolled", subjectId: user.id })).toHaveLength(1);
    });

    it("the code used to enrol cannot be used again to sign in", async () => {
      const { user, secret, enrolledAt } = await enrolledUser();
      expect(await verifySecondFactor(db, user.id, totpCode(secret, enrolledAt), ctx.ip)).toBe(false);
    });

    it("a code is accepted once; its replay and codes of earlier steps are refused", async () => {
      const { user, secret, enrolledAt } = await enrolledUser();
      const next = totpCode(secret, new Date(enrolledAt.getTime() + stepMs));
      expect(await verifySecondFactor(db, user.id, next, ctx.ip)).toBe(true);
      expect(await verifySecondFactor(db, user.id, next, ctx.ip)).toBe(false);
      expect(await verifySecondFactor(db, user.id, totpCode(secret, enrolledAt), ctx.ip)).toBe(false);
      expect(await auditRows(db, { action: "auth.totp_passed", subjectId: user.id })).toHaveLength(1);
      expect(await auditRows(db, { action: "auth.totp_failed", subjectId: user.id })).toHaveLength(2);
    });

    it("refuses a wrong code, a malformed one, and a code from another secret", async () => {
      const { user, secret, enrolledAt } = await enrolledUser();
      const next = totpCode(secret, new Date(enrolledAt.getTime() + stepMs));
      const wrong = String((Number(next) + 1) % 1_000_000).padStart(6, "0");
      expect(await verifySecondFactor(db, user.id, wrong, ctx.ip)).toBe(false);
      expect(await verifySecondFactor(db, user.id, "12345", ctx.ip)).toBe(false);
      expect(await verifySecondFactor(db, user.id, "abcdef", ctx.ip)).toBe(false);
      const other = await beginTotpEnrolment(db, (await createUser(db)).id);
      expect(await verifySecondFactor(db, user.id, totpCode(other, new Date(enrolledAt.getTime() + stepMs)), ctx.ip)).toBe(false);
      expect(await verifySecondFactor(db, user.id, next, ctx.ip)).toBe(true);
    });

    it("refuses codes far from now (only one step of clock drift either side)", async () => {
      const { user, secret, enrolledAt } = await enrolledUser();
      expect(await verifySecondFactor(db, user.id, totpCode(secret, new Date(enrolledAt.getTime() + 5 * stepMs)), ctx.ip)).toBe(false);
    });

    it("accepts the same code only once when it is sent twice at the same time", async () => {
      const { user, secret, enrolledAt } = await enrolledUser();
      const next = totpCode(secret, new Date(enrolledAt.getTime() + stepMs));
      const results = await Promise.all([
        verifySecondFactor(db, user.id, next, ctx.ip),
        verifySecondFactor(db, user.id, next, ctx.ip),
        verifySecondFactor(db, user.id, next, ctx.ip),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
});
