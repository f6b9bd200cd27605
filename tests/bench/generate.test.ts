import { describe, expect, it } from "vitest";
import { CATEGORIES, DISTRICTS } from "~/server/seed/data";
import { BOUNDS, CONCEPTS, generateDataset, HARD_QUERIES, labelsFor, searchableText } from "./generate";

const now = new Date("2026-04-01T03:00:00Z");

describe("benchmark data generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateDataset(300, { seed: 7, now });
    const b = generateDataset(300, { seed: 7, now });
    const c = generateDataset(300, { seed: 8, now });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(c.postings.map((p) => p.title)).not.toEqual(a.postings.map((p) => p.title));
  });

  it("gives the requested number of plausible postings", () => {
    const { organisations, postings } = generateDataset(2000, { seed: 1, now });
    expect(postings).toHaveLength(2000);
    const categories = new Set(CATEGORIES.map((c) => c.code));
    const districts = new Set(DISTRICTS.map((d) => d.code));
    for (const p of postings) {
      expect(categories.has(p.categoryCode)).toBe(true);
      if (p.districtCode !== null) expect(districts.has(p.districtCode)).toBe(true);
      expect(p.organisationIndex).toBeGreaterThanOrEqual(0);
      expect(p.organisationIndex).toBeLessThan(organisations.length);
      expect(p.latitude).toBeGreaterThanOrEqual(BOUNDS.minLat);
      expect(p.latitude).toBeLessThanOrEqual(BOUNDS.maxLat);
      expect(p.longitude).toBeGreaterThanOrEqual(BOUNDS.minLng);
      expect(p.longitude).toBeLessThanOrEqual(BOUNDS.maxLng);
      expect(p.shifts.length).toBeGreaterThanOrEqual(1);
      expect(p.shifts.length).toBeLessThanOrEqual(3);
      for (const s of p.shifts) {
        expect(s.startsAt.getTime()).toBeGreaterThan(now.getTime());
        expect(s.endsAt.getTime()).toBeGreaterThan(s.startsAt.getTime());
        expect(s.capacity).toBeGreaterThan(0);
      }
      expect(p.publishedAt.getTime()).toBeLessThan(now.getTime());
      if (p.welcomesMinors && p.minimumAge !== null) expect(p.minimumAge).toBeLessThan(18);
    }
    const english = postings.filter((p) => p.lang === "en").length / postings.length;
    expect(english).toBeGreaterThan(0.1);
    expect(english).toBeLessThan(0.2);
    const text = postings.map((p) => `${p.title} ${p.description} ${p.tags.join(" ")}`).join("\n");
    for (const variant of ["子ども", "子供", "こども", "ボランティア", "ぼらんてぃあ", "公園愛護会", "防災訓練", "ＢＢＱ", "clean-up"]) {
      expect(text).toContain(variant);
    }
  });

  it("labels a posting exactly with the concepts its searchable text contains", () => {
    const { organisations, postings } = generateDataset(1000, { seed: 3, now });
    for (const p of postings) {
      expect(p.labels).toEqual(labelsFor(searchableText(p, organisations[p.organisationIndex].name)));
    }
    // Every hard query has postings to find.
    for (const hq of HARD_QUERIES) expect(postings.some((p) => p.labels.includes(hq.concept))).toBe(true);
  });

  it("matches surface forms after normalisation, Latin forms as whole words", () => {
    expect(labelsFor("桃園公園愛護会の定例作業")).toEqual(expect.arrayContaining(["park", "park-care"]));
    expect(labelsFor("ぼらんてぃあ募集")).toContain("volunteer");
    expect(labelsFor("ﾎﾞﾗﾝﾃｨｱ募集")).toContain("volunteer");
    expect(labelsFor("子供会の遠足")).toContain("children");
    expect(labelsFor("避難所開設訓練")).toContain("disaster");
    expect(labelsFor("地域ＢＢＱ交流会")).toContain("bbq");
    expect(labelsFor("Park clean-up volunteers")).toEqual(expect.arrayContaining(["park", "cleaning", "volunteer", "volunteer-latin"]));
    expect(labelsFor("River clean up")).toContain("cleaning");
    expect(labelsFor("Parking is limited")).not.toContain("park");
    expect(labelsFor("ボランティア募集")).not.toContain("volunteer-latin");
    expect(labelsFor("美化活動")).not.toContain("cleaning");
    expect(labelsFor("盆踊り大会")).not.toContain("festival");
  });

  it("takes its concepts from the shipped synonym groups", () => {
    expect(CONCEPTS.children).toEqual(expect.arrayContaining(["子ども", "子供", "こども", "児童"]));
    expect(CONCEPTS.cleaning).toEqual(expect.arrayContaining(["清掃", "掃除", "clean-up"]));
    expect(CONCEPTS["volunteer-latin"]).not.toContain("ボランティア");
  });
});
