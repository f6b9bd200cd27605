import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { synonymMap } from "./meilisearch.server";
import { SHIPPED_READINGS } from "./readings.data";
import { shippedReadingsSource } from "./readings.table";
import { withReadings } from "./readings";
import { buildSynonymIndex, DEFAULT_SYNONYMS } from "./synonyms";
import { queryTerms, tokens } from "./text";

const shipped = (w: string) => SHIPPED_READINGS[w];
const finds = (doc: string, query: string, groups: string[][]) => {
  const synonyms = buildSynonymIndex(groups);
  const t = new Set(tokens(doc, { synonyms }));
  return queryTerms(query, { synonyms }).every((term) => term.alternatives.some((a) => (term.prefix ? [...t].some((x) => x.startsWith(a)) : t.has(a))));
};

describe("readings of the synonym list", () => {
  it("adds each kanji word's reading to its group, in hiragana", () => {
    const [group] = withReadings([["防災", "disaster"]], shipped);
    expect(group).toEqual(["防災", "disaster", "ぼうさい"]);
  });

  it("leaves out readings shorter than three kana and ones the group holds", () => {
    expect(withReadings([["花", "flower"]], () => "ハナ")).toEqual([["花", "flower"]]);
    expect(withReadings([["子ども", "こども"]], () => "コドモ")).toEqual([["子ども", "こども"]]);
  });

  it("lets a word typed in hiragana find the kanji word", () => {
    const groups = withReadings(DEFAULT_SYNONYMS, shipped);
    expect(finds("防災訓練の受付", "ぼうさい", groups)).toBe(true);
    expect(finds("公園の清掃活動", "せいそう", groups)).toBe(true);
    expect(finds("河川敷のごみ拾い", "ごみひろい", groups)).toBe(true);
    expect(finds("河川敷のごみひろい", "清掃", groups)).toBe(true);
    expect(finds("防災訓練の受付", "ぼうさい", DEFAULT_SYNONYMS)).toBe(false);
  });

  it("reach Meilisearch in its synonym settings, as the PostgreSQL engine expands them", () => {
    const map = synonymMap(withReadings(DEFAULT_SYNONYMS, shipped));
    expect(map["ぼうさい"]).toContain("防災");
    expect(map["せいそう"]).toContain("清掃");
  });

  it("ships the readings kuromoji's dictionary gives (npm run search:readings writes them)", async () => {
    const written = readFileSync(fileURLToPath(new URL("./readings.data.ts", import.meta.url)), "utf8");
    expect(written).toBe(await shippedReadingsSource());
  }, 30_000);
});

describe("the search modules' imports", () => {
  it("form no circle", () => {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const imports = new Map(
      files.map((f) => {
        const source = readFileSync(`${dir}/${f}`, "utf8");
        const local = [...source.matchAll(/^(?:import|export)[^;]*?from "\.\/([\w.-]+)"/gm)].map((m) => `${m[1]}.ts`);
        return [f, local.filter((l) => files.includes(l))];
      }),
    );
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (path.includes(f)) {
        cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
        return;
      }
      for (const next of imports.get(f) ?? []) visit(next, [...path, f]);
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
