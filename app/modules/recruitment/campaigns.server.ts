import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { DB, Executor } from "#db/client.server";
import type { RecruitmentChannelKind } from "#db/schema";
import { audit } from "~/utils/audit.server";
import type { CampaignInput } from "./recruitment.schema";

/**
 * Campaigns and their channels. Each channel has a short code for its link (/m/CODE) and QR code; a visit adds one
 * to the channel's counter and nothing else is kept (no address, cookie or time), and the interest form carries
 * the code so that a hand raised is counted for the channel that brought it.
 */
const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newChannelCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export async function createCampaign(db: DB, input: CampaignInput, actorUserId: number, ip: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const known = input.districtIds.length
      ? (await trx.selectFrom("districts").select("id").where("id", "in", input.districtIds).execute()).map((d) => d.id)
      : [];
    const row = await trx
      .insertInto("recruitment_campaigns")
      .values({
        name: input.name,
        message: input.message,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        goal_seats: input.goalSeats,
        goal_on: input.goalOn ?? null,
        district_ids: known,
        created_by: actorUserId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId, action: "recruitment.campaign_created", subjectType: "recruitment_campaign", subjectId: row.id, ip, details: { name: input.name } });
    return row.id;
  });
}

export async function addChannel(db: DB, campaignId: number, input: { kind: RecruitmentChannelKind; label: string }, actorUserId: number, ip: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom("recruitment_campaigns").select("id").where("id", "=", campaignId).executeTakeFirst();
    if (!campaign) return null;
    const row = await trx
      .insertInto("recruitment_channels")
      .values({ campaign_id: campaignId, kind: input.kind, label: input.label, code: newChannelCode() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId, action: "recruitment.channel_added", subjectType: "recruitment_channel", subjectId: row.id, ip, details: { campaignId, kind: input.kind } });
    return row.id;
  });
}

/** Counts a visit through a channel's link; true when the code names a channel. */
export async function countChannelVisit(db: Executor, code: string): Promise<boolean> {
  if (!/^[a-z0-9]{6,16}$/.test(code)) return false;
  const row = await db
    .updateTable("recruitment_channels")
    .set({ visits: sql`visits + 1` })
    .where("code", "=", code)
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}

export async function listCampaigns(db: Executor) {
  const rows = await db
    .selectFrom("recruitment_campaigns as c")
    .select([
      "c.id",
      "c.name",
      "c.starts_on",
      "c.ends_on",
      "c.goal_seats",
      "c.goal_on",
      (eb) => eb.selectFrom("recruitment_channels").select((e) => e.fn.coalesce(e.fn.sum<number>("visits"), e.lit(0)).as("v")).whereRef("campaign_id", "=", "c.id").as("visits"),
      (eb) => eb.selectFrom("recruitment_people").select((e) => e.fn.countAll<number>().as("n")).whereRef("campaign_id", "=", "c.id").as("interest"),
      // Those who withdrew or expired still came: their anonymous counts are added to the figure shown.
      (eb) => eb.selectFrom("recruitment_departed_counts").select((e) => e.fn.coalesce(e.fn.sum<number>("count"), e.lit(0)).as("n")).whereRef("campaign_id", "=", "c.id").as("departed"),
    ])
    .orderBy("c.starts_on", "desc")
    .execute();
  return rows.map(({ departed, ...r }) => ({ ...r, interest: Number(r.interest ?? 0) + Number(departed ?? 0) }));
}

export async function getCampaign(db: Executor, id: number) {
  const campaign = await db.selectFrom("recruitment_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
  if (!campaign) return null;
  const channels = await db.selectFrom("recruitment_channels").select(["id", "kind", "label", "code", "visits"]).where("campaign_id", "=", id).orderBy("id").execute();
  const districts = campaign.district_ids.length
    ? await db.selectFrom("districts").select(["id", "name_ja", "name_en"]).where("id", "in", campaign.district_ids).orderBy("sort_order").execute()
    : [];
  return { campaign, channels, districts };
}

export async function getChannel(db: Executor, id: number) {
  return db
    .selectFrom("recruitment_channels as ch")
    .innerJoin("recruitment_campaigns as c", "c.id", "ch.campaign_id")
    .select(["ch.id", "ch.code", "ch.label", "ch.kind", "ch.campaign_id", "c.name as campaign_name", "c.message"])
    .where("ch.id", "=", id)
    .executeTakeFirst();
}

/** Changes a campaign's name, message, period, target districts and goal; its channels and codes stay. */
export async function updateCampaign(db: DB, id: number, input: CampaignInput, actorUserId: number, ip: string): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const known = input.districtIds.length ? (await trx.selectFrom("districts").select("id").where("id", "in", input.districtIds).execute()).map((d) => d.id) : [];
    const row = await trx
      .updateTable("recruitment_campaigns")
      .set({ name: input.name, message: input.message, starts_on: input.startsOn, ends_on: input.endsOn, goal_seats: input.goalSeats, goal_on: input.goalOn ?? null, district_ids: known })
      .where("id", "=", id)
      .returning("id")
      .executeTakeFirst();
    if (!row) return "not-found" as const;
    await audit(trx, { actorUserId, action: "recruitment.campaign_updated", subjectType: "recruitment_campaign", subjectId: id, ip, details: { name: input.name } });
    return "ok" as const;
  });
}

