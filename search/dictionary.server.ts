import type { DB } from "#db/client.server";
import { searchSynonymIndex } from "./synonym-groups.server";

export interface SearchDictionary {
  synonyms: Map<string, string[]>;
  /** A set: queries look words up in it (a word it holds is not corrected) as well as scan it for typos. */
  vocabulary: ReadonlySet<string>;
}

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; value: Promise<SearchDictionary> }>();

/**
 * Synonyms (staff-edited groups, or the shipped defaults while none are stored, with readings) and the vocabulary of indexed
 * Latin words used for typo tolerance. Cached per database for a minute.
 */
export function loadSearchDictionary(db: DB): Promise<SearchDictionary> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const [synonyms, words] = await Promise.all([searchSynonymIndex(db), db.selectFrom("search_vocabulary").select("word").execute()]);
    return {
      synonyms,
      vocabulary: new Set(words.map((w) => w.word)),
    };
  })();
  value.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetSearchDictionary(db: DB): void {
  cache.delete(db);
}
