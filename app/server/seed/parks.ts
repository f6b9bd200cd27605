import type { Executor } from "#db/client.server";
import { tokyoDateString } from "~/utils/format";

/**
 * Demo data of the park-care registry. The parks are named in the ward's sources, but every figure here (areas,
 * members, ages, activities) is illustrative, and parks and associations invented for the demo carry （デモ）.
 * The associations stand at different vitality: 桃園 active but every officer is 75 or older, 河内桜 healthy and a
 * model case with a supporter, 奥田川 paused with a shrinking membership and no activity for months, one park
 * without an association and one whose association dissolved.
 */
interface DemoPark {
  code: string;
  name: string;
  place?: string;
  district: string | null;
  address: string;
  lat: number;
  lng: number;
  area: number;
  facilities: string[];
  modelStory?: string;
  association?: {
    org?: string;
    name: string;
    status: "active" | "paused" | "dissolved";
    founded: string;
    bands: [number, number, number, number];
    officers: [number, number, number, number];
    meetingDay: string;
    meetingTime: string;
    activities: string;
    howToJoin: string;
    /** Members at the start of each of the last six 年度 (oldest first) and new members each year. */
    members: number[];
    newMembers: number[];
    /** Activity roughly every `every` days over two years, stopping `quietDays` before today. */
    every: number;
    quietDays: number;
  };
}

const PARKS: DemoPark[] = [
  {
    code: "DEMO-MOMOZONO",
    name: "桃園公園",
    place: "桃園公園",
    district: "momozono",
    address: "八幡東区桃園",
    lat: 33.857,
    lng: 130.801,
    area: 4_800,
    facilities: ["playground", "toilet", "bench", "flowerbed", "tool_shed"],
    association: {
      org: "（デモ）桃園公園愛護会",
      name: "（デモ）桃園公園愛護会",
      status: "active",
      founded: "1978-04-01",
      bands: [0, 2, 5, 7],
      officers: [0, 0, 0, 3],
      meetingDay: "毎月第2・第4日曜日",
      meetingTime: "8:00〜9:30",
      activities: "草取り、園内の清掃、花壇の植え替え、遊具の見回り",
      howToJoin: "活動日に公園の花壇前へお越しください。軍手は会で用意します。",
      members: [20, 19, 18, 17, 15, 14],
      newMembers: [1, 0, 1, 0, 0, 0],
      every: 14,
      quietDays: 10,
    },
  },
  {
    code: "DEMO-KAWACHI-SAKURA",
    name: "河内桜公園",
    place: "河内桜公園",
    district: "kawachi",
    address: "八幡東区河内",
    lat: 33.836,
    lng: 130.805,
    area: 6_200,
    facilities: ["toilet", "bench", "flowerbed", "parking"],
    modelStory:
      "（デモ）桜の季節の清掃を地元の高校の部活動と一緒に始めたところ、2年で会員が4人増えました。作業は1時間で終え、終わった後のお茶の時間に高校生と会員が話すことを続けています。",
    association: {
      org: "（デモ）河内桜公園愛護会",
      name: "（デモ）河内桜公園愛護会",
      status: "active",
      founded: "1992-04-01",
      bands: [4, 6, 5, 3],
      officers: [1, 2, 1, 0],
      meetingDay: "毎月第1土曜日",
      meetingTime: "9:00〜10:00",
      activities: "花壇づくり、園内の清掃、桜の季節の見回り",
      howToJoin: "下の募集から申し込むか、活動日に直接お越しください。",
      members: [14, 14, 15, 16, 17, 18],
      newMembers: [1, 2, 2, 2, 1, 2],
      every: 30,
      quietDays: 20,
    },
  },
  {
    code: "DEMO-OKUDAGAWA",
    name: "奥田川せせらぎ広場",
    place: "奥田川せせらぎ広場",
    district: null,
    address: "八幡東区",
    lat: 33.852,
    lng: 130.818,
    area: 900,
    facilities: ["bench", "water"],
    association: {
      name: "（デモ）奥田川せせらぎ広場愛護会",
      status: "paused",
      founded: "2001-04-01",
      bands: [0, 1, 2, 3],
      officers: [0, 0, 1, 1],
      meetingDay: "不定期",
      meetingTime: "",
      activities: "水辺の清掃と草取り",
      howToJoin: "",
      members: [11, 10, 9, 8, 7, 6],
      newMembers: [0, 0, 0, 0, 0, 0],
      every: 45,
      quietDays: 240,
    },
  },
  { code: "DEMO-HIGASHIDAI", name: "（デモ）東台ちびっこ公園", district: "chuo", address: "八幡東区中央（デモ）", lat: 33.861, lng: 130.822, area: 350, facilities: ["playground", "bench"] },
  {
    code: "DEMO-TSUKIDA",
    name: "（デモ）槻田ふれあい公園",
    district: "tsukida",
    address: "八幡東区槻田（デモ）",
    lat: 33.849,
    lng: 130.795,
    area: 1_500,
    facilities: ["playground", "toilet"],
    association: {
      name: "（デモ）槻田ふれあい公園愛護会",
      status: "dissolved",
      founded: "1985-04-01",
      bands: [0, 0, 1, 2],
      officers: [0, 0, 0, 1],
      meetingDay: "",
      meetingTime: "",
      activities: "",
      howToJoin: "",
      members: [8, 6, 5, 4, 3, 3],
      newMembers: [0, 0, 0, 0, 0, 0],
      every: 60,
      quietDays: 500,
    },
  },
];

