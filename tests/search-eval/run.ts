/**
 * `npm run eval:search`: how well the PostgreSQL search engine finds what people meant, on the labelled set of
 * ./dataset.ts, in a fresh PGlite database in memory (or a scratch database on the server named by
 * EVAL_DATABASE_URL). Prints, per query, family and overall, macro recall and precision over every hit and
 * precision at 10 (of the first ten hits sorted by relevance, how many are relevant; out of the relevant
 * postings' number when fewer than ten are relevant). The Meilisearch engine is not measured here: it needs a
 * server.
 *
 * Exit status 1 when overall recall or precision is below TARGET (0.97), so it can guard a change.
 */
import { performance } from "node:perf_hooks";
import { migrateToLatest } from "#db/client.server";
import { createPostgresSearchEngine } from "#search/postgres.server";
import type { SearchEngine } from "#search/types";
import { loadDataset } from "../bench/load";
import { openBenchDatabase } from "../bench/support";
import { evaluationDataset, QUERIES, relevantPostings, type EvalQuery, type Family } from "./dataset";

const TARGET = 0.97;
const PAGE = 100;
const now = new Date("2026-12-06T00:00:00Z");

async function allHits(engine: SearchEngine, text: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const r = await engine.search({ text, filters: {}, sort: "relevance", page, pageSize: PAGE }, now);
    ids.push(...r.hits.map((h) => h.id));
    if (r.hits.length < PAGE || ids.length >= r.total) return ids;
  }
}

interface Scored {
  q: EvalQuery;
  relevant: number;
  hits: number;
  recall: number;
  precision: number;
  p10: number;
  misses: string[];
  wrong: string[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f3 = (x: number) => x.toFixed(3);

async function main(): Promise<number> {
  const data = evaluationDataset(now);
  const relevant = relevantPostings(data);
  const bench = await openBenchDatabase(process.env.EVAL_DATABASE_URL, { prefix: "search_eval" });
  try {
    await migrateToLatest(bench.db);
    const loaded = await loadDataset(bench.db, data, now);
    const indexOf = new Map(loaded.postingIds.map((id, i) => [id, i]));
    const engine = createPostgresSearchEngine(bench.db);
    console.log(`database: ${bench.description}; ${data.postings.length} postings, ${QUERIES.length} queries`);

    const scored: Scored[] = [];
    let searchMs = 0;
    for (const q of QUERIES) {
      const want = relevant.get(q)!;
      const started = performance.now();
      const hits = (await allHits(engine, q.query)).map((id) => indexOf.get(id)!);
      searchMs += performance.now() - started;
      const got = new Set(hits);
      const found = [...got].filter((i) => want.has(i)).length;
      const top = hits.slice(0, 10);
      const title = (i: number) => `#${i} ${data.postings[i].title}`;
      scored.push({
        q,
        relevant: want.size,
        hits: got.size,
        recall: want.size ? found / want.size : got.size === 0 ? 1 : 0,
        precision: got.size ? found / got.size : want.size === 0 ? 1 : 0,
        p10: Math.min(10, want.size) ? top.filter((i) => want.has(i)).length / Math.min(10, want.size) : 1,
        misses: [...new Set([...want].filter((i) => !got.has(i)).map(title))].slice(0, 3),
        wrong: [...new Set([...got].filter((i) => !want.has(i)).map(title))].slice(0, 3),
      });
    }

    console.log("\nquery                 family       relevant  hits  recall  precision  P@10");
    for (const s of scored) {
      console.log(
        `${s.q.query.padEnd(22 - (s.q.query.match(/[^\x00-\xff]/g)?.length ?? 0))}${s.q.family.padEnd(13)}${String(s.relevant).padStart(8)}${String(s.hits).padStart(6)}  ${f3(s.recall)}   ${f3(s.precision)}    ${f3(s.p10)}`,
      );
    }
    const families = [...new Set(QUERIES.map((q) => q.family))] as Family[];
    console.log("\nfamily        queries  recall  precision  P@10");
    for (const f of families) {
      const in_ = scored.filter((s) => s.q.family === f);
      console.log(`${f.padEnd(14)}${String(in_.length).padStart(7)}  ${f3(mean(in_.map((s) => s.recall)))}   ${f3(mean(in_.map((s) => s.precision)))}    ${f3(mean(in_.map((s) => s.p10)))}`);
    }
    const recall = mean(scored.map((s) => s.recall));
    const precision = mean(scored.map((s) => s.precision));
    const p10 = mean(scored.map((s) => s.p10));
    console.log(`${"overall".padEnd(14)}${String(scored.length).padStart(7)}  ${f3(recall)}   ${f3(precision)}    ${f3(p10)}`);
    console.log(`\nsearch time: ${(searchMs / scored.length).toFixed(1)} ms per query (every page of 100 hits)`);

    const faults = scored.filter((s) => s.misses.length || s.wrong.length);
    if (faults.length) console.log("\nwhat was missed (−) and found wrongly (+), a few each:");
    for (const s of faults) {
      for (const m of s.misses) console.log(`  ${s.q.query}  − ${m}`);
      for (const w of s.wrong) console.log(`  ${s.q.query}  + ${w}`);
    }
    const ok = recall >= TARGET && precision >= TARGET;
    console.log(`\nmacro recall ${f3(recall)}, precision ${f3(precision)}, P@10 ${f3(p10)} (target ≥ ${TARGET}): ${ok ? "met" : "NOT met"}`);
    return ok ? 0 : 1;
  } finally {
    await bench.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
