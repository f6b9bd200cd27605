import type { DB } from "#db/client.server";
import { ORGANISATION_KINDS } from "#db/schema";
import { parseSearchParams, type ParsedSearch } from "#search/query";
import { browseLists } from "~/modules/catalogue/browse-lists.server";

/**
 * A search as the page (/postings) and the JSON API (/api/postings/search) read it from the URL: the parameters
 * parsed and checked against the catalogue (search/query.ts), and `near` turned into a point — `place:ID` a
 * 市民センター or park with coordinates, `district:CODE` that district's 市民センター (or else a park there),
 * `LAT,LNG` as given. One reading for both, so the API and the page cannot disagree on what a URL means.
 */
export type SearchRequest = Awaited<ReturnType<typeof readSearchRequest>>;

export async function readSearchRequest(db: DB, searchParams: URLSearchParams, options: { homeDistrictId?: number | null } = {}) {
  const { categories, districts, places } = await browseLists(db);
  const parsed: ParsedSearch = parseSearchParams(searchParams, {
    categories: categories.map((c) => c.code),
    districts: districts.map((d) => d.code),
    kinds: [...ORGANISATION_KINDS],
  });
  const centres = places.filter((p) => p.latitude !== null && p.longitude !== null && (p.kind === "civic_centre" || p.kind === "park"));
  const centreOf = (districtId: number) =>
    centres.find((p) => p.district_id === districtId && p.kind === "civic_centre") ?? centres.find((p) => p.district_id === districtId);
  const nearFailed = () => (parsed.errors.near ??= []).push("search.nearInvalid");
  if (parsed.placeId !== null) {
    const place = centres.find((p) => p.id === parsed.placeId);
    if (place) parsed.query.near = { lat: place.latitude!, lng: place.longitude! };
    else nearFailed();
  } else if (parsed.districtCode !== null) {
    const district = districts.find((d) => d.code === parsed.districtCode);
    const place = district ? centreOf(district.id) : undefined;
    if (place) parsed.query.near = { lat: place.latitude!, lng: place.longitude! };
    else nearFailed();
  }
  // "nearest" without a point: the default order, with the error beside the field.
  if (parsed.query.sort === "nearest" && !parsed.query.near) parsed.query.sort = parsed.query.text ? "relevance" : "soonest";
  const home = options.homeDistrictId ? districts.find((d) => d.id === options.homeDistrictId) : undefined;
  return {
    parsed,
    categories,
    districts,
    centres: centres.map((p) => ({ id: p.id, name_ja: p.name_ja, name_en: p.name_en, kind: p.kind })),
    /** The visitor's own district, offered as "near my district" when it has a place to measure from. */
    homeDistrict: home && centreOf(home.id) ? { code: home.code, name_ja: home.name_ja, name_en: home.name_en } : null,
  };
}
