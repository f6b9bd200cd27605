/**
 * Hiragana readings of the synonym list's kanji words, added to their groups so that a word typed in kana on a
 * phone finds the kanji word (ぼうさい → 防災, せいそう → 清掃, ごみひろい → ごみ拾い) in both engines: the
 * PostgreSQL engine indexes and expands the readings like any other synonym, and Meilisearch receives them in
 * its synonym settings. The readings come from the IPADIC dictionary (kuromoji), see ./readings.server.ts and
 * docs/decisions/019-search-evaluation-and-readings.md. Pure.
 */
import { normalise } from "./normalise";

/**
 * Readings shorter than this are not added: two-kana readings (はな for 花, さい) are bigrams of everyday prose
 * (はなします), so they would find postings that never meant the word.
 */
export const MIN_READING_LENGTH = 3;

const HAN = /\p{Script=Han}/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

/** Whether a word of the synonym list gets a reading: it is written with at least one kanji. */
export function needsReading(word: string): boolean {
  return HAN.test(word);
}

/** The groups, each followed by the readings of its kanji words that it does not already hold. */
export function withReadings(groups: string[][], readingOf: (word: string) => string | undefined): string[][] {
  return groups.map((group) => {
    const held = new Set(group.map(normalise));
    const readings: string[] = [];
    for (const word of group) {
      if (!needsReading(word)) continue;
      const reading = readingOf(word);
      if (reading === undefined) continue;
      const r = normalise(reading);
      if (Array.from(r).length < MIN_READING_LENGTH || !HIRAGANA_ONLY.test(r) || held.has(r)) continue;
      held.add(r);
      readings.push(r);
    }
    return readings.length ? [...group, ...readings] : group;
  });
}
