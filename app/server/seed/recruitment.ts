import type { Executor } from "#db/client.server";
import type { RecruitmentStage } from "#db/schema";
import { CONSENT_TEXT } from "~/modules/recruitment/recruitment.schema";
import { hashToken } from "~/utils/tokens.server";
import { tokyoDateString } from "~/utils/format";

/**
 * Demo data for welfare-commissioner recruitment. The seat board is an ILLUSTRATIVE distribution: the ward's
 * 138 seats (its own 2022 figure) spread over the seeded districts, with 5 vacancies as in 2022 — not the real
 * allocation, which staff load from the city's list by CSV. One campaign with four channels and their visits,
 * ten people at different stages, and the demo district chair (枝光).
 */
export const DEMO_CHAIR_EMAIL = "chair@demo.tsunagu.example";
export const DEMO_CHAIR_ORGANISATION = "（デモ）枝光地区 民生委員児童委員協議会";
/** The illustrative seat board's areas end with this mark, so that removing the demo removes them too. */
export const ILLUSTRATIVE_AREA_SUFFIX = "（例示）";

/** Seats per district code (sum 138) and how many of them are vacant (sum 5). */
const SEATS: Record<string, [seats: number, vacant: number]> = {
  chuo: [12, 0],
  yahata_station: [10, 0],
  edamitsu: [11, 2],
  sanno: [9, 0],
  kamihonmachi: [8, 0],
  okura: [10, 1],
  tsukida: [10, 0],
  hirano: [9, 0],
  kiyota: [9, 0],
  iwaimachi: [8, 0],
  takami: [9, 1],
  araoda: [8, 0],
  momozono: [10, 0],
  kawachi: [8, 0],
  sarakura: [7, 1],
};

const DAY = 86_400_000;

const PEOPLE: { name: string; kana: string; district: string; birthYear: number; stage: RecruitmentStage; channel: number | null; daysAgo: number; nextIn: number | null; wants: "hear" | "helper" | "nominate" }[] = [
  { name: "（デモ）山本 和子", kana: "やまもと かずこ", district: "edamitsu", birthYear: 1961, stage: "interested", channel: 0, daysAgo: 3, nextIn: 2, wants: "hear" },
  { name: "（デモ）井上 誠", kana: "いのうえ まこと", district: "edamitsu", birthYear: 1958, stage: "contacted", channel: 1, daysAgo: 20, nextIn: -4, wants: "hear" },
  { name: "（デモ）木村 さゆり", kana: "きむら さゆり", district: "okura", birthYear: 1970, stage: "briefed", channel: 1, daysAgo: 35, nextIn: 7, wants: "nominate" },
  { name: "（デモ）林 大輔", kana: "はやし だいすけ", district: "takami", birthYear: 1985, stage: "helper_trial", channel: 2, daysAgo: 60, nextIn: 14, wants: "helper" },
  { name: "（デモ）清水 美穂", kana: "しみず みほ", district: "sarakura", birthYear: 1966, stage: "preparatory", channel: 0, daysAgo: 80, nextIn: -1, wants: "nominate" },
  { name: "（デモ）森 隆", kana: "もり たかし", district: "edamitsu", birthYear: 1955, stage: "committee", channel: 3, daysAgo: 95, nextIn: 20, wants: "nominate" },
  { name: "（デモ）池田 恵子", kana: "いけだ けいこ", district: "chuo", birthYear: 1963, stage: "declined", channel: 1, daysAgo: 50, nextIn: null, wants: "hear" },
  { name: "（デモ）橋本 翼", kana: "はしもと つばさ", district: "hirano", birthYear: 2004, stage: "helper_trial", channel: 3, daysAgo: 30, nextIn: 10, wants: "helper" },
  { name: "（デモ）石川 修", kana: "いしかわ おさむ", district: "okura", birthYear: 1948, stage: "interested", channel: null, daysAgo: 1, nextIn: null, wants: "hear" },
  { name: "（デモ）前田 直美", kana: "まえだ なおみ", district: "momozono", birthYear: 1968, stage: "contacted", channel: 2, daysAgo: 12, nextIn: -7, wants: "hear" },
];

const CONTACTED: readonly RecruitmentStage[] = ["contacted", "briefed", "helper_trial", "preparatory", "committee", "appointed"];

