import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { tokyoDateString } from "~/utils/format";
import { CONTACTED_OR_LATER } from "./pipeline.rules";
import { departedCounts } from "./departed.server";
import { daysUntil, funnel, medianDays, withDeparted, type FunnelCounts, type FunnelStep } from "./figures.rules";
import { getRecruitmentSettings } from "./settings.server";

/**
 * The figures: for each campaign, its channels' funnels (visits → interest → contacted → appointed) and the seats
 * filled against its goal; per district the same without visits; days to appointment; and the countdown to the
 * next re-election with the seats whose terms end then. Counts only — no person is named here. People who
 * withdrew or whose interest expired are added back from their anonymous counts, so conversions stay true.
 */
export interface FunnelRow {
  key: string;
  label: string;
  counts: FunnelCounts;
  steps: FunnelStep[];
}

const contacted = sql<number>`count(*) filter (where p.contacted_at is not null or p.stage in (${sql.join(CONTACTED_OR_LATER.map((s) => sql.lit(s)))}))`;
const appointed = sql<number>`count(*) filter (where p.stage = 'appointed')`;

function row(key: string, label: string, counts: FunnelCounts): FunnelRow {
  return { key, label, counts, steps: funnel(counts) };
}

export async function recruitmentFigures(db: Executor, now = new Date()) {
  const settings = await getRecruitmentSettings(db);
  const today = tokyoDateString(now);
  const campaigns = await db.selectFrom("recruitment_campaigns").select(["id", "name", "goal_seats", "goal_on", "starts_on", "ends_on"]).orderBy("starts_on", "desc").execute();
  const channelRows = await db
    .selectFrom("recruitment_channels as ch")
    .leftJoin("recruitment_people as p", "p.channel_id", "ch.id")
    .select(["ch.id", "ch.campaign_id", "ch.label", "ch.visits", (eb) => eb.fn.count<number>("p.id").as("interest"), contacted.as("contacted"), appointed.as("appointed")])
    .groupBy(["ch.id", "ch.campaign_id", "ch.label", "ch.visits"])
    .orderBy("ch.id")
    .execute();
  const direct = await db
    .selectFrom("recruitment_people as p")
    .select(["p.campaign_id", (eb) => eb.fn.countAll<number>().as("interest"), contacted.as("contacted"), appointed.as("appointed")])
    .where("p.channel_id", "is", null)
    .groupBy("p.campaign_id")
    .execute();
  const districtRows = await db
    .selectFrom("districts as d")
    .leftJoin("recruitment_people as p", "p.district_id", "d.id")
    .select(["d.id", "d.name_ja", "d.name_en", (eb) => eb.fn.count<number>("p.id").as("interest"), contacted.as("contacted"), appointed.as("appointed")])
    .groupBy(["d.id", "d.name_ja", "d.name_en", "d.sort_order"])
    .orderBy("d.sort_order")
    .execute();
  const appointments = await db.selectFrom("recruitment_people").select(["created_at", "appointed_at", "campaign_id"]).where("stage", "=", "appointed").where("appointed_at", "is not", null).execute();
  const ending = await db
    .selectFrom("recruitment_areas")
    .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>("serving"), eb.lit(0)).as("seats"), (eb) => eb.fn.countAll<number>().as("areas")])
    .where("term_ends_on", "<=", settings.nextReelectionOn)
    .executeTakeFirst();

  const departed = await departedCounts(db);

  const n = (v: unknown) => Number(v ?? 0);
  const live = (r: { interest: unknown; contacted: unknown; appointed: unknown } | undefined, visits = 0): FunnelCounts => ({ visits, interest: n(r?.interest), contacted: n(r?.contacted), appointed: n(r?.appointed) });
  const directCounts = (campaignId: number | null) =>
    withDeparted(
      live(direct.find((x) => x.campaign_id === campaignId)),
      departed.filter((d) => d.channelId === null && d.campaignId === campaignId),
    );
  const byCampaign = campaigns.map((c) => {
    const rows = channelRows
      .filter((ch) => ch.campaign_id === c.id)
      .map((ch) => row(`channel-${ch.id}`, ch.label, withDeparted(live(ch, n(ch.visits)), departed.filter((d) => d.channelId === ch.id))));
    const d = directCounts(c.id);
    if (d.interest > 0) rows.push(row(`direct-${c.id}`, "", d));
    const total = rows.reduce<FunnelCounts>((t, r) => ({ visits: t.visits + r.counts.visits, interest: t.interest + r.counts.interest, contacted: t.contacted + r.counts.contacted, appointed: t.appointed + r.counts.appointed }), { visits: 0, interest: 0, contacted: 0, appointed: 0 });
    const mine = appointments.filter((a) => a.campaign_id === c.id);
    return {
      id: c.id,
      name: c.name,
      goalSeats: c.goal_seats,
      goalOn: c.goal_on,
      filled: total.appointed,
      total: row(`campaign-${c.id}`, c.name, total),
      channels: rows,
      medianDays: medianDays(mine.map((a) => ({ from: new Date(a.created_at), to: new Date(a.appointed_at!) }))),
    };
  });
  const unattributed = directCounts(null);
  return {
    today,
    nextReelectionOn: settings.nextReelectionOn,
    daysToReelection: daysUntil(today, settings.nextReelectionOn),
    seatsEndingThen: n(ending?.seats),
    areasEndingThen: n(ending?.areas),
    campaigns: byCampaign,
    unattributed: unattributed.interest > 0 ? row("unattributed", "", unattributed) : null,
    districts: districtRows
      .map((d) => ({ ...row(`district-${d.id}`, d.name_ja, withDeparted(live(d), departed.filter((x) => x.districtId === d.id))), labelEn: d.name_en }))
      .filter((d) => d.counts.interest > 0),
    medianDays: medianDays(appointments.map((a) => ({ from: new Date(a.created_at), to: new Date(a.appointed_at!) }))),
  };
}
