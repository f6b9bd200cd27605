import type { Executor } from "#db/client.server";
import { addReadings } from "./readings.server";
import { buildSynonymIndex, DEFAULT_SYNONYMS } from "./synonyms";
import type { SynonymIndex } from "./text";

/** The synonym groups staff keep, or the shipped defaults while none are stored: as staff edit them. */
export async function loadSynonymGroups(db: Executor): Promise<{ groups: string[][]; isDefault: boolean }> {
  const rows = await db.selectFrom("search_synonyms").select("words").orderBy("id").execute();
  return rows.length ? { groups: rows.map((r) => r.words), isDefault: false } : { groups: DEFAULT_SYNONYMS, isDefault: true };
}

/**
 * The groups both engines search with: staff's or the defaults, each with the readings of its kanji words. The
 * one place that decides it, for the index, the queries and Meilisearch's settings alike.
 */
export async function searchSynonymGroups(db: Executor, groups?: string[][]): Promise<string[][]> {
  return addReadings(groups ?? (await loadSynonymGroups(db)).groups);
}

/** `searchSynonymGroups` as the tokeniser wants them. */
export async function searchSynonymIndex(db: Executor, groups?: string[][]): Promise<SynonymIndex> {
  return buildSynonymIndex(await searchSynonymGroups(db, groups));
}
