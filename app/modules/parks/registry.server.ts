import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { tokyoDateString } from "~/utils/format";
import type { AssociationInput, ParkInput, SnapshotInput } from "./parks.schema";
import type { AgeCounts, AssociationStatus } from "./parks.vocabulary";
import { getParkSettings } from "./settings.server";
import { assessVitality, riskRank, type Vitality } from "./vitality.rules";

/** The registry: parks, each park's association, yearly member figures, and the staff list by vitality. */

export function parkColumns(input: ParkInput) {
  return {
    code: input.code,
    name: input.name,
    name_kana: input.nameKana,
    address: input.address,
    district_id: input.districtId ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    area_m2: input.areaM2,
    facilities: input.facilities,
    model_case: input.modelCase,
    model_story: input.modelStory,
  };
}

export type ParkWriteResult = { status: "ok"; id: number } | { status: "duplicate-code" } | { status: "bad-district" } | { status: "not-found" };

async function districtExists(db: Executor, id: number | undefined) {
  return id === undefined || !!(await db.selectFrom("districts").select("id").where("id", "=", id).executeTakeFirst());
}

/** Adds a park (and a place of kind park for it, so postings can name it as their place). */
export async function createPark(db: DB, input: ParkInput, actor: { userId: number; ip: string }): Promise<ParkWriteResult> {
  return db.transaction().execute(async (trx) => {
    if (!(await districtExists(trx, input.districtId))) return { status: "bad-district" as const };
    if (await trx.selectFrom("parks").select("id").where("code", "=", input.code).executeTakeFirst()) return { status: "duplicate-code" as const };
    const id = await insertPark(trx, input);
    await audit(trx, { actorUserId: actor.userId, action: "parks.created", subjectType: "park", subjectId: id, ip: actor.ip });
    return { status: "ok" as const, id };
  });
}

