import { describe, expect, it } from "vitest";
import { distanceKm, firstInOrder, isWeekendInTokyo, kthSmallest, MatchIndex, type IndexedPosting, type MatchQuery } from "./match-index";

/** The in-process search index on its own: matching, the schedule at the time of the query, facets and order. */
const HOUR = 3600_000;
const at = (date: string, hh: number) => new Date(`${date}T${String(hh).padStart(2, "0")}:00:00+09:00`).getTime();
// Tokyo dates: 2030-06-01 is a Saturday, 2030-06-03 a Monday.
const SATURDAY = at("2030-06-01", 9);
const MONDAY = at("2030-06-03", 9);
const NOW = at("2030-05-20", 9);

const posting = (id: number, extra: Partial<IndexedPosting> = {}): IndexedPosting => ({
  id,
  categoryId: 1,
  districtId: 1,
  organisationKind: "park_care_association",
  welcomesMinors: false,
  latitude: 33.86,
  longitude: 130.81,
  publishedAt: NOW - id * HOUR,
  shifts: [{ startsAt: SATURDAY, placesLeft: true }],
  lexemes: [],
  ...extra,
});

const query = (extra: Partial<MatchQuery> = {}): MatchQuery => ({
  terms: [],
  categoryIds: null,
  districtIds: null,
  organisationKinds: null,
  minorsWelcome: false,
  lower: NOW,
  upper: null,
  dayType: null,
  placesLeft: false,
  ...extra,
});

const ids = (index: MatchIndex, q: MatchQuery) => {
  const matches = index.match(q);
  return index.order(matches, { by: "soonest" }, matches.count);
};

