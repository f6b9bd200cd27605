/**
 * The labelled evaluation set for search (`npm run eval:search`): 1,500 realistic postings and the queries people
 * type, each with the postings that are relevant to it.
 *
 * Most postings come from the benchmark's generator (tests/bench/generate.ts); the rest are written here for the
 * ways a search fails a person: kana written differently (ボランテイア with a large イ, ﾎﾞﾗﾝﾃｨｱ, all-hiragana
 * ごみひろい), a misspelt English word, words that only a category's name carries (宿題, 見守り), a specific
 * English word among generic ones (childcare), words that mean the same to a resident (盆踊り / 夏祭り / 納涼祭,
 * ＢＢＱ / バーベキュー, 見守り / 声かけ), romanised place names (Higashida = 東田, Mt. Sarakura = 皿倉山),
 * a word inside an unrelated one (愛護会 and 動物愛護センター) and hiragana readings of kanji words (ぼうさい).
 *
 * Relevance is decided here, not by the engine: a posting is relevant to a query when its own text (title, tags,
 * description, what to bring, organisation, place — not its category's name, which a posting does not choose
 * word by word) contains one of the query's meaning's surface forms, listed by hand below. Japanese forms are
 * matched as substrings of the text normalised plainly (NFKC, lower case, katakana as hiragana, ぃ→い etc. NOT
 * folded), Latin forms as whole words. Where a form is a substring of an unrelated word, `exclude` lists it.
 */
import { generateDataset, type Dataset, type GeneratedPosting } from "../bench/generate";
import { DISTRICTS } from "~/server/seed/data";

export type Family = "baseline" | "kana" | "typo" | "category" | "specific" | "synonyms" | "places" | "inside-word" | "reading";

export interface Meaning {
  /** Surface forms that make a posting relevant. */
  forms: readonly string[];
  /** Longer words containing a form that do not carry the meaning (動物愛護 for 愛護会). */
  exclude?: readonly string[];
}

export interface EvalQuery {
  query: string;
  family: Family;
  /** The posting is relevant when it has every one of these meanings. */
  meanings: readonly Meaning[];
}

const VOLUNTEER: Meaning = { forms: ["ボランティア", "ボランテイア", "ボラ", "volunteer", "volunteers", "volunteering"] };
const CLEANING: Meaning = {
  forms: ["清掃", "掃除", "クリーンアップ", "ごみ拾い", "ゴミ拾い", "ごみひろい", "clean-up", "cleanup", "clean up", "cleaning", "litter"],
};
const STUDY: Meaning = { forms: ["宿題", "学習支援", "勉強", "homework", "tutoring", "study", "tutors"] };
const ELDERLY: Meaning = { forms: ["高齢者", "お年寄り", "シニア", "elderly", "seniors", "older neighbours", "older residents"] };
const CHECK_IN: Meaning = { forms: ["見守り", "声かけ", "安否確認", "check-in", "check-ins", "check they are well"] };
const CHILDCARE: Meaning = { forms: ["childcare", "child care", "託児", "保育"] };
const SUMMER_FESTIVAL: Meaning = { forms: ["盆踊り", "夏祭り", "納涼祭", "bon dance", "bon odori", "summer festival"] };
const BBQ: Meaning = { forms: ["bbq", "バーベキュー", "barbecue"] };
const HIGASHIDA: Meaning = { forms: ["東田", "higashida"] };
const SARAKURA: Meaning = { forms: ["皿倉山", "mt. sarakura", "mt sarakura", "mount sarakura"] };
const PARK_CARE: Meaning = { forms: ["愛護会", "park care group", "park care association", "park-care"], exclude: ["動物愛護"] };
const DISASTER: Meaning = { forms: ["防災", "災害", "避難", "disaster", "evacuation"] };
const PARK: Meaning = { forms: ["公園", "パーク", "park", "parks"] };
const CHILDREN: Meaning = { forms: ["子ども", "子供", "こども", "児童", "キッズ", "children", "kids", "child", "childcare"] };
const FESTIVAL: Meaning = { forms: ["祭り", "お祭り", "まつり", "夏祭", "文化祭", "納涼祭", "フェス", "festival"] };

