/**
 * Deterministic synthetic postings for the search benchmark (`npm run bench:search`).
 *
 * Postings are composed from per-category templates in Japanese (about 85%) and English (about 15%), with the
 * spelling variants people actually write (子ども/子供/こども, ボランティア/ぼらんてぃあ/ﾎﾞﾗﾝﾃｨｱ, BBQ/ＢＢＱ,
 * clean-up/cleanup/clean up), compound words (公園愛護会, 桃園公園, 防災訓練, 避難所開設訓練), tags, districts,
 * places, coordinates around the ward and one to three future shifts.
 *
 * Each posting carries `labels`, which the search engine never sees: the concepts its text really contains.
 * A posting is labelled with a concept when, after a plain normalisation (NFKC, lower case, katakana as
 * hiragana), its searchable text contains one of the concept's surface forms — the synonym groups shipped in
 * search/synonyms.ts, plus a few single-word concepts. Japanese forms are matched as substrings, Latin forms
 * as whole words. So a hard query's recall measures the engine's segmentation, normalisation, synonyms and
 * typo tolerance, not guesswork in the generator.
 */
import { DEFAULT_SYNONYMS } from "#search/synonyms";
import { DISTRICTS, PLACES } from "~/server/seed/data";
import type { OrganisationKind } from "#db/schema";

// ---------------------------------------------------------------------------------------------------------
// Concepts and hard queries
// ---------------------------------------------------------------------------------------------------------

function synonymGroup(member: string): string[] {
  const group = DEFAULT_SYNONYMS.find((g) => g.includes(member));
  if (!group) throw new Error(`No synonym group contains "${member}"`);
  return group;
}

const isLatin = (form: string) => /^[\p{Script=Latin}0-9 -]+$/u.test(form);

/** Concept → the surface forms that make a posting about it. */
export const CONCEPTS: Record<string, readonly string[]> = {
  park: synonymGroup("公園"),
  children: synonymGroup("子ども"),
  volunteer: synonymGroup("ボランティア"),
  /** The Latin words of the volunteer group: what a misspelt English query can be corrected to. */
  "volunteer-latin": synonymGroup("ボランティア").filter(isLatin),
  disaster: synonymGroup("防災"),
  cleaning: synonymGroup("清掃"),
  festival: synonymGroup("祭り"),
  "park-care": ["愛護"],
  bbq: synonymGroup("BBQ"),
};
export type Concept = keyof typeof CONCEPTS;

export interface HardQuery {
  query: string;
  concept: Concept;
  /** What the query exercises. */
  note: string;
}

export const HARD_QUERIES: readonly HardQuery[] = [
  { query: "公園", concept: "park", note: "compounds: 桃園公園, 公園愛護会" },
  { query: "こども", concept: "children", note: "hiragana variant" },
  { query: "子供", concept: "children", note: "kanji variant" },
  { query: "ぼらんてぃあ", concept: "volunteer", note: "hiragana for katakana" },
  { query: "ボランティア", concept: "volunteer", note: "katakana" },
  { query: "ﾎﾞﾗﾝﾃｨｱ", concept: "volunteer", note: "half-width katakana" },
  { query: "防災", concept: "disaster", note: "compound: 防災訓練; synonyms 避難, 災害" },
  { query: "掃除", concept: "cleaning", note: "synonym of 清掃" },
  { query: "volunter", concept: "volunteer", note: "typo, reaching ボランティア through volunteer's synonyms" },
  { query: "volunteers", concept: "volunteer", note: "English plural, synonyms" },
  { query: "cleanup", concept: "cleaning", note: "clean-up / clean up" },
  { query: "愛護", concept: "park-care", note: "inside 公園愛護会" },
  { query: "ＢＢＱ", concept: "bbq", note: "full-width Latin; バーベキュー" },
  { query: "まつり", concept: "festival", note: "hiragana; 祭り, お祭り, フェス" },
];

