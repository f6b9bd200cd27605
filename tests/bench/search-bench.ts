/**
 * `npm run bench:search`: latency and recall of the PostgreSQL search engine on synthetic postings, and of the
 * Meilisearch engine on the same postings when MEILISEARCH_URL is set.
 *
 * For each size (BENCH_SIZES, default 1000,10000,100000) it builds a fresh database — PGlite in memory, or a
 * scratch database on the PostgreSQL server named by DATABASE_URL (created as tsunagu_bench_<pid>, dropped
 * afterwards) — migrates it, inserts generated postings (tests/bench/generate.ts) in multi-row batches,
 * builds the search vectors, runs VACUUM ANALYZE (what autovacuum does on a server after a bulk load: statistics,
 * and the visibility map that lets counts read an index alone) and a warm-up, and then times `engine.search` on
 * a fixed query mix:
 *   - text + filters + facets (relevance, page 1),
 *   - browse: empty query with facets, soonest first, pages 1 to 5,
 *   - nearest first from a point.
 * Then it measures recall and precision of hard queries (variants, compounds, synonyms, typos, full-width
 * input) against the generator's hidden labels, over all hits. Up to 10k postings the hits are read from
 * engine.search page by page. Above, reading tens of thousands of highlighted hits per query would take
 * minutes, so the hit ids come from the engine's own match condition (its dictionary, query terms and tsquery,
 * on published postings of verified organisations with a future shift), and their number is checked against
 * the total engine.search reports; on a mismatch the hits are read page by page after all.
 * BENCH_HARD_PAGING=1 reads them page by page at every size.
 *
 * A measurement, not a test: it exits 0 whatever the figures (1 only if it could not run).
 * Options:
 *   BENCH_SIZES=1000,10000     sizes to run (default 1000,10000,100000)
 *   BENCH_QUERIES=200          timed queries per kind
 *   BENCH_BUDGET_S=60          time budget per kind and size, in seconds: on a slow database a kind stops
 *                              early, after at least 20 queries, and the table shows how many ran;
 *                              0 for no budget
 *   BENCH_SEED=20260401        generator seed
 *   BENCH_HARD_PAGING=1        read hard-query hits from engine.search page by page at every size (slow)
 *   BENCH_KEEP=1               on a PostgreSQL server, keep each size's scratch database and print its name
 *                              (to study its plans with EXPLAIN); drop it by hand afterwards
 *   MEILISEARCH_URL, _KEY      also measure the Meilisearch engine on the same postings, in a scratch index of
 *                              that server deleted afterwards (its hard-query hits read page by page)
 *   SEARCH_INDEX=sql           time the engine with SQL alone, without the in-process index (as the site does
 *                              with the same setting)
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import { sql } from "kysely";
import { migrateToLatest, type DB } from "#db/client.server";
import { CATEGORIES, DISTRICTS } from "~/server/seed/data";
import { loadSearchDictionary } from "#search/dictionary.server";
import { matchIndexStats } from "#search/match-index.server";
import { createMeilisearchClient, createMeilisearchEngine, meilisearchConfigFromEnv, waitForTasks, type MeilisearchConfig } from "#search/meilisearch.server";
import { reindexAll } from "#search/sync.server";
import { createPostgresSearchEngine, searchIndexModeFromEnv, toTsquery } from "#search/postgres.server";
import { queryTerms } from "#search/text";
import type { SearchEngine, SearchQuery } from "#search/types";
import { BOUNDS, createRandom, generateDataset, HARD_QUERIES, labelsFor, type Dataset } from "./generate";
import { INSERT_BATCH, loadDataset as load, type Loaded } from "./load";
import { openBenchDatabase, percentile } from "./support";

/** Hits are fetched in pages this large: every call re-runs the whole query, so few large pages are cheapest. */
const HARD_QUERY_PAGE_SIZE = 10_000;
/** Largest size whose hard-query hits are read from engine.search page by page (see the top of the file). */
const HARD_QUERY_PAGING_MAX_SIZE = 10_000;
const WARM_UP_PER_KIND = 20;
const WARM_UP_BUDGET_MS = 5_000;
const MIN_QUERIES_IN_BUDGET = 20;
const TARGET_P95_MS = 25;
const TARGET_RECALL = 0.95;

