/**
 * Demo data for つなぐ八幡東. Pure data, no I/O.
 *
 * Every organisation here is a demonstration (its name starts with 「（デモ）」 and it is stored with
 * is_demo = true). Real place names come from public sources; where an address or a position was not
 * available, the address names only the area and the place's note says that its position is approximate.
 */
import type { Updateable } from "kysely";
import type { MemberRole, OrganisationKind, PlaceKind, UserRole, UsersTable } from "#db/schema";

export interface CategorySeed {
  code: string;
  name_ja: string;
  name_en: string;
}

export interface DistrictSeed {
  code: string;
  name_ja: string;
  name_en: string;
  sort_order: number;
}

export interface PlaceSeed {
  key: string;
  kind: PlaceKind;
  name_ja: string;
  name_en: string;
  address: string;
  /** District code, or null where the area is not known. */
  district: string | null;
  latitude: number;
  longitude: number;
  note: string;
}

export interface OrganisationSeed {
  key: string;
  name: string;
  name_kana: string;
  kind: OrganisationKind;
  district: string | null;
  description: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  website?: string;
  status: "verified" | "pending";
}

export interface DemoAccountSeed {
  email: string;
  role: UserRole;
  display_name: string;
  name_kana: string;
  /** 'YYYY-MM-DD' or null. */
  birth_date: string | null;
  district: string | null;
  interests: string[];
  /** Staff and admin sign in with a second factor. */
  totp: boolean;
  memberships: { org: string; role: MemberRole }[];
}

export interface ShiftSeed {
  /** Days after the seed date (Asia/Tokyo calendar). */
  dayOffset: number;
  /** Asia/Tokyo wall-clock time, "HH:MM". */
  start: string;
  end: string;
  capacity: number;
}

export interface PostingSeed {
  org: string;
  title: string;
  description: string;
  category: string;
  tags: string[];
  district: string | null;
  /** Key of a place in PLACES; otherwise place_name / place_address / latitude / longitude. */
  place?: string;
  place_name?: string;
  place_address?: string;
  latitude?: number;
  longitude?: number;
  minimum_age: number | null;
  welcomes_minors: boolean;
  what_to_bring: string;
  /** Where confirmed people meet on the day (told only to them); none when not given. */
  meeting_point?: string;
  contact_name: string;
  /** Defaults to "published". */
  status?: "published" | "draft" | "closed";
  /** Defaults to "auto" (first come, first served). */
  application_mode?: "auto" | "review";
  shifts: ShiftSeed[];
}

export const DEMO_PASSWORD = "tsunagu-demo-2026";
/** Shared second-factor secret of the demo staff and admin accounts (base32, 32 characters). */
export const DEMO_TOTP_SECRET = "TSUNAGUYAHATAHIGASHIDEMOSTAFFKEY";

export const CATEGORIES: readonly CategorySeed[] = [
  { code: "cleanup", name_ja: "清掃・環境", name_en: "Clean-up & environment" },
  { code: "parks", name_ja: "公園・緑化", name_en: "Parks & greenery" },
  { code: "festival", name_ja: "祭り・イベント", name_en: "Festivals & events" },
  { code: "disaster", name_ja: "防災・防犯", name_en: "Disaster preparedness & safety" },
  { code: "children", name_ja: "子ども・学習支援", name_en: "Children & study support" },
  { code: "elderly", name_ja: "高齢者・見守り", name_en: "Older people & check-ins" },
  { code: "welfare", name_ja: "福祉", name_en: "Welfare" },
  { code: "international", name_ja: "国際交流", name_en: "International exchange" },
  { code: "civic_centre", name_ja: "市民センター", name_en: "Civic centres" },
  { code: "other", name_ja: "その他", name_en: "Other" },
];

export const DISTRICTS: readonly DistrictSeed[] = [
  { code: "chuo", name_ja: "中央", name_en: "Chuo", sort_order: 10 },
  { code: "yahata_station", name_ja: "八幡駅周辺", name_en: "Yahata Station area", sort_order: 20 },
  { code: "edamitsu", name_ja: "枝光", name_en: "Edamitsu", sort_order: 30 },
  { code: "sanno", name_ja: "山王", name_en: "Sanno", sort_order: 40 },
  { code: "kamihonmachi", name_ja: "上本町", name_en: "Kamihonmachi", sort_order: 50 },
  { code: "okura", name_ja: "大蔵", name_en: "Okura", sort_order: 60 },
  { code: "tsukida", name_ja: "槻田", name_en: "Tsukida", sort_order: 70 },
  { code: "hirano", name_ja: "平野", name_en: "Hirano", sort_order: 80 },
  { code: "kiyota", name_ja: "清田", name_en: "Kiyota", sort_order: 90 },
  { code: "iwaimachi", name_ja: "祝町", name_en: "Iwaimachi", sort_order: 100 },
  { code: "takami", name_ja: "高見", name_en: "Takami", sort_order: 110 },
  { code: "araoda", name_ja: "荒生田", name_en: "Araoda", sort_order: 120 },
  { code: "momozono", name_ja: "桃園", name_en: "Momozono", sort_order: 130 },
  { code: "kawachi", name_ja: "河内", name_en: "Kawachi", sort_order: 140 },
  { code: "sarakura", name_ja: "皿倉・帆柱", name_en: "Sarakura / Hobashira", sort_order: 150 },
];

const APPROX = "位置は概略（デモ）";

export const PLACES: readonly PlaceSeed[] = [
  // 市民センター
  {
    key: "cc_yahata_otani",
    kind: "civic_centre",
    name_ja: "八幡大谷市民センター",
    name_en: "Yahata Otani Civic Centre",
    address: "八幡東区",
    district: null,
    latitude: 33.861,
    longitude: 130.806,
    note: `住所・地区は未確認のため区で確認して入力してください。${APPROX}`,
  },
  {
    key: "cc_edamitsu_minami",
    kind: "civic_centre",
    name_ja: "枝光南市民センター",
    name_en: "Edamitsu-minami Civic Centre",
    address: "〒805-0019 八幡東区中央三丁目9-5",
    district: "chuo",
    latitude: 33.866,
    longitude: 130.808,
    note: `枝光第一地区（山王1〜4丁目、上本町1〜2丁目ほか）の拠点。${APPROX}`,
  },
  {
    key: "cc_demo_tsukida",
    kind: "civic_centre",
    name_ja: "（デモ）槻田市民センター",
    name_en: "(Demo) Tsukida Civic Centre",
    address: "八幡東区槻田",
    district: "tsukida",
    latitude: 33.855,
    longitude: 130.832,
    note: `デモ用の施設です。${APPROX}`,
  },
  {
    key: "cc_demo_okura",
    kind: "civic_centre",
    name_ja: "（デモ）大蔵市民センター",
    name_en: "(Demo) Okura Civic Centre",
    address: "八幡東区大蔵",
    district: "okura",
    latitude: 33.859,
    longitude: 130.825,
    note: `デモ用の施設です。${APPROX}`,
  },
  {
    key: "cc_demo_kawachi",
    kind: "civic_centre",
    name_ja: "（デモ）河内市民センター",
    name_en: "(Demo) Kawachi Civic Centre",
    address: "八幡東区河内",
    district: "kawachi",
    latitude: 33.838,
    longitude: 130.807,
    note: `デモ用の施設です。${APPROX}`,
  },
  // 公園
  {
    key: "park_kawachi_sakura",
    kind: "park",
    name_ja: "河内桜公園",
    name_en: "Kawachi Sakura Park",
    address: "八幡東区河内",
    district: "kawachi",
    latitude: 33.836,
    longitude: 130.805,
    note: APPROX,
  },
  {
    key: "park_momozono",
    kind: "park",
    name_ja: "桃園公園",
    name_en: "Momozono Park",
    address: "八幡東区桃園",
    district: "momozono",
    latitude: 33.857,
    longitude: 130.801,
    note: `地域の拠点となる公園。${APPROX}`,
  },
  {
    key: "park_okudagawa",
    kind: "park",
    name_ja: "奥田川せせらぎ広場",
    name_en: "Okudagawa Seseragi Plaza",
    address: "八幡東区",
    district: null,
    latitude: 33.852,
    longitude: 130.818,
    note: `地区は未確認。${APPROX}`,
  },
  {
    key: "park_hobashira",
    kind: "park",
    name_ja: "帆柱自然公園（皿倉山）",
    name_en: "Hobashira Nature Park (Mt. Sarakura)",
    address: "八幡東区（皿倉山）",
    district: "sarakura",
    latitude: 33.856,
    longitude: 130.811,
    note: `北九州国定公園の一部。夜景で知られる。${APPROX}`,
  },
  {
    key: "park_chuo",
    kind: "park",
    name_ja: "中央公園",
    name_en: "Chuo Park",
    address: "八幡東区（小倉北区・戸畑区にまたがる）",
    district: null,
    latitude: 33.874,
    longitude: 130.836,
    note: `小倉北区・戸畑区・八幡東区にまたがる公園。${APPROX}`,
  },
  {
    key: "park_kawachi_reservoir",
    kind: "park",
    name_ja: "河内貯水池周辺",
    name_en: "Around Kawachi Reservoir",
    address: "八幡東区河内",
    district: "kawachi",
    latitude: 33.83,
    longitude: 130.81,
    note: `近くに南河内橋（国の重要文化財）がある。${APPROX}`,
  },
  // 学校
  {
    key: "school_kiu_hs",
    kind: "school",
    name_ja: "九州国際大学付属中学校・高等学校",
    name_en: "Kyushu International University Junior & Senior High School",
    address: "八幡東区枝光五丁目9-1",
    district: "edamitsu",
    latitude: 33.877,
    longitude: 130.82,
    note: APPROX,
  },
  {
    key: "school_yahata_hs",
    kind: "school",
    name_ja: "福岡県立八幡高等学校",
    name_en: "Fukuoka Prefectural Yahata High School",
    address: "八幡東区清田",
    district: "kiyota",
    latitude: 33.868,
    longitude: 130.824,
    note: APPROX,
  },
  {
    key: "school_kiu",
    kind: "school",
    name_ja: "九州国際大学",
    name_en: "Kyushu International University",
    address: "八幡東区平野",
    district: "hirano",
    latitude: 33.862,
    longitude: 130.815,
    note: APPROX,
  },
  {
    key: "school_yahata_es",
    kind: "school",
    name_ja: "八幡小学校",
    name_en: "Yahata Elementary School",
    address: "八幡東区中央三丁目9-1",
    district: "chuo",
    latitude: 33.8665,
    longitude: 130.8075,
    note: APPROX,
  },
  {
    key: "school_kawachi_es",
    kind: "school",
    name_ja: "河内小学校",
    name_en: "Kawachi Elementary School",
    address: "八幡東区河内一丁目7-2",
    district: "kawachi",
    latitude: 33.84,
    longitude: 130.806,
    note: APPROX,
  },
  // その他
  {
    key: "ward_office",
    kind: "other",
    name_ja: "八幡東区役所",
    name_en: "Yahatahigashi Ward Office",
    address: "〒805-8510 八幡東区中央一丁目1番1号",
    district: "chuo",
    latitude: 33.865,
    longitude: 130.81,
    note: APPROX,
  },
];

