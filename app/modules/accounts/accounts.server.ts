import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { User } from "#db/schema";
import { sendEmail } from "#emails/outbox.server";
import type { Locale } from "~/utils/i18n";
import { audit } from "~/utils/audit.server";
import { destroyAllSessions } from "~/utils/session.server";
import { createToken, hashToken, isWellFormedToken } from "~/utils/tokens.server";
import { hashPassword, verifyPassword } from "./password.server";
import { generateTotpSecret, verifyTotp } from "./totp.server";
import type { ProfileInput } from "./accounts.schema";
import type { RequestContext } from "~/utils/request-context";
import { withNext } from "~/utils/next-path";

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
export const RESET_PASSWORD_TTL_MS = 10 * 60 * 1000;
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type { RequestContext } from "~/utils/request-context";

async function issueEmailToken(db: Executor, userId: number, purpose: "verify_email" | "reset_password", ttlMs: number) {
  const { token, hash } = createToken();
  // A new link replaces the older ones of the same purpose.
  await db.deleteFrom("email_tokens").where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null).execute();
  await db.insertInto("email_tokens").values({ user_id: userId, purpose, token_hash: hash, expires_at: new Date(Date.now() + ttlMs) }).execute();
  return token;
}

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).where("deleted_at", "is", null).executeTakeFirst();
}

/**
 * Sign-up answers the same whether or not the address has an account (security checklist A5, WSTG-IDNT-04): a new
 * address gets a verification link; a known one gets a note saying it already has an account, with login and reset
 * links.
 */
export async function signUp(
  db: DB,
  input: { email: string; password: string; displayName: string; redirectTo?: string },
  ctx: RequestContext,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").select(["id", "locale"]).where("email", "=", input.email).executeTakeFirst();
    // A sign-up for the same address committed meanwhile (the form sent twice) is a conflict, not an error.
    const user = existing
      ? undefined
      : await trx
          .insertInto("users")
          .values({ email: input.email, password_hash: passwordHash, display_name: input.displayName, locale: ctx.locale })
          .onConflict((oc) => oc.column("email").doNothing())
          .returning("id")
          .executeTakeFirst();
    if (!user) {
      await sendEmail(trx, {
        template: "account-exists",
        to: input.email,
        locale: existing?.locale ?? ctx.locale,
        props: { loginUrl: `${ctx.origin}${withNext("/login", input.redirectTo ?? "")}`, resetUrl: `${ctx.origin}/forgot-password` },
      });
      return;
    }
    const token = await issueEmailToken(trx, user.id, "verify_email", VERIFY_EMAIL_TTL_MS);
    await sendEmail(trx, {
      template: "verify-email",
      to: input.email,
      locale: ctx.locale,
      props: { name: input.displayName, url: `${ctx.origin}${withNext(`/verify-email?token=${token}`, input.redirectTo ?? "", "next")}` },
    });
    await audit(trx, { actorUserId: user.id, action: "account.signup", subjectType: "user", subjectId: user.id, ip: ctx.ip });
  });
}

async function consumeToken(trx: Executor, token: unknown, purpose: "verify_email" | "reset_password") {
  if (!isWellFormedToken(token)) return null;
  const row = await trx
    .selectFrom("email_tokens")
    .select(["id", "user_id", "expires_at", "used_at"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at.getTime() <= Date.now()) return null;
  await trx.updateTable("email_tokens").set({ used_at: new Date() }).where("id", "=", row.id).execute();
  return row;
}

export async function peekToken(db: Executor, token: unknown, purpose: "verify_email" | "reset_password"): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const row = await db
    .selectFrom("email_tokens")
    .select(["expires_at", "used_at"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return Boolean(row && !row.used_at && row.expires_at.getTime() > Date.now());
}

export async function verifyEmail(db: DB, token: unknown, ip: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await consumeToken(trx, token, "verify_email");
    if (!row) return false;
    await trx.updateTable("users").set({ email_verified_at: new Date(), updated_at: new Date() }).where("id", "=", row.user_id).execute();
    await audit(trx, { actorUserId: row.user_id, action: "account.email_verified", subjectType: "user", subjectId: row.user_id, ip });
    return true;
  });
}

export type AuthResult =
  | { status: "ok"; user: User }
  | { status: "invalid" }
  | { status: "unverified"; user: User };

/**
 * Password check with a per-account lockout after repeated failures (security checklist A6, ASVS 6.3.1). A locked account answers
 * exactly like an unknown address or a wrong password ("invalid"), so the answer never tells whether an account
 * exists; the lock is recorded in the audit log (auth.login_locked) for staff.
 */