/** The plain normalisation used for labelling: NFKC, lower case, katakana as hiragana, single spaces. */
export function labelNormalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, " ")
    .trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const MATCHERS: { concept: Concept; test: (normalised: string) => boolean }[] = Object.entries(CONCEPTS).map(([concept, forms]) => {
  const japanese = forms.filter((f) => !isLatin(f)).map(labelNormalise);
  const latin = forms.filter(isLatin).map(labelNormalise);
  // A Latin word ends where Latin letters and digits end (地域bbq交流会 holds the word bbq).
  const word = latin.length
    ? new RegExp(`(?<![\\p{Script=Latin}\\p{M}\\p{N}])(?:${latin.map(escapeRegExp).join("|")})(?![\\p{Script=Latin}\\p{M}\\p{N}])`, "u")
    : null;
  return { concept, test: (text: string) => japanese.some((f) => text.includes(f)) || (word !== null && word.test(text)) };
});

/** The concepts whose surface forms occur in `text`. */
export function labelsFor(text: string): Concept[] {
  const normalised = labelNormalise(text);
  return MATCHERS.filter((m) => m.test(normalised)).map((m) => m.concept);
}

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG; the same seed always gives the same sequence. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    between: (min: number, max: number) => min + next() * (max - min),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
  };
}
export type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------------------------------------------------
// Vocabulary of the ward
// ---------------------------------------------------------------------------------------------------------

export const BOUNDS = { minLat: 33.84, maxLat: 33.89, minLng: 130.78, maxLng: 130.85 } as const;

interface Spot {
  ja: string;
  en: string;
  district: string | null;
  lat: number | null;
  lng: number | null;
}

const SEED_PARKS: Spot[] = PLACES.filter((p) => p.kind === "park").map((p) => ({ ja: p.name_ja, en: p.name_en, district: p.district, lat: p.latitude, lng: p.longitude }));
const SEED_CENTRES: Spot[] = PLACES.filter((p) => p.kind === "civic_centre" && !p.name_ja.includes("デモ")).map((p) => ({
  ja: p.name_ja,
  en: p.name_en,
  district: p.district,
  lat: p.latitude,
  lng: p.longitude,
}));

const NEIGHBOURHOOD_PARKS: Spot[] = DISTRICTS.flatMap((d) => [
  { ja: `${d.name_ja}公園`, en: `${d.name_en} Park`, district: d.code, lat: null, lng: null },
  { ja: `${d.name_ja}ふれあい公園`, en: `${d.name_en} Fureai Park`, district: d.code, lat: null, lng: null },
  { ja: `${d.name_ja}ちびっこ広場`, en: `${d.name_en} playground`, district: d.code, lat: null, lng: null },
]);
const PARKS = [...SEED_PARKS, ...NEIGHBOURHOOD_PARKS];
const NAMED_PARKS = PARKS.filter((p) => p.ja.endsWith("公園"));
const CENTRES: Spot[] = [
  ...SEED_CENTRES,
  ...DISTRICTS.map((d) => ({ ja: `${d.name_ja}市民センター`, en: `${d.name_en} Civic Centre`, district: d.code, lat: null, lng: null })),
];
const HALLS: Spot[] = DISTRICTS.flatMap((d) => [
  { ja: `${d.name_ja}公民館`, en: `${d.name_en} community hall`, district: d.code, lat: null, lng: null },
  { ja: `${d.name_ja}町内集会所`, en: `${d.name_en} meeting room`, district: d.code, lat: null, lng: null },
]);
const RIVERS = [
  { ja: "板櫃川", en: "Itabitsu River" },
  { ja: "大蔵川", en: "Okura River" },
  { ja: "槻田川", en: "Tsukida River" },
];

type Slots = Record<string, string>;
type Variant = (r: Random) => string;

const kodomo: Variant = (r) => r.weighted([["子ども", 5], ["子供", 3], ["こども", 2]] as const);
const volunteer: Variant = (r) => r.weighted([["ボランティア", 16], ["ぼらんてぃあ", 2], ["ﾎﾞﾗﾝﾃｨｱ", 1]] as const);
const bbq: Variant = (r) => r.weighted([["BBQ", 5], ["ＢＢＱ", 3], ["バーベキュー", 2]] as const);
const cleanupEn: Variant = (r) => r.weighted([["clean-up", 5], ["cleanup", 2], ["clean up", 2]] as const);

// ---------------------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------------------

interface Template {
  /** Where it happens: a park, a civic centre, a hall, or anywhere in a district. */
  at: "park" | "centre" | "hall" | "river" | "district";
  title: (s: Slots, r: Random) => string;
  lead: (s: Slots, r: Random) => string;
  tags: readonly string[];
}

