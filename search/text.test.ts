import { describe, expect, it } from "vitest";
import { DEFAULT_SYNONYMS, buildSynonymIndex } from "./synonyms";
import { MAX_QUERY_TERMS, allowedTypos, normalise, queryTerms, tokens, typoCandidates, type QueryTerm } from "./text";

/** What the engines do with the terms, in miniature: every term needs one alternative among the tokens. */
function matches(docTokens: Set<string>, terms: QueryTerm[]): boolean {
  return (
    terms.length > 0 &&
    terms.every((term) =>
      term.alternatives.some((alt) => docTokens.has(alt) || (term.prefix && [...docTokens].some((t) => t.startsWith(alt)))),
    )
  );
}

/** Whether `query` finds `doc`, with the document's own words as the vocabulary for typos. */
function finds(doc: string, query: string): boolean {
  const docTokens = tokens(doc);
  return matches(new Set(docTokens), queryTerms(query, { vocabulary: docTokens }));
}

/** A small seeded generator, so that timings are measured on the same varied text every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** About `length` characters of Japanese prose in the style of a posting, without the same sentence twice. */
function japaneseDescription(length: number): string {
  const rnd = random(20261124);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const nouns = [
    "八幡東区", "公園愛護会", "河川敷", "清掃活動", "地域住民", "高齢者", "見守り", "子ども食堂", "学習支援", "防災訓練",
    "避難所", "市民センター", "花壇", "草取り", "受付", "案内", "参加者", "毎月第二土曜日", "午前九時", "雨天中止",
    "持ち物", "軍手", "飲み物", "帽子", "集合場所", "駐車場", "申し込み", "締め切り", "担当者", "連絡先", "国際交流",
    "留学生", "大学生", "高校生", "中学生", "保護者", "同意書", "安全対策", "保険加入", "参加費無料", "昼食", "季節行事",
    "夏祭り", "会場設営", "片付け", "皿倉山", "東田", "枝光", "大蔵", "槻田", "尾倉", "高見", "荒生田", "桃園公園",
    "ボランティア", "イベント", "スタッフ", "サポート", "グループ", "フードバンク", "ワークショップ", "リサイクル", "プログラム",
  ];
  const particles = ["の", "を", "に", "で", "と", "は", "が", "や", "から", "まで", "へ", "も"];
  const endings = ["します", "しています", "してください", "です", "でした", "できます", "をお願いします", "を予定しています"];
  let text = "";
  while (text.length < length) {
    const words = 2 + Math.floor(rnd() * 4);
    // Nouns are often compounded (地域防災訓練, 公園清掃活動): most compounds of the text are then different.
    for (let i = 0; i < words; i++) text += pick(nouns) + (rnd() < 0.5 ? pick(nouns) : "") + pick(particles) + (rnd() < 0.2 ? "、" : "");
    text += pick(nouns) + pick(endings) + "。";
  }
  return text.slice(0, length);
}

describe("normalise", () => {
  it("folds full-width and half-width forms", () => {
    expect(normalise("ＡＢＣ１２３")).toBe("abc123");
    expect(normalise("ﾎﾞﾗﾝﾃｨｱ")).toBe("ぼらんていあ");
    expect(normalise("ｾﾝﾀｰ")).toBe("せんたー");
  });

  it("makes katakana equal to hiragana and keeps the long-vowel mark", () => {
    expect(normalise("ボランティア")).toBe(normalise("ぼらんてぃあ"));
    expect(normalise("センター")).toBe("せんたー");
    expect(normalise("ヴァイオリン")).toBe("ゔあいおりん");
  });

  it("lower-cases and collapses whitespace, including the ideographic space", () => {
    expect(normalise("  Park\u3000 Clean-Up\n\tDay ")).toBe("park clean-up day");
  });

  it("drops format characters and is idempotent", () => {
    expect(normalise("clean\u00adup\u200b")).toBe("cleanup");
    for (const s of ["ＡＢＣ　ﾎﾞﾗﾝﾃｨｱ", "八幡東区の公園", "Ｃｌｅａｎ－ｕｐ"]) expect(normalise(normalise(s))).toBe(normalise(s));
  });
});