const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000")
  .split(",")
  .map((s) => Number(s.trim().replace(/k$/i, "000")))
  .filter((n) => Number.isInteger(n) && n > 0);
const queriesPerKind = Math.max(1, Number(process.env.BENCH_QUERIES ?? 200) || 200);
const budgetMs = Number(process.env.BENCH_BUDGET_S ?? 60) > 0 ? Number(process.env.BENCH_BUDGET_S ?? 60) * 1000 : Infinity;
const hardPagingAlways = process.env.BENCH_HARD_PAGING === "1";
const seed = Number(process.env.BENCH_SEED ?? 20_260_401) || 20_260_401;
const databaseUrl = process.env.DATABASE_URL || undefined;
const keepDatabase = process.env.BENCH_KEEP === "1";
const indexMode = searchIndexModeFromEnv();
const meilisearchConfig = meilisearchConfigFromEnv();

// ---------------------------------------------------------------------------------------------------------
// Output helpers
// ---------------------------------------------------------------------------------------------------------

/** Terminal width of a string: CJK, kana and full-width forms take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

function table(headers: string[], rows: (string | number)[][], rightAligned: boolean[]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i]))));
  const line = (r: string[]) =>
    r
      .map((cell, i) => {
        const pad = " ".repeat(widths[i] - width(cell));
        return rightAligned[i] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const ms = (v: number) => v.toFixed(1);
const secs = (v: number) => `${(v / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const sizeLabel = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));


// ---------------------------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------------------------


const openScratchDatabase = () => openBenchDatabase(databaseUrl, { prefix: "tsunagu_bench", keep: keepDatabase });

// ---------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------
// Query mix
// ---------------------------------------------------------------------------------------------------------

type Kind = "text+filter+facets" | "browse (empty, soonest, p1-5)" | "nearest (point)";
const KINDS: Kind[] = ["text+filter+facets", "browse (empty, soonest, p1-5)", "nearest (point)"];

/** Tokyo calendar date `days` after `now`, YYYY-MM-DD. */
function tokyoDate(now: Date, days: number): string {
  return new Date(now.getTime() + 9 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

function queryMix(kind: Kind, count: number, now: Date, salt: number): SearchQuery[] {
  const r = createRandom(seed + salt);
  const district = () => r.pick(DISTRICTS).code;
  const base = { page: 1, pageSize: 20 };
  const textFilters: (() => Pick<SearchQuery, "text" | "filters">)[] = [
    () => ({ text: "公園", filters: { minorsWelcome: true } }),
    () => ({ text: "清掃", filters: { categories: ["cleanup"] } }),
    () => ({ text: "子ども", filters: { dayType: "weekend" } }),
    () => ({ text: "ボランティア", filters: { districts: [district(), district()] } }),
    () => ({ text: "防災訓練", filters: { organisationKinds: ["neighbourhood_association", "machizukuri_council"] } }),
    () => ({ text: "学習支援", filters: { from: tokyoDate(now, 7), to: tokyoDate(now, 21) } }),
    () => ({ text: "volunteer", filters: { hasPlacesLeft: true } }),
    () => ({ text: "花壇", filters: { districts: [district()] } }),
    () => ({ text: "見守り", filters: { dayType: "weekday" } }),
    () => ({ text: "国際交流", filters: { minorsWelcome: true } }),
    () => ({ text: "草取り 公園", filters: { categories: ["parks"], dayType: "weekend" } }),
    () => ({ text: "park clean-up", filters: { districts: [district()] } }),
  ];
  const out: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    if (kind === "text+filter+facets") out.push({ ...base, ...textFilters[i % textFilters.length](), sort: "relevance" });
    else if (kind === "browse (empty, soonest, p1-5)") out.push({ ...base, text: "", filters: {}, sort: "soonest", page: (i % 5) + 1 });
    else
      out.push({
        ...base,
        text: "",
        filters: {},
        sort: "nearest",
        near: { lat: r.between(BOUNDS.minLat, BOUNDS.maxLat), lng: r.between(BOUNDS.minLng, BOUNDS.maxLng) },
      });
  }
  return out;
}

interface Timing {
  kind: Kind;
  n: number;
  /** Whether the time budget stopped the kind before all its queries ran. */
  cut: boolean;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

async function timeQueries(engine: SearchEngine, kind: Kind, queries: SearchQuery[], now: Date): Promise<Timing> {
  const times: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    if (times.length >= MIN_QUERIES_IN_BUDGET && performance.now() - started > budgetMs) break;
    const t = performance.now();
    await engine.search(q, now);
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    kind,
    n: times.length,
    cut: times.length < queries.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: times.reduce((s, v) => s + v, 0) / times.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Hard queries
// ---------------------------------------------------------------------------------------------------------

interface HardResult {
  query: string;
  concept: string;
  labelled: number;
  hits: number;
  recall: number;
  precision: number;
  /** Labelled postings whose category names do not carry the concept: found only through their own text. */
  ownText: number;
  ownTextRecall: number;
  misses: string[];
  falsePositives: string[];
}

async function pagedHitIds(engine: SearchEngine, text: string, now: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const result = await engine.search({ text, filters: {}, sort: "relevance", page, pageSize: HARD_QUERY_PAGE_SIZE }, now);
    ids.push(...result.hits.map((h) => h.id));
    if (result.hits.length < HARD_QUERY_PAGE_SIZE || ids.length >= result.total) return ids;
  }
}

/**
 * The ids engine.search matches for `text` without filters, by the engine's own match condition, checked
 * against the engine's total; null when they disagree.
 */
async function matchedIds(db: DB, engine: SearchEngine, text: string, now: Date): Promise<number[] | null> {
  const { total } = await engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 1 }, now);
  const dictionary = await loadSearchDictionary(db);
  const terms = queryTerms(text, { synonyms: dictionary.synonyms, vocabulary: dictionary.vocabulary });
  if (terms.length === 0) return null;
  const { rows } = await sql<{ id: number }>`
    select p.id from postings p join organisations o on o.id = p.organisation_id join posting_search ps on ps.posting_id = p.id
    where p.status = 'published' and o.status = 'verified' and ps.search_vector @@ ${toTsquery(terms)}::tsquery
      and exists (select 1 from shifts s where s.posting_id = p.id and s.starts_at >= ${now})`.execute(db);
  return rows.length === total ? rows.map((r) => r.id) : null;
}