describe("in-process search index", () => {
  it("matches every term, by any of its words, the last one as a prefix", () => {
    const index = new MatchIndex();
    index.upsert(posting(1, { lexemes: ["公園", "草取り", "volunteers"] }));
    index.upsert(posting(2, { lexemes: ["公園", "清掃"] }));
    index.upsert(posting(3, { lexemes: ["清掃", "volunteer"] }));
    const term = (words: string[], prefix = false) => ({ words, prefix });
    expect(ids(index, query({ terms: [term(["公園"])] }))).toEqual([1, 2]);
    expect(ids(index, query({ terms: [term(["公園"]), term(["清掃"])] }))).toEqual([2]);
    expect(ids(index, query({ terms: [term(["草取り", "清掃"])] }))).toEqual([1, 2, 3]);
    expect(ids(index, query({ terms: [term(["volunteer"])] }))).toEqual([3]);
    expect(ids(index, query({ terms: [term(["volunteer"], true)] }))).toEqual([1, 3]);
    expect(ids(index, query({ terms: [term(["volunteer"], true), term(["公園"])] }))).toEqual([1]);
    expect(ids(index, query({ terms: [term(["volunteerz"], true)] }))).toEqual([]);
    expect(ids(index, query({ terms: [term(["unknown"])] }))).toEqual([]);
    // A word added after a prefix search is found by the next one.
    index.upsert(posting(4, { lexemes: ["volunteering"] }));
    index.upsert(posting(5, { lexemes: ["voluntary", "aaa", "zzz"] }));
    expect(ids(index, query({ terms: [term(["volunteer"], true)] }))).toEqual([1, 3, 4]);
    expect(ids(index, query({ terms: [term(["vol"], true)] }))).toEqual([1, 3, 4, 5]);
  });

  it("counts only the shifts in [lower, upper), computed when asked, with weekends in Tokyo", () => {
    // 08:00 on Saturday in Tokyo is still Friday in UTC.
    expect(isWeekendInTokyo(at("2030-06-01", 8))).toBe(true);
    expect(isWeekendInTokyo(at("2030-06-03", 8))).toBe(false);
    expect(isWeekendInTokyo(at("2030-06-02", 23))).toBe(true);
    const index = new MatchIndex();
    index.upsert(posting(1, { shifts: [{ startsAt: SATURDAY, placesLeft: false }, { startsAt: MONDAY, placesLeft: true }] }));
    index.upsert(posting(2, { shifts: [{ startsAt: SATURDAY, placesLeft: true }] }));
    index.upsert(posting(3, { shifts: [] }));

    expect(ids(index, query())).toEqual([1, 2]);
    expect(ids(index, query({ dayType: "weekday" }))).toEqual([1]);
    expect(ids(index, query({ dayType: "weekend" }))).toEqual([1, 2]);
    expect(ids(index, query({ placesLeft: true }))).toEqual([1, 2]);
    // After Saturday's start only posting 1's Monday counts: a weekday with places.
    const later = query({ lower: SATURDAY + 1 });
    expect(ids(index, later)).toEqual([1]);
    expect(ids(index, { ...later, dayType: "weekend" })).toEqual([]);
    // A range that ends before Monday: posting 1 has Saturday only, which is full.
    expect(ids(index, query({ upper: MONDAY, placesLeft: true }))).toEqual([2]);
    const matches = index.match(query({ upper: MONDAY }));
    expect(Array.from(matches.next.subarray(0, matches.count))).toEqual([SATURDAY, SATURDAY]);
    expect(matches.facets).toMatchObject({ weekday: 0, weekend: 2 });
  });

  it("filters by category, district, kind and minors, and counts the facets over every match", () => {
    const index = new MatchIndex();
    index.upsert(posting(1, { categoryId: 1, districtId: 1, organisationKind: "npo", welcomesMinors: true }));
    index.upsert(posting(2, { categoryId: 2, districtId: null, organisationKind: "npo" }));
    index.upsert(posting(3, { categoryId: 2, districtId: 2, organisationKind: "civic_centre", shifts: [{ startsAt: MONDAY, placesLeft: true }] }));
    const all = index.match(query());
    expect(all.count).toBe(3);
    expect(all.facets.category).toEqual(new Map([[1, 1], [2, 2]]));
    expect(all.facets.district).toEqual(new Map([[1, 1], [2, 1]]));
    expect(all.facets.organisationKind).toEqual(new Map([["npo", 2], ["civic_centre", 1]]));
    expect(all.facets).toMatchObject({ weekday: 1, weekend: 2, minors: 1 });
    expect(ids(index, query({ categoryIds: [2] }))).toEqual([2, 3]);
    expect(ids(index, query({ districtIds: [1, 2] }))).toEqual([1, 3]);
    expect(ids(index, query({ organisationKinds: ["npo"] }))).toEqual([1, 2]);
    expect(ids(index, query({ organisationKinds: ["unknown_kind"] }))).toEqual([]);
    expect(ids(index, query({ minorsWelcome: true }))).toEqual([1]);
  });

  it("replaces what it held of a posting, forgets removed ones, and answers the same after compacting", () => {
    const index = new MatchIndex();
    for (let id = 1; id <= 30; id++) index.upsert(posting(id, { lexemes: [id % 2 ? "odd" : "even", `n${id}`], shifts: [{ startsAt: SATURDAY + id * HOUR, placesLeft: true }] }));
    index.upsert(posting(2, { lexemes: ["odd"], shifts: [{ startsAt: SATURDAY + 2 * HOUR, placesLeft: true }] }));
    for (let id = 21; id <= 30; id++) index.remove(id);
    index.remove(999);
    const term = (word: string, prefix = false) => ({ words: [word], prefix });
    const before = {
      odd: ids(index, query({ terms: [term("odd")] })),
      even: ids(index, query({ terms: [term("even")] })),
      n2: ids(index, query({ terms: [term("n2", true)] })),
    };
    expect(before.odd).toEqual([1, 2, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(before.even).toEqual([4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(before.n2).toEqual([20]);
    expect(index.size).toBe(20);
    index.compact();
    expect(index.size).toBe(20);
    expect(ids(index, query({ terms: [term("odd")] }))).toEqual(before.odd);
    expect(ids(index, query({ terms: [term("even")] }))).toEqual(before.even);
    expect(ids(index, query({ terms: [term("n2", true)] }))).toEqual(before.n2);
    expect(ids(index, query({ terms: [term("n25")] }))).toEqual([]);
  });

  it("orders soonest, newest and nearest with the engine's tie-breaks and unknowns last", () => {
    const index = new MatchIndex();
    index.upsert(posting(5, { shifts: [{ startsAt: MONDAY, placesLeft: true }], publishedAt: null, latitude: null }));
    index.upsert(posting(3, { shifts: [{ startsAt: SATURDAY, placesLeft: true }], publishedAt: NOW - HOUR, latitude: 33.88, longitude: 130.79 }));
    index.upsert(posting(4, { shifts: [{ startsAt: SATURDAY, placesLeft: true }], publishedAt: NOW - HOUR, latitude: 33.86, longitude: 130.81 }));
    index.upsert(posting(1, { shifts: [{ startsAt: MONDAY, placesLeft: true }], publishedAt: NOW, latitude: 33.86, longitude: 130.81 }));
    index.upsert(posting(2, { shifts: [{ startsAt: SATURDAY, placesLeft: true }], publishedAt: null, latitude: null }));
    const matches = index.match(query());
    expect(index.order(matches, { by: "soonest" }, 10)).toEqual([2, 3, 4, 1, 5]);
    // Unknown publication last, the higher id first among them, as "desc nulls last, id desc".
    expect(index.order(matches, { by: "newest" }, 10)).toEqual([1, 4, 3, 5, 2]);
    // 4 and 1 are at the same spot: the sooner first. 2 and 5 have no place: last, the sooner first.
    expect(index.order(matches, { by: "nearest", lat: 33.86, lng: 130.81 }, 10)).toEqual([4, 1, 3, 2, 5]);
    expect(index.order(matches, { by: "soonest" }, 2)).toEqual([2, 3]);
    expect(distanceKm(33.86, 130.81, 33.86, 130.81)).toBe(0);
    // Kitakyushu to Fukuoka, about 55 km as the crow flies.
    expect(distanceKm(33.883, 130.875, 33.59, 130.402)).toBeGreaterThan(50);
    expect(distanceKm(33.883, 130.875, 33.59, 130.402)).toBeLessThan(60);
  });

  it("picks the first k in order as a full sort would, whatever k", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const count of [0, 1, 7, 100, 1000, 5000]) {
      // Few distinct keys (many ties, as postings starting at the same time) and some unknown (Infinity).
      const keys = Float64Array.from({ length: count }, () => (random() < 0.1 ? Infinity : Math.floor(random() * 50)));
      const compare = (a: number, b: number) => keys[a] - keys[b] || b - a;
      const sorted = Array.from(keys, (_, i) => i).sort((a, b) => compare(a, b) || 0);
      for (const k of [0, 1, 3, 20, 250, 2000, 6000]) expect(firstInOrder(count, keys, compare, k)).toEqual(sorted.slice(0, k));
      for (const k of [0, Math.floor(count / 2), count - 1].filter((k) => k >= 0 && k < count)) {
        expect(kthSmallest(keys.slice(), k)).toBe(Array.from(keys).sort((a, b) => a - b)[k]);
      }
    }
  });
});
