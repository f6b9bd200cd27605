import { loadTokenizer, readingWith } from "./readings.server";
import { needsReading } from "./readings";
import { DEFAULT_SYNONYMS } from "./synonyms";

/** The source of ./readings.data.ts for the shipped synonym list, read with kuromoji. */
export async function shippedReadingsSource(): Promise<string> {
  const t = await loadTokenizer();
  const words = [...new Set(DEFAULT_SYNONYMS.flat().filter(needsReading))].sort();
  const lines = words.map((w) => {
    const r = readingWith(t, w);
    return r === undefined ? null : `  ${JSON.stringify(w)}: ${JSON.stringify(r)},`;
  });
  return [
    "// Made by `npm run search:readings` from kuromoji's IPADIC dictionary: the readings (katakana) of the shipped",
    "// synonym list's kanji words. Do not edit by hand.",
    "export const SHIPPED_READINGS: Readonly<Record<string, string>> = {",
    ...lines.filter((l): l is string => l !== null),
    "};",
    "",
  ].join("\n");
}