/** Changes a channel's kind and label; its code (printed on posters already) never changes. Returns its campaign. */
export async function updateChannel(db: DB, id: number, input: { kind: RecruitmentChannelKind; label: string }, actorUserId: number, ip: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable("recruitment_channels").set({ kind: input.kind, label: input.label }).where("id", "=", id).returning("campaign_id").executeTakeFirst();
    if (!row) return null;
    await audit(trx, { actorUserId, action: "recruitment.channel_updated", subjectType: "recruitment_channel", subjectId: id, ip, details: { kind: input.kind } });
    return row.campaign_id;
  });
}

/** What a channel or campaign still carries: deleting it would lose these, so it may be deleted only when all are 0. */
export interface Dependents {
  visits: number;
  people: number;
  departed: number;
}

export const hasDependents = (d: Dependents) => d.visits > 0 || d.people > 0 || d.departed > 0;

async function dependentsWhere(db: Executor, column: "channel_id" | "campaign_id", id: number, visits: number): Promise<Dependents> {
  const [people, departed] = await Promise.all([
    db.selectFrom("recruitment_people").select((eb) => eb.fn.countAll<number>().as("n")).where(column, "=", id).executeTakeFirstOrThrow(),
    db.selectFrom("recruitment_departed_counts").select((eb) => eb.fn.coalesce(eb.fn.sum<number>("count"), eb.lit(0)).as("n")).where(column, "=", id).executeTakeFirstOrThrow(),
  ]);
  return { visits, people: Number(people.n), departed: Number(departed.n) };
}

export async function channelDependents(db: Executor, id: number): Promise<Dependents | null> {
  const channel = await db.selectFrom("recruitment_channels").select("visits").where("id", "=", id).executeTakeFirst();
  return channel ? dependentsWhere(db, "channel_id", id, channel.visits) : null;
}

export async function campaignDependents(db: Executor, id: number): Promise<Dependents | null> {
  const campaign = await db.selectFrom("recruitment_campaigns").select("id").where("id", "=", id).executeTakeFirst();
  if (!campaign) return null;
  const visits = await db.selectFrom("recruitment_channels").select((eb) => eb.fn.coalesce(eb.fn.sum<number>("visits"), eb.lit(0)).as("n")).where("campaign_id", "=", id).executeTakeFirstOrThrow();
  return dependentsWhere(db, "campaign_id", id, Number(visits.n));
}

export type DeleteResult = { status: "deleted"; campaignId: number } | { status: "in-use"; dependents: Dependents } | { status: "not-found" };

/**
 * Deletes a channel nobody has used yet (a mistake, a poster never printed): no visit, nobody brought by it, no
 * anonymous count. Checked again under a lock on the channel, so a visit or a hand raised meanwhile keeps it.
 */
export async function deleteChannel(db: DB, id: number, actorUserId: number, ip: string): Promise<DeleteResult> {
  return db.transaction().execute(async (trx) => {
    const channel = await trx.selectFrom("recruitment_channels").select(["id", "campaign_id", "label"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!channel) return { status: "not-found" as const };
    const dependents = (await channelDependents(trx, id))!;
    if (hasDependents(dependents)) return { status: "in-use" as const, dependents };
    await trx.deleteFrom("recruitment_channels").where("id", "=", id).execute();
    await audit(trx, { actorUserId, action: "recruitment.channel_deleted", subjectType: "recruitment_channel", subjectId: id, ip, details: { campaignId: channel.campaign_id, label: channel.label } });
    return { status: "deleted" as const, campaignId: channel.campaign_id };
  });
}

/** Deletes a campaign nothing depends on (no visits to any of its channels, nobody, no counts), with its channels. */
export async function deleteCampaign(db: DB, id: number, actorUserId: number, ip: string): Promise<DeleteResult> {
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom("recruitment_campaigns").select(["id", "name"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!campaign) return { status: "not-found" as const };
    await trx.selectFrom("recruitment_channels").select("id").where("campaign_id", "=", id).forUpdate().execute();
    const dependents = (await campaignDependents(trx, id))!;
    if (hasDependents(dependents)) return { status: "in-use" as const, dependents };
    await trx.deleteFrom("recruitment_campaigns").where("id", "=", id).execute();
    await audit(trx, { actorUserId, action: "recruitment.campaign_deleted", subjectType: "recruitment_campaign", subjectId: id, ip, details: { name: campaign.name } });
    return { status: "deleted" as const, campaignId: id };
  });
}