/** Every demo account's address is in this domain (and every demo organisation is stored with is_demo). */
export const DEMO_EMAIL_DOMAIN = "demo.tsunagu.example";
const demoEmail = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

export const ORGANISATIONS: readonly OrganisationSeed[] = [
  {
    key: "momozono_park",
    name: "（デモ）桃園公園愛護会",
    name_kana: "ももぞのこうえんあいごかい",
    kind: "park_care_association",
    district: "momozono",
    description:
      "桃園公園の清掃、草取り、花壇の手入れを続けている公園愛護会です。会員の高齢化が進んでいるため、学生や子育て世代の新しい仲間を募集しています。短時間の参加も歓迎します。",
    contact_name: "田中 一郎",
    contact_email: demoEmail("momozono-park"),
    contact_phone: "093-000-0101",
    status: "verified",
  },
  {
    key: "kawachi_park",
    name: "（デモ）河内桜公園愛護会",
    name_kana: "かわちさくらこうえんあいごかい",
    kind: "park_care_association",
    district: "kawachi",
    description:
      "河内桜公園の花壇づくりと園内の清掃をしている愛護会です。地域の住民が中心ですが、親子や学生の参加も増えてきました。作業の後のお茶の時間も楽しみのひとつです。",
    contact_name: "井上 和子",
    contact_email: demoEmail("kawachi-park"),
    contact_phone: "093-000-0102",
    status: "verified",
  },
  {
    key: "okudagawa_park",
    name: "（デモ）奥田川せせらぎ広場愛護会",
    name_kana: "おくだがわせせらぎひろばあいごかい",
    kind: "park_care_association",
    district: null,
    description:
      "奥田川せせらぎ広場の清掃と草取りを行うため、近隣の有志で立ち上げを準備している会です。登録の確認が済みしだい、活動日をお知らせします。",
    contact_name: "木村 正",
    contact_email: demoEmail("okudagawa-park"),
    contact_phone: "093-000-0103",
    status: "pending",
  },
  {
    key: "edamitsu1_council",
    name: "（デモ）枝光第一地区まちづくり協議会",
    name_kana: "えだみつだいいちちくまちづくりきょうぎかい",
    kind: "machizukuri_council",
    district: "sanno",
    description:
      "山王・上本町などを区域とする枝光第一地区のまちづくり協議会です。枝光南市民センターを拠点に、防災訓練、ふれあい祭り、高齢者の見守りなどに取り組んでいます。",
    contact_name: "田中 一郎",
    contact_email: demoEmail("edamitsu1"),
    contact_phone: "093-000-0201",
    status: "verified",
  },
  {
    key: "tsukida2_council",
    name: "（デモ）槻田第二地区まちづくり協議会",
    name_kana: "つきただいにちくまちづくりきょうぎかい",
    kind: "machizukuri_council",
    district: "tsukida",
    description:
      "槻田第二地区のまちづくり協議会です。地域の行事「ミヤフェス」をはじめ、大学生と地域が一緒に取り組む活動を広げています。",
    contact_name: "松本 恵",
    contact_email: demoEmail("tsukida2"),
    contact_phone: "093-000-0202",
    status: "verified",
  },
  {
    key: "okura_assoc",
    name: "（デモ）大蔵地区自治会連合会",
    name_kana: "おおくらちくじちかいれんごうかい",
    kind: "neighbourhood_association",
    district: "okura",
    description:
      "大蔵地区の自治会の連合会です。一斉清掃や防犯パトロール、子ども向けの行事「おおくらっ子」などを行っています。",
    contact_name: "林 勝",
    contact_email: demoEmail("okura"),
    contact_phone: "093-000-0301",
    status: "verified",
  },
  {
    key: "takami_assoc",
    name: "（デモ）高見地区町内会",
    name_kana: "たかみちくちょうないかい",
    kind: "neighbourhood_association",
    district: "takami",
    description:
      "高見地区の町内会です。地域の清掃や見守りの担い手を、学生のみなさんとつながって増やしたいと考えています。",
    contact_name: "清水 幸子",
    contact_email: demoEmail("takami"),
    contact_phone: "093-000-0302",
    status: "pending",
  },
  {
    key: "edamitsu_minami_cc",
    name: "（デモ）枝光南市民センター",
    name_kana: "えだみつみなみしみんせんたー",
    kind: "civic_centre",
    district: "chuo",
    description:
      "地域の活動拠点である市民センターです。ボランティアコーナーの運営や講座、子ども向けの行事を行っています。センターの活動を一緒に支えてくださる方を募集しています。",
    contact_name: "中村 由美",
    contact_email: demoEmail("edamitsu-minami-cc"),
    contact_phone: "093-000-0401",
    status: "verified",
  },
  {
    key: "kiu_hs",
    name: "（デモ）九州国際大学付属高等学校 ボランティア部",
    name_kana: "きゅうしゅうこくさいだいがくふぞくこうとうがっこう ぼらんてぃあぶ",
    kind: "high_school",
    district: "edamitsu",
    description:
      "地域の清掃や防災の活動に参加している高校のボランティア部です。他校の生徒や地域の方と一緒に取り組む企画も行っています。",
    contact_name: "顧問 岡田",
    contact_email: demoEmail("kiu-hs"),
    contact_phone: "093-000-0501",
    status: "verified",
  },
  {
    key: "yahata_hs",
    name: "（デモ）八幡高等学校 生徒会ボランティア委員会",
    name_kana: "やはたこうとうがっこう せいとかいぼらんてぃあいいんかい",
    kind: "high_school",
    district: "kiyota",
    description:
      "生徒会のボランティア委員会です。通学路の清掃や地域行事の手伝いを通じて、地域とのつながりを深めています。",
    contact_name: "顧問 石井",
    contact_email: demoEmail("yahata-hs"),
    contact_phone: "093-000-0502",
    status: "verified",
  },
  {
    key: "kiu",
    name: "（デモ）九州国際大学 地域連携ボランティア",
    name_kana: "きゅうしゅうこくさいだいがく ちいきれんけいぼらんてぃあ",
    kind: "university",
    district: "hirano",
    description:
      "学生が地域のまちづくりや福祉、防災の活動に参加するための窓口です。区内の地区と連携したフィールドワークや、地域の方も参加できる企画を行っています。",
    contact_name: "地域連携担当 森",
    contact_email: demoEmail("kiu"),
    contact_phone: "093-000-0601",
    status: "verified",
  },
  {
    key: "kodomo_npo",
    name: "（デモ）NPO法人 八幡東こどもの居場所ネット",
    name_kana: "やはたひがしこどものいばしょねっと",
    kind: "npo",
    district: "chuo",
    description:
      "子ども食堂や学習支援を通じて、子どもたちが安心して過ごせる居場所をつくっているNPOです。子どもと関わるボランティアには、事前の説明会への参加をお願いしています。",
    contact_name: "小川 直美",
    contact_email: demoEmail("kodomo"),
    contact_phone: "093-000-0701",
    website: "https://example.org/kodomo-ibasho",
    status: "verified",
  },
  {
    key: "intl_npo",
    name: "（デモ）八幡東 国際交流サロン",
    name_kana: "やはたひがし こくさいこうりゅうさろん",
    kind: "npo",
    district: "yahata_station",
    description:
      "外国出身の住民や留学生と地域の人が気軽に集まれるサロンを開いています。日本語の会話練習や、やさしい日本語での情報づくりに取り組んでいます。",
    contact_name: "ブラウン 絵美",
    contact_email: demoEmail("intl"),
    contact_phone: "093-000-0702",
    website: "https://example.org/yahata-intl",
    status: "verified",
  },
  {
    key: "shakyo",
    name: "（デモ）社会福祉協議会 八幡東区ボランティア窓口",
    name_kana: "しゃかいふくしきょうぎかい やはたひがしくぼらんてぃあまどぐち",
    kind: "social_welfare",
    district: "chuo",
    description:
      "福祉ボランティアの相談や、ボランティア活動保険の案内をしている窓口です。見守り活動や福祉施設での活動など、地域の福祉を支えるボランティアをつないでいます。",
    contact_name: "福祉担当 西村",
    contact_email: demoEmail("shakyo"),
    contact_phone: "093-000-0801",
    status: "verified",
  },
  {
    key: "ward",
    name: "（デモ）八幡東区役所 地域づくり担当",
    name_kana: "やはたひがしくやくしょ ちいきづくりたんとう",
    kind: "ward_office",
    district: "chuo",
    description:
      "区役所で地域活動や防災の取り組みを担当しています。区内の清掃活動や避難所開設訓練など、地域と一緒に行う事業のボランティアを募集します。",
    contact_name: "区役所 担当 鈴木",
    contact_email: demoEmail("ward"),
    contact_phone: "093-000-0901",
    status: "verified",
  },
];

