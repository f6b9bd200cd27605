import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/client.server";
import { runDueJobs } from "#db/jobs.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { testDatabases } from "../tests/support/databases";
import {
  buildFilter,
  buildSort,
  configureIndex,
  createMeilisearchClient,
  createMeilisearchEngine,
  indexSettings,
  loadPostingDocuments,
  MAX_RANGE_DAYS,
  postingDocument,
  quoteFilterValue,
  SearchIndexError,
  searchText,
  synonymMap,
  type PostingDocumentRow,
} from "./meilisearch.server";
import { enqueueDailyRefresh, enqueueSearchSync, reindexAll, SEARCH_QUEUE, searchJobHandler, syncPostings } from "./sync.server";
import type { SearchQuery } from "./types";

/**
 * The Meilisearch adapter's own logic, against a local HTTP server that answers like Meilisearch: it keeps
 * documents and settings, runs every task at once, and records each request. Ranking itself is Meilisearch's
 * job and is covered by search/meilisearch.contract.test.ts against a real server.
 */

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
}
interface Failure {
  method: string;
  path: RegExp;
  status: number;
  times: number;
}
interface FakeTask {
  uid: number;
  indexUid: string | null;
  status: "succeeded" | "failed";
  type: string;
  error: { message: string; code: string; type: string; link: string } | null;
}

class FakeMeilisearch {
  url = "";
  requests: Recorded[] = [];
  indexes = new Map<string, { primaryKey: string | null; documents: Map<number, Record<string, any>>; settings: Record<string, any> }>();
  failures: Failure[] = [];
  /** Makes the next task of this type fail with this code, as Meilisearch does for a bad document or setting. */
  failTask: { type: string; code: string } | null = null;
  searchAnswer: (body: any) => Record<string, unknown> = () => ({ hits: [], totalHits: 0, totalPages: 0, page: 1, hitsPerPage: 20, processingTimeMs: 0, query: "" });
  private tasks = new Map<number, FakeTask>();
  private nextTask = 1;
  private server: Server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.requests = [];
    this.failures = [];
    this.failTask = null;
  }

  index(uid: string) {
    let index = this.indexes.get(uid);
    if (!index) {
      index = { primaryKey: null, documents: new Map(), settings: {} };
      this.indexes.set(uid, index);
    }
    return index;
  }

  requestsTo(method: string, path: RegExp): Recorded[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private task(indexUid: string | null, type: string, apply: () => FakeTask["error"]) {
    let error: FakeTask["error"];
    if (this.failTask?.type === type) {
      error = { message: `fake failure: ${this.failTask.code}`, code: this.failTask.code, type: "invalid_request", link: "" };
      this.failTask = null;
    } else error = apply();
    const uid = this.nextTask++;
    this.tasks.set(uid, { uid, indexUid, status: error ? "failed" : "succeeded", type, error });
    return { status: 202, body: { taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() } };
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const record: Recorded = { method, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined };
    this.requests.push(record);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const failure = this.failures.find((f) => f.method === method && f.path.test(url.pathname) && f.times > 0);
    if (failure) {
      failure.times--;
      return send(failure.status, { message: "Service unavailable", code: "unavailable", type: "system", link: "" });
    }
    const answer = this.route(method, url, record.body);
    if (!answer) return send(404, { message: `no route ${method} ${url.pathname}`, code: "not_found", type: "invalid_request", link: "" });
    send(answer.status, answer.body);
  }

  private route(method: string, url: URL, body: any): { status: number; body: unknown } | null {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/tasks\/(\d+)$/.exec(path)) && method === "GET") {
      const task = this.tasks.get(Number(m[1]));
      return task ? { status: 200, body: { ...task, batchUid: null, canceledBy: null, duration: "PT0S", enqueuedAt: "", startedAt: "", finishedAt: "" } } : null;
    }
    if (path === "/indexes" && method === "POST") {
      return this.task(body.uid, "indexCreation", () => {
        if (this.indexes.has(body.uid)) return { message: "exists", code: "index_already_exists", type: "invalid_request", link: "" };
        this.index(body.uid).primaryKey = body.primaryKey ?? null;
        return null;
      });
    }
    if (!(m = /^\/indexes\/([^/]+)(\/.*)$/.exec(path))) return null;
    const uid = decodeURIComponent(m[1]);
    const rest = m[2];
    if (rest === "/settings" && method === "PATCH") {
      return this.task(uid, "settingsUpdate", () => {
        Object.assign(this.index(uid).settings, body);
        return null;
      });
    }
    if (rest === "/documents" && method === "POST") {
      return this.task(uid, "documentAdditionOrUpdate", () => {
        const index = this.index(uid);
        for (const doc of body) index.documents.set(doc.id, doc);
        return null;
      });
    }
    if (rest === "/documents/delete-batch" && method === "POST") {
      return this.task(uid, "documentDeletion", () => {
        const index = this.indexes.get(uid);
        if (!index) return { message: "no index", code: "index_not_found", type: "invalid_request", link: "" };
        for (const id of body) index.documents.delete(Number(id));
        return null;
      });
    }
    if (rest === "/documents" && method === "GET") {
      const index = this.indexes.get(uid);
      if (!index) return { status: 404, body: { message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: "" } };
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const all = [...index.documents.values()].sort((a, b) => a.id - b.id);
      return { status: 200, body: { results: all.slice(offset, offset + limit).map((d) => ({ id: d.id })), offset, limit, total: all.length } };
    }
    if (rest === "/search" && method === "POST") return { status: 200, body: this.searchAnswer(body) };
    return null;
  }
}

