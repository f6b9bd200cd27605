import type { DB } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { forgetBrowseLists } from "../catalogue/browse-lists.server";
import { audit } from "~/utils/audit.server";
import { destroyAllSessions } from "~/utils/session.server";
import { createToken } from "~/utils/tokens.server";
import type { RequestContext } from "../accounts/accounts.server";
import type { z } from "zod";
import type { CategorySchema, DistrictSchema, PlaceSchema, StaffAccountSchema } from "./admin.schema";

export const STAFF_SETUP_TTL_MS = 24 * 60 * 60 * 1000;

export function listStaff(db: DB) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "totp_enabled_at", "disabled_at", "created_at"])
    .where("role", "in", ["staff", "admin"])
    .where("deleted_at", "is", null)
    .orderBy("role")
    .orderBy("email")
    .execute();
}

/**
 * Creates a staff or admin account (or promotes an existing person) and emails a link to set a password.
 * They enrol an authenticator on first login; their old sessions end, so the stronger rules apply at once.
 */
export async function createStaffAccount(db: DB, adminId: number, input: z.infer<typeof StaffAccountSchema>, ctx: RequestContext) {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").select(["id", "locale"]).where("email", "=", input.email).executeTakeFirst();
    const userId = existing
      ? (await trx.updateTable("users").set({ role: input.role, disabled_at: null, updated_at: new Date() }).where("id", "=", existing.id).returning("id").executeTakeFirstOrThrow()).id
      : (
          await trx
            .insertInto("users")
            .values({ email: input.email, display_name: input.displayName, role: input.role, email_verified_at: new Date(), locale: ctx.locale })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
    await destroyAllSessions(trx, userId);
    const { token, hash } = createToken();
    await trx.deleteFrom("email_tokens").where("user_id", "=", userId).where("purpose", "=", "reset_password").execute();
    await trx.insertInto("email_tokens").values({ user_id: userId, purpose: "reset_password", token_hash: hash, expires_at: new Date(Date.now() + STAFF_SETUP_TTL_MS) }).execute();
    await sendEmail(trx, {
      template: "reset-password",
      to: input.email,
      locale: existing?.locale ?? ctx.locale,
      props: { name: input.displayName, url: `${ctx.origin}/reset-password?token=${token}`, expiresMinutes: STAFF_SETUP_TTL_MS / 60000 },
    });
    await audit(trx, { actorUserId: adminId, action: "admin.staff_created", subjectType: "user", subjectId: userId, ip: ctx.ip, details: { role: input.role } });
  });
}

export async function setAccountDisabled(db: DB, adminId: number, userId: number, disabled: boolean, ip: string): Promise<"ok" | "self"> {
  if (adminId === userId) return "self";
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() }).where("id", "=", userId).execute();
    if (disabled) await destroyAllSessions(trx, userId);
    await audit(trx, { actorUserId: adminId, action: disabled ? "admin.account_disabled" : "admin.account_enabled", subjectType: "user", subjectId: userId, ip });
  });
  return "ok";
}

type Saved = "ok" | "duplicate" | "not-found";

function isUniqueViolation(error: unknown) {
  return Boolean(error && typeof error === "object" && "code" in error && (error as { code: string }).code === "23505");
}

export async function saveDistrict(db: DB, input: z.infer<typeof DistrictSchema>): Promise<Saved> {
  const values = { code: input.code, name_ja: input.nameJa, name_en: input.nameEn, sort_order: input.sortOrder ?? 0 };
  try {
    if (input.id) {
      const r = await db.updateTable("districts").set(values).where("id", "=", input.id).executeTakeFirst();
      forgetBrowseLists(db);
      return Number(r.numUpdatedRows) ? "ok" : "not-found";
    }
    await db.insertInto("districts").values(values).execute();
    forgetBrowseLists(db);
    return "ok";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export async function saveCategory(db: DB, input: z.infer<typeof CategorySchema>): Promise<Saved> {
  const values = { code: input.code, name_ja: input.nameJa, name_en: input.nameEn, sort_order: input.sortOrder ?? 0, active: input.id ? input.active : true };
  try {
    if (input.id) {
      const r = await db.updateTable("categories").set(values).where("id", "=", input.id).executeTakeFirst();
      forgetBrowseLists(db);
      return Number(r.numUpdatedRows) ? "ok" : "not-found";
    }
    await db.insertInto("categories").values(values).execute();
    forgetBrowseLists(db);
    return "ok";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export async function savePlace(db: DB, input: z.infer<typeof PlaceSchema>): Promise<Saved> {
  const values = {
    kind: input.kind,
    name_ja: input.nameJa,
    name_en: input.nameEn ?? "",
    address: input.address ?? "",
    district_id: input.districtId ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    note: input.note ?? "",
    active: input.id ? input.active : true,
  };
  if (input.districtId) {
    const d = await db.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
    if (!d) return "not-found";
  }
  if (input.id) {
    const r = await db.updateTable("places").set(values).where("id", "=", input.id).executeTakeFirst();
    forgetBrowseLists(db);
    return Number(r.numUpdatedRows) ? "ok" : "not-found";
  }
  await db.insertInto("places").values(values).execute();
  forgetBrowseLists(db);
  return "ok";
}