type HitSource = "engine.search pages" | "engine match condition, count checked";

async function allHitIds(db: DB, engine: SearchEngine, text: string, now: Date, size: number): Promise<{ ids: number[]; source: HitSource }> {
  // The shortcut knows the PostgreSQL engine's match condition only; Meilisearch's hits are read page by page.
  if (!hardPagingAlways && engine.name === "postgres" && size > HARD_QUERY_PAGING_MAX_SIZE) {
    const ids = await matchedIds(db, engine, text, now);
    if (ids) return { ids, source: "engine match condition, count checked" };
    console.log(`  ${text}: the engine's match condition disagrees with its total; reading its hits page by page`);
  }
  return { ids: await pagedHitIds(engine, text, now), source: "engine.search pages" };
}

async function hardQueries(db: DB, engine: SearchEngine, data: Dataset, loaded: Loaded, now: Date): Promise<{ results: HardResult[]; sources: Set<HitSource> }> {
  const sources = new Set<HitSource>();
  const indexById = new Map(loaded.postingIds.map((id, index) => [id, index]));
  const categoryLabels = new Map(CATEGORIES.map((c) => [c.code, labelsFor(`${c.name_ja}\n${c.name_en}`)]));
  const results: HardResult[] = [];
  for (const hq of HARD_QUERIES) {
    const labelled = new Set(data.postings.filter((p) => p.labels.includes(hq.concept)).map((p) => loaded.postingIds[p.index]));
    const ownText = data.postings
      .filter((p) => p.labels.includes(hq.concept) && !categoryLabels.get(p.categoryCode)!.includes(hq.concept))
      .map((p) => loaded.postingIds[p.index]);
    const read = await allHitIds(db, engine, hq.query, now, data.postings.length);
    sources.add(read.source);
    const hits = new Set(read.ids);
    let found = 0;
    for (const id of hits) if (labelled.has(id)) found++;
    const example = (id: number) => {
      const p = data.postings[indexById.get(id)!];
      return `#${p.index} ${p.title}`;
    };
    const misses = [...labelled].filter((id) => !hits.has(id));
    const falsePositives = [...hits].filter((id) => !labelled.has(id));
    results.push({
      query: hq.query,
      concept: hq.concept,
      labelled: labelled.size,
      hits: hits.size,
      recall: labelled.size ? found / labelled.size : hits.size === 0 ? 1 : 0,
      ownText: ownText.length,
      ownTextRecall: ownText.length ? ownText.filter((id) => hits.has(id)).length / ownText.length : 1,
      precision: hits.size ? found / hits.size : labelled.size === 0 ? 1 : 0,
      misses: distinctTitles(misses.map(example)),
      falsePositives: distinctTitles(falsePositives.map(example)),
    });
  }
  return { results, sources };
}