/** Returns how many accounts and organisations it added (the demo chair and their council), for the seed summary. */
export async function seedRecruitmentDemo(trx: Executor, options: { now: Date; passwordHash: string }): Promise<{ users: number; organisations: number }> {
  const { now } = options;
  const districts = await trx.selectFrom("districts").select(["id", "code", "name_ja"]).execute();
  const byCode = new Map(districts.map((d) => [d.code, d]));
  for (const [code, [seats, vacant]] of Object.entries(SEATS)) {
    const d = byCode.get(code);
    if (!d) continue;
    const serving = seats - vacant;
    await trx
      .insertInto("recruitment_areas")
      .values({
        district_id: d.id,
        name: `${d.name_ja}地区${ILLUSTRATIVE_AREA_SUFFIX}`,
        seats,
        serving,
        households: seats * 300,
        term_ends_on: "2028-11-30",
        intend_continue: Math.floor(serving * 0.6),
        intend_leave: Math.floor(serving * 0.2),
        intend_undecided: Math.floor(serving * 0.1),
      })
      .execute();
  }

  // The demo chair: a member of the 枝光 commissioners' council, which chairs 枝光.
  const edamitsu = byCode.get("edamitsu");
  const chair = await trx
    .insertInto("users")
    .values({ email: DEMO_CHAIR_EMAIL, email_verified_at: now, password_hash: options.passwordHash, display_name: "（デモ）松本 民子（枝光地区 会長）", name_kana: "まつもと たみこ", district_id: edamitsu?.id ?? null, locale: "ja", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const council = await trx
    .insertInto("organisations")
    .values({
      name: DEMO_CHAIR_ORGANISATION,
      name_kana: "えだみつちく みんせいいいんじどういいんきょうぎかい",
      kind: "social_welfare",
      district_id: edamitsu?.id ?? null,
      description: "枝光地区の民生委員・児童委員の協議会です（デモ）。",
      contact_name: "会長 松本",
      contact_email: "minjikyo-edamitsu@demo.tsunagu.example",
      status: "verified",
      status_changed_at: now,
      is_demo: true,
      created_by: chair.id,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx.insertInto("memberships").values({ organisation_id: council.id, user_id: chair.id, role: "owner", created_at: now }).execute();
  if (edamitsu) await trx.insertInto("recruitment_district_chairs").values({ district_id: edamitsu.id, organisation_id: council.id }).execute();

  const today = tokyoDateString(now);
  const campaign = await trx
    .insertInto("recruitment_campaigns")
    .values({
      name: "（デモ）2026年度 民生委員・児童委員 担い手募集",
      message: "となりの人を、となりで支える。話を聞くだけでも大丈夫です。",
      starts_on: tokyoDateString(new Date(now.getTime() - 100 * DAY)),
      ends_on: tokyoDateString(new Date(now.getTime() + 115 * DAY)),
      goal_seats: 5,
      goal_on: tokyoDateString(new Date(now.getTime() + 115 * DAY)),
      district_ids: ["edamitsu", "okura", "takami", "sarakura"].map((c) => byCode.get(c)?.id).filter((id): id is number => id !== undefined),
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const channels = await trx
    .insertInto("recruitment_channels")
    .values([
      { campaign_id: campaign.id, kind: "poster", label: "枝光南市民センターのポスター", code: "demoposter1", visits: 42 },
      { campaign_id: campaign.id, kind: "newsletter", label: "市政だより 八幡東区版", code: "demonews01", visits: 118 },
      { campaign_id: campaign.id, kind: "sns", label: "八幡東倶楽部 Instagram", code: "demoinsta1", visits: 67 },
      { campaign_id: campaign.id, kind: "talk", label: "九州国際大学での講話", code: "demotalk01", visits: 23 },
    ] as const)
    .returning("id")
    .execute();

  for (const [i, p] of PEOPLE.entries()) {
    const created = new Date(now.getTime() - p.daysAgo * DAY);
    const district = byCode.get(p.district);
    if (!district) continue;
    const channelId = p.channel === null ? null : channels[p.channel].id;
    const person = await trx
      .insertInto("recruitment_people")
      .values({
        name: p.name,
        name_kana: p.kana,
        district_id: district.id,
        birth_year: p.birthYear,
        phone: `093-000-${String(1100 + i).padStart(4, "0")}`,
        email: "",
        best_time: "平日の夕方",
        wants: p.wants,
        consent_text: CONSENT_TEXT.ja,
        consented_at: created,
        channel_id: channelId,
        campaign_id: channelId ? campaign.id : null,
        stage: p.stage,
        stage_changed_at: new Date(created.getTime() + 2 * DAY),
        next_action_on: p.nextIn === null ? null : tokyoDateString(new Date(now.getTime() + p.nextIn * DAY)),
        contacted_at: CONTACTED.includes(p.stage) ? new Date(created.getTime() + 2 * DAY) : null,
        withdraw_token_hash: hashToken(`demo-recruitment-${i}-${today}`),
        created_at: created,
        updated_at: created,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("recruitment_events").values({ person_id: person.id, at: created, from_stage: null, to_stage: "interested" }).execute();
    if (p.stage !== "interested") {
      await trx
        .insertInto("recruitment_events")
        .values({ person_id: person.id, at: new Date(created.getTime() + 2 * DAY), from_stage: "interested", to_stage: p.stage, note: "（デモ）電話で話しました。" })
        .execute();
    }
  }
  return { users: 1, organisations: 1 };
}
