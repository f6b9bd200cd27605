import type { Meilisearch } from "meilisearch";
import type { DB, Executor } from "#db/client.server";
import { enqueueJob, PermanentJobError, type JobHandler } from "#db/jobs.server";
import {
  configureIndex,
  createMeilisearchClient,
  DEFAULT_INDEX_NAME,
  listIndexablePostingIds,
  loadPostingDocuments,
  loadSynonymGroups,
  meilisearchConfigFromEnv,
  SearchIndexError,
  toSearchIndexError,
  tokyoDate,
  waitForTasks,
  type MeilisearchConfig,
} from "./meilisearch.server";

/**
 * Keeps the Meilisearch index in step with PostgreSQL through the outbox. A write enqueues a "search" job with
 * the ids of the postings it touched, in its own transaction; the worker re-reads those rows, upserts the ones
 * that belong in the index and deletes the others. Re-running a job gives the same index, so a retry after a
 * failure (or a worker dying mid-job) is harmless. With the PostgreSQL engine (no MEILISEARCH_URL) no job is
 * created at all: its search vectors are written in the same transaction as the posting.
 *
 * Documents hold the next shift as of indexing, so a daily refresh re-syncs every indexed posting: postings
 * whose last shift has passed leave the index and the others get their new next shift.
 */

export const SEARCH_QUEUE = "search";
const BATCH = 1000;

export type SearchJobPayload = { ids: number[] } | { refresh: string };

function enabled(flag: boolean | undefined): boolean {
  return flag ?? meilisearchConfigFromEnv() !== null;
}