type Lang = "ja" | "en";

const TEMPLATES: Record<string, Record<Lang, Template[]>> = {
  cleanup: {
    ja: [
      { at: "river", title: (s, r) => `${s.river}河川清掃${volunteer(r)}`, lead: (s) => `${s.river}の河川敷でごみ拾いと草刈りを行います。`, tags: ["清掃", "河川", "環境"] },
      { at: "district", title: (s) => `${s.district}地区 ごみ拾い活動`, lead: (s) => `${s.district}の通学路と歩道のゴミ拾いをします。トングと袋は用意します。`, tags: ["ごみ拾い", "環境"] },
      { at: "park", title: (s) => `${s.place}の清掃活動`, lead: (s) => `${s.place}の園内を清掃します。落ち葉集めが中心です。`, tags: ["清掃", "公園"] },
      { at: "district", title: () => `駅前クリーンアップ作戦`, lead: () => `八幡駅前の植え込みと歩道をきれいにします。`, tags: ["クリーンアップ", "駅前"] },
      { at: "hall", title: (s) => `${s.district}まちの大掃除`, lead: (s) => `${s.place}の周りと側溝の掃除をみんなで行います。`, tags: ["掃除", "町内会"] },
      { at: "district", title: (s) => `美化活動（${s.district}）`, lead: () => `花の植え込みと道路沿いの美化活動です。`, tags: ["美化", "環境"] },
    ],
    en: [
      { at: "park", title: (s, r) => `Park ${cleanupEn(r)} volunteers at ${s.placeEn}`, lead: (s) => `Join us to pick up litter and sweep the paths of ${s.placeEn}.`, tags: ["clean-up", "park"] },
      { at: "river", title: (s, r) => `River ${cleanupEn(r)} along the ${s.riverEn}`, lead: () => `We collect rubbish on the riverbank. Tongs and bags are provided.`, tags: ["river", "environment"] },
      { at: "district", title: (s) => `Litter picking walk in ${s.districtEn}`, lead: () => `A relaxed walk around the neighbourhood, picking up litter as we go.`, tags: ["litter", "walk"] },
      { at: "hall", title: () => `Neighbourhood cleaning day`, lead: (s) => `Cleaning the gutters and the grounds of the ${s.placeEn}.`, tags: ["cleaning"] },
    ],
  },
  parks: {
    ja: [
      { at: "park", title: (s) => `${s.place}の草取り`, lead: (s) => `${s.place}の花壇と遊具まわりの草取りをします。`, tags: ["草取り", "公園"] },
      { at: "park", title: (s, r) => `${s.place} 草刈り${volunteer(r)}`, lead: () => `夏の草刈りです。刈った草の集積をお願いします。`, tags: ["草刈り", "緑化"] },
      { at: "park", title: (s) => `花壇の植え替え（${s.place}）`, lead: () => `季節の花の苗を植え替えます。`, tags: ["花壇", "植え替え"] },
      { at: "park", title: () => `公園愛護会の花壇づくり`, lead: (s) => `${s.place}で公園愛護会のメンバーと一緒に花壇をつくります。`, tags: ["公園愛護会", "花壇"] },
      { at: "park", title: (s) => `${s.place}愛護会 定例作業`, lead: () => `毎月の定例作業です。清掃と水やりを行います。`, tags: ["愛護会", "定例"] },
      { at: "district", title: () => `桜並木の手入れ`, lead: (s) => `${s.district}の桜並木の枝払いと落ち葉掃きです。`, tags: ["緑化", "桜"] },
    ],
    en: [
      { at: "park", title: (s) => `Weeding at ${s.placeEn}`, lead: () => `Help us keep the flower beds and playground tidy.`, tags: ["weeding", "park"] },
      { at: "park", title: (s) => `Flower bed replanting at ${s.placeEn}`, lead: () => `We plant seasonal flowers with the local park care group.`, tags: ["flowers", "gardening"] },
      { at: "park", title: (s, r) => `Park ${cleanupEn(r)} volunteers`, lead: (s) => `Sweeping paths and collecting fallen leaves at ${s.placeEn}.`, tags: ["park", "volunteer"] },
    ],
  },
  festival: {
    ja: [
      { at: "district", title: (s) => `${s.district}夏祭りの模擬店スタッフ`, lead: () => `焼きそばとかき氷の模擬店のお手伝いです。`, tags: ["夏祭り", "模擬店"] },
      { at: "park", title: () => `秋まつり 会場設営`, lead: (s) => `${s.place}でテント設営と片付けを行います。`, tags: ["まつり", "設営"] },
      { at: "district", title: () => `盆踊り大会の運営補助`, lead: () => `受付、誘導、やぐらの飾り付けをお願いします。`, tags: ["盆踊り", "イベント"] },
      { at: "park", title: (s, r) => `お祭りの模擬店（焼きそば・${bbq(r)}）`, lead: () => `模擬店の調理補助と販売です。`, tags: ["お祭り", "模擬店"] },
      { at: "park", title: (s, r) => `地域${bbq(r)}交流会の準備`, lead: (s) => `${s.place}で開く交流会の準備と片付けです。`, tags: ["交流会"] },
      { at: "centre", title: (s) => `${s.place}文化祭の準備`, lead: () => `作品展示と舞台発表の準備をします。`, tags: ["文化祭", "市民センター"] },
      { at: "district", title: () => `やはた東ふれあいフェスタ運営`, lead: () => `ステージの進行補助と会場案内です。`, tags: ["フェスタ", "イベント"] },
    ],
    en: [
      { at: "district", title: () => `Summer festival stall helpers`, lead: (s) => `Help run the food stalls at the ${s.districtEn} summer festival.`, tags: ["festival", "stall"] },
      { at: "park", title: (s, r) => `${bbq(r)} party helpers`, lead: (s) => `Setting up and clearing away at ${s.placeEn}.`, tags: ["party", "community"] },
      { at: "district", title: () => `Bon dance night staff`, lead: () => `Guide visitors and help at the reception tent.`, tags: ["bon dance", "event"] },
    ],
  },
  disaster: {
    ja: [
      { at: "centre", title: (s) => `${s.district}防災訓練の運営補助`, lead: (s) => `${s.place}で地域の防災訓練を行います。受付と誘導をお願いします。`, tags: ["防災訓練", "防災"] },
      { at: "centre", title: () => `避難所開設訓練`, lead: () => `体育館に段ボールベッドを組み立て、避難所を開設する訓練です。`, tags: ["避難所", "訓練"] },
      { at: "hall", title: () => `防災マップづくり`, lead: (s) => `${s.district}を歩いて危険箇所を確かめ、地図にまとめます。`, tags: ["防災マップ", "まち歩き"] },
      { at: "district", title: () => `夜間防犯パトロール`, lead: () => `町内を歩いて見回ります。懐中電灯をお持ちください。`, tags: ["防犯", "パトロール"] },
      { at: "hall", title: () => `災害時の炊き出し訓練`, lead: () => `大鍋でのご飯炊きと配食の手順を確かめます。`, tags: ["炊き出し", "訓練"] },
    ],
    en: [
      { at: "centre", title: () => `Disaster drill helpers`, lead: (s) => `Reception and guidance at the ${s.placeEn} disaster drill.`, tags: ["drill", "safety"] },
      { at: "centre", title: () => `Evacuation shelter drill`, lead: () => `We set up cardboard beds and partitions as in a real emergency.`, tags: ["shelter", "drill"] },
      { at: "district", title: () => `Night safety patrol`, lead: () => `Walk around the neighbourhood with local residents.`, tags: ["patrol"] },
    ],
  },
  children: {
    ja: [
      { at: "hall", title: (s, r) => `${kodomo(r)}食堂の配膳`, lead: (s, r) => `${s.place}で開く${kodomo(r)}食堂で、配膳と片付けをお願いします。`, tags: ["食堂", "配膳"] },
      { at: "centre", title: () => `放課後の学習支援`, lead: (s, r) => `小学生・中学生の宿題を見守る学習支援です。${kodomo(r)}たちと一緒に勉強します。`, tags: ["学習支援", "宿題"] },
      { at: "park", title: (s, r) => `${kodomo(r)}会の遠足サポート`, lead: (s) => `${s.place}への遠足の引率補助です。`, tags: ["遠足", "引率"] },
      { at: "centre", title: () => `夏休み宿題お助け教室`, lead: () => `夏休みの自由研究と宿題をサポートします。`, tags: ["夏休み", "宿題"] },
      { at: "centre", title: () => `児童館のイベント補助`, lead: () => `工作コーナーと受付をお願いします。`, tags: ["児童館", "工作"] },
      { at: "centre", title: () => `キッズ英語あそび`, lead: () => `歌とゲームで英語にふれる時間です。`, tags: ["英語", "あそび"] },
    ],
    en: [
      { at: "hall", title: () => `Children's cafeteria helpers`, lead: () => `Serve dinner and play with the children after the meal.`, tags: ["cafeteria", "food"] },
      { at: "centre", title: () => `Homework club tutors`, lead: () => `Help primary and junior high pupils with their homework.`, tags: ["tutoring", "study"] },
      { at: "centre", title: () => `Kids' craft workshop`, lead: () => `Paper crafts and origami with local kids.`, tags: ["craft"] },
    ],
  },
  elderly: {
    ja: [
      { at: "district", title: () => `一人暮らし高齢者の見守り訪問`, lead: (s) => `${s.district}の一人暮らしの方のお宅を訪問し、お話をします。`, tags: ["見守り", "訪問"] },
      { at: "hall", title: () => `ふれあいサロンのお茶出し`, lead: () => `地域のサロンで、お茶出しと話し相手をお願いします。`, tags: ["サロン", "交流"] },
      { at: "hall", title: () => `お年寄りと囲碁・将棋`, lead: () => `囲碁・将棋の対局相手を募集します。`, tags: ["囲碁", "将棋"] },
      { at: "centre", title: () => `シニア体操教室の補助`, lead: () => `椅子を使った体操の準備と見守りです。`, tags: ["体操", "シニア"] },
    ],
    en: [
      { at: "district", title: () => `Friendly visits to older neighbours`, lead: () => `Chat with residents who live alone and check they are well.`, tags: ["visits", "seniors"] },
      { at: "hall", title: () => `Tea salon for seniors`, lead: () => `Serve tea and join the conversation.`, tags: ["tea", "salon"] },
    ],
  },
  welfare: {
    ja: [
      { at: "centre", title: () => `手話サークルの受付`, lead: () => `手話サークルの受付と会場準備です。`, tags: ["手話", "受付"] },
      { at: "district", title: () => `障がい者スポーツ大会の運営補助`, lead: () => `競技の記録係と誘導をお願いします。`, tags: ["スポーツ", "福祉"] },
      { at: "hall", title: () => `福祉施設の夏祭り補助`, lead: () => `入居者の方と一緒に楽しむ夏祭りのお手伝いです。`, tags: ["福祉施設", "夏祭り"] },
      { at: "district", title: () => `車いす点検と清掃`, lead: () => `貸し出し用の車いすの点検と清掃を行います。`, tags: ["車いす", "福祉"] },
    ],
    en: [
      { at: "centre", title: () => `Sign language circle helpers`, lead: () => `Reception and room set-up for the sign language circle.`, tags: ["sign language"] },
      { at: "district", title: () => `Wheelchair check and cleaning`, lead: () => `Check and clean the wheelchairs lent to residents.`, tags: ["welfare"] },
    ],
  },
  international: {
    ja: [
      { at: "centre", title: () => `国際交流サロン`, lead: () => `外国人住民と地域の人が気軽に話せるサロンです。`, tags: ["国際交流", "サロン"] },
      { at: "centre", title: () => `外国人住民のための日本語教室`, lead: () => `やさしい日本語での会話練習をサポートします。`, tags: ["日本語教室", "多文化"] },
      { at: "hall", title: (s, r) => `多文化${kodomo(r)}会`, lead: () => `いろいろな国の遊びと料理を紹介し合います。`, tags: ["多文化", "交流"] },
    ],
    en: [
      { at: "centre", title: () => `English conversation salon`, lead: () => `Casual English conversation with residents of the ward.`, tags: ["english", "salon"] },
      { at: "centre", title: () => `Japanese class assistants`, lead: () => `Support new residents practising everyday Japanese.`, tags: ["japanese", "international"] },
      { at: "hall", title: () => `International exchange cafe`, lead: () => `Share food and stories from around the world.`, tags: ["international", "cafe"] },
    ],
  },
  civic_centre: {
    ja: [
      { at: "centre", title: (s) => `${s.place}の受付`, lead: () => `市民センターの受付と館内案内をお願いします。`, tags: ["受付", "市民センター"] },
      { at: "centre", title: () => `生涯学習講座の受付補助`, lead: () => `講座の出欠確認と資料配布です。`, tags: ["講座", "受付"] },
      { at: "centre", title: () => `図書コーナーの整理`, lead: () => `寄贈本の分類と書架の整理です。`, tags: ["図書", "整理"] },
    ],
    en: [{ at: "centre", title: () => `Reception at the civic centre`, lead: (s) => `Welcome visitors at the ${s.placeEn}.`, tags: ["reception"] }],
  },
  other: {
    ja: [
      { at: "district", title: () => `町内会の回覧板配り`, lead: (s) => `${s.district}の回覧板を各班に届けます。`, tags: ["町内会", "回覧板"] },
      { at: "hall", title: () => `広報誌の折り込み作業`, lead: () => `地域の広報誌を折って封入します。`, tags: ["広報", "作業"] },
      { at: "park", title: () => `竹灯籠づくり`, lead: (s) => `${s.place}に並べる竹灯籠をつくります。`, tags: ["竹灯籠", "ものづくり"] },
    ],
    en: [{ at: "hall", title: () => `Community newsletter folding`, lead: () => `Fold and stuff the neighbourhood newsletter.`, tags: ["newsletter"] }],
  },
};

