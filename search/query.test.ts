import { describe, expect, it } from "vitest";
import { parseSearchParams, searchToParams } from "./query";

const known = { categories: ["parks", "cleanup"], districts: ["chuo", "edamitsu"], kinds: ["park_care_association"] };
const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs), known);

describe("search parameters", () => {
  it("reads a full search", () => {
    const r = parse("q=公園&category=parks&category=cleanup&district=chuo&from=2026-12-01&to=2026-12-31&day=weekend&minors=1&open=1&sort=nearest&near=33.86,130.81&page=2");
    expect(r.errors).toEqual({});
    expect(r.query).toMatchObject({
      text: "公園",
      filters: { categories: ["parks", "cleanup"], districts: ["chuo"], from: "2026-12-01", to: "2026-12-31", dayType: "weekend", minorsWelcome: true, hasPlacesLeft: true },
      sort: "nearest",
      near: { lat: 33.86, lng: 130.81 },
      page: 2,
    });
  });

  it("defaults to relevance with words and soonest without", () => {
    expect(parse("q=花壇").query.sort).toBe("relevance");
    expect(parse("").query.sort).toBe("soonest");
  });

  it("reports every bad parameter and keeps the good ones", () => {
    const r = parse("category=parks&category=<script>&district=nowhere&from=2026-02-30&to=tomorrow&day=sunday&minors=yes&sort=random&page=0&near=north");
    expect(Object.keys(r.errors).sort()).toEqual(["category", "day", "district", "from", "minors", "near", "page", "sort", "to"]);
    expect(r.query.filters.categories).toEqual(["parks"]);
    expect(r.query.filters.districts).toBeUndefined();
    expect(r.query.page).toBe(1);
  });

  it("refuses an inverted date range and an over-long query", () => {
    expect(parse("from=2026-12-10&to=2026-12-01").errors.to).toEqual(["v.dateRange"]);
    const long = parse(`q=${"あ".repeat(300)}`);
    expect(long.errors.q).toEqual(["v.tooLong?max=200"]);
    expect(long.query.text).toHaveLength(200);
  });

  it("takes a place as the point for nearest", () => {
    const r = parse("sort=nearest&near=place:5");
    expect(r.placeId).toBe(5);
    expect(r.errors).toEqual({});
    expect(parse("sort=nearest").errors.near).toEqual(["search.nearNeeded"]);
  });

  it("writes a search back to the same parameters", () => {
    const r = parse("q=公園&category=parks&minors=1&page=3&sort=newest&near=place:2");
    expect(parse(searchToParams(r.query, r.nearParam).toString()).query).toEqual(r.query);
  });
});