/** `redirectTo`: where the person was going, carried into a verification link sent again to an unverified account. */
export async function authenticate(db: DB, input: { email: string; password: string; redirectTo?: string }, ctx: RequestContext): Promise<AuthResult> {
  const user = await findUserByEmail(db, input.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || user.disabled_at) {
    await audit(db, { actorUserId: null, action: "auth.login_failed", ip: ctx.ip, details: { reason: "unknown_or_disabled" } });
    return { status: "invalid" };
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    await audit(db, { actorUserId: user.id, action: "auth.login_locked", subjectType: "user", subjectId: user.id, ip: ctx.ip });
    return { status: "invalid" };
  }
  if (!passwordOk) {
    // Counted in one statement: failures sent in parallel all read the same row, and a read-then-write would
    // lose all but one of them, letting a burst of guesses past the lockout.
    const reachesThreshold = sql<boolean>`failed_logins + 1 >= ${LOCKOUT_THRESHOLD}`;
    await db
      .updateTable("users")
      .set({
        failed_logins: sql<number>`case when ${reachesThreshold} then 0 else failed_logins + 1 end`,
        locked_until: sql<Date | null>`case when ${reachesThreshold} then ${new Date(Date.now() + LOCKOUT_MS)}::timestamptz else locked_until end`,
      })
      .where("id", "=", user.id)
      .execute();
    await audit(db, { actorUserId: user.id, action: "auth.login_failed", subjectType: "user", subjectId: user.id, ip: ctx.ip });
    return { status: "invalid" };
  }
  if (!user.email_verified_at) {
    await resendVerification(db, user, ctx, input.redirectTo ?? "");
    return { status: "unverified", user };
  }
  await db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", user.id).execute();
  await audit(db, { actorUserId: user.id, action: "auth.login", subjectType: "user", subjectId: user.id, ip: ctx.ip });
  return { status: "ok", user };
}

async function resendVerification(db: DB, user: User, ctx: RequestContext, next: string) {
  await db.transaction().execute(async (trx) => {
    const token = await issueEmailToken(trx, user.id, "verify_email", VERIFY_EMAIL_TTL_MS);
    await sendEmail(trx, {
      template: "verify-email",
      to: user.email,
      locale: user.locale,
      props: { name: user.display_name, url: `${ctx.origin}${withNext(`/verify-email?token=${token}`, next, "next")}` },
    });
  });
}

/** Always succeeds from the outside; only an existing, active account gets a link (security checklist A5, WSTG-IDNT-04). */
export async function requestPasswordReset(db: DB, email: string, ctx: RequestContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user || user.disabled_at) return;
    const token = await issueEmailToken(trx, user.id, "reset_password", RESET_PASSWORD_TTL_MS);
    await sendEmail(trx, {
      template: "reset-password",
      to: user.email,
      locale: user.locale,
      props: { name: user.display_name, url: `${ctx.origin}/reset-password?token=${token}`, expiresMinutes: RESET_PASSWORD_TTL_MS / 60000 },
    });
    await audit(trx, { actorUserId: user.id, action: "account.reset_requested", subjectType: "user", subjectId: user.id, ip: ctx.ip });
  });
}

/** Sets the new password, marks the address verified (the link proved it), and signs out every session. */
export async function resetPassword(db: DB, token: unknown, password: string, ip: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await consumeToken(trx, token, "reset_password");
    if (!row) return false;
    await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        email_verified_at: sql`coalesce(email_verified_at, now())`,
        failed_logins: 0,
        locked_until: null,
        updated_at: new Date(),
      })
      .where("id", "=", row.user_id)
      .execute();
    await destroyAllSessions(trx, row.user_id);
    await audit(trx, { actorUserId: row.user_id, action: "account.password_reset", subjectType: "user", subjectId: row.user_id, ip });
    return true;
  });
}

export async function updateProfile(
  db: DB,
  userId: number,
  input: { displayName: string; nameKana?: string; districtId?: number; birthDate?: string; interests: string[]; locale: Locale } & Partial<
    Omit<ProfileInput, "displayName" | "nameKana" | "districtId" | "birthDate" | "interests" | "locale">
  >,
): Promise<"ok" | "unknown-district" | "unknown-interest" | "unknown-school"> {
  return db.transaction().execute(async (trx) => {
    if (input.districtId) {
      const d = await trx.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
      if (!d) return "unknown-district";
    }
    if (input.interests.length) {
      const known = await trx.selectFrom("categories").select("code").where("code", "in", input.interests).execute();
      if (known.length !== new Set(input.interests).size) return "unknown-interest";
    }
    if (input.schoolId) {
      const school = await trx
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.schoolId)
        .where("kind", "in", ["high_school", "university"])
        .where("status", "=", "verified")
        .executeTakeFirst();
      if (!school) return "unknown-school";
    }
    await trx
      .updateTable("users")
      .set({
        display_name: input.displayName,
        name_kana: input.nameKana ?? "",
        district_id: input.districtId ?? null,
        birth_date: input.birthDate ?? null,
        interests: [...new Set(input.interests)],
        locale: input.locale,
        // The volunteer profile: only what the form sent (older callers leave it as it was).
        ...(input.skills !== undefined
          ? {
              volunteer_type: input.volunteerType ?? null,
              school_organisation_id: input.schoolId ?? null,
              school_name: input.schoolId ? "" : (input.schoolName ?? ""),
              skills: [...new Set(input.skills)],
              availability: [...new Set(input.availability ?? [])],
              languages: [...new Set(input.languages ?? [])],
              open_to_invitations: input.openToInvitations ?? false,
              notify_reminders: input.notifyReminders ?? true,
              notify_second_reminder: input.notifySecondReminder ?? true,
              notify_messages: input.notifyMessages ?? true,
            }
          : {}),
        updated_at: new Date(),
      })
      .where("id", "=", userId)
      .execute();
    return "ok";
  });
}

