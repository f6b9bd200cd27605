import type { DB } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { forgetSearchDictionary } from "./dictionary.server";
import { refreshAllSearchDocuments } from "./document.server";
import { DEFAULT_SYNONYMS } from "./synonyms";
import { loadSynonymGroups, searchSynonymIndex } from "./synonym-groups.server";

export { loadSynonymGroups };

export const MAX_GROUPS = 500;
export const MAX_WORD_LENGTH = 40;

/** The groups as staff edit them: one group a line, words separated by "/", "／", "、" or ",". */
export function parseSynonymText(text: string): { groups: string[][]; errors: string[] } {
  const errors: string[] = [];
  const groups: string[][] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, i) => {
    const words = [...new Set(line.split(/[/／、,，]/).map((w) => w.trim()).filter(Boolean))];
    if (words.length === 0) return;
    if (words.length < 2) errors.push(`synonyms.oneWord?line=${i + 1}`);
    else if (words.some((w) => w.length > MAX_WORD_LENGTH || /[<>]/.test(w))) errors.push(`synonyms.badWord?line=${i + 1}&max=${MAX_WORD_LENGTH}`);
    else groups.push(words);
  });
  if (groups.length > MAX_GROUPS) errors.push(`v.tooMany?max=${MAX_GROUPS}`);
  return { groups, errors };
}

export function formatSynonymGroups(groups: string[][]): string {
  return groups.map((g) => g.join(" / ")).join("\n");
}

/**
 * Replaces the synonym list and re-indexes every posting with it, in one transaction, so the index and the
 * queries always use the same list. (At the ward's scale — thousands of postings — this takes seconds.)
 */
export async function saveSynonymGroups(db: DB, staffUserId: number, groups: string[][], ip: string): Promise<number> {
  // Readings of new words may need the dictionary loaded (a second or so): not while holding a transaction.
  const synonyms = await searchSynonymIndex(db, groups.length ? groups : DEFAULT_SYNONYMS);
  const count = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("search_synonyms").execute();
    if (groups.length) await trx.insertInto("search_synonyms").values(groups.map((words) => ({ words }))).execute();
    const reindexed = await refreshAllSearchDocuments(trx, synonyms);
    // Meilisearch, where configured, gets the new list on the next reindex (npm run search:reindex).
    await audit(trx, { actorUserId: staffUserId, action: "search.synonyms_saved", subjectType: "search", ip, details: { groups: groups.length, reindexed } });
    return reindexed;
  });
  forgetSearchDictionary(db);
  return count;
}
