import type { DB, Executor } from "#db/client.server";
import type { User } from "#db/schema";
import { audit } from "~/utils/audit.server";
import { forbidden } from "~/utils/http.server";
import type { EligibilitySettings } from "./eligibility.rules";
import type { SettingsInput } from "./recruitment.schema";

export interface RecruitmentSettings extends EligibilitySettings {
  retentionMonths: number;
  nextReelectionOn: string;
}

/** The ward's settings (one row, made by the migration; defaults if it was ever removed). */
export async function getRecruitmentSettings(db: Executor): Promise<RecruitmentSettings> {
  const row = await db.selectFrom("recruitment_settings").selectAll().where("id", "=", 1).executeTakeFirst();
  return {
    minAge: row?.min_age ?? 18,
    newAppointeeAgeLimit: row?.new_appointee_age_limit ?? 75,
    residenceMonths: row?.residence_months ?? 3,
    retentionMonths: row?.retention_months ?? 12,
    nextReelectionOn: row?.next_reelection_on ?? "2028-12-01",
  };
}

export async function updateRecruitmentSettings(db: DB, input: SettingsInput, actorUserId: number, ip: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const values = {
      min_age: input.minAge,
      new_appointee_age_limit: input.newAppointeeAgeLimit,
      residence_months: input.residenceMonths,
      retention_months: input.retentionMonths,
      next_reelection_on: input.nextReelectionOn,
      updated_at: new Date(),
      updated_by: actorUserId,
    };
    await trx
      .insertInto("recruitment_settings")
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column("id").doUpdateSet(values))
      .execute();
    await audit(trx, { actorUserId, action: "recruitment.settings_changed", subjectType: "recruitment_settings", subjectId: 1, ip, details: { ...input } });
  });
}

/**
 * Who may work the pipeline and for which districts: staff and admins see every district; a member of an
 * organisation marked as a district's 民児協 chair sees that district only; anyone else nothing (null).
 */
export type RecruitmentScope = { kind: "all" } | { kind: "districts"; districtIds: number[] };

export async function recruitmentScope(db: Executor, user: Pick<User, "id" | "role">): Promise<RecruitmentScope | null> {
  if (user.role === "staff" || user.role === "admin") return { kind: "all" };
  const rows = await db
    .selectFrom("recruitment_district_chairs as c")
    .innerJoin("memberships as m", "m.organisation_id", "c.organisation_id")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .select("c.district_id")
    .where("m.user_id", "=", user.id)
    .where("o.status", "=", "verified")
    .execute();
  return rows.length ? { kind: "districts", districtIds: rows.map((r) => r.district_id) } : null;
}

export function scopeIncludes(scope: RecruitmentScope, districtId: number): boolean {
  return scope.kind === "all" || scope.districtIds.includes(districtId);
}

export async function listDistrictChairs(db: Executor) {
  return db
    .selectFrom("recruitment_district_chairs as c")
    .innerJoin("organisations as o", "o.id", "c.organisation_id")
    .innerJoin("districts as d", "d.id", "c.district_id")
    .select(["c.district_id", "d.name_ja as district_ja", "d.name_en as district_en", "o.id as organisation_id", "o.name as organisation_name"])
    .orderBy("d.sort_order")
    .execute();
}

/** Organisations that may be marked as a district's chair: verified social-welfare organisations. */
export async function chairCandidates(db: Executor) {
  return db.selectFrom("organisations").select(["id", "name"]).where("kind", "=", "social_welfare").where("status", "=", "verified").orderBy("name").execute();
}

export async function setDistrictChair(db: DB, districtId: number, organisationId: number, actorUserId: number, ip: string): Promise<"ok" | "not-eligible"> {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organisations").select("id").where("id", "=", organisationId).where("kind", "=", "social_welfare").where("status", "=", "verified").executeTakeFirst();
    const district = await trx.selectFrom("districts").select("id").where("id", "=", districtId).executeTakeFirst();
    if (!org || !district) return "not-eligible" as const;
    await trx
      .insertInto("recruitment_district_chairs")
      .values({ district_id: districtId, organisation_id: organisationId })
      .onConflict((oc) => oc.column("district_id").doUpdateSet({ organisation_id: organisationId, created_at: new Date() }))
      .execute();
    await audit(trx, { actorUserId, action: "recruitment.chair_set", subjectType: "district", subjectId: districtId, ip, details: { organisationId } });
    return "ok" as const;
  });
}

/** The viewer of the pipeline pages, or 403 for anyone who is neither staff nor a district's chair. */
export async function requireRecruitmentViewer(db: Executor, user: Pick<User, "id" | "role">, ip: string) {
  const scope = await recruitmentScope(db, user);
  if (!scope) {
    await audit(db, { actorUserId: user.id, action: "recruitment.access_refused", subjectType: "recruitment_person", ip });
    forbidden();
  }
  return { userId: user.id, scope, ip };
}

export async function listDistricts(db: Executor) {
  return db.selectFrom("districts").select(["id", "name_ja", "name_en"]).orderBy("sort_order").execute();
}
