import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { CATEGORIES, DISTRICTS } from "~/server/seed/data";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { testDatabases } from "../tests/support/databases";
import { createRandom, generateDataset } from "../tests/bench/generate";
import { loadDataset } from "../tests/bench/load";
import { refreshAllSearchDocuments, refreshAllSearchSummaries, refreshSearchDocuments } from "./document.server";
import { matchIndexStats } from "./match-index.server";
import { createPostgresSearchEngine } from "./postgres.server";
import type { SearchEngine, SearchQuery, SearchResult } from "./types";

/**
 * The in-process search index (search/match-index.server.ts) answers what SQL alone answers, and is up to date
 * with every commit made before a search, in whatever order transactions commit.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (date: string, hh: number) => new Date(`${date}T${String(hh).padStart(2, "0")}:00:00+09:00`);
const NOW = new Date("2030-05-20T00:00:00Z");
const q = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({ text: "", filters: {}, sort: "soonest", page: 1, pageSize: 50, ...overrides });

describe.each(testDatabases())("in-process search index on $name", ({ name, open }) => {
  let db: DB;
  let close: () => Promise<void>;
  let engine: SearchEngine;
  const found = async (overrides: Partial<SearchQuery>) => (await engine.search(q(overrides), NOW)).hits.map((h) => h.id);

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    engine = createPostgresSearchEngine(db, { index: "memory" });
  });
  afterAll(async () => close());

  it("follows every write committed before a search, whichever code made it", async () => {
    const org = await createOrganisation(db);
    const shifts = [{ startsAt: at("2030-06-01", 9), endsAt: at("2030-06-01", 11), capacity: 1 }];
    const posting = await createPosting(db, org.id, { title: "ほたる観察会の準備", shifts });
    expect(await found({ text: "ほたる" })).toEqual([posting.id]);
    const loads = matchIndexStats(db)!.fullLoads;

    await db.updateTable("postings").set({ title: "竹灯籠づくり" }).where("id", "=", posting.id).execute();
    await refreshSearchDocuments(db, [posting.id]);
    expect(await found({ text: "ほたる" })).toEqual([]);
    expect(await found({ text: "竹灯籠" })).toEqual([posting.id]);

    // The only place taken: no longer "has places left"; given back: again.
    expect(await found({ text: "竹灯籠", filters: { hasPlacesLeft: true } })).toEqual([posting.id]);
    await db.updateTable("shifts").set({ confirmed_count: 1 }).where("posting_id", "=", posting.id).execute();
    expect(await found({ text: "竹灯籠", filters: { hasPlacesLeft: true } })).toEqual([]);
    await db.updateTable("shifts").set({ confirmed_count: 0 }).where("posting_id", "=", posting.id).execute();
    expect(await found({ text: "竹灯籠", filters: { hasPlacesLeft: true } })).toEqual([posting.id]);

    // A new shift on a weekday; the organisation suspended and verified again; the posting closed.
    await db.insertInto("shifts").values({ posting_id: posting.id, starts_at: at("2030-06-03", 9), ends_at: at("2030-06-03", 11), capacity: 3 }).execute();
    expect(await found({ text: "竹灯籠", filters: { dayType: "weekday" } })).toEqual([posting.id]);
    await db.updateTable("organisations").set({ status: "suspended" }).where("id", "=", org.id).execute();
    expect(await found({ text: "竹灯籠" })).toEqual([]);
    await db.updateTable("organisations").set({ status: "verified" }).where("id", "=", org.id).execute();
    expect(await found({ text: "竹灯籠" })).toEqual([posting.id]);

    // A category's code renamed by staff: the filter takes the new code at once.
    const parks = await db.selectFrom("categories").select("id").where("code", "=", "parks").executeTakeFirstOrThrow();
    await db.updateTable("categories").set({ code: "parks_green" }).where("id", "=", parks.id).execute();
    const result = await engine.search(q({ text: "竹灯籠", filters: { categories: ["parks_green"] } }), NOW);
    expect(result.hits.map((h) => h.id)).toEqual([posting.id]);
    expect(result.facets.category).toEqual({ parks_green: 1 });
    await db.updateTable("categories").set({ code: "parks" }).where("id", "=", parks.id).execute();

    await db.updateTable("postings").set({ status: "closed" }).where("id", "=", posting.id).execute();
    expect(await found({ text: "竹灯籠" })).toEqual([]);
    await db.updateTable("postings").set({ status: "published" }).where("id", "=", posting.id).execute();
    expect(await found({ text: "竹灯籠" })).toEqual([posting.id]);

    // Deleted outright (with its shifts).
    await db.deleteFrom("shifts").where("posting_id", "=", posting.id).execute();
    await db.deleteFrom("postings").where("id", "=", posting.id).execute();
    expect(await found({ text: "竹灯籠" })).toEqual([]);
    // All of that by following the changes, not by reading everything again.
    expect(matchIndexStats(db)!.fullLoads).toBe(loads);
  });

  it("reads everything again when posting_search was rewritten", async () => {
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, { title: "河川敷のごみ拾い" });
    expect((await engine.search(q({ text: "河川敷" }))).total).toBe(1);
    const loads = matchIndexStats(db)!.fullLoads;
    await db.transaction().execute(async (trx) => {
      await sql`truncate posting_search`.execute(trx);
      await refreshAllSearchSummaries(trx);
      await refreshAllSearchDocuments(trx);
    });
    await db.updateTable("postings").set({ status: "closed" }).where("id", "=", posting.id).execute();
    expect((await engine.search(q({ text: "河川敷" }))).total).toBe(0);
    expect(matchIndexStats(db)!.fullLoads).toBe(loads + 1);
  });

  it.skipIf(name === "pglite")("sees a transaction that began before the last search and commits after it", async () => {
    const org = await createOrganisation(db);
    const shifts = [{ startsAt: at("2030-06-01", 9), endsAt: at("2030-06-01", 11) }];
    const early = await createPosting(db, org.id, { title: "早く始めた取引", shifts });
    const late = await createPosting(db, org.id, { title: "桜並木の見回り", shifts });
    expect(await found({ text: "桜並木" })).toEqual([late.id]);
    let wrote!: () => void;
    let finish!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const release = new Promise<void>((resolve) => (finish = resolve));
    // The earlier transaction writes first and commits last.
    const earlier = db.transaction().execute(async (trx) => {
      await trx.updateTable("postings").set({ title: "桜並木の手入れ" }).where("id", "=", early.id).execute();
      await refreshSearchDocuments(trx, [early.id]);
      wrote();
      await release;
    });
    await written;
    // A later one commits first (closing a posting touches no row the earlier one holds).
    await db.updateTable("postings").set({ status: "closed" }).where("id", "=", late.id).execute();
    expect(await found({ text: "桜並木" })).toEqual([]);
    finish();
    await earlier;
    expect(await found({ text: "桜並木" })).toEqual([early.id]);
  });
});

describe.each(testDatabases())("in-process search index and SQL alone give the same answers on $name", ({ open }) => {
  let db: DB;
  let close: () => Promise<void>;
  const memory = () => createPostgresSearchEngine(db, { index: "memory" });
  const alone = () => createPostgresSearchEngine(db, { index: "sql" });
  const generatedAt = new Date("2030-04-01T00:00:00Z");

  beforeAll(async () => {
    ({ db, close } = await open());
    const data = generateDataset(800, { seed: 20261124, now: generatedAt });
    const { postingIds } = await loadDataset(db, data, generatedAt);
    // As in a running ward, most postings that welcome minors passed the safeguarding review (open to minors);
    // every fourth is still in review, so the minors filter leaves some out.
    await db
      .updateTable("postings")
      .set({ safeguarding_status: "approved" })
      .where("welcomes_minors", "=", true)
      .where(sql<boolean>`id % 4 <> 0`)
      .execute();
    // Not everything searchable or open: closed postings, a suspended organisation, full shifts, no district,
    // no coordinates, and a few postings edited so the index follows changes as well as a full read.
    await memory().search(q(), generatedAt);
    await db.updateTable("postings").set({ status: "closed" }).where("id", "in", postingIds.slice(0, 40)).execute();
    const suspended = await db.selectFrom("postings").select("organisation_id").where("id", "=", postingIds[100]).executeTakeFirstOrThrow();
    await db.updateTable("organisations").set({ status: "suspended" }).where("id", "=", suspended.organisation_id).execute();
    await sql`update shifts set confirmed_count = capacity where posting_id = any(${postingIds.slice(200, 400)}::int[]) and id % 2 = 0`.execute(db);
    await db.updateTable("postings").set({ district_id: null }).where("id", "in", postingIds.slice(400, 450)).execute();
    await db.updateTable("postings").set({ latitude: null, longitude: null }).where("id", "in", postingIds.slice(440, 480)).execute();
    await db.updateTable("postings").set({ title: "volunteer 公園 清掃 edited" }).where("id", "in", postingIds.slice(500, 520)).execute();
    await refreshSearchDocuments(db, postingIds.slice(500, 520));
  });
  afterAll(async () => close());

  /** The random queries: words (broad, narrow, prefixes, typos, synonyms, none), filters, sorts, pages. */
  function queries(count: number, seed: number, now: Date): SearchQuery[] {
    const r = createRandom(seed);
    const words = ["", "", "公園", "清掃", "こども", "ボランティア", "volunteer", "volunter", "clean", "防災訓練", "花壇 草取り", "国際", "見守り", "ﾎﾞﾗ", "学習支援", "zzzz", "草"];
    const date = (days: number) => new Date(now.getTime() + 9 * HOUR + days * DAY).toISOString().slice(0, 10);
    const some = <T,>(list: readonly T[], max: number) => (r.int(0, 2) === 0 ? [...new Set(Array.from({ length: r.int(1, max) }, () => r.pick(list)))] : undefined);
    const out: SearchQuery[] = [];
    for (let i = 0; i < count; i++) {
      const text = r.pick(words);
      const sort = r.pick(["relevance", "soonest", "nearest", "newest"] as const);
      const from = r.int(0, 4) === 0 ? date(r.int(-5, 30)) : undefined;
      const to = r.int(0, 4) === 0 ? date(r.int(31, 90)) : undefined;
      out.push({
        text,
        sort,
        near: sort === "nearest" || r.int(0, 3) === 0 ? { lat: r.between(33.84, 33.89), lng: r.between(130.78, 130.85) } : undefined,
        filters: {
          categories: some(CATEGORIES.map((c) => c.code), 2),
          districts: some(DISTRICTS.map((d) => d.code), 3),
          organisationKinds: r.int(0, 3) === 0 ? [r.pick(["park_care_association", "neighbourhood_association", "civic_centre", "npo", "school"])] : undefined,
          minorsWelcome: r.int(0, 3) === 0 || undefined,
          hasPlacesLeft: r.int(0, 2) === 0 || undefined,
          dayType: r.int(0, 3) === 0 ? r.pick(["weekday", "weekend"] as const) : undefined,
          from,
          to,
        },
        page: r.pick([1, 1, 1, 2, 5, 11, 40]),
        pageSize: r.pick([12, 20, 50]),
      });
    }
    return out;
  }

  const comparable = (result: SearchResult) => ({
    total: result.total,
    facets: result.facets,
    hits: result.hits.map((h) => ({ id: h.id, next: h.nextStartsAt, km: h.distanceKm, title: h.titleHighlight })),
  });

  // Now, and days later: shifts have started since the summaries were computed, which SQL reads from the shifts.
  it.each([
    ["when the summaries were computed", 0],
    ["four days later, when many summaries no longer hold", 4],
    ["three weeks later", 21],
  ])("for random searches %s", async (_label, days) => {
    const now = new Date(generatedAt.getTime() + (days as number) * DAY);
    let compared = 0;
    let withHits = 0;
    for (const query of queries(120, 7 + (days as number), now)) {
      const [a, b] = [await memory().search(query, now), await alone().search(query, now)];
      expect({ query, ...comparable(a) }).toEqual({ query, ...comparable(b) });
      compared++;
      if (a.hits.length) withHits++;
    }
    expect(compared).toBe(120);
    // The comparison means something only if many searches find something.
    expect(withHits).toBeGreaterThan(40);
  });
});