export const QUERIES: readonly EvalQuery[] = [
  { query: "公園", family: "baseline", meanings: [PARK] },
  { query: "こども", family: "baseline", meanings: [CHILDREN] },
  { query: "防災", family: "baseline", meanings: [DISASTER] },
  { query: "掃除", family: "baseline", meanings: [CLEANING] },
  { query: "volunteers", family: "baseline", meanings: [VOLUNTEER] },
  { query: "まつり", family: "baseline", meanings: [FESTIVAL] },
  { query: "ボランテイア", family: "kana", meanings: [VOLUNTEER] },
  { query: "ﾎﾞﾗﾝﾃｨｱ", family: "kana", meanings: [VOLUNTEER] },
  { query: "ぼらんてぃあ", family: "kana", meanings: [VOLUNTEER] },
  { query: "ごみひろい", family: "kana", meanings: [CLEANING] },
  { query: "volunter", family: "typo", meanings: [VOLUNTEER] },
  { query: "voluntere", family: "typo", meanings: [VOLUNTEER] },
  { query: "宿題", family: "category", meanings: [STUDY] },
  { query: "高齢者 見守り", family: "category", meanings: [ELDERLY, CHECK_IN] },
  { query: "childcare", family: "specific", meanings: [CHILDCARE] },
  { query: "盆踊り", family: "synonyms", meanings: [SUMMER_FESTIVAL] },
  { query: "納涼祭", family: "synonyms", meanings: [SUMMER_FESTIVAL] },
  { query: "ＢＢＱ", family: "synonyms", meanings: [BBQ] },
  { query: "バーベキュー", family: "synonyms", meanings: [BBQ] },
  { query: "声かけ", family: "synonyms", meanings: [CHECK_IN] },
  { query: "Higashida", family: "places", meanings: [HIGASHIDA] },
  { query: "東田", family: "places", meanings: [HIGASHIDA] },
  { query: "Mt. Sarakura", family: "places", meanings: [SARAKURA] },
  { query: "皿倉山", family: "places", meanings: [SARAKURA] },
  { query: "愛護会", family: "inside-word", meanings: [PARK_CARE] },
  { query: "ぼうさい", family: "reading", meanings: [DISASTER] },
  { query: "せいそう", family: "reading", meanings: [CLEANING] },
];

