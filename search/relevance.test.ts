import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { searchTestSetups } from "../tests/support/databases";
import { refreshSearchDocuments } from "./document.server";
import { createPostgresSearchEngine, RANKED_CANDIDATES } from "./postgres.server";
import type { SearchEngine, SearchQuery } from "./types";

/**
 * Relevance on the PostgreSQL engine (docs/decisions/007-search-summary.md): among the RANKED_CANDIDATES soonest
 * matches the best text match comes first; the other matches follow, soonest first; pages across that boundary
 * neither repeat nor lose a posting.
 */
const HOUR = 3600_000;
const NOW = new Date("2030-05-20T00:00:00Z");
const WORD = "zqxrank";
const LONG = `${WORD} 桃園公園の花壇で草取りと植え替えをします。道具と軍手はこちらで用意します。初めての方も、ご家族での参加も歓迎です。終わったあとはお茶をどうぞ。`;
const q = (page: number, pageSize = 50): SearchQuery => ({ text: WORD, filters: {}, sort: "relevance", page, pageSize });

describe.each(searchTestSetups())("relevance on the PostgreSQL engine ($index) on $name", ({ open, index }) => {
  let db: DB;
  let close: () => Promise<void>;
  let engine: SearchEngine;
  /** Every matching posting, soonest first. */
  const bySoonest: number[] = [];
  let strongSoon = 0;
  let strongLate = 0;

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    const org = await createOrganisation(db);
    const total = RANKED_CANDIDATES + 10;
    for (let i = 0; i < total; i++) {
      const startsAt = new Date(NOW.getTime() + (24 + i) * HOUR);
      const p = await createPosting(db, org.id, { shifts: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) }] });
      bySoonest.push(p.id);
    }
    // Two short texts that are all the word: the best matches. One is among the soonest candidates, one after them.
    strongSoon = bySoonest[150];
    strongLate = bySoonest[RANKED_CANDIDATES + 5];
    for (const id of bySoonest) {
      const strong = id === strongSoon || id === strongLate;
      await db
        .updateTable("postings")
        .set({ title: strong ? `${WORD}` : `花壇の手入れ ${id}`, description: strong ? WORD : LONG })
        .where("id", "=", id)
        .execute();
    }
    await refreshSearchDocuments(db, bySoonest);
    engine = createPostgresSearchEngine(db, { index });
  });
  afterAll(async () => close());

  it("puts the best text match among the soonest candidates first, then the rest of them by text, then later ones soonest first", async () => {
    const pages: number[] = [];
    for (let page = 1; page <= 5; page++) {
      const result = await engine.search(q(page), NOW);
      expect(result.total).toBe(bySoonest.length);
      pages.push(...result.hits.map((h) => h.id));
    }
    // Every match once, across the boundary of the ranked candidates.
    expect(pages).toHaveLength(bySoonest.length);
    expect(new Set(pages).size).toBe(bySoonest.length);
    expect(pages[0]).toBe(strongSoon);
    // The candidates are the soonest ones, whatever their order among themselves.
    expect(new Set(pages.slice(0, RANKED_CANDIDATES))).toEqual(new Set(bySoonest.slice(0, RANKED_CANDIDATES)));
    // Equal texts keep the soonest first: the weak candidates are in date order after the strong one.
    expect(pages.slice(1, RANKED_CANDIDATES)).toEqual(bySoonest.slice(0, RANKED_CANDIDATES).filter((id) => id !== strongSoon));
    // After the candidates, date order, even for a strong match.
    expect(pages.slice(RANKED_CANDIDATES)).toEqual(bySoonest.slice(RANKED_CANDIDATES));
    expect(pages.indexOf(strongLate)).toBe(RANKED_CANDIDATES + 5);
  });

  it("gives the same order whatever the page size", async () => {
    const big = (await engine.search(q(1, 100), NOW)).hits.map((h) => h.id);
    const odd: number[] = [];
    for (let page = 1; odd.length < 100; page++) odd.push(...(await engine.search(q(page, 30), NOW)).hits.map((h) => h.id));
    expect(odd.slice(0, 100)).toEqual(big);
    const across = (await engine.search(q(7, 30), NOW)).hits.map((h) => h.id); // items 181–210: over the boundary
    expect(across).toEqual([...bySoonest.slice(0, RANKED_CANDIDATES).filter((id) => id !== strongSoon).slice(179), ...bySoonest.slice(RANKED_CANDIDATES)].slice(0, 30));
  });
});
