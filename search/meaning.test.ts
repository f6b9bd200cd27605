import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { searchTestSetups } from "../tests/support/databases";
import { refreshSearchDocuments } from "./document.server";
import { createPostgresSearchEngine } from "./postgres.server";
import type { SearchEngine, SearchQuery } from "./types";

/**
 * Search finds what people meant (the failure families of docs/decisions/019-search-evaluation-and-readings.md),
 * end to end on the PostgreSQL engine: what the tokeniser, the synonyms with readings and the ranking give
 * together, in both index modes.
 */
const NOW = new Date("2030-05-20T00:00:00Z");
const at = (day: number) => new Date(NOW.getTime() + day * 86400_000);
const q = (text: string): SearchQuery => ({ text, filters: {}, sort: "relevance", page: 1, pageSize: 50 });

describe.each(searchTestSetups())("what people meant, on the PostgreSQL engine ($index) on $name", ({ open, index }) => {
  let db: DB;
  let close: () => Promise<void>;
  let engine: SearchEngine;
  const ids: Record<string, number> = {};
  const find = async (text: string) => (await engine.search(q(text), NOW)).hits.map((h) => h.id);

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    const council = await createOrganisation(db, { kind: "machizukuri_council" });
    await db.updateTable("organisations").set({ name: "河内まちづくり協議会" }).where("id", "=", council.id).execute();
    const park = await createOrganisation(db, { kind: "park_care_association" });
    await db.updateTable("organisations").set({ name: "桃園公園愛護会" }).where("id", "=", park.id).execute();
    const make = async (key: string, orgId: number, title: string, description: string, categoryCode: string, day: number) => {
      const p = await createPosting(db, orgId, { title, categoryCode, shifts: [{ startsAt: at(day), endsAt: new Date(at(day).getTime() + 7200_000) }] });
      await db.updateTable("postings").set({ description, tags: [], place_name: "" }).where("id", "=", p.id).execute();
      ids[key] = p.id;
    };
    // The sooner posting says "park" only; the later one says 公園.
    await make("park", council.id, "Park", "Weeding.", "parks", 1);
    await make("kouen", council.id, "公園の草取り", "花壇のまわりの草取りと水やりをします。", "parks", 9);
    await make("shokudo", council.id, "子ども食堂の配膳", "配膳と片付けをお願いします。", "children", 2);
    await make("shukudai", council.id, "宿題ひろば", "小学生の宿題を見守ります。", "children", 3);
    await make("bousai", council.id, "防災訓練の受付", "地域の訓練です。", "disaster", 4);
    await make("dobutsu", council.id, "動物愛護センターの犬の散歩", "保護犬の散歩です。", "other", 5);
    await make("aigokai", park.id, "花壇づくり", "花を植えます。", "parks", 6);
    await make("borantia", council.id, "夏祭りのボランティア", "模擬店のお手伝いです。", "festival", 7);
    await make("bon", council.id, "盆踊り大会", "やぐらの設営です。", "festival", 8);
    await make("english", council.id, "Volunteers wanted", "Help at the stall.", "festival", 10);
    await refreshSearchDocuments(db, Object.values(ids));
    engine = createPostgresSearchEngine(db, { index });
  });
  afterAll(async () => close());

  it("finds katakana however its small kana are written", async () => {
    for (const text of ["ボランテイア", "ボランティア", "ﾎﾞﾗﾝﾃｨｱ", "ぼらんてぃあ"]) expect(new Set(await find(text))).toEqual(new Set([ids.borantia, ids.english]));
  });

  it("brings a misspelt English word to the Japanese synonym of its correction", async () => {
    expect(new Set(await find("volunter"))).toEqual(new Set([ids.borantia, ids.english]));
  });

  it("finds a kanji word from its hiragana reading", async () => {
    expect(await find("ぼうさい")).toEqual([ids.bousai]);
  });

  it("does not match a posting through its category's name", async () => {
    expect(await find("宿題")).toEqual([ids.shukudai]);
    // 祭り・イベント is the category of three postings here; none of them says イベント.
    expect(await find("イベント")).toEqual([]);
  });

  it("does not take 愛護会 for any 会 beside 愛護", async () => {
    expect(await find("愛護会")).toEqual([ids.aigokai]);
  });

  it("knows 盆踊り and 夏祭り mean the same festival", async () => {
    expect(new Set(await find("盆踊り"))).toEqual(new Set([ids.bon, ids.borantia]));
  });

  it("ranks a posting with the word as typed before one found through a synonym", async () => {
    // 公園 in 桃園公園愛護会, the organisation, counts as written too.
    const found = await find("公園");
    expect(new Set(found.slice(0, 2))).toEqual(new Set([ids.kouen, ids.aigokai]));
    expect(found.slice(2)).toEqual([ids.park]);
  });
});
