import { createRequire } from "node:module";
import path from "node:path";
import type { Tokenizer, IpadicFeatures } from "kuromoji";
import { SHIPPED_READINGS } from "./readings.data";
import { needsReading, withReadings } from "./readings";

/**
 * Readings of words from the IPADIC dictionary through kuromoji. The shipped synonym list's readings are read
 * from ./readings.data.ts (made by `npm run search:readings`), so a process that uses the shipped list never
 * loads the dictionary; words staff add are read with kuromoji the first time they are seen. Loading the
 * dictionary takes about 1.3 s and ~80 MB of JavaScript heap (more resident memory while it unpacks); the
 * tokenizer is released once the words are read, and the readings are kept.
 */
const learnt = new Map<string, string | null>();

let building: Promise<Tokenizer<IpadicFeatures>> | null = null;

async function tokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  const { default: kuromoji } = await import("kuromoji");
  const dicPath = path.join(path.dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");
  return new Promise((resolve, reject) => kuromoji.builder({ dicPath }).build((error, t) => (error ? reject(error) : resolve(t))));
}

/** The reading of a word: its morphemes' readings joined, as katakana; undefined where one has none. */
export function readingWith(t: Tokenizer<IpadicFeatures>, word: string): string | undefined {
  let reading = "";
  for (const m of t.tokenize(word)) {
    if (m.reading === undefined || m.reading === "*") return undefined;
    reading += m.reading;
  }
  return reading;
}

/** Loads kuromoji's dictionary (for the script that writes ./readings.data.ts and its test). */
export function loadTokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  return tokenizer();
}

/** The readings of these words that need one: from the shipped table, else from the dictionary. */
async function readingsOf(words: string[]): Promise<(word: string) => string | undefined> {
  const unknown = [...new Set(words.filter((w) => needsReading(w) && !(w in SHIPPED_READINGS) && !learnt.has(w)))];
  if (unknown.length) {
    building ??= tokenizer();
    try {
      const t = await building;
      for (const w of unknown) learnt.set(w, readingWith(t, w) ?? null);
    } finally {
      building = null;
    }
  }
  return (w) => SHIPPED_READINGS[w] ?? learnt.get(w) ?? undefined;
}

/** The synonym groups with the readings of their kanji words added (./readings.ts). */
export async function addReadings(groups: string[][]): Promise<string[][]> {
  return withReadings(groups, await readingsOf(groups.flat()));
}