export const DEMO_ACCOUNTS: readonly DemoAccountSeed[] = [
  {
    email: "student@demo.tsunagu.example",
    role: "volunteer",
    display_name: "山田 花子",
    name_kana: "やまだ はなこ",
    birth_date: "2005-05-10",
    district: "hirano",
    interests: ["parks", "festival"],
    totp: false,
    memberships: [],
  },
  {
    email: "highschool@demo.tsunagu.example",
    role: "volunteer",
    display_name: "佐藤 翔太",
    name_kana: "さとう しょうた",
    birth_date: "2010-01-15",
    district: "edamitsu",
    interests: ["cleanup", "children"],
    totp: false,
    memberships: [],
  },
  {
    email: "owner@demo.tsunagu.example",
    role: "volunteer",
    display_name: "田中 一郎",
    name_kana: "たなか いちろう",
    birth_date: "1962-09-14",
    district: "momozono",
    interests: ["parks", "disaster"],
    totp: false,
    memberships: [
      { org: "momozono_park", role: "owner" },
      { org: "edamitsu1_council", role: "owner" },
    ],
  },
  {
    email: "editor@demo.tsunagu.example",
    role: "volunteer",
    display_name: "中村 由美",
    name_kana: "なかむら ゆみ",
    birth_date: "1979-03-02",
    district: "chuo",
    interests: ["civic_centre", "children"],
    totp: false,
    memberships: [{ org: "edamitsu_minami_cc", role: "editor" }],
  },
  {
    email: "coordinator@demo.tsunagu.example",
    role: "volunteer",
    display_name: "岡田 真理",
    name_kana: "おかだ まり",
    birth_date: null,
    district: "edamitsu",
    interests: [],
    totp: false,
    memberships: [{ org: "kiu_hs", role: "owner" }],
  },
  {
    email: "staff@demo.tsunagu.example",
    role: "staff",
    display_name: "鈴木 健",
    name_kana: "すずき けん",
    birth_date: null,
    district: null,
    interests: [],
    totp: true,
    memberships: [],
  },
  {
    email: "admin@demo.tsunagu.example",
    role: "admin",
    display_name: "管理者",
    name_kana: "かんりしゃ",
    birth_date: null,
    district: null,
    interests: [],
    totp: true,
    memberships: [],
  },
];

/** The volunteer side of the demo accounts' profiles (skills, availability, invitations). */
export const DEMO_VOLUNTEER_PROFILES: Record<string, Partial<Pick<Updateable<UsersTable>, "volunteer_type" | "school_name" | "skills" | "availability" | "languages" | "open_to_invitations">>> = {
  "student@demo.tsunagu.example": {
    volunteer_type: "university",
    school_name: "（デモ）北九州の大学",
    skills: ["mowing", "children", "english"],
    availability: ["weekend_morning", "weekend_afternoon", "weekday_evening"],
    languages: ["ja", "en"],
    open_to_invitations: true,
  },
  "highschool@demo.tsunagu.example": {
    volunteer_type: "high_school",
    school_name: "（デモ）八幡東の高校",
    skills: ["children", "computer"],
    availability: ["weekend_morning"],
    languages: ["ja"],
    open_to_invitations: false,
  },
};

const GLOVES = "軍手・帽子・飲み物・タオル";

