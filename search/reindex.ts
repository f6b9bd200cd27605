/**
 * `npm run search:reindex`: rebuilds the search index from PostgreSQL.
 * With MEILISEARCH_URL (and MEILISEARCH_KEY) set: configures the Meilisearch index and pushes every posting
 * document in batches of 1,000. Without: the PostgreSQL engine needs no reindex, so the posting search vectors
 * and summaries are rebuilt instead. Uses DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite (default ./data/pglite).
 */
import { sql } from "kysely";
import { runDatabaseScript } from "#db/script.server";
import { refreshAllSearchDocuments, refreshAllSearchSummaries } from "./document.server";
import { createMeilisearchClient, DEFAULT_INDEX_NAME, meilisearchConfigFromEnv } from "./meilisearch.server";
import { enqueueDailyRefresh, reindexAll } from "./sync.server";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

runDatabaseScript({ failure: "Reindex", poolMax: 2 }, async ({ db }) => {
  const started = Date.now();
  const config = meilisearchConfigFromEnv();
  if (!config) {
    console.log("MEILISEARCH_URL is not set: the PostgreSQL search engine reads the database directly and needs no reindex.");
    console.log("Rebuilding the PostgreSQL search vectors and summaries instead…");
    const count = await refreshAllSearchDocuments(db);
    await refreshAllSearchSummaries(db);
    await sql`analyze posting_search`.execute(db);
    console.log(`Rebuilt the search vectors and summaries of ${count} postings in ${seconds(Date.now() - started)}.`);
    return 0;
  }
  const indexName = config.indexName ?? DEFAULT_INDEX_NAME;
  console.log(`Reindexing Meilisearch at ${new URL(config.url).origin}, index "${indexName}"…`);
  const client = createMeilisearchClient({ ...config, timeoutMs: 60_000 });
  const result = await reindexAll(db, client, {
    indexName,
    onProgress: ({ done, total }) => console.log(`${done}/${total} documents (${seconds(Date.now() - started)})`),
  });
  // Documents hold the next shift as of now: the daily refresh keeps them current from here on.
  await enqueueDailyRefresh(db, { enabled: true });
  console.log(
    `Reindexed ${result.pushed} postings` +
      (result.deleted ? `, removed ${result.deleted} stale documents` : "") +
      ` in ${seconds(Date.now() - started)}.`,
  );
  return 0;
});