const DAY = 86_400_000;
const KINDS = ["weeding", "cleaning", "weeding", "flowerbed", "inspection"] as const;

export async function seedParksDemo(trx: Executor, options: { now: Date }): Promise<number> {
  const today = tokyoDateString(options.now);
  const [y, m] = today.split("-").map(Number);
  const year = m >= 4 ? y : y - 1;
  const districts = await trx.selectFrom("districts").select(["id", "code"]).execute();
  for (const p of PARKS) {
    const districtId = p.district ? (districts.find((d) => d.code === p.district)?.id ?? null) : null;
    let placeId = p.place ? (await trx.selectFrom("places").select("id").where("name_ja", "=", p.place).executeTakeFirst())?.id : undefined;
    placeId ??= (await trx.insertInto("places").values({ kind: "park", name_ja: p.name, address: p.address, district_id: districtId, latitude: p.lat, longitude: p.lng, note: "デモ用の公園です。" }).returning("id").executeTakeFirstOrThrow()).id;
    const park = await trx
      .insertInto("parks")
      .values({ code: p.code, name: p.name, address: p.address, district_id: districtId, latitude: p.lat, longitude: p.lng, area_m2: p.area, facilities: p.facilities, place_id: placeId, model_case: !!p.modelStory, model_story: p.modelStory ?? "", is_demo: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    const a = p.association;
    if (!a) continue;
    const org = a.org ? await trx.selectFrom("organisations").select("id").where("name", "=", a.org).executeTakeFirst() : undefined;
    const [u40, m40, m65, m75] = a.bands;
    await trx
      .insertInto("park_associations")
      .values({
        park_id: park.id,
        organisation_id: org?.id ?? null,
        name: a.name,
        founded_on: a.founded,
        representative_name: "（デモ）代表者",
        representative_phone: "093-000-0199",
        status: a.status,
        member_count: u40 + m40 + m65 + m75,
        members_under_40: u40,
        members_40_64: m40,
        members_65_74: m65,
        members_75_plus: m75,
        officers_under_40: a.officers[0],
        officers_40_64: a.officers[1],
        officers_65_74: a.officers[2],
        officers_75_plus: a.officers[3],
        meeting_day: a.meetingDay,
        meeting_time: a.meetingTime,
        activities: a.activities,
        how_to_join: a.howToJoin,
      })
      .execute();
    await trx
      .insertInto("park_member_snapshots")
      .values(a.members.map((count, i) => ({ park_id: park.id, year: year - 5 + i, member_count: i === 5 ? u40 + m40 + m65 + m75 : count, new_members: a.newMembers[i], members_75_plus: Math.min(count, m75 + (5 - i)) })))
      .execute();
    const activities = [];
    for (let d = a.quietDays; d < 730; d += a.every) {
      const kind = KINDS[(d / a.every) % KINDS.length | 0];
      activities.push({ park_id: park.id, activity_date: tokyoDateString(new Date(options.now.getTime() - d * DAY)), kind, people: Math.max(2, Math.round((u40 + m40 + m65 + m75) * 0.6)), via_site: d % 3 === 0 ? 1 : 0, minutes: 90 });
    }
    if (activities.length) await trx.insertInto("park_activities").values(activities).execute();
    if (p.modelStory)
      await trx
        .insertInto("park_supporters")
        .values({ park_id: park.id, name: "（デモ）八幡東建設株式会社", kind: "company", offer: "年2回、社員が清掃に参加し、草刈り機の刃の防護カバーを貸し出します。", contact_name: "（デモ）総務課", contact_email: "csr@demo.tsunagu.example", status: "approved", decided_at: options.now })
        .execute();
  }
  return PARKS.length;
}