/** NFKC, lower case, katakana as hiragana, single spaces: how relevance is judged (not the engine's folding). */
export function plain(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, " ")
    .trim();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const isLatin = (f: string) => /^[\p{Script=Latin}0-9 .'-]+$/u.test(f);

function matcher(meaning: Meaning): (text: string) => boolean {
  const japanese = meaning.forms.filter((f) => !isLatin(f)).map(plain);
  const latin = meaning.forms.filter(isLatin).map(plain);
  // A Latin word ends where Latin letters and digits end (地域bbq交流会 holds the word bbq).
  const word = latin.length
    ? new RegExp(`(?<![\\p{Script=Latin}\\p{N}])(?:${latin.map(escape).join("|")})(?![\\p{Script=Latin}\\p{N}])`, "u")
    : null;
  const exclude = (meaning.exclude ?? []).map(plain);
  return (text) => {
    const t = exclude.reduce((acc, e) => acc.split(e).join("\u0000"), text);
    return japanese.some((f) => t.includes(f)) || (word !== null && word.test(t));
  };
}

/** Whether a posting's own text (see the top of this file) is relevant to a query. */
export function relevanceOf(query: EvalQuery): (ownText: string) => boolean {
  const tests = query.meanings.map(matcher);
  return (text) => {
    const t = plain(text);
    return tests.every((test) => test(t));
  };
}

/** A posting's own text: what it says itself, without its category's name. */
export function ownText(p: GeneratedPosting, organisationName: string): string {
  const district = p.districtCode ? DISTRICTS.find((d) => d.code === p.districtCode) : undefined;
  return [p.title, p.tags.join(" "), p.description, p.whatToBring, organisationName, p.placeName, district?.name_ja ?? "", district?.name_en ?? ""].join("\n");
}

type Written = { lang: "ja" | "en"; category: string; title: string; description: string; tags: string[]; place: string };

/** Postings written for the failure families: each is realistic text a group in the ward could publish. */
const WRITTEN: readonly Written[] = [
  { lang: "ja", category: "cleanup", title: "河川敷ごみひろい ボランテイア募集", description: "板櫃川の河川敷でごみひろいをします。軍手と袋はこちらで用意します。", tags: ["ごみひろい"], place: "板櫃川河川敷" },
  { lang: "ja", category: "parks", title: "公園の草とり ボランテイアさん募集", description: "毎月第2土曜日に草とりをしています。どなたでも参加できます。", tags: ["草とり"], place: "高見公園" },
  { lang: "ja", category: "cleanup", title: "ﾎﾞﾗﾝﾃｨｱ清掃 ごみひろい大作戦", description: "通学路のごみひろいです。小学生も参加します。", tags: ["ごみひろい", "通学路"], place: "槻田小学校前" },
  { lang: "ja", category: "festival", title: "東田納涼祭 スタッフ募集", description: "東田地区の納涼祭で、受付と模擬店のお手伝いをお願いします。", tags: ["納涼祭"], place: "東田第一公園" },
  { lang: "ja", category: "festival", title: "盆踊り大会 やぐら設営", description: "やぐらの組み立てと提灯の飾り付けです。", tags: ["盆踊り"], place: "大蔵市民センター" },
  { lang: "ja", category: "festival", title: "町内の夏祭り 模擬店のお手伝い", description: "かき氷と焼きそばの模擬店です。", tags: ["夏祭り"], place: "祝町公民館" },
  { lang: "ja", category: "festival", title: "バーベキュー交流会の準備", description: "河川敷でのバーベキュー交流会の準備と片付けです。", tags: ["バーベキュー"], place: "大蔵川河川敷" },
  { lang: "ja", category: "festival", title: "ＢＢＱで地域交流", description: "ＢＢＱの火おこしと配膳をお願いします。", tags: ["ＢＢＱ"], place: "皿倉山ケーブルカー山麓駅前" },
  { lang: "ja", category: "elderly", title: "ひとり暮らしの方への声かけ活動", description: "高齢者のお宅を回り、声かけをします。", tags: ["声かけ"], place: "山王市民センター" },
  { lang: "ja", category: "elderly", title: "登下校の見守りと声かけ", description: "子どもたちの登下校時に通学路で見守りをします。", tags: ["見守り", "通学路"], place: "枝光小学校" },
  { lang: "ja", category: "elderly", title: "高齢者サロンの見守りボランティア", description: "サロンに来られるお年寄りの見守りとお茶出しです。", tags: ["サロン"], place: "河内市民センター" },
  { lang: "ja", category: "children", title: "子育てサロンの託児ボランティア", description: "講座の間、乳幼児の保育をお手伝いします。保育士資格は不要です。", tags: ["託児", "子育て"], place: "八幡東区役所" },
  { lang: "ja", category: "children", title: "宿題ひろば 見守りスタッフ", description: "小学生が宿題をする時間に、そばで見守ります。", tags: ["宿題"], place: "上本町公民館" },
  { lang: "ja", category: "parks", title: "皿倉山 登山道の整備", description: "皿倉山の登山道で倒木の片付けと道標の点検をします。", tags: ["登山道", "皿倉山"], place: "皿倉山" },
  { lang: "ja", category: "parks", title: "東田の緑地で花壇づくり", description: "東田地区の緑地に季節の花を植えます。", tags: ["花壇"], place: "東田緑地" },
  { lang: "ja", category: "welfare", title: "動物愛護センターの犬の散歩", description: "保護犬の散歩とケージの清掃をお願いします。", tags: ["動物", "犬"], place: "動物愛護センター" },
  { lang: "ja", category: "other", title: "動物愛護週間のパネル展示", description: "動物愛護の啓発パネルを展示します。受付をお願いします。", tags: ["動物愛護"], place: "八幡東区役所" },
  { lang: "ja", category: "parks", title: "愛護会の花植え", description: "公園愛護会と一緒に花を植えます。", tags: ["愛護会"], place: "桃園公園" },
  { lang: "ja", category: "disaster", title: "防災キャンプ 運営補助", description: "小学生向けの防災キャンプです。テント設営を手伝ってください。", tags: ["防災"], place: "高見公園" },
  { lang: "en", category: "children", title: "Childcare volunteers for a parenting class", description: "Look after toddlers while their parents attend a class. Childcare experience welcome.", tags: ["childcare"], place: "Yahatahigashi Ward Office" },
  { lang: "en", category: "children", title: "Childcare at the community hall", description: "Help with childcare during the residents' meeting.", tags: ["childcare"], place: "Iwaimachi community hall" },
  { lang: "en", category: "festival", title: "Bon odori helpers in Higashida", description: "Set up lanterns for the bon odori night in Higashida.", tags: ["bon odori"], place: "Higashida" },
  { lang: "en", category: "parks", title: "Trail care on Mt. Sarakura", description: "Clear fallen branches from the hiking trail on Mt. Sarakura.", tags: ["trail", "hiking"], place: "Mt. Sarakura" },
  { lang: "en", category: "festival", title: "Summer festival in Higashida", description: "Help at the food stalls of the Higashida summer festival.", tags: ["festival"], place: "Higashida" },
  { lang: "en", category: "festival", title: "Barbecue for new residents", description: "Grill and serve at a barbecue welcoming new residents.", tags: ["barbecue"], place: "Takami Park" },
  { lang: "en", category: "elderly", title: "Check-ins with older neighbours", description: "Weekly check-ins with older residents who live alone.", tags: ["check-ins"], place: "Sanno" },
  { lang: "en", category: "disaster", title: "Evacuation route walk", description: "Walk the evacuation routes of the neighbourhood and note hazards.", tags: ["evacuation"], place: "Edamitsu" },
];

const WRITTEN_COPIES = 6;

/**
 * 1,500 postings: 1,338 from the benchmark generator and 162 written for the failure families (27 texts, each
 * published by 6 groups on different dates). The same every run.
 */
export function evaluationDataset(now: Date): Dataset {
  const written = WRITTEN.length * WRITTEN_COPIES;
  const data = generateDataset(1500 - written, { seed: 20_261_206, now });
  const template = data.postings;
  for (let copy = 0; copy < WRITTEN_COPIES; copy++) {
    WRITTEN.forEach((w, i) => {
      const base = template[(copy * WRITTEN.length + i) * 7];
      const index = data.postings.length;
      data.postings.push({
        ...base,
        index,
        lang: w.lang,
        title: w.title,
        description: w.description,
        tags: [...w.tags],
        whatToBring: w.lang === "ja" ? "動きやすい服装" : "Comfortable clothes",
        categoryCode: w.category,
        placeName: w.place,
        labels: [],
      });
    });
  }
  return data;
}

/** For each query, the indexes of the relevant postings. */
export function relevantPostings(data: Dataset): Map<EvalQuery, Set<number>> {
  const texts = data.postings.map((p) => ownText(p, data.organisations[p.organisationIndex].name));
  return new Map(QUERIES.map((q) => {
    const test = relevanceOf(q);
    return [q, new Set(texts.flatMap((t, i) => (test(t) ? [i] : [])))];
  }));
}