export async function insertPark(trx: Executor, input: ParkInput, isDemo = false): Promise<number> {
  const place = await trx
    .insertInto("places")
    .values({ kind: "park", name_ja: input.name, address: input.address, district_id: input.districtId ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const park = await trx
    .insertInto("parks")
    .values({ ...parkColumns(input), place_id: place.id, is_demo: isDemo })
    .returning("id")
    .executeTakeFirstOrThrow();
  return park.id;
}

/** Changes a park; its place follows (name, address, position). */
export async function updatePark(db: DB, parkId: number, input: ParkInput, actor: { userId: number; ip: string }): Promise<ParkWriteResult> {
  return db.transaction().execute(async (trx) => {
    const park = await trx.selectFrom("parks").select(["id", "place_id"]).where("id", "=", parkId).forUpdate().executeTakeFirst();
    if (!park) return { status: "not-found" as const };
    if (!(await districtExists(trx, input.districtId))) return { status: "bad-district" as const };
    const other = await trx.selectFrom("parks").select("id").where("code", "=", input.code).where("id", "!=", parkId).executeTakeFirst();
    if (other) return { status: "duplicate-code" as const };
    await updateParkRow(trx, park, input);
    await audit(trx, { actorUserId: actor.userId, action: "parks.updated", subjectType: "park", subjectId: parkId, ip: actor.ip });
    return { status: "ok" as const, id: parkId };
  });
}

export async function updateParkRow(trx: Executor, park: { id: number; place_id: number | null }, input: ParkInput) {
  await trx.updateTable("parks").set({ ...parkColumns(input), updated_at: new Date() }).where("id", "=", park.id).execute();
  if (park.place_id)
    await trx
      .updateTable("places")
      .set({ name_ja: input.name, address: input.address, district_id: input.districtId ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null })
      .where("id", "=", park.place_id)
      .execute();
}

/** Everything about one park for staff and its association (the representative's contact included). */
export async function getParkRecord(db: Executor, parkId: number) {
  const park = await db
    .selectFrom("parks")
    .leftJoin("districts", "districts.id", "parks.district_id")
    .selectAll("parks")
    .select(["districts.name_ja as district_ja", "districts.name_en as district_en"])
    .where("parks.id", "=", parkId)
    .executeTakeFirst();
  if (!park) return null;
  const [association, snapshots] = await Promise.all([
    db
      .selectFrom("park_associations")
      .leftJoin("organisations", "organisations.id", "park_associations.organisation_id")
      .selectAll("park_associations")
      .select(["organisations.name as organisation_name"])
      .where("park_id", "=", parkId)
      .executeTakeFirst(),
    db.selectFrom("park_member_snapshots").selectAll().where("park_id", "=", parkId).orderBy("year").execute(),
  ]);
  return { park, association: association ?? null, snapshots };
}

export function associationColumns(input: AssociationInput) {
  return {
    name: input.name,
    founded_on: input.foundedOn ?? null,
    representative_name: input.representativeName,
    representative_phone: input.representativePhone,
    representative_email: input.representativeEmail,
    status: input.status,
    member_count: input.memberCount,
    members_under_40: input.members_under_40,
    members_40_64: input.members_40_64,
    members_65_74: input.members_65_74,
    members_75_plus: input.members_75_plus,
    officers_under_40: input.officers_under_40,
    officers_40_64: input.officers_40_64,
    officers_65_74: input.officers_65_74,
    officers_75_plus: input.officers_75_plus,
    meeting_day: input.meetingDay,
    meeting_time: input.meetingTime,
    activities: input.activities,
    how_to_join: input.howToJoin,
  };
}

/**
 * Saves a park's association. Staff may link it to an organisation (kind 公園愛護会); the association itself
 * saves its record without touching the link. Returns false when the park does not exist.
 */
export async function saveAssociation(
  db: DB,
  parkId: number,
  input: AssociationInput,
  actor: { userId: number; ip: string },
  link?: { organisationId: number | null },
): Promise<"ok" | "not-found" | "bad-organisation"> {
  return db.transaction().execute(async (trx) => {
    const park = await trx.selectFrom("parks").select("id").where("id", "=", parkId).forUpdate().executeTakeFirst();
    if (!park) return "not-found" as const;
    if (link?.organisationId) {
      const org = await trx.selectFrom("organisations").select("kind").where("id", "=", link.organisationId).executeTakeFirst();
      if (org?.kind !== "park_care_association") return "bad-organisation" as const;
    }
    const values = { ...associationColumns(input), updated_at: new Date(), updated_by: actor.userId };
    await trx
      .insertInto("park_associations")
      .values({ park_id: parkId, organisation_id: link?.organisationId ?? null, ...values })
      .onConflict((oc) => oc.column("park_id").doUpdateSet(link ? { ...values, organisation_id: link.organisationId } : values))
      .execute();
    // This 年度's figure follows the record, so the trend is kept without a separate step.
    const year = fiscalYearNow();
    await trx
      .insertInto("park_member_snapshots")
      .values({ park_id: parkId, year, member_count: input.memberCount, members_75_plus: input.members_75_plus })
      .onConflict((oc) => oc.columns(["park_id", "year"]).doUpdateSet({ member_count: input.memberCount, members_75_plus: input.members_75_plus }))
      .execute();
    await audit(trx, { actorUserId: actor.userId, action: "parks.association.saved", subjectType: "park", subjectId: parkId, ip: actor.ip, details: link ? { organisationId: link.organisationId } : {} });
    return "ok" as const;
  });
}

function fiscalYearNow(now = new Date()): number {
  const [y, m] = tokyoDateString(now).split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/** Records (or corrects) a year's member figures. */
export async function saveSnapshot(db: Executor, parkId: number, input: SnapshotInput): Promise<void> {
  await db
    .insertInto("park_member_snapshots")
    .values({ park_id: parkId, year: input.year, member_count: input.memberCount, new_members: input.newMembers, members_75_plus: input.members75Plus })
    .onConflict((oc) => oc.columns(["park_id", "year"]).doUpdateSet({ member_count: input.memberCount, new_members: input.newMembers, members_75_plus: input.members75Plus }))
    .execute();
}

/** The parks an organisation looks after (its association's own). */
export function parksOfOrganisation(db: Executor, organisationId: number) {
  return db
    .selectFrom("park_associations")
    .innerJoin("parks", "parks.id", "park_associations.park_id")
    .select(["parks.id", "parks.name", "parks.area_m2", "park_associations.status"])
    .where("park_associations.organisation_id", "=", organisationId)
    .orderBy("parks.name")
    .execute();
}

/** Whether the park is this organisation's own: the one rule behind every association page (else 404). */
export async function isOwnPark(db: Executor, organisationId: number, parkId: number): Promise<boolean> {
  const row = await db.selectFrom("park_associations").select("park_id").where("park_id", "=", parkId).where("organisation_id", "=", organisationId).executeTakeFirst();
  return !!row;
}

/** Last activity per park: the log, or a session the association ran there on the site with someone present. */
export async function lastActivities(db: Executor, parkIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!parkIds.length) return out;
  const logged = await db.selectFrom("park_activities").select(["park_id", sql<string>`max(activity_date)::text`.as("last")]).where("park_id", "in", parkIds).groupBy("park_id").execute();
  for (const r of logged) out.set(r.park_id, r.last);
  const site = await db
    .selectFrom("park_associations as a")
    .innerJoin("parks", "parks.id", "a.park_id")
    .innerJoin("postings", (j) => j.onRef("postings.organisation_id", "=", "a.organisation_id").onRef("postings.place_id", "=", "parks.place_id"))
    .innerJoin("shifts", "shifts.posting_id", "postings.id")
    .innerJoin("attendance", "attendance.shift_id", "shifts.id")
    .select(["a.park_id", sql<Date>`max(shifts.starts_at)`.as("last")])
    .where("a.park_id", "in", parkIds)
    .where("attendance.status", "in", ["present", "late"])
    .groupBy("a.park_id")
    .execute();
  for (const r of site) {
    const date = tokyoDateString(new Date(r.last));
    if (!out.has(r.park_id) || out.get(r.park_id)! < date) out.set(r.park_id, date);
  }
  return out;
}

export interface StaffParkRow {
  id: number;
  name: string;
  districtId: number | null;
  districtJa: string | null;
  districtEn: string | null;
  areaM2: number;
  association: { name: string; status: AssociationStatus; memberCount: number; organisationId: number | null } | null;
  lastActivity: string | null;
  vitality: Vitality | null;
  modelCase: boolean;
}

const officers = (a: { officers_under_40: number; officers_40_64: number; officers_65_74: number; officers_75_plus: number }): AgeCounts => ({
  under_40: a.officers_under_40,
  "40_64": a.officers_40_64,
  "65_74": a.officers_65_74,
  "75_plus": a.officers_75_plus,
});

/**
 * Every park of the ward for staff, at-risk first with reasons, then parks without an association (or whose
 * association dissolved), then the healthy ones; filtered by district and association status.
 */
export async function staffParkList(db: Executor, filter: { districtId?: number; status?: AssociationStatus | "none" }, now = new Date()): Promise<StaffParkRow[]> {
  let query = db
    .selectFrom("parks")
    .leftJoin("districts", "districts.id", "parks.district_id")
    .leftJoin("park_associations as a", "a.park_id", "parks.id")
    .select([
      "parks.id",
      "parks.name",
      "parks.district_id",
      "parks.area_m2",
      "parks.model_case",
      "districts.name_ja as district_ja",
      "districts.name_en as district_en",
      "a.name as association_name",
      "a.status",
      "a.member_count",
      "a.organisation_id",
      "a.founded_on",
      "a.officers_under_40",
      "a.officers_40_64",
      "a.officers_65_74",
      "a.officers_75_plus",
    ]);
  if (filter.districtId) query = query.where("parks.district_id", "=", filter.districtId);
  if (filter.status === "none") query = query.where("a.park_id", "is", null);
  else if (filter.status) query = query.where("a.status", "=", filter.status);
  const rows = await query.orderBy("parks.name").execute();
  const ids = rows.map((r) => r.id);
  const [settings, last, snapshots] = await Promise.all([
    getParkSettings(db),
    lastActivities(db, ids),
    ids.length ? db.selectFrom("park_member_snapshots").selectAll().where("park_id", "in", ids).execute() : Promise.resolve([]),
  ]);
  const today = tokyoDateString(now);
  const list = rows.map((r): StaffParkRow => {
    const association =
      r.association_name !== null && r.status !== null && r.member_count !== null
        ? { name: r.association_name, status: r.status, memberCount: r.member_count, organisationId: r.organisation_id }
        : null;
    const vitality = association
      ? assessVitality(
          {
            status: association.status,
            memberCount: association.memberCount,
            officers: officers({ officers_under_40: r.officers_under_40 ?? 0, officers_40_64: r.officers_40_64 ?? 0, officers_65_74: r.officers_65_74 ?? 0, officers_75_plus: r.officers_75_plus ?? 0 }),
            lastActivity: last.get(r.id) ?? null,
            foundedOn: r.founded_on ?? null,
            snapshots: snapshots.filter((s) => s.park_id === r.id).map((s) => ({ year: s.year, memberCount: s.member_count, newMembers: s.new_members })),
          },
          today,
          settings.vitality,
        )
      : null;
    return { id: r.id, name: r.name, districtId: r.district_id, districtJa: r.district_ja, districtEn: r.district_en, areaM2: r.area_m2, association, lastActivity: last.get(r.id) ?? null, vitality, modelCase: r.model_case };
  });
  return list.sort((a, b) => riskRank({ hasAssociation: !!a.association, vitality: a.vitality }) - riskRank({ hasAssociation: !!b.association, vitality: b.vitality }) || a.name.localeCompare(b.name, "ja"));
}

/** The ward's yearly totals for the trend chart: members and associations by 年度. */
export async function wardTrend(db: Executor, districtId?: number) {
  let query = db
    .selectFrom("park_member_snapshots as s")
    .innerJoin("parks", "parks.id", "s.park_id")
    .select(["s.year", sql<number>`sum(s.member_count)::int`.as("members"), sql<number>`sum(s.new_members)::int`.as("newMembers"), sql<number>`sum(s.members_75_plus)::int`.as("members75"), sql<number>`count(*)::int`.as("associations")]);
  if (districtId) query = query.where("parks.district_id", "=", districtId);
  return query.groupBy("s.year").orderBy("s.year").execute();
}

/** Organisations that can be linked as a park's association (kind 公園愛護会). */
export function parkCareOrganisations(db: Executor) {
  return db.selectFrom("organisations").select(["id", "name"]).where("kind", "=", "park_care_association").where("status", "!=", "rejected").orderBy("name").execute();
}