const EXTRA_JA: ((s: Slots, r: Random) => string)[] = [
  () => "初めての方も大歓迎です。",
  () => "雨天の場合は中止します。",
  (s) => `集合は${s.place}です。`,
  () => "高校生・大学生の参加も歓迎します。",
  (s, r) => `${volunteer(r)}保険には主催者が加入します。`,
  () => "親子での参加もできます。",
  (s, r) => `${kodomo(r)}連れでの参加もOKです。`,
  () => "作業後にお茶をご用意しています。",
  () => "駐車場はありませんので、公共交通機関でお越しください。",
  () => "動きやすい服装でお越しください。",
  () => "災害時に備えて、避難経路も一緒に確認します。",
  () => "終了後に公園愛護会の紹介があります。",
  () => "途中参加・途中退出も可能です。",
];
const EXTRA_EN: ((s: Slots, r: Random) => string)[] = [
  () => "No experience needed.",
  () => "Cancelled in case of rain.",
  (s) => `We meet at the ${s.placeEn}.`,
  () => "Volunteers are covered by insurance.",
  () => "Families with kids are welcome.",
  () => "Parking is limited, so please come by bus or train.",
  () => "Tea and snacks after the work.",
  () => "You can join for just an hour.",
  () => "Students welcome!",
];
const BRING_JA = ["軍手、タオル、飲み物", "帽子、水筒", "筆記用具", "エプロン、三角巾", "特にありません", "動きやすい靴"];
const BRING_EN = ["Gloves, a towel and water", "A hat and a water bottle", "Nothing in particular", "An apron"];

