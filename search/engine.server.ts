import type { DB } from "#db/client.server";
import { createMeilisearchEngine, meilisearchConfigFromEnv } from "./meilisearch.server";
import { createPostgresSearchEngine } from "./postgres.server";
import type { SearchEngine, SearchQuery, SearchResult } from "./types";

/**
 * Runs a search on the configured engine. The PostgreSQL engine is the default and the fallback: when another
 * engine is configured and fails, PostgreSQL answers and the result says so (the page shows a quiet notice).
 */
export async function searchPostings(db: DB, query: SearchQuery, options: { engine?: SearchEngine | null; now?: Date } = {}): Promise<SearchResult> {
  const postgres = createPostgresSearchEngine(db);
  const engine = options.engine ?? null;
  if (!engine) return postgres.search(query, options.now);
  try {
    return await engine.search(query, options.now);
  } catch (error) {
    console.error(`search: ${engine.name} failed, answering from PostgreSQL:`, error instanceof Error ? error.message : error);
    return { ...(await postgres.search(query, options.now)), fallback: true };
  }
}

/** Meilisearch when MEILISEARCH_URL is set; otherwise null (PostgreSQL answers). */
export function configuredSearchEngine(db: DB): SearchEngine | null {
  const config = meilisearchConfigFromEnv();
  return config ? createMeilisearchEngine({ ...config, db }) : null;
}