export const POSTING_TEMPLATES: readonly PostingSeed[] = [
  // ───────────── 公園・緑化 ─────────────
  {
    org: "momozono_park",
    title: "桃園公園 花壇の植え替えと草取り",
    description: [
      "桃園公園愛護会では、公園の花壇の植え替えと、園路まわりの草取りを行います。季節の花の苗を植えるので、土いじりが好きな方にぴったりです。",
      "作業は会員が一緒に行い、道具の使い方もその場で説明します。草刈機（刈払機）は大人の会員だけが扱い、学生のみなさんには手作業の草取りと花壇の作業をお願いします。",
      "雨天の場合は中止し、前日までに登録したメールでお知らせします。",
    ].join("\n\n"),
    category: "parks",
    tags: ["花壇", "草取り", "初心者歓迎", "高校生歓迎"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    meeting_point: "桃園公園 管理棟（トイレ横）の前。道具と苗はここでお渡しします。",
    contact_name: "田中",
    shifts: [
      { dayOffset: 3, start: "09:00", end: "11:00", capacity: 12 },
      { dayOffset: 17, start: "09:00", end: "11:00", capacity: 12 },
    ],
  },
  {
    org: "momozono_park",
    title: "桃園公園 朝の1時間ごみ拾い（親子・学生歓迎）",
    description: [
      "通学・出勤前の1時間、桃園公園の園路や広場のごみ拾いをします。トングとごみ袋は愛護会で用意します。",
      "途中参加・途中退出もかまいません。小学生のお子さんは保護者と一緒にご参加ください。",
    ].join("\n\n"),
    meeting_point: "桃園公園 南側入口の時計台の前（桃園二丁目バス停から徒歩2分）",
    category: "parks",
    tags: ["ごみ拾い", "親子歓迎", "短時間"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物",
    contact_name: "田中",
    shifts: [
      { dayOffset: 6, start: "07:30", end: "08:30", capacity: 15 },
      { dayOffset: 20, start: "07:30", end: "08:30", capacity: 15 },
      { dayOffset: 34, start: "07:30", end: "08:30", capacity: 15 },
    ],
  },
  {
    org: "kawachi_park",
    title: "河内桜公園 花壇づくりと桜の木のまわりの草取り",
    description: [
      "河内桜公園愛護会は、地域の住民を中心に公園の清掃や花壇の手入れを続けてきました。会員の高齢化が進み、若い世代の力を貸していただける方を募集しています。",
      "当日は花壇の植え付けと、桜の木の根元まわりの草取りをお願いします。刈払機を使う作業は大人の会員が、周囲に人がいないことを確かめてから行います。学生のみなさんは手作業だけですので安心してご参加ください。",
      "作業のあとに、愛護会の活動について少しお話しする時間があります。雨天中止です。",
    ].join("\n\n"),
    category: "parks",
    tags: ["花壇", "草取り", "高校生歓迎", "雨天中止"],
    district: "kawachi",
    place: "park_kawachi_sakura",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "井上",
    shifts: [
      { dayOffset: 5, start: "09:00", end: "11:30", capacity: 10 },
      { dayOffset: 26, start: "09:00", end: "11:30", capacity: 10 },
    ],
  },
  {
    org: "kawachi_park",
    title: "河内桜公園 落ち葉はきと園路の清掃",
    description: [
      "園路やベンチのまわりにたまった落ち葉を集めて、公園を歩きやすくする作業です。ほうきと熊手、ごみ袋は愛護会で用意します。",
      "力仕事は少なく、はじめての方でも大丈夫です。集めた落ち葉は、会員が決められた方法で片付けます。",
      "小雨の場合は実施し、大雨や強風の場合は中止します。",
    ].join("\n\n"),
    category: "parks",
    tags: ["落ち葉はき", "清掃", "初心者歓迎"],
    district: "kawachi",
    place: "park_kawachi_sakura",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "井上",
    shifts: [
      { dayOffset: 12, start: "09:00", end: "11:00", capacity: 10 },
      { dayOffset: 40, start: "09:00", end: "11:00", capacity: 10 },
    ],
  },
  {
    org: "kiu",
    title: "公園愛護会の担い手体験プログラム（大学生向け）",
    description: [
      "公園愛護会は、地域の公園を住民の手で守ってきた仕組みです。一方で会員の高齢化が進み、活動を休止する会も出てきています。",
      "このプログラムでは、大学生が愛護会の活動に半日参加し、草取りや花壇の手入れを体験します。そのあと会員のみなさんと「若い世代が参加しやすい愛護会」について意見交換をします。",
      "いただいた意見は、今後の活動づくりの参考にします。詳しくは https://example.org/kiu-park-program をご覧ください。",
    ].join("\n\n"),
    category: "parks",
    tags: ["大学生歓迎", "公園愛護会", "体験"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: GLOVES,
    contact_name: "森",
    shifts: [{ dayOffset: 13, start: "13:00", end: "16:00", capacity: 8 }],
  },
  {
    org: "tsukida2_council",
    title: "槻田地区 公園清掃デー（草取り・ごみ拾い）",
    description: [
      "地区内の街区公園を、みんなで一斉にきれいにする日です。集合は（デモ）槻田市民センターで、班に分かれて近くの公園に向かいます。",
      "作業は草取りとごみ拾いが中心です。刈払機は大人の担当者のみが使い、使用中はその周囲に近づかないようにご案内します。",
      "家族での参加も歓迎します。終了後に飲み物をお配りします。",
    ].join("\n\n"),
    category: "parks",
    tags: ["草取り", "ごみ拾い", "家族参加OK", "高校生歓迎"],
    district: "tsukida",
    place: "cc_demo_tsukida",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "松本",
    shifts: [{ dayOffset: 7, start: "08:30", end: "10:30", capacity: 20 }],
  },
  {
    org: "edamitsu1_council",
    title: "山王地区の公園 草取りと花の水やり",
    description: [
      "山王地区の小さな公園で、草取りと花壇の水やりをします。ご近所の方が少人数で続けてきた活動に、新しい仲間として加わってみませんか。",
      "1時間ほどの作業で、道具は協議会で用意します。高校生の方も歓迎します。",
      "場所は山王一丁目付近です。",
    ].join("\n\n"),
    meeting_point: "山王一丁目公民館の前。道具はここでお渡しします。",
    category: "parks",
    tags: ["草取り", "水やり", "短時間", "高校生歓迎"],
    district: "sanno",
    place_name: "山王一丁目付近の公園",
    place_address: "八幡東区山王一丁目付近（概略）",
    latitude: 33.87,
    longitude: 130.816,
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "田中",
    shifts: [
      { dayOffset: 4, start: "16:00", end: "17:00", capacity: 6 },
      { dayOffset: 18, start: "16:00", end: "17:00", capacity: 6 },
    ],
  },
  {
    org: "kiu_hs",
    title: "中央公園 公園応援団として花壇の手入れ（中高生歓迎）",
    description: [
      "ボランティア部では、北九州市の公園応援団の取り組みにならって、中央公園の花壇の手入れを計画しています。他校の生徒や地域の方も一緒に参加できます。",
      "作業は花がら摘み、草取り、ごみ拾いです。引率の教員と地域の大人が同行します。",
      "18歳未満の方は、保護者の同意書を当日お持ちください。",
    ].join("\n\n"),
    category: "parks",
    tags: ["公園応援団", "花壇", "中高生歓迎"],
    district: null,
    place: "park_chuo",
    minimum_age: 12,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "岡田",
    shifts: [{ dayOffset: 19, start: "13:30", end: "15:30", capacity: 15 }],
  },

  // ───────────── 清掃・環境 ─────────────
  {
    org: "ward",
    title: "皿倉山 登山道の清掃ハイク",
    description: [
      "皿倉山の登山道を歩きながら、ごみを拾う清掃ハイクです。景色を楽しみながら、ふだん目の届きにくい場所のごみを一緒に集めましょう。",
      "山道を歩くため、歩きやすい靴と長袖・長ズボンでご参加ください。中学生以上が対象で、18歳未満の方は保護者の同意書が必要です。",
      "天候によってはコースを短くするか中止します。中止の場合は前日18時までにお知らせします。",
    ].join("\n\n"),
    category: "cleanup",
    tags: ["皿倉山", "清掃", "山歩き", "雨天中止"],
    district: "sarakura",
    place: "park_hobashira",
    minimum_age: 12,
    welcomes_minors: true,
    what_to_bring: "軍手・帽子・飲み物・タオル・雨具・歩きやすい靴",
    contact_name: "鈴木",
    shifts: [
      { dayOffset: 14, start: "09:00", end: "12:00", capacity: 25 },
      { dayOffset: 42, start: "09:00", end: "12:00", capacity: 25 },
    ],
  },
  {
    org: "okura_assoc",
    title: "大蔵地区 一斉清掃（側溝・歩道のごみ拾い）",
    description: [
      "大蔵地区の自治会が合同で行う一斉清掃です。歩道のごみ拾いと、側溝のまわりの落ち葉や土砂の片付けをします。",
      "側溝のふたを開ける作業は大人が行います。学生のみなさんにはごみ拾いと分別をお願いします。",
      "雨天の場合は中止します。集合は（デモ）大蔵市民センターです。",
    ].join("\n\n"),
    category: "cleanup",
    tags: ["一斉清掃", "ごみ拾い", "初心者歓迎", "雨天中止"],
    district: "okura",
    place: "cc_demo_okura",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "林",
    shifts: [{ dayOffset: 10, start: "08:00", end: "10:00", capacity: 40 }],
  },
  {
    org: "kiu",
    title: "河内貯水池周辺の清掃と南河内橋の見学",
    description: [
      "河内貯水池のまわりの遊歩道で、ごみ拾いをします。大学生が中心となって企画し、地域の方や高校生にも参加を呼びかけています。",
      "清掃のあとは、国の重要文化財である南河内橋の近くまで歩き、その歴史について学びます。",
      "水辺に近い場所では、必ずスタッフの指示に従ってください。15歳以上が対象です。",
    ].join("\n\n"),
    category: "cleanup",
    tags: ["清掃", "自然", "南河内橋"],
    district: "kawachi",
    place: "park_kawachi_reservoir",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "軍手・帽子・飲み物・タオル・歩きやすい靴",
    contact_name: "森",
    shifts: [{ dayOffset: 21, start: "09:30", end: "12:00", capacity: 20 }],
  },
  {
    org: "edamitsu_minami_cc",
    title: "市民センター周辺と通学路のごみ拾い",
    description: [
      "市民センターのまわりと、近くの通学路のごみ拾いをします。夕方の1時間ほどの活動です。",
      "トング、ごみ袋、ビブスはセンターで用意します。高校生の方も歓迎します。",
      "終わったあとは、センターのボランティアコーナーで活動の記録を書いていただきます。",
    ].join("\n\n"),
    category: "cleanup",
    tags: ["ごみ拾い", "短時間", "高校生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "軍手・飲み物",
    contact_name: "中村",
    shifts: [
      { dayOffset: 4, start: "16:00", end: "17:00", capacity: 15 },
      { dayOffset: 25, start: "16:00", end: "17:00", capacity: 15 },
    ],
  },
  {
    org: "yahata_hs",
    title: "清田地区 通学路クリーン作戦（地域の方も歓迎）",
    description: [
      "生徒会ボランティア委員会が、登校前に学校周辺の通学路のごみ拾いをします。地域のみなさんも、ぜひ一緒に歩いてください。",
      "40分ほどの活動です。ごみ袋は委員会で用意し、集めたごみは学校でまとめて処理します。",
    ].join("\n\n"),
    category: "cleanup",
    tags: ["ごみ拾い", "通学路", "短時間"],
    district: "kiyota",
    place: "school_yahata_hs",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "軍手",
    contact_name: "石井",
    shifts: [
      { dayOffset: 11, start: "07:40", end: "08:20", capacity: 30 },
      { dayOffset: 32, start: "07:40", end: "08:20", capacity: 30 },
    ],
  },
  {
    org: "intl_npo",
    title: "八幡駅前 ごみ拾いウォーク（留学生と一緒に）",
    description: [
      "留学生や外国出身の住民と一緒に、八幡駅のまわりを歩きながらごみ拾いをします。会話はやさしい日本語が中心で、英語が話せるスタッフもいます。",
      "はじめての方、一人での参加も歓迎します。最後に駅の近くで感想を話す時間があります。",
    ].join("\n\n"),
    meeting_point: "JR八幡駅 改札を出た正面のロータリー側（「ごみ拾いウォーク」の旗が目印です）",
    category: "cleanup",
    tags: ["ごみ拾い", "国際交流", "一人参加OK"],
    district: "yahata_station",
    place_name: "JR八幡駅周辺",
    place_address: "八幡東区 JR八幡駅付近（概略）",
    latitude: 33.863,
    longitude: 130.797,
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "軍手・飲み物",
    contact_name: "ブラウン",
    shifts: [{ dayOffset: 16, start: "10:00", end: "11:30", capacity: 20 }],
  },

  // ───────────── 祭り・イベント ─────────────
  {
    org: "tsukida2_council",
    title: "ミヤフェス 会場設営・運営スタッフ",
    description: [
      "槻田第二地区の行事「ミヤフェス」の会場設営と当日の運営を手伝ってくださる方を募集します。テントやいすの設営、受付、ごみステーションの案内などをお願いします。",
      "午前・午後・片付けの回に分かれていますので、都合のよい回を選んでください。高校生は大人のスタッフと同じ班で活動します。",
      "詳しくは https://example.org/miyafes をご覧ください。",
    ].join("\n\n"),
    meeting_point: "槻田市民センター 1階ロビーの受付（スタッフ用の名札をお渡しします）",
    category: "festival",
    tags: ["ミヤフェス", "設営", "高校生歓迎", "大学生歓迎"],
    district: "tsukida",
    place_name: "槻田第二地区内の会場（詳細は登録後にお知らせ）",
    place_address: "八幡東区槻田（概略）",
    latitude: 33.854,
    longitude: 130.833,
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物・タオル",
    contact_name: "松本",
    shifts: [
      { dayOffset: 22, start: "09:00", end: "12:00", capacity: 15 },
      { dayOffset: 22, start: "13:00", end: "17:00", capacity: 20 },
      { dayOffset: 23, start: "09:00", end: "11:00", capacity: 10 },
    ],
  },
  {
    org: "okura_assoc",
    title: "おおくらっ子 当日運営のお手伝い",
    description: [
      "地域の子どもたちが集まる行事「おおくらっ子」の当日運営をお手伝いいただける方を募集します。受付、ゲームコーナーの進行、片付けが主な内容です。",
      "子どもと関わる活動のため、当日の朝に注意事項の説明があります。子どもと二人きりにならないよう、必ず複数のスタッフで担当します。",
      "15歳以上の方が対象です。18歳未満の方は保護者の同意書をお持ちください。",
    ].join("\n\n"),
    category: "festival",
    tags: ["おおくらっ子", "子ども", "高校生歓迎"],
    district: "okura",
    place: "cc_demo_okura",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "飲み物・上履き",
    contact_name: "林",
    shifts: [{ dayOffset: 27, start: "09:30", end: "15:00", capacity: 12 }],
  },
  {
    org: "edamitsu1_council",
    title: "地区ふれあい祭り 模擬店・受付スタッフ",
    description: [
      "枝光第一地区のふれあい祭りで、模擬店の販売補助と受付をお願いします。地域の方と話しながら、祭りを一緒に盛り上げてください。",
      "食品を扱う模擬店では、衛生のための手順をその場で説明します。午前と午後の2つの回があります。",
      "高校生、大学生の参加を歓迎します。",
    ].join("\n\n"),
    category: "festival",
    tags: ["祭り", "模擬店", "高校生歓迎", "大学生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "エプロン・三角巾・飲み物",
    contact_name: "田中",
    shifts: [
      { dayOffset: 36, start: "10:00", end: "13:00", capacity: 10 },
      { dayOffset: 36, start: "13:00", end: "16:00", capacity: 10 },
    ],
  },
  {
    org: "ward",
    title: "皿倉山 夜景イベントの誘導スタッフ（18歳以上）",
    description: [
      "皿倉山で開く夜景イベントで、来場者の誘導と案内をお願いします。夜間の屋外での活動のため、18歳以上の方が対象です。",
      "懐中電灯と反射ベストは区で用意します。山の上は冷えますので、暖かい服装でお越しください。",
      "終了後は、集合場所まで全員で移動して解散します。",
    ].join("\n\n"),
    category: "festival",
    tags: ["皿倉山", "夜景", "誘導", "18歳以上"],
    district: "sarakura",
    place: "park_hobashira",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: "防寒着・飲み物・歩きやすい靴",
    contact_name: "鈴木",
    shifts: [{ dayOffset: 30, start: "17:00", end: "21:30", capacity: 12 }],
  },
  {
    org: "kiu",
    title: "八幡駅周辺まちあるきイベント 受付・案内",
    description: [
      "大学生が企画した、八幡駅周辺のまちあるきイベントの受付とコース案内をお願いします。地域の方にまちの魅力を紹介する催しです。",
      "当日は2人1組でチェックポイントに立ち、参加者に次の道順を案内します。",
      "16歳以上の方が対象です。詳しくは https://example.org/yahata-walk をご覧ください。",
    ].join("\n\n"),
    category: "festival",
    tags: ["まちあるき", "受付", "大学生歓迎"],
    district: "yahata_station",
    place_name: "JR八幡駅周辺",
    place_address: "八幡東区 JR八幡駅付近（概略）",
    latitude: 33.863,
    longitude: 130.797,
    minimum_age: 16,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物・歩きやすい靴",
    contact_name: "森",
    shifts: [{ dayOffset: 33, start: "10:00", end: "15:00", capacity: 10 }],
  },
  {
    org: "tsukida2_council",
    title: "地区ふれあい運動会 用具係・受付",
    description: [
      "地区のふれあい運動会で、競技用具の準備と受付をお手伝いください。子どもから高齢の方まで、たくさんの住民が参加する行事です。",
      "用具の出し入れは重いものもあるため、2人以上で運びます。熱中症を防ぐため、休憩の時間をこまめにとります。",
      "雨天の場合は中止し、当日朝7時までにメールでお知らせします。",
    ].join("\n\n"),
    category: "festival",
    tags: ["運動会", "受付", "雨天中止"],
    district: "tsukida",
    place: "cc_demo_tsukida",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物・タオル・運動靴",
    contact_name: "松本",
    shifts: [{ dayOffset: 48, start: "08:00", end: "12:00", capacity: 15 }],
  },

  // ───────────── 防災・防犯 ─────────────
  {
    org: "edamitsu1_council",
    title: "避難所開設訓練 受付・誘導の体験スタッフ",
    description: [
      "市民センターを避難所として開設する訓練を行います。受付の設営、避難者名簿の記入の案内、間仕切りの組み立てなどを体験していただきます。",
      "実際の災害では、地域の若い世代の力がとても大切です。避難に手助けが必要な方への声かけの方法についても学びます。",
      "小学生以上の方が参加できます。小学生は保護者と一緒にご参加ください。",
    ].join("\n\n"),
    category: "disaster",
    tags: ["避難所開設訓練", "防災", "初心者歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "動きやすい服装・飲み物",
    contact_name: "田中",
    shifts: [{ dayOffset: 18, start: "09:30", end: "12:00", capacity: 20 }],
  },
  {
    org: "ward",
    title: "地域と連携した避難所開設・運営訓練（学生協力者募集）",
    description: [
      "区役所と地域が連携して、小学校を会場に避難所の開設・運営訓練を行います。大学生・高校生のみなさんには、受付や物資の配布、掲示物づくりを担当していただきます。",
      "訓練の前半で避難所運営の基本を説明しますので、はじめての方も安心してご参加ください。",
      "18歳未満の方は、保護者の同意書を当日お持ちください。",
    ].join("\n\n"),
    category: "disaster",
    tags: ["避難所開設訓練", "防災", "高校生歓迎", "大学生歓迎"],
    district: "kawachi",
    place: "school_kawachi_es",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "動きやすい服装・飲み物・筆記用具",
    contact_name: "鈴木",
    shifts: [{ dayOffset: 29, start: "09:00", end: "12:00", capacity: 30 }],
  },
  {
    org: "kiu_hs",
    title: "防災マップづくり まち歩きワークショップ",
    description: [
      "中高生と地域の方が一緒にまちを歩き、避難場所や危険な場所を地図にまとめるワークショップです。完成したマップは地域の掲示板で紹介する予定です。",
      "グループには必ず大人のスタッフが入ります。歩く距離は2km程度です。",
      "雨天の場合は、校内で地図をつくる作業のみ行います。",
    ].join("\n\n"),
    category: "disaster",
    tags: ["防災マップ", "まち歩き", "中高生歓迎"],
    district: "edamitsu",
    place: "school_kiu_hs",
    minimum_age: 12,
    welcomes_minors: true,
    what_to_bring: "筆記用具・飲み物・歩きやすい靴",
    contact_name: "岡田",
    shifts: [{ dayOffset: 24, start: "13:00", end: "16:00", capacity: 20 }],
  },
  {
    org: "okura_assoc",
    title: "夕方の防犯パトロール（18歳以上）",
    description: [
      "自治会の防犯パトロールに一緒に参加してくださる方を募集します。地区内を2〜3人の班で歩き、暗い場所や危ない場所がないかを確かめます。",
      "夜間の活動のため、18歳以上の方が対象です。反射たすきと懐中電灯は自治会で用意します。",
      "気づいたことは、終了後に班ごとに報告用紙にまとめます。",
    ].join("\n\n"),
    category: "disaster",
    tags: ["防犯", "パトロール", "18歳以上"],
    district: "okura",
    place: "cc_demo_okura",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: "歩きやすい靴・飲み物",
    contact_name: "林",
    shifts: [
      { dayOffset: 9, start: "19:00", end: "20:30", capacity: 8 },
      { dayOffset: 23, start: "19:00", end: "20:30", capacity: 8 },
      { dayOffset: 37, start: "19:00", end: "20:30", capacity: 8 },
    ],
  },
  {
    org: "ward",
    title: "祝町小学校区 登校時の見守り",
    description: [
      "荒生田・高見地区の通学路で、登校する子どもたちの見守りをお願いします。横断歩道などに立って、あいさつと安全の声かけをする活動です。",
      "見守り用のベストは区で用意します。16歳以上の方が対象で、高校生は地域の大人と同じ場所に立ちます。",
    ].join("\n\n"),
    meeting_point: "荒生田小学校 正門前。立つ場所はここで割り当てます。",
    category: "disaster",
    tags: ["見守り", "通学路", "短時間"],
    district: "araoda",
    place_name: "荒生田・高見地区の通学路",
    place_address: "八幡東区荒生田（概略）",
    latitude: 33.866,
    longitude: 130.835,
    minimum_age: 16,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物",
    contact_name: "鈴木",
    shifts: [
      { dayOffset: 5, start: "07:30", end: "08:15", capacity: 10 },
      { dayOffset: 19, start: "07:30", end: "08:15", capacity: 10 },
    ],
  },

  // ───────────── 子ども・学習支援 ─────────────
  {
    org: "kodomo_npo",
    title: "子ども食堂 調理補助・配膳ボランティア",
    description: [
      "地域の子どもたちと保護者が一緒に夕ごはんを食べる子ども食堂で、調理の補助と配膳、片付けをお願いします。",
      "調理は大人のスタッフが中心となって行い、高校生のみなさんには盛り付けや配膳、子どもたちとの会話をお願いしています。食品を扱うため、当日の体調チェックにご協力ください。",
      "はじめての方は、事前の説明会（30分程度）にご参加ください。日程は https://example.org/kodomo-ibasho/guide でご案内しています。",
    ].join("\n\n"),
    category: "children",
    tags: ["子ども食堂", "調理補助", "高校生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "エプロン・三角巾・上履き",
    contact_name: "小川",
    shifts: [
      { dayOffset: 8, start: "16:00", end: "19:30", capacity: 6 },
      { dayOffset: 22, start: "16:00", end: "19:30", capacity: 6 },
      { dayOffset: 36, start: "16:00", end: "19:30", capacity: 6 },
    ],
  },
  {
    org: "kodomo_npo",
    title: "小学生の学習支援（宿題サポート）",
    description: [
      "放課後に市民センターで、小学生の宿題を見守り、わからないところを一緒に考えるボランティアです。教えるというより、そばで励ます役割です。",
      "子どもと1対1で閉じた部屋にならないよう、必ず複数の大人がいる部屋で行います。継続して参加される方には、事前に面談をお願いしています。",
      "16歳以上の方が対象です。",
    ].join("\n\n"),
    category: "children",
    tags: ["学習支援", "小学生", "継続参加歓迎"],
    district: null,
    place: "cc_yahata_otani",
    minimum_age: 16,
    welcomes_minors: true,
    what_to_bring: "筆記用具・上履き",
    contact_name: "小川",
    shifts: [
      { dayOffset: 2, start: "16:00", end: "18:00", capacity: 5 },
      { dayOffset: 9, start: "16:00", end: "18:00", capacity: 5 },
      { dayOffset: 16, start: "16:00", end: "18:00", capacity: 5 },
    ],
  },
  {
    org: "kiu",
    title: "中学生のテスト前学習会 チューター（大学生）",
    description: [
      "定期テスト前の中学生を対象に、大学の教室で学習会を開きます。大学生のチューターとして、質問への対応や勉強の進め方のアドバイスをお願いします。",
      "教室には担当の教職員が常にいます。数学・英語が得意な方は特に歓迎します。",
      "参加には、事前のオリエンテーション（オンライン、30分）が必要です。",
    ].join("\n\n"),
    category: "children",
    tags: ["学習支援", "中学生", "大学生歓迎"],
    district: "hirano",
    place: "school_kiu",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: "筆記用具",
    contact_name: "森",
    shifts: [
      { dayOffset: 15, start: "18:00", end: "20:00", capacity: 8 },
      { dayOffset: 29, start: "18:00", end: "20:00", capacity: 8 },
    ],
  },
  {
    org: "okura_assoc",
    title: "子ども会の工作教室 お手伝い",
    description: [
      "子ども会の工作教室で、材料の準備や、子どもたちの作業のお手伝いをお願いします。今回は身近な材料を使ったおもちゃづくりです。",
      "はさみやのりの使い方を見守るのが主な役割です。むずかしい技術は必要ありません。",
      "中学生以上の方が参加できます。",
    ].join("\n\n"),
    category: "children",
    tags: ["子ども会", "工作", "中高生歓迎"],
    district: "okura",
    place: "cc_demo_okura",
    minimum_age: 12,
    welcomes_minors: true,
    what_to_bring: "上履き・飲み物",
    contact_name: "林",
    shifts: [{ dayOffset: 41, start: "10:00", end: "12:00", capacity: 6 }],
  },
  {
    org: "kodomo_npo",
    title: "外遊びの日 プレイリーダー補助（高校生・大学生）",
    description: [
      "桃園公園で、子どもたちが思いきり外遊びできる日を開きます。鬼ごっこや昔あそびを一緒に楽しみながら、けががないよう見守ってください。",
      "プレイリーダーの大人がいつも近くにいます。活動の前に、安全の見守り方について説明します。",
      "雨天の場合は中止します。",
    ].join("\n\n"),
    category: "children",
    tags: ["外遊び", "見守り", "高校生歓迎", "雨天中止"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "帽子・飲み物・タオル・動きやすい服装",
    contact_name: "小川",
    shifts: [
      { dayOffset: 13, start: "13:00", end: "16:00", capacity: 8 },
      { dayOffset: 27, start: "13:00", end: "16:00", capacity: 8 },
    ],
  },
  {
    org: "edamitsu_minami_cc",
    title: "市民センター 絵本の読み聞かせボランティア",
    description: [
      "市民センターの子ども向けの会で、絵本の読み聞かせをしていただける方を募集します。対象は未就学児とその保護者です。",
      "読む本はセンターで用意したものから選べます。はじめての方には、ベテランのボランティアが読み方のこつをお伝えします。",
    ].join("\n\n"),
    category: "children",
    tags: ["読み聞かせ", "未就学児", "初心者歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: 13,
    welcomes_minors: true,
    what_to_bring: "上履き",
    contact_name: "中村",
    shifts: [
      { dayOffset: 6, start: "10:30", end: "11:30", capacity: 4 },
      { dayOffset: 34, start: "10:30", end: "11:30", capacity: 4 },
    ],
  },

  // ───────────── 高齢者・見守り ─────────────
  {
    org: "shakyo",
    title: "一人暮らし高齢者の見守り訪問に同行（民生委員と一緒に）",
    description: [
      "民生委員が行っている一人暮らしの高齢者への見守り訪問に同行していただきます。玄関先でのあいさつや、ちょっとした会話が主な内容です。",
      "民生委員・児童委員の担い手は不足しており、活動を知っていただく機会にもなればと考えています。訪問先で知った個人の情報は、ほかの人に話さないことをお約束いただきます。",
      "18歳以上の方が対象です。初回は30分ほどの説明を受けてから訪問します。",
    ].join("\n\n"),
    category: "elderly",
    tags: ["見守り訪問", "民生委員", "18歳以上"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: "筆記用具",
    contact_name: "西村",
    shifts: [
      { dayOffset: 4, start: "10:00", end: "12:00", capacity: 3 },
      { dayOffset: 18, start: "10:00", end: "12:00", capacity: 3 },
      { dayOffset: 32, start: "10:00", end: "12:00", capacity: 3 },
    ],
  },
  {
    org: "edamitsu1_council",
    title: "ふれあいサロン お茶出しとおしゃべり相手",
    description: [
      "地域の高齢の方が集まるふれあいサロンで、お茶出しと会話のお相手をお願いします。若い方が来てくださると、参加者のみなさんがとても喜ばれます。",
      "特別な準備はいりません。昔の八幡のまちの話を聞くのを楽しみにしてきてください。",
      "場所は上本町の集会所です。詳しくは登録後にお知らせします。",
    ].join("\n\n"),
    category: "elderly",
    tags: ["サロン", "おしゃべり", "初心者歓迎"],
    district: "kamihonmachi",
    place_name: "上本町の集会所",
    place_address: "八幡東区上本町（概略）",
    latitude: 33.868,
    longitude: 130.812,
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "上履き",
    contact_name: "田中",
    shifts: [
      { dayOffset: 11, start: "13:30", end: "15:30", capacity: 4 },
      { dayOffset: 25, start: "13:30", end: "15:30", capacity: 4 },
    ],
  },
  {
    org: "kiu",
    title: "高齢者向けスマホ相談会 サポーター",
    description: [
      "高齢の方を対象に、スマートフォンの使い方の相談会を開きます。写真の送り方や、ビデオ通話のかけ方など、困りごとを一緒に解決してください。",
      "相手のペースに合わせて、ゆっくり説明することが大切です。暗証番号やパスワードは、聞いたり入力したりしないでください。",
      "15歳以上の方が対象です。",
    ].join("\n\n"),
    category: "elderly",
    tags: ["スマホ相談", "デジタル", "高校生歓迎"],
    district: "tsukida",
    place: "cc_demo_tsukida",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "自分のスマートフォン（あれば）",
    contact_name: "森",
    shifts: [
      { dayOffset: 20, start: "13:00", end: "15:00", capacity: 6 },
      { dayOffset: 48, start: "13:00", end: "15:00", capacity: 6 },
    ],
  },
  {
    org: "shakyo",
    title: "高齢者宅の庭の草取り・ごみ出しのお手伝い",
    description: [
      "一人で庭の手入れやごみ出しをするのが難しくなった高齢の方のお宅で、草取りや粗大ごみの運び出しをお手伝いします。",
      "訪問は必ず大人のスタッフを含む2人以上で行います。高校生の方は、大人のスタッフと同じ班で活動します。",
      "訪問先は登録後にお知らせします。",
    ].join("\n\n"),
    category: "elderly",
    tags: ["草取り", "生活支援", "高校生歓迎"],
    district: "iwaimachi",
    place_name: "祝町・高見地区の個人宅（詳細は登録後にお知らせ）",
    place_address: "八幡東区祝町（概略）",
    latitude: 33.87,
    longitude: 130.833,
    minimum_age: 16,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "西村",
    shifts: [
      { dayOffset: 15, start: "09:30", end: "11:30", capacity: 4 },
      { dayOffset: 43, start: "09:30", end: "11:30", capacity: 4 },
    ],
  },

  // ───────────── 福祉 ─────────────
  {
    org: "shakyo",
    title: "はじめての福祉ボランティア入門講座",
    description: [
      "福祉ボランティアに関心のある方向けの入門講座です。活動の種類や心がまえ、ボランティア活動保険のしくみを説明します。",
      "ボランティア活動保険は基本プランで年間350円程度で、加入した翌日から補償が始まります。保険の年度は4月1日から3月31日までです。",
      "高校生の方も参加できます。",
    ].join("\n\n"),
    category: "welfare",
    tags: ["入門講座", "ボランティア保険", "高校生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "筆記用具",
    contact_name: "西村",
    shifts: [{ dayOffset: 10, start: "18:30", end: "20:00", capacity: 30 }],
  },
  {
    org: "kiu",
    title: "障がいのある方とのスポーツ交流会 サポート",
    description: [
      "障がいのある方と地域の人が一緒に楽しむスポーツ交流会で、競技の準備や進行のサポートをお願いします。",
      "経験は問いません。参加者のみなさんと一緒に体を動かし、交流を楽しんでください。",
      "15歳以上の方が対象です。",
    ].join("\n\n"),
    category: "welfare",
    tags: ["スポーツ", "交流", "大学生歓迎"],
    district: "hirano",
    place: "school_kiu",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "運動できる服装・室内用の運動靴・飲み物",
    contact_name: "森",
    shifts: [{ dayOffset: 28, start: "10:00", end: "12:30", capacity: 10 }],
  },
  {
    org: "shakyo",
    title: "民生委員・児童委員の活動を知る説明会",
    description: [
      "民生委員・児童委員は、地域の身近な相談相手として、高齢の方や子育て家庭の見守りを行っています。担い手が不足しているため、活動の内容を知っていただく説明会を開きます。",
      "任期は3年で、全国一斉に改選されます。任期の途中で欠員を補う場合もあります。",
      "現役の委員の話を聞き、質問もできます。参加したからといって委員になる必要はありません。",
    ].join("\n\n"),
    category: "welfare",
    tags: ["民生委員", "説明会", "18歳以上"],
    district: null,
    place: "cc_yahata_otani",
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: "筆記用具",
    contact_name: "西村",
    shifts: [
      { dayOffset: 17, start: "14:00", end: "15:30", capacity: 20 },
      { dayOffset: 38, start: "18:30", end: "20:00", capacity: 20 },
    ],
  },
  {
    org: "edamitsu_minami_cc",
    title: "車いす・点字体験講座の運営補助",
    description: [
      "市民センターで開く車いす・点字の体験講座で、受付と体験コーナーの補助をお願いします。",
      "補助の前に、講師から車いすの押し方の基本を教わります。体験を通して、まちのバリアフリーについても考えてみませんか。",
    ].join("\n\n"),
    category: "welfare",
    tags: ["福祉体験", "車いす", "中高生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "上履き・動きやすい服装",
    contact_name: "中村",
    shifts: [{ dayOffset: 31, start: "10:00", end: "12:00", capacity: 6 }],
  },

  // ───────────── 国際交流 ─────────────
  {
    org: "intl_npo",
    title: "日本語おしゃべりサロン 会話パートナー",
    description: [
      "留学生や外国出身の住民が日本語で会話を楽しむサロンで、会話のパートナーをお願いします。テーマは食べ物や趣味など身近な話題です。",
      "文法を教える必要はありません。ゆっくり、やさしい日本語で話すこつを最初にお伝えします。",
      "15歳以上の方が対象です。詳しくは https://example.org/yahata-intl/salon をご覧ください。",
    ].join("\n\n"),
    category: "international",
    tags: ["日本語", "会話", "留学生", "初心者歓迎"],
    district: "yahata_station",
    place_name: "八幡駅周辺の会場（詳細は登録後にお知らせ）",
    place_address: "八幡東区 JR八幡駅付近（概略）",
    latitude: 33.864,
    longitude: 130.798,
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "なし",
    contact_name: "ブラウン",
    shifts: [
      { dayOffset: 3, start: "18:30", end: "20:00", capacity: 8 },
      { dayOffset: 17, start: "18:30", end: "20:00", capacity: 8 },
      { dayOffset: 31, start: "18:30", end: "20:00", capacity: 8 },
    ],
  },
  {
    org: "kiu",
    title: "留学生と地域の料理交流会 準備・通訳補助",
    description: [
      "留学生が母国の料理を紹介し、地域の方と一緒に作って食べる交流会です。会場の準備、調理の補助、簡単な通訳をお願いします。",
      "英語や中国語、ベトナム語などが話せる方は特に歓迎しますが、日本語だけでも大丈夫です。",
      "食物アレルギーのある方は、申込時にお知らせください。",
    ].join("\n\n"),
    category: "international",
    tags: ["留学生", "料理", "通訳"],
    district: "hirano",
    place: "school_kiu",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "エプロン・三角巾",
    contact_name: "森",
    shifts: [{ dayOffset: 35, start: "10:00", end: "14:00", capacity: 10 }],
  },
  {
    org: "intl_npo",
    title: "やさしい日本語の防災カードづくり",
    description: [
      "外国出身の住民にも伝わるよう、避難のしかたや避難所の場所を「やさしい日本語」でまとめた防災カードを作ります。",
      "前半はやさしい日本語の書き方を学び、後半はグループでカードの文案を考えます。",
      "できあがったカードは、地域の市民センターで配布する予定です。",
    ].join("\n\n"),
    category: "international",
    tags: ["やさしい日本語", "防災", "ワークショップ"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "筆記用具",
    contact_name: "ブラウン",
    shifts: [{ dayOffset: 45, start: "13:00", end: "16:00", capacity: 8 }],
  },

  // ───────────── 市民センター ─────────────
  {
    org: "edamitsu_minami_cc",
    title: "市民センター ボランティアコーナーの案内係",
    description: [
      "市民センターのボランティアコーナーで、来館した方にボランティア情報の案内をしていただきます。掲示物の整理や、チラシの補充もお願いします。",
      "案内のしかたは職員がお伝えします。話すことが好きな方にぴったりです。",
      "15歳以上の方が対象です。",
    ].join("\n\n"),
    category: "civic_centre",
    tags: ["ボランティアコーナー", "案内", "高校生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "上履き",
    contact_name: "中村",
    shifts: [
      { dayOffset: 2, start: "10:00", end: "12:00", capacity: 2 },
      { dayOffset: 16, start: "10:00", end: "12:00", capacity: 2 },
      { dayOffset: 30, start: "10:00", end: "12:00", capacity: 2 },
    ],
  },
  {
    org: "edamitsu_minami_cc",
    title: "市民センターのSNS発信サポーター（写真・記事づくり）",
    description: [
      "市民センターの講座や行事の様子を、写真と短い文章でSNSに発信するお手伝いをお願いします。若い世代に届く伝え方を一緒に考えてください。",
      "人物が写る写真は、本人の了解を得たものだけを使います。投稿の前には職員が内容を確認します。",
      "スマートフォンで写真が撮れれば、特別な技術はいりません。",
    ].join("\n\n"),
    category: "civic_centre",
    tags: ["SNS", "広報", "写真", "高校生歓迎"],
    district: "chuo",
    place: "cc_edamitsu_minami",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "スマートフォン",
    contact_name: "中村",
    shifts: [{ dayOffset: 12, start: "17:00", end: "19:00", capacity: 4 }],
  },
  {
    org: "tsukida2_council",
    title: "市民センター 夜の講座の会場準備・片付け",
    description: [
      "市民センターで開く夜の講座の前後に、机といすの並べ替えと片付けをお願いします。",
      "作業は30分ほどで、残りの時間は講座を一緒に聞くこともできます。",
      "高校生の方は20時30分で終了となります。",
    ].join("\n\n"),
    category: "civic_centre",
    tags: ["会場準備", "短時間", "高校生歓迎"],
    district: "tsukida",
    place: "cc_demo_tsukida",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "上履き",
    contact_name: "松本",
    shifts: [{ dayOffset: 14, start: "18:00", end: "20:30", capacity: 3 }],
  },
  {
    org: "okura_assoc",
    title: "市民センター文化祭 展示の準備と受付",
    description: [
      "市民センターの文化祭で、サークルの作品展示の準備と、当日の受付をお願いします。",
      "展示パネルの設置は大人が行い、学生のみなさんには作品の配置や案内表示づくりをお願いします。",
      "準備の日と当日の、どちらか一方だけの参加でもかまいません。",
    ].join("\n\n"),
    category: "civic_centre",
    tags: ["文化祭", "展示", "受付"],
    district: "okura",
    place: "cc_demo_okura",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "上履き・飲み物",
    contact_name: "林",
    shifts: [
      { dayOffset: 39, start: "13:00", end: "16:00", capacity: 10 },
      { dayOffset: 40, start: "09:00", end: "12:00", capacity: 10 },
    ],
  },

  // ───────────── その他 ─────────────
  {
    org: "ward",
    title: "ボランティア情報サイトの使い心地モニター",
    description: [
      "地域と学生をつなぐボランティア情報サイトを、実際に使ってみて感想を聞かせてください。探しやすさや申し込みのしやすさについて、率直な意見をお待ちしています。",
      "所要時間は1時間半ほどです。スマートフォンをお持ちください。",
      "15歳以上の方が対象です。",
    ].join("\n\n"),
    category: "other",
    tags: ["モニター", "意見募集", "高校生歓迎"],
    district: "chuo",
    place: "ward_office",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "スマートフォン",
    contact_name: "鈴木",
    shifts: [
      { dayOffset: 8, start: "14:00", end: "15:30", capacity: 10 },
      { dayOffset: 21, start: "14:00", end: "15:30", capacity: 10 },
    ],
  },
  {
    org: "kiu",
    title: "地域・学生フォーラム 運営スタッフ",
    description: [
      "大学と地域の活動を報告し合う「地域・学生フォーラム」の運営スタッフを募集します。会場設営、受付、記録の撮影などをお願いします。",
      "地域のみなさんと学生が、これからの連携について話し合う場です。運営に関わりながら、議論にも耳を傾けてみてください。",
      "詳しくは https://example.org/kiu-forum をご覧ください。",
    ].join("\n\n"),
    category: "other",
    tags: ["フォーラム", "運営", "大学生歓迎"],
    district: "hirano",
    place: "school_kiu",
    minimum_age: 16,
    welcomes_minors: true,
    what_to_bring: "筆記用具",
    contact_name: "森",
    shifts: [{ dayOffset: 50, start: "13:00", end: "17:00", capacity: 12 }],
  },
  {
    org: "momozono_park",
    title: "愛護会の道具小屋の整理と道具の手入れ",
    description: [
      "愛護会が使っている道具の整理と手入れをします。軍手や熊手、ほうきなどを点検し、使いやすく並べ直します。",
      "刃物や刈払機の手入れは大人の会員が担当します。学生のみなさんには、数の確認と整理をお願いします。",
    ].join("\n\n"),
    category: "other",
    tags: ["道具の手入れ", "整理", "公園愛護会"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: 15,
    welcomes_minors: true,
    what_to_bring: "軍手・飲み物",
    contact_name: "田中",
    shifts: [{ dayOffset: 44, start: "09:00", end: "11:00", capacity: 5 }],
  },

  // ───────────── 下書き・締め切り ─────────────
  {
    org: "kawachi_park",
    title: "河内桜公園愛護会 新メンバー説明会（準備中）",
    description: [
      "愛護会の活動内容や年間の予定、会員になる方法をご説明する会です。",
      "日程と会場は調整中です。決まりしだい公開します。",
    ].join("\n\n"),
    category: "parks",
    tags: ["説明会", "公園愛護会"],
    district: "kawachi",
    place: "cc_demo_kawachi",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: "筆記用具",
    contact_name: "井上",
    status: "draft",
    shifts: [{ dayOffset: 46, start: "10:00", end: "11:30", capacity: 20 }],
  },
  {
    org: "edamitsu1_council",
    title: "防災倉庫の備蓄品点検（日程調整中）",
    description: [
      "地区の防災倉庫にある備蓄品の数と使用期限を確認する作業です。",
      "日程は調整中です。重いものを運ぶ作業があるため、18歳以上の方を対象にする予定です。",
    ].join("\n\n"),
    category: "disaster",
    tags: ["防災", "備蓄品点検"],
    district: "sanno",
    place_name: "地区の防災倉庫（場所は登録後にお知らせ）",
    place_address: "八幡東区山王（概略）",
    latitude: 33.871,
    longitude: 130.817,
    minimum_age: 18,
    welcomes_minors: false,
    what_to_bring: GLOVES,
    contact_name: "田中",
    status: "draft",
    shifts: [{ dayOffset: 52, start: "09:00", end: "11:00", capacity: 6 }],
  },
  {
    org: "momozono_park",
    title: "桃園公園 花壇の土づくり（募集は締め切りました）",
    description: [
      "花壇に腐葉土を混ぜ、次の植え付けに向けて土を整える作業です。",
      "たくさんのご応募ありがとうございました。定員に達したため、募集を締め切りました。次回の募集をお待ちください。",
    ].join("\n\n"),
    category: "parks",
    tags: ["花壇", "土づくり", "高校生歓迎"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "田中",
    status: "closed",
    shifts: [{ dayOffset: 1, start: "09:00", end: "11:00", capacity: 8 }],
  },
  {
    org: "momozono_park",
    title: "桃園公園 子ども花壇教室のお手伝い（高校生歓迎）",
    description: [
      "地域の小学生と一緒に花の苗を植える教室を開きます。高校生のみなさんには、苗の配り方や水やりのお手本を見せる係をお願いします。",
      "申し込みは愛護会で確認してから確定します。18歳未満の方は保護者の同意が必要です。",
      "当日は会員が2人以上つき、作業はすべて公園の見通しのよい場所で行います。",
    ].join("\n\n"),
    category: "parks",
    tags: ["花壇", "子ども", "高校生歓迎"],
    district: "momozono",
    place: "park_momozono",
    minimum_age: null,
    welcomes_minors: true,
    what_to_bring: GLOVES,
    contact_name: "田中",
    application_mode: "review",
    shifts: [
      { dayOffset: 9, start: "10:00", end: "12:00", capacity: 6 },
      { dayOffset: 23, start: "10:00", end: "12:00", capacity: 6 },
    ],
  },
];

/**
 * Demo schools: the coordinator's school asks for its approval of students' participation and lets coordinators
 * read their minors' conversations; the demo high-school student belongs to it and has named a guardian.
 */
export const DEMO_SCHOOLS: readonly {
  org: string;
  requiresCoordinatorApproval: boolean;
  coordinatorReadsMinorThreads: boolean;
  students: { email: string; guardian: { name: string; relationship: string; email: string } }[];
}[] = [
  {
    org: "kiu_hs",
    requiresCoordinatorApproval: true,
    coordinatorReadsMinorThreads: true,
    students: [{ email: "highschool@demo.tsunagu.example", guardian: { name: "佐藤 恵子", relationship: "母", email: "guardian@demo.tsunagu.example" } }],
  },
];