/** A few examples, one per distinct title, for the diagnosis of misses and false positives. */
function distinctTitles(examples: string[], limit = 4): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of examples) {
    const title = e.replace(/^#\d+ /, "");
    if (seen.has(title)) continue;
    seen.add(title);
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// One engine
// ---------------------------------------------------------------------------------------------------------

interface Measured {
  timings: Timing[];
  hard: HardResult[];
  meanRecall: number;
  meanPrecision: number;
}

/** Warm-up, the timed query mix and the hard queries on one engine. */
async function measure(engine: SearchEngine, db: DB, data: Dataset, loaded: Loaded, now: Date, size: number): Promise<Measured> {
  const warmStarted = performance.now();
  let warmed = 0;
  for (const [k, kind] of KINDS.entries()) {
    const kindStarted = performance.now();
    for (const q of queryMix(kind, WARM_UP_PER_KIND, now, 1000 + k)) {
      if (performance.now() - kindStarted > WARM_UP_BUDGET_MS) break;
      await engine.search(q, now);
      warmed++;
    }
  }
  console.log(`warm-up:      ${secs(performance.now() - warmStarted)} (${warmed} queries, up to ${WARM_UP_PER_KIND} per kind)`);

  const timings: Timing[] = [];
  for (const [k, kind] of KINDS.entries()) timings.push(await timeQueries(engine, kind, queryMix(kind, queriesPerKind, now, k), now));
  console.log(`\nLatency of engine.search (${engine.name}), ${sizeLabel(size)} postings (ms)`);
  console.log(
    table(
      ["kind", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms"],
      timings.map((t) => [t.kind, t.cut ? `${t.n}*` : t.n, ms(t.p50), ms(t.p95), ms(t.p99), ms(t.mean)]),
      [false, true, true, true, true, true],
    ),
  );
  if (timings.some((t) => t.cut)) console.log(`* stopped by the time budget of ${budgetMs / 1000} s per kind (BENCH_BUDGET_S) before ${queriesPerKind} queries`);

  const hardStarted = performance.now();
  const { results: hard, sources } = await hardQueries(db, engine, data, loaded, now);
  const meanRecall = hard.reduce((s, h) => s + h.recall, 0) / hard.length;
  const meanPrecision = hard.reduce((s, h) => s + h.precision, 0) / hard.length;
  const how = [...sources].map((s) => (s === "engine.search pages" ? `engine.search in pages of ${HARD_QUERY_PAGE_SIZE}` : s)).join(" / ");
  console.log(`\nHard queries (${engine.name}), ${sizeLabel(size)} postings (all hits, read by ${how}; ${secs(performance.now() - hardStarted)})`);
  console.log(
    table(
      ["query", "expected concept", "labelled", "hits", "recall", "precision", "own text", "recall", "exercises"],
      hard.map((h, i) => [
        h.query,
        h.concept,
        h.labelled,
        h.hits,
        h.recall.toFixed(3),
        h.precision.toFixed(3),
        h.ownText,
        h.ownTextRecall.toFixed(3),
        HARD_QUERIES[i].note,
      ]),
      [false, false, true, true, true, true, true, true, false],
    ),
  );
  console.log("own text: labelled postings whose category names do not carry the concept, and the recall over them");
  console.log(`mean recall = ${meanRecall.toFixed(3)}, mean precision = ${meanPrecision.toFixed(3)}`);
  for (const h of hard) {
    if (h.misses.length) console.log(`  ${h.query}: missed (${h.labelled - Math.round(h.recall * h.labelled)}), e.g. ${h.misses.join(" | ")}`);
    if (h.falsePositives.length) console.log(`  ${h.query}: unlabelled hits (${h.hits - Math.round(h.precision * h.hits)}), e.g. ${h.falsePositives.join(" | ")}`);
  }
  return { timings, hard, meanRecall, meanPrecision };
}

/**
 * With MEILISEARCH_URL set: the same postings pushed to a scratch index of that server (settings and
 * documents, as `npm run search:reindex` does), the same measurements on the Meilisearch engine, and the index
 * deleted afterwards.
 */
async function benchMeilisearch(config: MeilisearchConfig, db: DB, data: Dataset, loaded: Loaded, now: Date, size: number): Promise<Measured & { buildMs: number }> {
  const indexName = `tsunagu_bench_${process.pid}_${size}`;
  const client = createMeilisearchClient({ ...config, timeoutMs: 60_000 });
  console.log(`\n--- Meilisearch (${config.url}, scratch index ${indexName}) ---`);
  try {
    const started = performance.now();
    const { pushed } = await reindexAll(db, client, { indexName, now });
    const buildMs = performance.now() - started;
    console.log(`index build:  ${secs(buildMs)} (settings and ${pushed} documents, waiting for each task)`);
    const engine = createMeilisearchEngine({ ...config, indexName, db, client });
    return { ...(await measure(engine, db, data, loaded, now, size)), buildMs };
  } finally {
    try {
      await waitForTasks(client, [await client.deleteIndex(indexName)], { timeout: 120_000, interval: 200 });
    } catch (error) {
      console.log(`could not delete the scratch index ${indexName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------------------------------------

interface SizeReport extends Measured {
  size: number;
  buildMs: number;
  /** When MEILISEARCH_URL is set. */
  meilisearch?: Measured & { buildMs: number };
}

async function benchSize(size: number, now: Date): Promise<SizeReport> {
  console.log(`\n=== ${sizeLabel(size)} postings ===`);
  const generateStarted = performance.now();
  const data = generateDataset(size, { seed, now });
  const generateMs = performance.now() - generateStarted;

  const bench = await openScratchDatabase();
  try {
    const migrateStarted = performance.now();
    await migrateToLatest(bench.db);
    const migrateMs = performance.now() - migrateStarted;
    const loaded = await load(bench.db, data, now);
    const buildMs = loaded.insertMs + loaded.indexMs + loaded.analyzeMs;
    console.log(`database:     ${bench.description}`);
    console.log(`generate:     ${secs(generateMs)} (${data.organisations.length} organisations, ${size} postings, ${loaded.shiftCount} shifts)`);
    console.log(`migrate:      ${secs(migrateMs)}`);
    console.log(`insert:       ${secs(loaded.insertMs)} (multi-row inserts of ${INSERT_BATCH} rows)`);
    console.log(`index build:  ${secs(loaded.indexMs)} (refreshSearchDocuments over all postings)`);
    console.log(`vacuum:       ${secs(loaded.analyzeMs)} (vacuum analyze)`);
    console.log(`build total:  ${secs(buildMs)} (insert + index build + vacuum analyze)`);

    const engine = createPostgresSearchEngine(bench.db, { index: indexMode });
    if (indexMode === "memory") {
      // The first search reads the in-process index in full (search/match-index.server.ts); later ones only ask
      // what changed.
      const heapBefore = process.memoryUsage().heapUsed;
      const firstStarted = performance.now();
      await engine.search({ text: "", filters: {}, sort: "soonest", page: 1, pageSize: 20 }, now);
      const firstMs = performance.now() - firstStarted;
      const stats = matchIndexStats(bench.db);
      console.log(
        `search index: ${secs(stats?.lastFullLoadMs ?? NaN)} to read it in full (first search ${secs(firstMs)}); JS heap ${mb(heapBefore)} → ${mb(process.memoryUsage().heapUsed)}`,
      );
    }
    const measured = await measure(engine, bench.db, data, loaded, now, size);
    const meilisearch = meilisearchConfig ? await benchMeilisearch(meilisearchConfig, bench.db, data, loaded, now, size) : undefined;
    return { size, ...measured, buildMs, meilisearch };
  } finally {
    await bench.dispose();
    const mem = process.memoryUsage();
    console.log(`\nprocess RSS after ${sizeLabel(size)}: ${mb(mem.rss)} (JS heap used ${mb(mem.heapUsed)}); load average ${os.loadavg()[0].toFixed(1)}`);
  }
}

async function main(): Promise<number> {
  if (sizes.length === 0) {
    console.error("BENCH_SIZES holds no valid size (expected e.g. 1000,10000,100000).");
    return 1;
  }
  const now = new Date();
  console.log(`Search benchmark — PostgreSQL engine, ${indexMode === "memory" ? "matches from the in-process index" : "SQL alone (SEARCH_INDEX=sql)"}`);
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs (load average ${os.loadavg()[0].toFixed(1)}), ${databaseUrl ? "PostgreSQL server (DATABASE_URL)" : "PGlite in memory"}, ` +
      `sizes ${sizes.map(sizeLabel).join(", ")}, ${queriesPerKind} timed queries per kind, seed ${seed}`,
  );
  const started = performance.now();
  const reports: SizeReport[] = [];
  for (const size of sizes) reports.push(await benchSize(size, now));

  console.log(`\n=== Summary (${secs(performance.now() - started)} in all) ===`);
  const rows = reports.flatMap((r) => [
    { engine: "postgres", ...r },
    ...(r.meilisearch ? [{ engine: "meilisearch", size: r.size, ...r.meilisearch }] : []),
  ]);
  console.log(
    table(
      ["engine", "size", "build", "text+filter p95", "browse p95", "nearest p95", "mean recall", "mean precision"],
      rows.map((r) => [
        r.engine,
        sizeLabel(r.size),
        secs(r.buildMs),
        `${ms(r.timings[0].p95)} ms`,
        `${ms(r.timings[1].p95)} ms`,
        `${ms(r.timings[2].p95)} ms`,
        r.meanRecall.toFixed(3),
        r.meanPrecision.toFixed(3),
      ]),
      [false, false, true, true, true, true, true, true],
    ),
  );
  const headline = reports.find((r) => r.size === 100_000) ?? reports[reports.length - 1];
  const on = databaseUrl ? "PostgreSQL server" : "PGlite";
  const note = headline.size === 100_000 ? "" : " [100k not run]";
  console.log(
    `\nPostgreSQL engine${indexMode === "memory" ? "" : " (SQL alone)"}, ${sizeLabel(headline.size)}${note} (on ${on}): text+filter+facets p95 = ${ms(headline.timings[0].p95)} ms ` +
      `(target ≤ ${TARGET_P95_MS} ms), hard-query recall = ${headline.meanRecall.toFixed(3)} (target ≥ ${TARGET_RECALL})`,
  );
  if (headline.meilisearch) {
    console.log(
      `Meilisearch engine, ${sizeLabel(headline.size)}${note}: text+filter+facets p95 = ${ms(headline.meilisearch.timings[0].p95)} ms, ` +
        `hard-query recall = ${headline.meilisearch.meanRecall.toFixed(3)}`,
    );
  } else {
    console.log("Meilisearch engine: not measured (MEILISEARCH_URL is not set)");
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Search benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
