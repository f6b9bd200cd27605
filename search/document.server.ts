import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { postingsWithNames } from "./posting-rows.server";
import { enqueueSearchSync } from "./sync.server";
import { searchSynonymIndex } from "./synonym-groups.server";
import { tokens, type SynonymIndex } from "./text";

/**
 * Keeps each posting's search vector (posting_search.search_vector) in step with the posting, in the caller's
 * transaction: the PostgreSQL engine needs no worker. Lexemes are the application's own tokens (segmented words
 * and CJK bigrams), put in with array_to_tsvector so PostgreSQL's parser never splits them differently from the
 * query side. The groups: A title; B tags; C description and what to bring; D organisation,
 * place, district (array_to_tsvector keeps no positions, so setweight does not change the rank).
 *
 * The rest of posting_search (status, category, district, schedule ...) is kept by triggers on postings, shifts
 * and organisations (db/migrations/0004_search_summary.ts), whichever code writes them.
 */
export interface PostingText {
  id: number;
  title: string;
  tags: string[];
  description: string;
  what_to_bring: string;
  organisation_name: string;
  place_name: string;
  category_ja: string;
  category_en: string;
  district_ja: string | null;
  district_en: string | null;
}

export function weightedTokens(p: PostingText, synonyms?: SynonymIndex) {
  const options = { synonyms };
  return {
    a: tokens(p.title, options),
    // Not the category's name: a posting does not choose those words, and matching them made 宿題 find every
    // posting of 子ども・学習支援 (docs/decisions/019-search-evaluation-and-readings.md). Categories are filters.
    b: tokens(p.tags.join(" "), options),
    c: tokens(`${p.description}\n${p.what_to_bring}`, options),
    d: tokens([p.organisation_name, p.place_name, p.district_ja ?? "", p.district_en ?? ""].join(" "), options),
  };
}

/** The synonym groups staff keep (the shipped defaults while none are stored) with readings, for the tokeniser. */
export function currentSynonyms(db: Executor): Promise<SynonymIndex> {
  return searchSynonymIndex(db);
}

const LATIN_WORD = /^[a-z][a-z0-9-]{3,39}$/;

function selectPostingText(db: Executor) {
  return postingsWithNames(db).select([
      "p.id",
      "p.title",
      "p.tags",
      "p.description",
      "p.what_to_bring",
      "p.place_name",
      "o.name as organisation_name",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
    ]);
}

const BATCH = 500;

export async function refreshSearchDocuments(db: Executor, postingIds: number[], synonymIndex?: SynonymIndex): Promise<void> {
  if (postingIds.length === 0) return;
  const synonyms = synonymIndex ?? (await currentSynonyms(db));
  for (let i = 0; i < postingIds.length; i += BATCH) {
    const ids = postingIds.slice(i, i + BATCH);
    const rows = await selectPostingText(db).where("p.id", "in", ids).execute();
    if (rows.length === 0) continue;
    const vocabulary = new Set<string>();
    const values = rows.map((row) => {
      const w = weightedTokens(row, synonyms);
      for (const t of [...w.a, ...w.b, ...w.c, ...w.d]) if (LATIN_WORD.test(t)) vocabulary.add(t);
      return sql`(${row.id}::int, ${w.a}::text[], ${w.b}::text[], ${w.c}::text[], ${w.d}::text[])`;
    });
    await sql`
      update posting_search set search_vector =
        setweight(array_to_tsvector(v.a), 'A') || setweight(array_to_tsvector(v.b), 'B') ||
        setweight(array_to_tsvector(v.c), 'C') || setweight(array_to_tsvector(v.d), 'D')
      from (values ${sql.join(values)}) as v(id, a, b, c, d)
      where posting_search.posting_id = v.id`.execute(db);
    if (vocabulary.size) {
      await sql`
        insert into search_vocabulary (word, postings)
        select w, 1 from unnest(${[...vocabulary]}::text[]) as w
        on conflict (word) do update set postings = search_vocabulary.postings + 1`.execute(db);
    }
  }
}

export async function refreshOrganisationSearchDocuments(db: Executor, organisationId: number): Promise<void> {
  const rows = await db.selectFrom("postings").select("id").where("organisation_id", "=", organisationId).execute();
  await refreshSearchDocuments(
    db,
    rows.map((r) => r.id),
  );
}

/** Every posting, in batches (after a migration, a seed or an import). */
export async function refreshAllSearchDocuments(db: Executor, synonyms?: SynonymIndex): Promise<number> {
  const rows = await db.selectFrom("postings").select("id").orderBy("id").execute();
  await refreshSearchDocuments(
    db,
    rows.map((r) => r.id),
    synonyms,
  );
  return rows.length;
}

/**
 * Recomputes the schedule part of these postings' search summaries (next and last shift, weekday/weekend, places
 * left) in one statement, and queues their Meilisearch sync when Meilisearch is configured. Call it in the
 * transaction that changes shifts.confirmed_count. The triggers on shifts already do the same for the
 * PostgreSQL engine, so calling it twice is harmless.
 */
export async function refreshScheduleSummaries(db: Executor, postingIds: number[]): Promise<void> {
  const ids = [...new Set(postingIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (ids.length === 0) return;
  await sql`select posting_search_refresh_schedule(${ids}::int[])`.execute(db);
  await enqueueSearchSync(db, ids);
}

/**
 * Periodic maintenance: recomputes the schedules whose next shift has started since they were computed. Search
 * stays exact without it (it reads the shifts of such rows), only slower as they accumulate. Returns how many
 * summaries were refreshed.
 */
export async function refreshStaleSearchSummaries(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with stale as (select array_agg(posting_id) as ids from posting_search where next_starts_at < now())
    select coalesce(cardinality(ids), 0)::int as n, posting_search_refresh_schedule(coalesce(ids, '{}')) from stale`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Recomputes every posting's search summary from its rows (after a restore, or to check the triggers' work). */
export async function refreshAllSearchSummaries(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with ids as (select array_agg(id) as ids from postings)
    select coalesce(cardinality(ids), 0)::int as n, posting_search_refresh(coalesce(ids, '{}')) from ids`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
