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
  return db
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
    ])
    .orderBy("c.starts_on", "desc")
    .execute();
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
    .select(["ch.id", "ch.code", "ch.label", "ch.kind", "c.name as campaign_name", "c.message"])
    .where("ch.id", "=", id)
    .executeTakeFirst();
}
