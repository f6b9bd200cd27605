import type { DB } from "#db/client.server";
import { buildSynonymIndex, DEFAULT_SYNONYMS } from "./synonyms";

export interface SearchDictionary {
  synonyms: Map<string, string[]>;
  vocabulary: string[];
}

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; value: Promise<SearchDictionary> }>();

/**
 * Synonyms (staff-edited groups, or the shipped defaults while none are stored) and the vocabulary of indexed
 * Latin words used for typo tolerance. Cached per database for a minute.
 */
export function loadSearchDictionary(db: DB): Promise<SearchDictionary> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const [groups, words] = await Promise.all([
      db.selectFrom("search_synonyms").select("words").execute(),
      db.selectFrom("search_vocabulary").select("word").execute(),
    ]);
    return {
      synonyms: buildSynonymIndex(groups.length ? groups.map((g) => g.words) : DEFAULT_SYNONYMS),
      vocabulary: words.map((w) => w.word),
    };
  })();
  value.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetSearchDictionary(db: DB): void {
  cache.delete(db);
}
