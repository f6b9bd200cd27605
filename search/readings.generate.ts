/**
 * `npm run search:readings`: writes ./readings.data.ts, the readings of the shipped synonym list's kanji words
 * from kuromoji's IPADIC dictionary, so that processes using the shipped list never load the dictionary.
 * Run it after editing DEFAULT_SYNONYMS; search/readings.test.ts fails while the table is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { shippedReadingsSource } from "./readings.table";

writeFileSync(fileURLToPath(new URL("./readings.data.ts", import.meta.url)), await shippedReadingsSource());
console.log("search/readings.data.ts written");
