import { normalise } from "./normalise";

/**
 * Groups of words that mean the same thing to someone looking for volunteering in the ward. A query for any
 * word of a group also finds postings that use another word of the same group. The list is not transitive:
 * a word in two groups is expanded to both groups, but the groups are not merged.
 *
 * Spelling variants that normalisation already makes equal (ゴミ/ごみ, full-width/half-width, upper/lower case)
 * need not be listed twice; they are harmless when they are.
 *
 * Changing this list changes which tokens are indexed (synonyms of three or more Japanese characters, and
 * phrases of several words such as "high school", are indexed where they occur), so postings have to be
 * re-indexed after an edit for those entries to be found.
 */
export const DEFAULT_SYNONYMS: string[][] = [
  ["ボランティア", "ボラ", "volunteer", "volunteers", "volunteering"],
  ["子ども", "子供", "こども", "児童", "キッズ", "children", "kids", "child"],
  ["清掃", "掃除", "クリーン", "クリーンアップ", "ごみ拾い", "ゴミ拾い", "clean-up", "cleanup", "clean up", "cleaning", "litter picking"],
  ["清掃活動", "美化", "美化活動"],
  ["高齢者", "お年寄り", "シニア", "高齢", "elderly", "seniors", "senior", "older people", "older neighbours", "older residents"],
  ["防災", "災害", "避難", "disaster", "evacuation"],
  ["公園", "パーク", "park", "parks"],
  ["草取り", "草刈り", "除草", "雑草", "weeding"],
  ["花壇", "花", "フラワー", "flower", "flowers"],
  ["祭り", "お祭り", "まつり", "祭", "フェス", "フェスティバル", "festival"],
  ["盆踊り", "夏祭り", "納涼祭", "bon odori", "bon dance", "summer festival"],
  ["BBQ", "バーベキュー", "barbecue"],
  ["学習支援", "勉強", "宿題", "study", "tutoring", "homework"],
  ["託児", "保育", "childcare", "child care"],
  ["国際交流", "外国人", "多文化", "international"],
  ["見守り", "訪問", "安否確認", "声かけ", "声掛け", "check-in", "check-ins", "friendly visits"],
  ["高校生", "高校", "high school"],
  ["大学生", "学生", "student", "students"],
  ["募集", "求む"],
  ["イベント", "催し", "event", "events"],
  ["市民センター", "センター"],
  ["福祉", "ふくし", "welfare"],
  ["手話", "sign language"],
  ["障害者", "障がい者", "障碍者"],
  ["子育て", "育児"],
  // Places that English postings write in rōmaji.
  ["東田", "higashida"],
  ["皿倉山", "mt sarakura", "mount sarakura"],
];

/**
 * Maps every normalised word of `groups` to the normalised words of all the groups it belongs to, itself
 * first. Words that normalise to nothing are ignored.
 */
export function buildSynonymIndex(groups: string[][]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const group of groups) {
    const words = [...new Set(group.map(normalise).filter((w) => w !== ""))];
    for (const word of words) {
      const known = index.get(word) ?? [word];
      for (const other of words) if (!known.includes(other)) known.push(other);
      index.set(word, known);
    }
  }
  return index;
}