/** Queues a sync of these postings in the caller's transaction; nothing when Meilisearch is not configured. */
export async function enqueueSearchSync(trx: Executor, postingIds: number[], options: { enabled?: boolean } = {}): Promise<void> {
  if (!enabled(options.enabled)) return;
  const ids = [...new Set(postingIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (ids.length === 0) return;
  await enqueueJob(trx, SEARCH_QUEUE, { ids } satisfies SearchJobPayload);
}

const refreshKey = (date: string) => `search:refresh:${date}`;

/**
 * Queues today's refresh (Tokyo date), due now; once per date however often it is called. Each refresh then
 * queues the next day's, just after midnight in Tokyo.
 */
export async function enqueueDailyRefresh(db: Executor, options: { now?: Date; enabled?: boolean } = {}): Promise<void> {
  if (!enabled(options.enabled)) return;
  const now = options.now ?? new Date();
  const date = tokyoDate(now);
  await enqueueJob(db, SEARCH_QUEUE, { refresh: date } satisfies SearchJobPayload, { dedupeKey: refreshKey(date), runAt: now });
}

async function enqueueNextRefresh(db: Executor, after: string): Promise<void> {
  const next = new Date(Date.parse(`${after}T00:05:00+09:00`) + 86400_000);
  const date = tokyoDate(next);
  await enqueueJob(db, SEARCH_QUEUE, { refresh: date } satisfies SearchJobPayload, { dedupeKey: refreshKey(date), runAt: next });
}

export interface SyncSummary {
  upserted: number[];
  deleted: number[];
}

/**
 * Upserts the documents of the postings that belong in the index and deletes the rest of `ids`, waiting for
 * Meilisearch to finish. Errors come out as SearchIndexError (retryable or not).
 */
export async function syncPostings(
  db: Executor,
  client: Meilisearch,
  ids: number[],
  options: { indexName?: string; now?: Date; waitTimeoutMs?: number } = {},
): Promise<SyncSummary> {
  const index = client.index(options.indexName ?? DEFAULT_INDEX_NAME);
  const now = options.now ?? new Date();
  const summary: SyncSummary = { upserted: [], deleted: [] };
  const unique = [...new Set(ids)];
  try {
    // Every batch is sent before any is waited for: Meilisearch processes them in order, and batches
    // consecutive ones together.
    const tasks = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      const chunk = unique.slice(i, i + BATCH);
      const documents = await loadPostingDocuments(db, chunk, now);
      const kept = new Set(documents.map((d) => d.id));
      const removed = chunk.filter((id) => !kept.has(id));
      // Replace, not merge: a field that became empty (no coordinates any more) must not linger.
      if (documents.length) tasks.push(await index.addDocuments(documents));
      if (removed.length) tasks.push(await index.deleteDocuments(removed));
      summary.upserted.push(...kept);
      summary.deleted.push(...removed);
    }
    // Deleting from an index that does not exist yet leaves nothing to delete.
    await waitForTasks(client, tasks, { timeout: options.waitTimeoutMs ?? 60_000, ignore: ["index_not_found"] });
  } catch (error) {
    throw toSearchIndexError(error);
  }
  return summary;
}

/** Ids of every document in the index (an index that does not exist has none). */
export async function listIndexedIds(client: Meilisearch, indexName: string = DEFAULT_INDEX_NAME): Promise<number[]> {
  const index = client.index(indexName);
  const ids: number[] = [];
  try {
    for (let offset = 0; ; offset += BATCH) {
      const page = await index.getDocuments<{ id: number }>({ fields: ["id"], limit: BATCH, offset });
      ids.push(...page.results.map((d) => Number(d.id)));
      if (page.results.length < BATCH) break;
    }
  } catch (error) {
    const converted = toSearchIndexError(error);
    if (converted instanceof SearchIndexError && converted.code === "index_not_found") return [];
    throw converted;
  }
  return ids;
}

/** Re-syncs every posting that is in the index or belongs there. */
export async function refreshIndex(db: Executor, client: Meilisearch, options: { indexName?: string; now?: Date } = {}): Promise<SyncSummary> {
  const now = options.now ?? new Date();
  const [indexable, indexed] = await Promise.all([listIndexablePostingIds(db, now), listIndexedIds(client, options.indexName)]);
  return syncPostings(db, client, [...new Set([...indexable, ...indexed])].sort((a, b) => a - b), { ...options, now });
}

function parsePayload(payload: unknown): SearchJobPayload {
  if (payload && typeof payload === "object") {
    const p = payload as Record<string, unknown>;
    if (Array.isArray(p.ids) && p.ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return { ids: p.ids as number[] };
    if (typeof p.refresh === "string" && /^\d{4}-\d{2}-\d{2}$/.test(p.refresh)) return { refresh: p.refresh };
  }
  throw new PermanentJobError("malformed search job");
}

/**
 * The outbox handler of the "search" queue. Without configuration (the PostgreSQL engine) it has nothing to
 * do, so jobs left from a time Meilisearch was configured are simply finished.
 */
export function searchJobHandler(
  db: DB,
  config: MeilisearchConfig | null = meilisearchConfigFromEnv(),
  options: { now?: () => Date; client?: Meilisearch } = {},
): JobHandler {
  const client = config ? (options.client ?? createMeilisearchClient({ timeoutMs: 30_000, ...config })) : null;
  return async (payload: unknown) => {
    const job = parsePayload(payload);
    if (!client || !config) return;
    const now = options.now?.() ?? new Date();
    const indexName = config.indexName ?? DEFAULT_INDEX_NAME;
    if ("refresh" in job) {
      await refreshIndex(db, client, { indexName, now });
      await enqueueNextRefresh(db, job.refresh);
      return;
    }
    await syncPostings(db, client, job.ids, { indexName, now });
    // Restarts the chain of daily refreshes if it ever broke (a no-op once today's exists).
    await enqueueDailyRefresh(db, { now, enabled: true });
  };
}

export interface ReindexProgress {
  done: number;
  total: number;
}

/**
 * Configures the index and pushes every document from PostgreSQL in batches of 1,000, waiting for each;
 * documents of postings that no longer belong are then deleted. Returns how many were pushed and deleted.
 */
export async function reindexAll(
  db: DB,
  client: Meilisearch,
  options: { indexName?: string; now?: Date; batchSize?: number; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<{ pushed: number; deleted: number }> {
  const indexName = options.indexName ?? DEFAULT_INDEX_NAME;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? BATCH;
  await configureIndex(client, { indexName, synonymGroups: await loadSynonymGroups(db) });
  const ids = await listIndexablePostingIds(db, now);
  const index = client.index(indexName);
  const pushed = new Set<number>();
  let done = 0;
  if (ids.length === 0) options.onProgress?.({ done, total: 0 });
  for (let i = 0; i < ids.length; i += batchSize) {
    const documents = await loadPostingDocuments(db, ids.slice(i, i + batchSize), now);
    for (const d of documents) pushed.add(d.id);
    try {
      if (documents.length) await waitForTasks(client, [await index.addDocuments(documents)], { timeout: 300_000, interval: 200 });
    } catch (error) {
      throw toSearchIndexError(error);
    }
    done += Math.min(batchSize, ids.length - i);
    options.onProgress?.({ done, total: ids.length });
  }
  const stale = (await listIndexedIds(client, indexName)).filter((id) => !pushed.has(id));
  for (let i = 0; i < stale.length; i += BATCH) {
    try {
      await waitForTasks(client, [await index.deleteDocuments(stale.slice(i, i + BATCH))], { timeout: 300_000, interval: 200 });
    } catch (error) {
      throw toSearchIndexError(error);
    }
  }
  return { pushed: pushed.size, deleted: stale.length };
}