const CATEGORY_WEIGHTS: readonly (readonly [string, number])[] = [
  ["cleanup", 14],
  ["parks", 14],
  ["festival", 10],
  ["disaster", 10],
  ["children", 14],
  ["elderly", 10],
  ["welfare", 7],
  ["international", 7],
  ["civic_centre", 8],
  ["other", 6],
];

const PREFERRED_KINDS: Record<string, OrganisationKind[]> = {
  cleanup: ["neighbourhood_association", "machizukuri_council", "npo"],
  parks: ["park_care_association"],
  festival: ["neighbourhood_association", "machizukuri_council", "civic_centre"],
  disaster: ["neighbourhood_association", "machizukuri_council", "ward_office"],
  children: ["npo", "university", "high_school"],
  elderly: ["social_welfare", "neighbourhood_association"],
  welfare: ["social_welfare", "npo"],
  international: ["npo", "university"],
  civic_centre: ["civic_centre"],
  other: ["neighbourhood_association"],
};

// ---------------------------------------------------------------------------------------------------------
// Generated rows
// ---------------------------------------------------------------------------------------------------------

export interface GeneratedOrganisation {
  name: string;
  kind: OrganisationKind;
  districtCode: string | null;
}

export interface GeneratedShift {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export interface GeneratedPosting {
  /** Position in the data set, 0-based; stored as the submission key `bench-<index>`. */
  index: number;
  organisationIndex: number;
  lang: Lang;
  title: string;
  description: string;
  tags: string[];
  whatToBring: string;
  categoryCode: string;
  districtCode: string | null;
  placeName: string;
  latitude: number;
  longitude: number;
  minimumAge: number | null;
  welcomesMinors: boolean;
  publishedAt: Date;
  shifts: GeneratedShift[];
  /** Hidden from the engine: the concepts the posting's searchable text contains. */
  labels: Concept[];
}

export interface Dataset {
  organisations: GeneratedOrganisation[];
  postings: GeneratedPosting[];
}

export interface GenerateOptions {
  seed?: number;
  /** Shifts start after this instant, postings were published before it. */
  now: Date;
}

const DISTRICT_BY_CODE = new Map(DISTRICTS.map((d) => [d.code, d]));
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function organisationName(kind: OrganisationKind, r: Random): { name: string; districtCode: string | null } {
  const d = r.pick(DISTRICTS);
  switch (kind) {
    case "park_care_association": {
      const park = r.pick(NAMED_PARKS);
      return { name: `${park.ja}愛護会`, districtCode: park.district ?? d.code };
    }
    case "neighbourhood_association":
      return { name: r.chance(0.5) ? `${d.name_ja}${r.int(1, 5)}区自治会` : `${d.name_ja}町内会`, districtCode: d.code };
    case "machizukuri_council":
      return { name: `${d.name_ja}まちづくり協議会`, districtCode: d.code };
    case "civic_centre":
      return { name: `${d.name_ja}市民センター運営委員会`, districtCode: d.code };
    case "high_school":
      return { name: r.pick(["八幡高校 JRC部", "八幡中央高校 ボランティア部", "九州国際大学付属高校 生徒会"]), districtCode: null };
    case "university":
      return { name: r.pick(["九州国際大学 学生ボランティアサークル", "北九州の大学生 地域連携ゼミ", "KIU International Club"]), districtCode: null };
    case "npo":
      return {
        name: r.pick(["NPO法人 八幡こども応援ネット", "NPO法人 やはた国際交流の会", "NPO法人 環境ネット八幡東", "NPO法人 まちの縁側", "NPO法人 地域食堂やはた"]),
        districtCode: r.chance(0.5) ? d.code : null,
      };
    case "social_welfare":
      return { name: r.pick(["八幡東区社会福祉協議会", "社会福祉法人 ひかりの里", "地域包括支援センターやはた"]), districtCode: null };
    case "ward_office":
      return { name: r.pick(["八幡東区役所 総務企画課", "八幡東区役所 まちづくり推進課"]), districtCode: "chuo" };
  }
}

const ORGANISATION_KIND_WEIGHTS: readonly (readonly [OrganisationKind, number])[] = [
  ["neighbourhood_association", 30],
  ["machizukuri_council", 10],
  ["park_care_association", 18],
  ["civic_centre", 8],
  ["high_school", 4],
  ["university", 4],
  ["npo", 14],
  ["social_welfare", 6],
  ["ward_office", 2],
];

/** Midnight (Asia/Tokyo) of the Tokyo calendar day of `now`, as an instant. */
function tokyoMidnight(now: Date): number {
  const offset = 9 * 3600_000;
  return Math.floor((now.getTime() + offset) / 86400_000) * 86400_000 - offset;
}

function spotFor(template: Template, r: Random): Spot {
  switch (template.at) {
    case "park":
      return r.pick(PARKS);
    case "centre":
      return r.pick(CENTRES);
    case "hall":
    case "river":
    case "district":
      return r.pick(HALLS);
  }
}

/**
 * Every field of a posting the engine indexes, as one text, for labelling: not its category's name, which is a
 * filter and not text (docs/decisions/019-search-evaluation-and-readings.md).
 */
export function searchableText(p: Pick<GeneratedPosting, "title" | "description" | "tags" | "whatToBring" | "placeName" | "categoryCode" | "districtCode">, organisationName: string): string {
  const district = p.districtCode ? DISTRICT_BY_CODE.get(p.districtCode) : undefined;
  return [
    p.title,
    p.tags.join(" "),
    p.description,
    p.whatToBring,
    organisationName,
    p.placeName,
    district?.name_ja ?? "",
    district?.name_en ?? "",
  ].join("\n");
}

/**
 * `size` postings (and the organisations that publish them), the same for the same `seed` and `now`.
 * All organisations are verified and all postings published with future shifts, so every posting is a
 * candidate for every query and a concept's labelled postings are exactly the ones a query should find.
 */
export function generateDataset(size: number, options: GenerateOptions): Dataset {
  const r = createRandom(options.seed ?? 20_260_401);
  const now = options.now;
  const midnight = tokyoMidnight(now);

  const organisationCount = Math.max(20, Math.round(size / 40));
  const organisations: GeneratedOrganisation[] = [];
  for (let i = 0; i < organisationCount; i++) {
    const kind = r.weighted(ORGANISATION_KIND_WEIGHTS);
    organisations.push({ kind, ...organisationName(kind, r) });
  }
  const byKind = new Map<OrganisationKind, number[]>();
  organisations.forEach((o, i) => byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), i]));

  const postings: GeneratedPosting[] = [];
  for (let index = 0; index < size; index++) {
    const categoryCode = r.weighted(CATEGORY_WEIGHTS);
    const lang: Lang = r.chance(0.15) ? "en" : "ja";
    const template = r.pick(TEMPLATES[categoryCode][lang]);
    const spot = spotFor(template, r);
    const districtCode = r.chance(0.05) ? null : (spot.district ?? r.pick(DISTRICTS).code);
    const district = districtCode ? DISTRICT_BY_CODE.get(districtCode)! : r.pick(DISTRICTS);
    const river = r.pick(RIVERS);
    const slots: Slots = {
      place: spot.ja,
      placeEn: spot.en,
      district: district.name_ja,
      districtEn: district.name_en,
      river: river.ja,
      riverEn: river.en,
    };

    const title = template.title(slots, r);
    const sentences = [template.lead(slots, r)];
    const extras = lang === "ja" ? EXTRA_JA : EXTRA_EN;
    const extraCount = r.int(1, 3);
    for (let e = 0; e < extraCount; e++) sentences.push(r.pick(extras)(slots, r));
    const description = [...new Set(sentences)].join(lang === "ja" ? "" : " ");
    const tags = [...template.tags];
    if (r.chance(0.3)) tags.push(lang === "ja" ? volunteer(r) : "volunteer");

    const preferred = byKind.get(r.pick(PREFERRED_KINDS[categoryCode]));
    const organisationIndex = preferred && r.chance(0.75) ? r.pick(preferred) : r.int(0, organisations.length - 1);

    const latitude = spot.lat !== null ? spot.lat + r.between(-0.002, 0.002) : r.between(BOUNDS.minLat, BOUNDS.maxLat);
    const longitude = spot.lng !== null ? spot.lng + r.between(-0.002, 0.002) : r.between(BOUNDS.minLng, BOUNDS.maxLng);

    const welcomesMinors = r.chance(0.45);
    const minimumAge = welcomesMinors ? r.pick([null, null, 10, 12, 15]) : r.pick([null, 18, 18, 20]);

    const shifts: GeneratedShift[] = [];
    const shiftCount = r.int(1, 3);
    let day = r.int(1, 45);
    for (let s = 0; s < shiftCount; s++) {
      const startMinutes = r.int(16, 38) * 30; // 08:00–19:00, Tokyo
      const startsAt = new Date(midnight + day * 86400_000 + startMinutes * 60_000);
      const endsAt = new Date(startsAt.getTime() + r.int(2, 8) * 30 * 60_000);
      shifts.push({ startsAt, endsAt, capacity: r.int(1, 30) });
      day += r.int(1, 14);
    }

    const posting: GeneratedPosting = {
      index,
      organisationIndex,
      lang,
      title,
      description,
      tags,
      whatToBring: r.pick(lang === "ja" ? BRING_JA : BRING_EN),
      categoryCode,
      districtCode,
      placeName: spot.ja,
      latitude: round6(clamp(latitude, BOUNDS.minLat, BOUNDS.maxLat)),
      longitude: round6(clamp(longitude, BOUNDS.minLng, BOUNDS.maxLng)),
      minimumAge,
      welcomesMinors,
      publishedAt: new Date(now.getTime() - r.int(60, 90 * 86400) * 1000),
      shifts,
      labels: [],
    };
    posting.labels = labelsFor(searchableText(posting, organisations[organisationIndex].name));
    postings.push(posting);
  }
  return { organisations, postings };
}