describe("tokens", () => {
  it("indexes every bigram of a Japanese run", () => {
    const t = tokens("公園愛護会");
    for (const pair of ["公園", "園愛", "愛護", "護会"]) expect(t).toContain(pair);
    expect(tokens("桃園公園で草取り")).toContain("公園");
  });

  it("indexes words: kanji compounds as segmented, single kanji, katakana words", () => {
    const t = tokens("八幡東区の森でボランティア");
    expect(t).toEqual(expect.arrayContaining(["八幡東", "区", "森", "ぼらんていあ"]));
  });

  it("drops lone kana (particles) and deduplicates", () => {
    expect(tokens("を")).toEqual([]);
    const t = tokens("公園 公園 公園の公園");
    expect(new Set(t).size).toBe(t.length);
    expect(t).not.toContain("の");
  });

  it("indexes synonym-list words the segmenter cuts (見守り in 見守り活動)", () => {
    expect(tokens("見守り活動")).toContain("見守り");
    expect(tokens("ゴミ拾いに参加")).toContain("ごみ拾い");
    expect(tokens("High School students")).toContain("highschool");
  });

  it("keeps hyphen compounds joined and whole, and splits other Latin punctuation", () => {
    expect(tokens("Park clean-up")).toEqual(expect.arrayContaining(["park", "clean-up", "clean", "up", "cleanup"]));
    expect(tokens("don't")).toEqual(["don", "t"]);
    // "-19" would be read by PostgreSQL as a negative number: the compound is only kept joined.
    const covid = tokens("COVID-19");
    expect(covid).toEqual(expect.arrayContaining(["covid", "19", "covid19"]));
    expect(covid).not.toContain("covid-19");
  });

  it("keeps numbers", () => {
    expect(tokens("2024年12月5日 10:00〜3.5時間")).toEqual(expect.arrayContaining(["2024", "12", "5", "10", "00", "3", "年", "月", "日"]));
  });

  it("never emits characters that tsvector or tsquery parsing treats specially", () => {
    expect(tokens("a:b & c | !d (e) 'f' \\g *h")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    const hostile = "x:1 y&z a|b !c (d) 'e' \\f *g <h> i@j.k l/m n.o p=q r+s t~u v^w \"x\" 八幡:東区 ボランティア&募集 ー・、。「」";
    for (const t of tokens(hostile)) {
      expect(t).toMatch(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:-[a-z][a-z0-9]*)*$/u);
      expect(t).not.toMatch(/[:&|!()'\\*<>@./=+~^"\s]/);
    }
    for (const term of queryTerms(hostile))
      for (const alt of term.alternatives) expect(alt).toMatch(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*$/u);
  });

  it("skips empty text and very long junk", () => {
    expect(tokens("")).toEqual([]);
    expect(tokens(" \n\t ")).toEqual([]);
    expect(tokens("a".repeat(200))).toEqual([]);
  });

  // Speed is measured by `npm run bench:search`, not asserted here (a loaded machine would make it flaky).
  it("tokenises a 4,000-character Japanese description into bigrams and words", () => {
    const text = japaneseDescription(4000);
    expect(text.length).toBe(4000);
    const result = tokens(text);
    expect(result.length).toBeGreaterThan(100);
    expect(new Set(result).size).toBe(result.length);
  });
});

describe("queryTerms", () => {
  it("gives no terms for an empty, blank or punctuation-only query", () => {
    expect(queryTerms("")).toEqual([]);
    expect(queryTerms("   ")).toEqual([]);
    expect(queryTerms("\u3000\n")).toEqual([]);
    expect(queryTerms("!!! ・ 、")).toEqual([]);
  });

  it("makes the last word a prefix while typing, not once a space follows", () => {
    expect(queryTerms("park volu")).toEqual([
      { alternatives: ["park", "公園", "ぱーく", "parks"], prefix: false },
      { alternatives: ["volu"], prefix: true },
    ]);
    expect(queryTerms("volu ")).toEqual([{ alternatives: ["volu"], prefix: false }]);
    expect(queryTerms("ボランテ").at(-1)?.prefix).toBe(true);
  });

  it("keeps kanji words exact but single characters prefixes wherever they are", () => {
    expect(queryTerms("公園")).toEqual([{ alternatives: ["公園", "ぱーく", "park", "parks"], prefix: false }]);
    expect(queryTerms("森")).toEqual([{ alternatives: ["森"], prefix: true }]);
    expect(queryTerms("森 公園")[0]).toEqual({ alternatives: ["森"], prefix: true });
  });

  it("splits Japanese words with the segmenter, drops particles, and falls back to bigrams", () => {
    expect(queryTerms("防災訓練").map((t) => t.alternatives[0])).toEqual(["防災", "訓練"]);
    expect(queryTerms("防災訓練")[0].alternatives).toContain("避難");
    expect(queryTerms("公園の清掃").map((t) => t.alternatives[0])).toEqual(["公園", "清掃"]);
    expect(queryTerms("八幡東")).toEqual([
      { alternatives: ["八幡"], prefix: false },
      { alternatives: ["幡東"], prefix: false },
    ]);
  });

  it("takes synonym-list words whole even when segmented (学習|支援, 見|守り)", () => {
    expect(queryTerms("学習支援")).toHaveLength(1);
    expect(queryTerms("見守り")[0].alternatives).toEqual(["見守り", "訪問", "安否確認", "声かけ", "声掛け", "checkin", "checkins", "friendlyvisits"]);
  });

  it("gives 子ども, 子供 and こども alternatives that meet", () => {
    const forms = ["子ども", "子供", "こども"];
    for (const q of forms) {
      const terms = queryTerms(q);
      expect(terms).toHaveLength(1);
      expect(terms[0].alternatives).toEqual(expect.arrayContaining(forms));
    }
  });

  it("reads a half-width katakana query as its hiragana form, with synonyms", () => {
    const [term] = queryTerms("ﾎﾞﾗﾝﾃｨｱ");
    expect(term.alternatives).toEqual(expect.arrayContaining(["ぼらんていあ", "volunteer", "volunteers"]));
  });

  it("turns a hyphen compound into terms that accept the joined form", () => {
    expect(queryTerms("clean-up ")).toEqual([
      expect.objectContaining({ alternatives: expect.arrayContaining(["clean", "cleanup", "清掃"]) }),
      expect.objectContaining({ alternatives: expect.arrayContaining(["up", "cleanup", "清掃"]) }),
    ]);
  });

  it("takes the words of a synonym phrase together", () => {
    const terms = queryTerms("high school");
    expect(terms).toHaveLength(2);
    for (const t of terms) expect(t.alternatives).toEqual(expect.arrayContaining(["highschool", "高校生"]));
  });

  it("uses the synonyms it is given", () => {
    const synonyms = buildSynonymIndex([["ＦＯＯ", "bar"]]);
    expect(queryTerms("foo ", { synonyms })).toEqual([{ alternatives: ["foo", "bar"], prefix: false }]);
    expect(queryTerms("公園 ", { synonyms })).toEqual([{ alternatives: ["公園"], prefix: false }]);
  });

  it("adds typo corrections from the vocabulary to Latin words only", () => {
    const vocabulary = ["volunteer", "volunteers", "international"];
    expect(queryTerms("volunter ", { vocabulary, synonyms: new Map() })[0].alternatives).toEqual(["volunter", "volunteer"]);
    expect(queryTerms("volunter", { vocabulary })[0].alternatives).toEqual(expect.arrayContaining(["volunteer", "volunteers"]));
    expect(queryTerms("ぼらんてぃ", { vocabulary: ["ぼらんてぃあ"] }).flatMap((t) => t.alternatives)).not.toContain("ぼらんてぃあ");
  });

  it("caps very long queries", () => {
    expect(queryTerms(Array.from({ length: 100 }, (_, i) => `word${i}`).join(" "))).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe("typo tolerance", () => {
  const vocabulary = ["volunteer", "volunteers", "volunteering", "cart", "cast", "bat", "clear", "clean", "international", "students"];

  it("allows no typo under 5 letters, 1 from 5, 2 from 9, none for Japanese", () => {
    expect([allowedTypos("cat"), allowedTypos("park"), allowedTypos("clean"), allowedTypos("volunter"), allowedTypos("volunteer")]).toEqual([0, 0, 1, 1, 2]);
    expect(allowedTypos("ボランティアさん")).toBe(0);
    expect(typoCandidates("cat", vocabulary)).toEqual([]);
    expect(typoCandidates("ぼらんてぃあー", ["ぼらんてぃあ"])).toEqual([]);
  });

  it("finds one typo from 5 letters, counting a transposition as one", () => {
    expect(typoCandidates("volunter", vocabulary)).toEqual(["volunteer"]);
    expect(typoCandidates("claen", vocabulary)).toEqual(["clean"]);
    expect(typoCandidates("studnets", vocabulary)).toEqual(["students"]);
    expect(typoCandidates("volanter", vocabulary)).toEqual([]); // two typos in an 8-letter word
  });

  it("finds two typos from 9 letters", () => {
    expect(typoCandidates("volantere", vocabulary)).toEqual(["volunteer"]);
    expect(typoCandidates("intrenatinal", vocabulary)).toEqual(["international"]);
    expect(typoCandidates("volantrea", vocabulary)).toEqual([]); // three
  });

  it("counts a typo on the first letter as two", () => {
    expect(typoCandidates("xolunter", vocabulary)).toEqual([]);
    expect(typoCandidates("xolunteer", vocabulary)).toEqual(["volunteer"]);
  });

  it("matches prefixes of longer words for the word being typed", () => {
    expect(typoCandidates("volunter", vocabulary)).not.toContain("volunteers");
    expect(typoCandidates("volunter", vocabulary, { prefix: true })).toEqual(["volunteer", "volunteers", "volunteering"]);
    // Words that start with the query are left to the prefix match itself.
    expect(typoCandidates("volunteer", vocabulary, { prefix: true })).toEqual([]);
  });

  it("finds the right words in a 20,000-word vocabulary", () => {
    const rnd = random(7);
    const letters = "etaoinshrdlucmfwypvbgkjqxz";
    const big = ["volunteer", "volunteers", "international", "students", "festival"];
    while (big.length < 20000) {
      let w = "";
      const n = 3 + Math.floor(rnd() * 10);
      for (let j = 0; j < n; j++) w += letters[Math.floor(rnd() ** 1.6 * letters.length)];
      big.push(w);
    }
    expect(typoCandidates("volunter", big, { prefix: true })).toContain("volunteer");
    expect(typoCandidates("internatinal", big)).toContain("international");
    expect(typoCandidates("festivl", big, { prefix: true })).toContain("festival");
    expect(typoCandidates("studnets", big)).toContain("students");
  });
});

describe("search cases", () => {
  const cases: [doc: string, query: string, found: boolean][] = [
    ["桃園公園で草取り", "公園", true],
    ["八幡東区の公園愛護会で清掃ボランティアを募集しています", "愛護", true],
    ["八幡東区の公園愛護会で清掃ボランティアを募集しています", "ﾎﾞﾗﾝﾃｨｱ", true],
    ["八幡東区の公園愛護会で清掃ボランティアを募集しています", "八幡東区 公園の清掃", true],
    ["子供食堂のお手伝い", "こども", true],
    ["子供食堂のお手伝い", "子ども", true],
    ["Kids cooking class", "子ども", true],
    ["河川の掃除ボランティア", "清掃", true],
    ["ボランティア募集", "volunteer", true],
    ["避難所開設訓練", "防災", true],
    ["防災の訓練に参加", "防災訓練", true],
    ["Volunteers wanted", "volunter", true],
    ["Volunteers wanted", "volu", true],
    ["Park clean-up", "cleanup", true],
    ["Park clean-up", "clean-up", true],
    ["Park clean up day", "clean-up", true],
    ["Park cleanup", "clean-up", true],
    ["高校生歓迎", "高校生", true],
    ["高校生歓迎", "high school", true],
    ["森林の保全活動", "森", true],
    ["桃園公園で草取り", "草", true],
    ["お年寄りの見守り活動", "高齢者 見守り", true],
    ["夏祭りのスタッフ", "festival", true],
    ["学習支援", "勉強", true],
    ["市民センターの受付", "公園", false],
    ["学習支援", "祭り", false],
    ["桃園公園で草取り", "公園 清掃", false],
    ["公園愛護会", "防災", false],
    ["高校生歓迎", "大学生", false],
    ["八幡東区の清掃", "八幡西区", false],
    ["花火大会の運営", "花壇", false],
    ["Volunteers wanted", "volunteer tennis", false],
    ["The cart is here", "cat", false],
  ];

  it.each(cases)("%s ← %s: %s", (doc, query, found) => {
    expect(finds(doc, query)).toBe(found);
  });
});

describe("synonyms", () => {
  it("maps every normalised word to its whole group", () => {
    const index = buildSynonymIndex([["子ども", "子供", "こども", "キッズ"], ["ｷｯｽﾞ", "kids"]]);
    expect(index.get("こども")).toEqual(["こども", "子ども", "子供", "きつず"]);
    expect(index.get("きつず")).toEqual(["きつず", "子ども", "子供", "こども", "kids"]);
    expect(index.has("キッズ")).toBe(false);
  });

  it("has the starting groups, every word normalising to something", () => {
    const index = buildSynonymIndex(DEFAULT_SYNONYMS);
    for (const [a, b] of [["子ども", "キッズ"], ["清掃", "ゴミ拾い"], ["ボランティア", "volunteering"], ["防災", "避難"], ["花壇", "フラワー"], ["手話", "sign language"], ["clean-up", "cleanup"], ["elderly", "seniors"], ["children", "kids"]])
      expect(index.get(normalise(a))).toContain(normalise(b));
    for (const group of DEFAULT_SYNONYMS) for (const word of group) expect(normalise(word)).not.toBe("");
  });
});
