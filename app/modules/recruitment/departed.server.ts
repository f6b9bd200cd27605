import type { Executor } from "#db/client.server";
import { furthestStage, type ReachedStage } from "./figures.rules";

/**
 * Before people's records are deleted (withdrawal, retention), what the figures need of them is kept as anonymous
 * counts: campaign, channel, district, the furthest stage reached and why they left — nothing that names or
 * contacts anyone. Runs in the deleting transaction, so a count exists exactly when its record is gone.
 */
export async function keepDepartedCounts(trx: Executor, personIds: readonly number[], reason: "withdrawn" | "retention", now = new Date()): Promise<void> {
  if (personIds.length === 0) return;
  const people = await trx.selectFrom("recruitment_people").select(["id", "campaign_id", "channel_id", "district_id", "contacted_at", "stage"]).where("id", "in", [...personIds]).execute();
  const events = await trx.selectFrom("recruitment_events").select(["person_id", "to_stage"]).where("person_id", "in", [...personIds]).execute();
  const groups = new Map<string, { campaign_id: number | null; channel_id: number | null; district_id: number; stage_reached: ReachedStage; count: number }>();
  for (const p of people) {
    // Appointed people are never deleted; should one reach here, it is not a departure to count.
    if (p.stage === "appointed") continue;
    const history = [p.stage, ...events.filter((e) => e.person_id === p.id).map((e) => e.to_stage ?? "")];
    const stage = furthestStage(history, p.contacted_at !== null);
    const key = `${p.campaign_id}:${p.channel_id}:${p.district_id}:${stage}`;
    const group = groups.get(key) ?? { campaign_id: p.campaign_id, channel_id: p.channel_id, district_id: p.district_id, stage_reached: stage, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  if (groups.size === 0) return;
  await trx
    .insertInto("recruitment_departed_counts")
    .values([...groups.values()].map((g) => ({ ...g, reason, recorded_at: now })))
    .execute();
}

/** The departed counts the figures add back, grouped as they need them. */
export async function departedCounts(db: Executor) {
  const rows = await db
    .selectFrom("recruitment_departed_counts")
    .select(["campaign_id", "channel_id", "district_id", "stage_reached", (eb) => eb.fn.sum<number>("count").as("count")])
    .groupBy(["campaign_id", "channel_id", "district_id", "stage_reached"])
    .execute();
  return rows.map((r) => ({ campaignId: r.campaign_id, channelId: r.channel_id, districtId: r.district_id, stageReached: r.stage_reached, count: Number(r.count) }));
}
