import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { searchTestSetups } from "../tests/support/databases";
import { createPostgresSearchEngine } from "./postgres.server";
import type { SearchEngine, SearchQuery } from "./types";

/**
 * The behaviour every search engine shares. It runs on the PostgreSQL engine on PGlite, and on a PostgreSQL
 * server when one is configured; search/meilisearch.contract.test.ts runs the same cases on Meilisearch.
 */
const day = 86400_000;
// Fixed Tokyo dates well ahead: 2030-06-01 is a Saturday, 2030-06-03 a Monday.
const at = (date: string, hh: number) => new Date(`${date}T${String(hh).padStart(2, "0")}:00:00+09:00`);
const NOW = new Date("2030-05-20T00:00:00Z");

const q = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({ text: "", filters: {}, sort: "soonest", page: 1, pageSize: 50, ...overrides });

describe.each(searchTestSetups())("search contract: PostgreSQL engine ($index) on $name", ({ open, index }) => {
  let db: DB;
  let close: () => Promise<void>;
  let engine: SearchEngine;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    const park = await createOrganisation(db, { kind: "park_care_association" });
    await db.updateTable("organisations").set({ name: "桃園公園愛護会" }).where("id", "=", park.id).execute();
    const centre = await createOrganisation(db, { kind: "civic_centre" });
    const pending = await createOrganisation(db, { status: "pending" });
    const suspended = await createOrganisation(db, { status: "suspended" });
    const make = async (key: string, orgId: number, title: string, description: string, extra: Parameters<typeof createPosting>[2] = {}) => {
      const p = await createPosting(db, orgId, { title, ...extra, shifts: extra.shifts ?? [{ startsAt: at("2030-06-01", 9), endsAt: at("2030-06-01", 11) }] });
      await db.updateTable("postings").set({ description, place_name: extra.title ?? "" }).where("id", "=", p.id).execute();
      ids[key] = p.id;
      return p;
    };
    await make("momozono", park.id, "桃園公園で草取り", "花壇の草取りと水やりをします。高校生歓迎。", { welcomesMinors: true, categoryCode: "parks" });
    await make("kodomo", centre.id, "こども食堂のお手伝い", "市民センターで子ども食堂の配膳をします。", { categoryCode: "festival", districtCode: "edamitsu", shifts: [{ startsAt: at("2030-06-03", 16), endsAt: at("2030-06-03", 18) }] });
    await make("volunteers", centre.id, "Volunteers wanted for the park clean-up", "Join the clean-up of the river bank. ボランティア募集。", { categoryCode: "cleanup", shifts: [{ startsAt: at("2030-06-10", 9), endsAt: at("2030-06-10", 12) }] });
    await make("hidden-draft", park.id, "下書きの公園清掃", "まだ公開していない公園の募集です。", { status: "draft" });
    await make("hidden-pending", pending.id, "確認待ち団体の公園清掃", "確認待ちの団体の公園の募集です。");
    await make("hidden-suspended", suspended.id, "停止中団体の公園清掃", "停止中の団体の公園の募集です。");
    await make("past", park.id, "終わった公園清掃", "もう終わった公園の募集です。", { shifts: [{ startsAt: new Date(NOW.getTime() - 3 * day), endsAt: new Date(NOW.getTime() - 3 * day + 7200_000) }] });
    // Places: Momozono near (33.86, 130.81); the others further away.
    await db.updateTable("postings").set({ latitude: 33.86, longitude: 130.81 }).where("id", "=", ids.momozono).execute();
    await db.updateTable("postings").set({ latitude: 33.88, longitude: 130.79 }).where("id", "=", ids.kodomo).execute();
    await db.updateTable("postings").set({ latitude: null, longitude: null }).where("id", "=", ids.volunteers).execute();
    // Momozono passed the safeguarding review: an under-18 can apply to it.
    await db.updateTable("postings").set({ safeguarding_status: "approved" }).where("id", "=", ids.momozono).execute();
    const { refreshSearchDocuments } = await import("./document.server");
    await refreshSearchDocuments(db, Object.values(ids));
    engine = createPostgresSearchEngine(db, { index });
  });
  afterAll(async () => close());

  const found = async (overrides: Partial<SearchQuery>) => (await engine.search(q(overrides), NOW)).hits.map((h) => h.id);

  it("returns only published postings of verified organisations with a shift to come", async () => {
    const all = await found({});
    expect(new Set(all)).toEqual(new Set([ids.momozono, ids.kodomo, ids.volunteers]));
  });

  it.each([
    ["公園", "momozono"],
    ["愛護", "momozono"],
    ["ﾎﾞﾗﾝﾃｨｱ", "volunteers"],
    ["子供", "kodomo"],
    ["こども", "kodomo"],
    ["volunter", "volunteers"],
    ["cleanup", "volunteers"],
    ["CLEAN-UP", "volunteers"],
    ["草取", "momozono"],
    ["ボラン", "volunteers"],
  ])("the words %s find the posting %s", async (text, key) => {
    expect(await found({ text, sort: "relevance" })).toContain(ids[key]);
  });

  it("needs every word to match", async () => {
    expect(await found({ text: "公園 子供" })).toEqual([]);
    expect(await found({ text: "公園 草取り" })).toEqual([ids.momozono]);
  });

  it("does not match unrelated words", async () => {
    expect(await found({ text: "花火" })).toEqual([]);
    expect(await found({ text: "公園", filters: { categories: ["festival"] } })).toEqual([]);
  });

  it("survives text full of query syntax", async () => {
    for (const text of ["a:b & c | !d (e) 'f' \\g *h", "<script>", "' or 1=1 --", "::*", "&&&"]) {
      const result = await engine.search(q({ text }), NOW);
      expect(Array.isArray(result.hits)).toBe(true);
    }
  });

  it("filters by category, district, minors, day type and date range", async () => {
    expect(await found({ filters: { categories: ["parks"] } })).toEqual([ids.momozono]);
    expect(await found({ filters: { districts: ["edamitsu"] } })).toEqual([ids.kodomo]);
    expect(await found({ filters: { minorsWelcome: true } })).toEqual([ids.momozono]);
    expect(new Set(await found({ filters: { dayType: "weekday" } }))).toEqual(new Set([ids.kodomo, ids.volunteers]));
    expect(await found({ filters: { dayType: "weekend" } })).toEqual([ids.momozono]);
    expect(await found({ filters: { from: "2030-06-02", to: "2030-06-05" } })).toEqual([ids.kodomo]);
    expect(await found({ filters: { organisationKinds: ["park_care_association"] } })).toEqual([ids.momozono]);
  });

  it("counts as welcoming minors only a posting an under-18 can apply to now (its safeguarding review passed)", async () => {
    const minors = async () => {
      const result = await engine.search(q({ filters: { categories: ["parks"] } }), NOW);
      const hit = result.hits.find((h) => h.id === ids.momozono)!;
      return { filtered: await found({ filters: { minorsWelcome: true } }), count: result.facets.minorsWelcome.yes, welcomes: hit.welcomesMinors, inReview: hit.minorsInReview };
    };
    expect(await minors()).toEqual({ filtered: [ids.momozono], count: 1, welcomes: true, inReview: false });
    // Sent back to review after a change: still public, but under-18s cannot apply until staff approve it again.
    await db.updateTable("postings").set({ safeguarding_status: "pending" }).where("id", "=", ids.momozono).execute();
    try {
      expect(await minors()).toEqual({ filtered: [], count: 0, welcomes: false, inReview: true });
    } finally {
      await db.updateTable("postings").set({ safeguarding_status: "approved" }).where("id", "=", ids.momozono).execute();
    }
    expect(await minors()).toEqual({ filtered: [ids.momozono], count: 1, welcomes: true, inReview: false });
  });

  it("counts facets over the whole filtered result", async () => {
    const result = await engine.search(q({ filters: { dayType: "weekday" } }), NOW);
    expect(result.total).toBe(2);
    expect(result.facets.category).toEqual({ festival: 1, cleanup: 1 });
    expect(result.facets.minorsWelcome).toEqual({ yes: 0, no: 2 });
    expect(result.facets.dayType).toEqual({ weekday: 2, weekend: 0 });
    expect(result.facets.organisationKind).toEqual({ civic_centre: 2 });
  });

  it("sorts by soonest, nearest (unknown places last) and newest", async () => {
    expect(await found({ sort: "soonest" })).toEqual([ids.momozono, ids.kodomo, ids.volunteers]);
    const nearest = await engine.search(q({ sort: "nearest", near: { lat: 33.861, lng: 130.811 } }), NOW);
    expect(nearest.hits.map((h) => h.id)).toEqual([ids.momozono, ids.kodomo, ids.volunteers]);
    expect(nearest.hits[0].distanceKm).toBeCloseTo(0.1, 1);
    expect(nearest.hits[2].distanceKm).toBeNull();
    await db.updateTable("postings").set({ published_at: new Date(NOW.getTime() - day) }).where("id", "=", ids.volunteers).execute();
    await db.updateTable("postings").set({ published_at: new Date(NOW.getTime() - 5 * day) }).where("id", "in", [ids.momozono, ids.kodomo]).execute();
    expect((await found({ sort: "newest" }))[0]).toBe(ids.volunteers);
  });

  it("pages through results with a stable total", async () => {
    const first = await engine.search(q({ pageSize: 2, page: 1 }), NOW);
    const second = await engine.search(q({ pageSize: 2, page: 2 }), NOW);
    expect(first.total).toBe(3);
    expect(second.total).toBe(3);
    expect([...first.hits, ...second.hits].map((h) => h.id)).toEqual([ids.momozono, ids.kodomo, ids.volunteers]);
  });

  it("highlights the matched words as plain text segments", async () => {
    const [hit] = (await engine.search(q({ text: "公園", sort: "relevance" }), NOW)).hits;
    expect(hit.titleHighlight).toContainEqual({ text: "公園", match: true });
  });

  it("puts no personal data in a hit", async () => {
    const [hit] = (await engine.search(q({}), NOW)).hits;
    const json = JSON.stringify(hit);
    expect(json).not.toContain("contact");
    expect(json).not.toContain("@");
    expect(Object.keys(hit).sort()).toEqual(
      ["categoryCode", "distanceKm", "districtCode", "id", "isDemo", "minorsInReview", "nextEndsAt", "nextStartsAt", "organisationKind", "organisationName", "placeName", "snippet", "tags", "title", "titleHighlight", "welcomesMinors"].sort(),
    );
  });
});