// Fixed Tokyo dates well ahead: 2030-06-01 is a Saturday, 2030-06-03 a Monday.
const NOW = new Date("2030-05-20T00:00:00Z");
const NOW_SECONDS = Math.ceil(NOW.getTime() / 1000);
const at = (date: string, hh: number, mm = 0) => new Date(`${date}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00+09:00`);
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const q = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({ text: "", filters: {}, sort: "soonest", page: 1, pageSize: 20, ...overrides });

let fake: FakeMeilisearch;
beforeAll(async () => {
  fake = new FakeMeilisearch();
  await fake.start();
});
afterAll(async () => fake.close());
afterEach(() => fake.reset());

describe("the Meilisearch filter expression", () => {
  const base = `last_start >= ${NOW_SECONDS}`;

  it("asks only for postings with a shift to come", () => {
    expect(buildFilter({}, NOW)).toBe(base);
  });

  it("lists the codes of categories, districts and organisation kinds", () => {
    expect(buildFilter({ categories: ["parks", "cleanup"] }, NOW)).toBe(`category IN ["parks", "cleanup"] AND ${base}`);
    expect(buildFilter({ districts: ["chuo"] }, NOW)).toBe(`district IN ["chuo"] AND ${base}`);
    expect(buildFilter({ organisationKinds: ["park_care_association", "npo"] }, NOW)).toBe(
      `organisation_kind IN ["park_care_association", "npo"] AND ${base}`,
    );
    expect(buildFilter({ categories: ["parks"], districts: ["chuo", "edamitsu"], organisationKinds: ["npo"] }, NOW)).toBe(
      `category IN ["parks"] AND district IN ["chuo", "edamitsu"] AND organisation_kind IN ["npo"] AND ${base}`,
    );
  });

  it("refuses values that are not codes, so nothing typed can change the expression", () => {
    const hostile = 'parks" OR is_demo = true';
    expect(buildFilter({ categories: [hostile] }, NOW)).toBeNull();
    expect(buildFilter({ districts: ["chuo\\"] }, NOW)).toBeNull();
    expect(buildFilter({ organisationKinds: ["NPO", "npo OR 1=1", "npo)"] }, NOW)).toBeNull();
    const mixed = buildFilter({ categories: ["parks", hostile] }, NOW)!;
    expect(mixed).toBe(`category IN ["parks"] AND ${base}`);
    expect(mixed).not.toContain("is_demo");
  });

  it("quotes every value with quotes and backslashes escaped", () => {
    expect(quoteFilterValue('parks" OR is_demo = true')).toBe('"parks\\" OR is_demo = true"');
    expect(quoteFilterValue("a\\b")).toBe('"a\\\\b"');
    expect(quoteFilterValue("a\u0000b\nc")).toBe('"abc"');
  });

  it("turns a date range into the Tokyo dates it covers", () => {
    expect(buildFilter({ from: "2030-06-01", to: "2030-06-03" }, NOW)).toBe(
      `last_start >= ${epoch(at("2030-06-01", 0))} AND shift_days IN ["2030-06-01", "2030-06-02", "2030-06-03"]`,
    );
    expect(buildFilter({ to: "2030-05-22" }, NOW)).toBe(`${base} AND shift_days IN ["2030-05-20", "2030-05-21", "2030-05-22"]`);
    // From alone: some shift at or after the start of that Tokyo day.
    expect(buildFilter({ from: "2030-06-01" }, NOW)).toBe(`last_start >= ${epoch(at("2030-06-01", 0))}`);
    // A start in the past counts from now.
    expect(buildFilter({ from: "2030-05-01", to: "2030-05-20" }, NOW)).toBe(`${base} AND shift_days IN ["2030-05-20"]`);
  });

  it("matches nothing for a range that is over or inverted", () => {
    expect(buildFilter({ to: "2030-05-19" }, NOW)).toBeNull();
    expect(buildFilter({ from: "2030-06-03", to: "2030-06-01" }, NOW)).toBeNull();
    expect(buildFilter({ from: "2030-06-03", to: "2030-06-07", dayType: "weekend" }, NOW)).toBeNull();
  });

  it("cuts a range at 366 days", () => {
    const filter = buildFilter({ from: "2030-06-01", to: "2032-12-31" }, NOW)!;
    const days = JSON.parse(filter.slice(filter.indexOf("[")));
    expect(days).toHaveLength(MAX_RANGE_DAYS);
    expect(days[0]).toBe("2030-06-01");
    expect(days.at(-1)).toBe("2031-06-01");
  });

  it("filters weekday and weekend postings, within the date range when there is one", () => {
    expect(buildFilter({ dayType: "weekend" }, NOW)).toBe(`${base} AND has_weekend = true`);
    expect(buildFilter({ dayType: "weekday" }, NOW)).toBe(`${base} AND has_weekday = true`);
    expect(buildFilter({ from: "2030-05-31", to: "2030-06-03", dayType: "weekend" }, NOW)).toContain('shift_days IN ["2030-06-01", "2030-06-02"]');
    expect(buildFilter({ from: "2030-05-31", to: "2030-06-03", dayType: "weekday" }, NOW)).toContain('shift_days IN ["2030-05-31", "2030-06-03"]');
    const open = buildFilter({ from: "2030-06-01", dayType: "weekend" }, NOW)!;
    const days: string[] = JSON.parse(open.slice(open.indexOf("[")));
    expect(days.every((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
    expect(days[0]).toBe("2030-06-01");
  });

  it("filters places left and minors welcome, and combines everything with AND", () => {
    expect(buildFilter({ hasPlacesLeft: true }, NOW)).toBe(`${base} AND has_places_left = true`);
    expect(buildFilter({ minorsWelcome: true }, NOW)).toBe(`${base} AND open_to_minors = true`);
    expect(buildFilter({ hasPlacesLeft: false, minorsWelcome: false }, NOW)).toBe(base);
    expect(
      buildFilter(
        { categories: ["parks"], districts: ["chuo"], organisationKinds: ["npo"], from: "2030-06-01", to: "2030-06-02", dayType: "weekend", hasPlacesLeft: true, minorsWelcome: true },
        NOW,
      ),
    ).toBe(
      `category IN ["parks"] AND district IN ["chuo"] AND organisation_kind IN ["npo"] AND last_start >= ${epoch(at("2030-06-01", 0))} AND ` +
        `shift_days IN ["2030-06-01", "2030-06-02"] AND has_places_left = true AND open_to_minors = true`,
    );
  });

  it("refuses dates that are not dates", () => {
    expect(() => buildFilter({ from: '2030-06-01" OR true' }, NOW)).toThrow(RangeError);
    expect(() => buildFilter({ to: "2030-02-30" }, NOW)).toThrow(RangeError);
  });
});

describe("the Meilisearch sort and query text", () => {
  it("maps each sort", () => {
    expect(buildSort(q({ sort: "soonest" }), false)).toEqual(["next_start:asc"]);
    expect(buildSort(q({ sort: "newest" }), true)).toEqual(["published_at:desc"]);
    expect(buildSort(q({ sort: "relevance" }), true)).toBeUndefined();
    expect(buildSort(q({ sort: "relevance" }), false)).toEqual(["next_start:asc"]);
    expect(buildSort(q({ sort: "nearest", near: { lat: 33.86, lng: 130.81 } }), false)).toEqual([
      "_geoPoint(33.8600000, 130.8100000):asc",
      "next_start:asc",
    ]);
    expect(buildSort(q({ sort: "nearest" }), false)).toEqual(["next_start:asc"]);
    expect(() => buildSort(q({ sort: "nearest", near: { lat: Number.NaN, lng: 0 } }), false)).toThrow(RangeError);
  });

  it("normalises the text and drops Meilisearch's phrase and exclusion operators", () => {
    expect(searchText("ﾎﾞﾗﾝﾃｨｱ　ＣＬＥＡＮ-UP")).toBe("ぼらんていあ clean-up");
    expect(searchText('公園 -清掃 "花壇"')).toBe("公園 清掃 花壇");
    expect(searchText("   ")).toBe("");
  });
});

describe.each(testDatabases().slice(0, 1))("the Meilisearch adapter on $name", ({ open }) => {
  let db: DB;
  let close: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    const park = await createOrganisation(db, { kind: "park_care_association" });
    const pending = await createOrganisation(db, { status: "pending" });
    ids.weekend = (
      await createPosting(db, park.id, {
        title: "桃園公園で草取り",
        welcomesMinors: true,
        shifts: [
          { startsAt: at("2030-06-01", 23, 30), endsAt: at("2030-06-02", 1), capacity: 2 },
          { startsAt: at("2030-06-03", 0, 30), endsAt: at("2030-06-03", 2), capacity: 3 },
          { startsAt: new Date(NOW.getTime() - 86400_000), endsAt: new Date(NOW.getTime() - 80000_000), capacity: 9 },
        ],
      })
    ).id;
    await db.updateTable("postings").set({ latitude: 33.86, longitude: 130.81, tags: ["花壇"], what_to_bring: "軍手" }).where("id", "=", ids.weekend).execute();
    // 00:30 on Monday in Tokyo is still Sunday in UTC: the Tokyo date decides.
    ids.monday = (await createPosting(db, park.id, { title: "月曜の清掃", shifts: [{ startsAt: at("2030-06-03", 0, 30), endsAt: at("2030-06-03", 2), capacity: 1 }] })).id;
    ids.draft = (await createPosting(db, park.id, { status: "draft", shifts: [{ startsAt: at("2030-06-05", 9), endsAt: at("2030-06-05", 11) }] })).id;
    ids.pending = (await createPosting(db, pending.id, { shifts: [{ startsAt: at("2030-06-05", 9), endsAt: at("2030-06-05", 11) }] })).id;
    ids.past = (await createPosting(db, park.id, { shifts: [{ startsAt: new Date(NOW.getTime() - 3600_000), endsAt: NOW }] })).id;
  });
  afterAll(async () => close());

  describe("posting documents", () => {
    it("maps a posting with its upcoming shifts in Tokyo dates and nothing personal", async () => {
      const docs = await loadPostingDocuments(db, [ids.weekend, ids.monday], NOW);
      expect(docs.map((d) => d.id)).toEqual([ids.weekend, ids.monday]);
      const [weekend, monday] = docs;
      expect(weekend).toMatchObject({
        title: "桃園公園で草取り",
        category: "parks",
        category_names: ["公園・緑化", "Parks"],
        district: "chuo",
        district_names: ["中央", "Chuo"],
        organisation_kind: "park_care_association",
        place_name: "桃園公園",
        tags: ["花壇"],
        what_to_bring: "軍手",
        _geo: { lat: 33.86, lng: 130.81 },
        shift_days: ["2030-06-01", "2030-06-03"],
        next_start: epoch(at("2030-06-01", 23, 30)),
        next_end: epoch(at("2030-06-02", 1)),
        last_start: epoch(at("2030-06-03", 0, 30)),
        has_weekend: true,
        has_weekday: true,
        has_places_left: true,
        // It welcomes minors but its safeguarding review is not finished: not counted as open to them.
        open_to_minors: false,
        minors_in_review: true,
        is_demo: false,
      });
      expect(weekend.published_at).toBeTypeOf("number");
      expect(weekend.shifts).toHaveLength(2);
      expect(weekend.searchable_tokens).toEqual(expect.arrayContaining(["公園", "桃園", "草取"]));
      expect(monday).toMatchObject({ shift_days: ["2030-06-03"], has_weekend: false, has_weekday: true });
      expect(monday._geo).toBeUndefined();

      for (const doc of docs) {
        const json = JSON.stringify(doc);
        expect(json).not.toContain("担当"); // contact_name of posting and organisation
        expect(json).not.toContain("@");
        expect(Object.keys(doc).some((k) => /contact|email|user|created_by|phone|address|submission/.test(k))).toBe(false);
      }
    });

    it("leaves out drafts, unverified organisations, postings without a shift to come and unknown ids", async () => {
      const docs = await loadPostingDocuments(db, [ids.draft, ids.pending, ids.past, 987654321], NOW);
      expect(docs).toEqual([]);
    });

    it("refuses a row directly when it must not be indexed", () => {
      const row: PostingDocumentRow = {
        id: 1,
        title: "t",
        description: "d",
        tags: [],
        what_to_bring: "",
        place_name: "",
        latitude: null,
        longitude: null,
        welcomes_minors: false,
        open_to_minors: false,
        is_demo: true,
        status: "published",
        published_at: null,
        organisation_name: "o",
        organisation_kind: "npo",
        organisation_status: "verified",
        category_code: "parks",
        category_ja: "公園",
        category_en: "Parks",
        district_code: null,
        district_ja: null,
        district_en: null,
        shifts: [{ starts_at: "2030-06-01T00:00:00+00:00", ends_at: "2030-06-01T02:00:00+00:00", capacity: 1 }],
      };
      expect(postingDocument(row, NOW)).toMatchObject({ id: 1, is_demo: true, district: null, district_names: [], published_at: null, has_places_left: true });
      expect(postingDocument({ ...row, shifts: [{ ...row.shifts[0], capacity: 0 }] }, NOW)).toMatchObject({ has_places_left: false });
      // Places taken count, as in the PostgreSQL engine: a full shift leaves no place.
      expect(postingDocument({ ...row, shifts: [{ ...row.shifts[0], confirmed_count: 1 }] }, NOW)).toMatchObject({ has_places_left: false });
      expect(postingDocument({ ...row, shifts: [{ ...row.shifts[0], capacity: 3, confirmed_count: 2 }] }, NOW)).toMatchObject({ has_places_left: true });
      expect(postingDocument({ ...row, organisation_status: "suspended" }, NOW)).toBeNull();
      expect(postingDocument({ ...row, status: "closed" }, NOW)).toBeNull();
      expect(postingDocument(row, new Date("2030-06-01T00:00:01Z"))).toBeNull();
    });
  });

  describe("search requests and results", () => {
    const hit = (id: number, extra: Record<string, unknown> = {}) => ({
      id,
      title: "桃園公園で草取り",
      description: "花壇の草取りと水やりをします。",
      tags: ["花壇"],
      place_name: "桃園公園",
      organisation_name: "桃園公園愛護会",
      organisation_kind: "park_care_association",
      category: "parks",
      district: "chuo",
      open_to_minors: true,
      minors_in_review: false,
      is_demo: false,
      next_start: epoch(at("2030-06-01", 9)),
      next_end: epoch(at("2030-06-01", 11)),
      shifts: [
        { start: epoch(at("2030-06-01", 9)), end: epoch(at("2030-06-01", 11)) },
        { start: epoch(at("2030-06-08", 9)), end: epoch(at("2030-06-08", 11)) },
      ],
      _geo: { lat: 33.86, lng: 130.81 },
      ...extra,
    });

    it("sends the query, filter, facets, sort and page, and maps the answer", async () => {
      fake.searchAnswer = () => ({
        hits: [hit(11, { _geoDistance: 1234 }), hit(12, { _geo: undefined, district: null })],
        query: "公園",
        processingTimeMs: 1,
        hitsPerPage: 2,
        page: 3,
        totalPages: 4,
        totalHits: 7,
        facetDistribution: {
          category: { parks: 5, cleanup: 2 },
          district: { chuo: 6 },
          organisation_kind: { park_care_association: 7 },
          has_weekend: { true: 4, false: 3 },
          has_weekday: { true: 5 },
          open_to_minors: { true: 1, false: 6 },
        },
      });
      const engine = createMeilisearchEngine({ url: fake.url, apiKey: "search-key", indexName: "test_postings", db });
      const result = await engine.search(q({ text: " 公園 ", sort: "nearest", near: { lat: 33.861, lng: 130.811 }, page: 3, pageSize: 2, filters: { categories: ["parks"] } }), NOW);

      const [request] = fake.requestsTo("POST", /^\/indexes\/test_postings\/search$/);
      expect(request.body).toMatchObject({
        q: "公園",
        matchingStrategy: "all",
        filter: `category IN ["parks"] AND last_start >= ${NOW_SECONDS}`,
        facets: ["category", "district", "organisation_kind", "has_weekend", "has_weekday", "open_to_minors"],
        sort: ["_geoPoint(33.8610000, 130.8110000):asc", "next_start:asc"],
        hitsPerPage: 2,
        page: 3,
        locales: ["jpn"],
      });
      expect(request.body.attributesToRetrieve).not.toContain("searchable_tokens");

      expect(result).toMatchObject({ engine: "meilisearch", total: 7, page: 3, pageSize: 2 });
      expect(result.fallback).toBeUndefined();
      expect(result.facets).toEqual({
        category: { parks: 5, cleanup: 2 },
        district: { chuo: 6 },
        organisationKind: { park_care_association: 7 },
        dayType: { weekday: 5, weekend: 4 },
        minorsWelcome: { yes: 1, no: 6 },
      });
      const [first, second] = result.hits;
      expect(first).toMatchObject({
        id: 11,
        categoryCode: "parks",
        districtCode: "chuo",
        organisationName: "桃園公園愛護会",
        organisationKind: "park_care_association",
        placeName: "桃園公園",
        welcomesMinors: true,
        isDemo: false,
        distanceKm: 1.2,
        nextStartsAt: at("2030-06-01", 9).toISOString(),
        nextEndsAt: at("2030-06-01", 11).toISOString(),
      });
      expect(first.titleHighlight).toContainEqual({ text: "公園", match: true });
      expect(first.snippet.map((s) => s.text).join("")).toBe("花壇の草取りと水やりをします。");
      expect(second).toMatchObject({ id: 12, districtCode: null, distanceKm: null });
      expect(Object.keys(first).sort()).toEqual(
        ["categoryCode", "distanceKm", "districtCode", "id", "isDemo", "minorsInReview", "nextEndsAt", "nextStartsAt", "organisationKind", "organisationName", "placeName", "snippet", "tags", "title", "titleHighlight", "welcomesMinors"].sort(),
      );
    });

    it("shows the next shift within the searched dates and a distance whenever a point is given", async () => {
      fake.searchAnswer = () => ({ hits: [hit(21)], query: "", processingTimeMs: 1, hitsPerPage: 20, page: 1, totalPages: 1, totalHits: 1 });
      const engine = createMeilisearchEngine({ url: fake.url, indexName: "test_postings" });
      const result = await engine.search(q({ sort: "soonest", near: { lat: 33.87, lng: 130.81 }, filters: { from: "2030-06-05", to: "2030-06-10" } }), NOW);
      expect(result.hits[0].nextStartsAt).toBe(at("2030-06-08", 9).toISOString());
      expect(result.hits[0].distanceKm).toBe(1.1);
      expect(fake.requests[0].body.sort).toEqual(["next_start:asc"]);
      expect(result.facets.dayType).toEqual({ weekday: 0, weekend: 0 });
    });

    it("sends no request when the filters cannot match, and answers an empty result", async () => {
      const engine = createMeilisearchEngine({ url: fake.url, indexName: "test_postings" });
      const result = await engine.search(q({ filters: { categories: ['parks" OR is_demo = true'] }, page: 2, pageSize: 5 }), NOW);
      expect(result).toEqual({
        hits: [],
        total: 0,
        page: 2,
        pageSize: 5,
        engine: "meilisearch",
        facets: { category: {}, district: {}, organisationKind: {}, dayType: { weekday: 0, weekend: 0 }, minorsWelcome: { yes: 0, no: 0 } },
      });
      expect(fake.requests).toHaveLength(0);
    });

    it("sends relevance without a sort, and the API key as a bearer token", async () => {
      const engine = createMeilisearchEngine({ url: fake.url, apiKey: "search-key", indexName: "test_postings" });
      await engine.search(q({ text: "花壇", sort: "relevance" }), NOW);
      expect(fake.requests[0].body.sort).toBeUndefined();
      expect(fake.requests[0].authorization).toBe("Bearer search-key");
      await engine.search(q({ text: "", sort: "relevance" }), NOW);
      expect(fake.requests[1].body).toMatchObject({ q: null, sort: ["next_start:asc"] });
    });

    it("fails with a retryable error when Meilisearch is down, so the PostgreSQL engine can answer", async () => {
      fake.failures.push({ method: "POST", path: /\/search$/, status: 503, times: 1 });
      const engine = createMeilisearchEngine({ url: fake.url, indexName: "test_postings" });
      const error = await engine.search(q(), NOW).catch((e) => e);
      expect(error).toBeInstanceOf(SearchIndexError);
      expect(error.retryable).toBe(true);
    });
  });

  describe("index settings", () => {
    it("creates the index and applies the settings, waiting for each task", async () => {
      const client = createMeilisearchClient({ url: fake.url, apiKey: "admin-key" });
      await configureIndex(client, { indexName: "settings_test" });
      expect(fake.requestsTo("POST", /^\/indexes$/)[0].body).toEqual({ uid: "settings_test", primaryKey: "id" });
      const [patch] = fake.requestsTo("PATCH", /^\/indexes\/settings_test\/settings$/);
      expect(patch.body).toEqual(JSON.parse(JSON.stringify(indexSettings())));
      expect(patch.body).toMatchObject({
        searchableAttributes: ["title", "tags", "searchable_tokens", "description", "organisation_name", "place_name", "district_names", "what_to_bring"],
        sortableAttributes: ["next_start", "published_at", "_geo"],
        rankingRules: ["words", "sort", "typo", "proximity", "attribute", "exactness"],
        localizedAttributes: [{ attributePatterns: ["*"], locales: ["jpn"] }],
        typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      });
      expect(patch.body.filterableAttributes).toEqual(
        expect.arrayContaining(["category", "district", "organisation_kind", "shift_days", "has_weekend", "has_weekday", "has_places_left", "open_to_minors", "_geo"]),
      );
      expect(fake.requestsTo("GET", /^\/tasks\/\d+$/)).toHaveLength(2);

      // Again: the index exists (that task fails as expected) and the settings are applied once more.
      await expect(configureIndex(client, { indexName: "settings_test" })).resolves.toBeUndefined();
    });

    it("turns synonym groups into Meilisearch's word → other words map", () => {
      const map = synonymMap([["子ども", "子供", "こども"], ["ボランティア", "volunteer"]]);
      expect(map["子供"].sort()).toEqual(["こども", "子ども"].sort());
      expect(map["ぼらんていあ"]).toEqual(["volunteer"]);
      expect(map.volunteer).toEqual(["ぼらんていあ"]);
    });

    it("fails without retry when Meilisearch refuses a setting", async () => {
      fake.failTask = { type: "settingsUpdate", code: "invalid_settings_filterable_attributes" };
      const error = await configureIndex(createMeilisearchClient({ url: fake.url }), { indexName: "settings_test" }).catch((e) => e);
      expect(error).toBeInstanceOf(SearchIndexError);
      expect(error).toMatchObject({ retryable: false, code: "invalid_settings_filterable_attributes" });
    });
  });

  describe("sync through the outbox", () => {
    const config = () => ({ url: fake.url, apiKey: "admin-key", indexName: "sync_test" });
    const searchJobs = () => db.selectFrom("jobs").selectAll().where("queue", "=", SEARCH_QUEUE).orderBy("id").execute();
    const clearJobs = () => db.deleteFrom("jobs").where("queue", "=", SEARCH_QUEUE).execute();
    afterEach(clearJobs);

    it("enqueues nothing unless Meilisearch is configured", async () => {
      vi.stubEnv("MEILISEARCH_URL", "");
      try {
        await db.transaction().execute((trx) => enqueueSearchSync(trx, [ids.weekend]));
        await enqueueDailyRefresh(db, { now: NOW });
        expect(await searchJobs()).toEqual([]);
        await enqueueSearchSync(db, [ids.weekend], { enabled: false });
        expect(await searchJobs()).toEqual([]);
        vi.stubEnv("MEILISEARCH_URL", "http://127.0.0.1:7700");
        await db.transaction().execute((trx) => enqueueSearchSync(trx, [ids.weekend, ids.weekend, ids.draft]));
        const jobs = await searchJobs();
        expect(jobs).toHaveLength(1);
        expect(jobs[0].payload).toEqual({ ids: [ids.weekend, ids.draft] });
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("upserts the postings that belong in the index and deletes the others", async () => {
      fake.index("sync_test").documents.set(ids.draft, { id: ids.draft, title: "stale" });
      fake.index("sync_test").documents.set(ids.past, { id: ids.past, title: "stale" });
      const client = createMeilisearchClient(config());
      const summary = await syncPostings(db, client, [ids.weekend, ids.monday, ids.draft, ids.pending, ids.past, 987654321], { indexName: "sync_test", now: NOW });
      expect(summary).toEqual({ upserted: [ids.weekend, ids.monday], deleted: [ids.draft, ids.pending, ids.past, 987654321] });
      expect([...fake.index("sync_test").documents.keys()].sort()).toEqual([ids.weekend, ids.monday].sort());
      const [add] = fake.requestsTo("POST", /^\/indexes\/sync_test\/documents$/);
      expect(add.body.map((d: { id: number }) => d.id)).toEqual([ids.weekend, ids.monday]);
      const [del] = fake.requestsTo("POST", /^\/indexes\/sync_test\/documents\/delete-batch$/);
      expect(del.body).toEqual([ids.draft, ids.pending, ids.past, 987654321]);
      expect(fake.requestsTo("GET", /^\/tasks\//)).toHaveLength(2);

      // Idempotent: the same job again leaves the same index.
      await syncPostings(db, client, [ids.weekend, ids.draft], { indexName: "sync_test", now: NOW });
      expect([...fake.index("sync_test").documents.keys()].sort()).toEqual([ids.weekend, ids.monday].sort());
    });

    it("treats deleting from an index that does not exist yet as done", async () => {
      const summary = await syncPostings(db, createMeilisearchClient(config()), [ids.draft], { indexName: "never_created", now: NOW });
      expect(summary.deleted).toEqual([ids.draft]);
    });

    it("surfaces a 503 as a retryable error: the outbox retries later and then succeeds", async () => {
      const handler = searchJobHandler(db, config(), { now: () => NOW });
      await enqueueSearchSync(db, [ids.monday], { enabled: true });
      fake.index("sync_test").documents.delete(ids.monday);
      fake.failures.push({ method: "POST", path: /^\/indexes\/sync_test\/documents$/, status: 503, times: 1 });

      const error = await handler({ ids: [ids.monday] }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 }).catch((e) => e);
      expect(error).toBeInstanceOf(SearchIndexError);
      expect(error.retryable).toBe(true);

      fake.failures.push({ method: "POST", path: /^\/indexes\/sync_test\/documents$/, status: 503, times: 1 });
      await runDueJobs(db, { [SEARCH_QUEUE]: handler });
      const [failed] = (await searchJobs()).filter((j) => (j.payload as { ids?: number[] }).ids);
      expect(failed).toMatchObject({ status: "pending", attempts: 1 });
      expect(failed.last_error).toContain("503");
      expect(failed.run_at.getTime()).toBeGreaterThan(Date.now());
      expect(fake.index("sync_test").documents.has(ids.monday)).toBe(false);

      await db.updateTable("jobs").set({ run_at: new Date(Date.now() - 1000) }).where("id", "=", failed.id).execute();
      await runDueJobs(db, { [SEARCH_QUEUE]: handler });
      const after = (await searchJobs()).find((j) => j.id === failed.id)!;
      expect(after).toMatchObject({ status: "done", attempts: 2 });
      expect(fake.index("sync_test").documents.has(ids.monday)).toBe(true);
    });

    it("surfaces an unreachable server as a retryable error", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const handler = searchJobHandler(db, { url: `http://127.0.0.1:${port}`, indexName: "sync_test" }, { now: () => NOW });
      const error = await handler({ ids: [ids.weekend] }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 }).catch((e) => e);
      expect(error).toBeInstanceOf(SearchIndexError);
      expect(error.retryable).toBe(true);
    });

    it("gives up on a document Meilisearch refuses, and on a malformed job", async () => {
      fake.failTask = { type: "documentAdditionOrUpdate", code: "invalid_document_geo_field" };
      const handler = searchJobHandler(db, config(), { now: () => NOW });
      const error = await handler({ ids: [ids.weekend] }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 }).catch((e) => e);
      expect(error).toMatchObject({ retryable: false, code: "invalid_document_geo_field" });
      await expect(handler({ ids: ["1; drop table"] }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 })).rejects.toMatchObject({
        retryable: false,
      });
    });

    it("does nothing without configuration (jobs left from before simply finish)", async () => {
      const handler = searchJobHandler(db, null);
      await expect(handler({ ids: [ids.weekend] }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 })).resolves.toBeUndefined();
      expect(fake.requests).toHaveLength(0);
    });

    it("refreshes every indexed posting once a Tokyo day, and queues the next day's refresh", async () => {
      await enqueueDailyRefresh(db, { now: NOW, enabled: true });
      await enqueueDailyRefresh(db, { now: new Date(NOW.getTime() + 3600_000), enabled: true });
      const queued = await searchJobs();
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ payload: { refresh: "2030-05-20" }, dedupe_key: "search:refresh:2030-05-20" });

      const index = fake.index("refresh_test");
      index.documents.clear();
      index.documents.set(424242, { id: 424242, title: "gone" });
      index.documents.set(ids.past, { id: ids.past, title: "its shift has passed" });
      const handler = searchJobHandler(db, { ...config(), indexName: "refresh_test" }, { now: () => NOW });
      await handler({ refresh: "2030-05-20" }, { id: 0, queue: SEARCH_QUEUE, payload: null, attempts: 1, max_attempts: 5 });
      const kept = [...index.documents.keys()];
      expect(kept).toEqual(expect.arrayContaining([ids.weekend, ids.monday]));
      expect(kept).not.toContain(424242);
      expect(kept).not.toContain(ids.past);
      expect(kept).not.toContain(ids.draft);

      const next = (await searchJobs()).find((j) => j.dedupe_key === "search:refresh:2030-05-21")!;
      expect(next.run_at.toISOString()).toBe(at("2030-05-21", 0, 5).toISOString());
    });

    it("reindexes everything in batches, reporting progress, and removes stale documents", async () => {
      const index = fake.index("reindex_test");
      index.documents.set(ids.draft, { id: ids.draft, title: "stale" });
      const progress: string[] = [];
      const result = await reindexAll(db, createMeilisearchClient(config()), {
        indexName: "reindex_test",
        now: NOW,
        batchSize: 1,
        onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
      });
      expect(result).toEqual({ pushed: 2, deleted: 1 });
      expect(progress).toEqual(["1/2", "2/2"]);
      expect([...index.documents.keys()].sort()).toEqual([ids.weekend, ids.monday].sort());
      expect(fake.requestsTo("POST", /^\/indexes\/reindex_test\/documents$/)).toHaveLength(2);
      expect(fake.requestsTo("PATCH", /^\/indexes\/reindex_test\/settings$/)).toHaveLength(1);
    });
  });
});