/**
 * Deletes an account: personal data goes; the row stays as an anonymous tombstone so records that others
 * keep (who created a posting, who verified an organisation) still resolve. A sole owner of an organisation
 * must hand it over first.
 */
/** Ends every session of the person, on every device (this one too), and records it. */
export async function signOutEverywhere(db: DB, userId: number, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await destroyAllSessions(trx, userId);
    await audit(trx, { actorUserId: userId, action: "auth.logout_everywhere", subjectType: "user", subjectId: userId, ip });
  });
}

export async function deleteAccount(db: DB, userId: number, password: string, ip: string): Promise<"ok" | "wrong-password" | "sole-owner"> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) return "wrong-password";
  return db.transaction().execute(async (trx) => {
    const owned = await trx
      .selectFrom("memberships as m")
      .select("m.organisation_id")
      .where("m.user_id", "=", userId)
      .where("m.role", "=", "owner")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("memberships as o")
              .select("o.user_id")
              .whereRef("o.organisation_id", "=", "m.organisation_id")
              .where("o.role", "=", "owner")
              .where("o.user_id", "!=", userId),
          ),
        ),
      )
      .execute();
    if (owned.length) return "sole-owner" as const;
    await trx.deleteFrom("memberships").where("user_id", "=", userId).execute();
    await trx.deleteFrom("email_tokens").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await trx
      .updateTable("users")
      .set({
        email: `deleted-${userId}@deleted.invalid`,
        password_hash: null,
        display_name: "",
        name_kana: "",
        district_id: null,
        birth_date: null,
        interests: [],
        totp_secret: null,
        totp_enabled_at: null,
        deleted_at: new Date(),
        updated_at: new Date(),
      })
      .where("id", "=", userId)
      .execute();
    await audit(trx, { actorUserId: userId, action: "account.deleted", subjectType: "user", subjectId: userId, ip });
    return "ok" as const;
  });
}

/** Starts (or restarts) authenticator enrolment: a new secret, not active until a code from it is confirmed. */
export async function beginTotpEnrolment(db: DB, userId: number): Promise<string> {
  const secret = generateTotpSecret();
  await db.updateTable("users").set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null }).where("id", "=", userId).execute();
  return secret;
}

export async function confirmTotpEnrolment(db: DB, userId: number, code: string, ip: string): Promise<boolean> {
  const user = await db.selectFrom("users").select(["totp_secret"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.totp_secret) return false;
  const step = verifyTotp(user.totp_secret, code, new Date());
  if (step === null) return false;
  await db.updateTable("users").set({ totp_enabled_at: new Date(), totp_last_step: step }).where("id", "=", userId).execute();
  await audit(db, { actorUserId: userId, action: "auth.totp_enrolled", subjectType: "user", subjectId: userId, ip });
  return true;
}

/** A second-factor check; a code already used (same or earlier time step) is refused. */
export async function verifySecondFactor(db: DB, userId: number, code: string, ip: string): Promise<boolean> {
  const user = await db.selectFrom("users").select(["totp_secret", "totp_enabled_at", "totp_last_step"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.totp_secret || !user.totp_enabled_at) return false;
  const step = verifyTotp(user.totp_secret, code, new Date(), user.totp_last_step === null ? null : Number(user.totp_last_step));
  // The step is claimed with a conditional update, so the same code sent twice at once passes only once.
  let claimed = false;
  if (step !== null) {
    const result = await db
      .updateTable("users")
      .set({ totp_last_step: step })
      .where("id", "=", userId)
      .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
      .executeTakeFirst();
    claimed = Number(result.numUpdatedRows) > 0;
  }
  if (!claimed) {
    await audit(db, { actorUserId: userId, action: "auth.totp_failed", subjectType: "user", subjectId: userId, ip });
    return false;
  }
  await audit(db, { actorUserId: userId, action: "auth.totp_passed", subjectType: "user", subjectId: userId, ip });
  return true;
}
