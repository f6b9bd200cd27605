import { DAY_TYPES, SORTS, type DayType, type SearchQuery, type SearchSort } from "./types";

/**
 * Reads a search from URL parameters (the page and the JSON API share it): q, category, district, kind (each
 * repeatable), from, to, day (weekday|weekend), minors=1, open=1, sort, near ("place:ID" or "LAT,LNG"), page,
 * per. Each bad parameter gets a message key and is dropped; the rest of the search still runs.
 */
export interface ParsedSearch {
  query: SearchQuery;
  /** The near parameter as given, for the page to keep it selected. */
  nearParam: string | null;
  placeId: number | null;
  /** "district:CODE": measure from that district's civic centre (the person's own district, say). */
  districtCode: string | null;
  errors: Record<string, string[]>;
}

const CODE = /^[a-z0-9_-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 50;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseSearchParams(params: URLSearchParams, known: { categories: string[]; districts: string[]; kinds: string[] }): ParsedSearch {
  const errors: Record<string, string[]> = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);

  let text = (params.get("q") ?? "").trim();
  if (text.length > MAX_QUERY_LENGTH) {
    fail("q", `v.tooLong?max=${MAX_QUERY_LENGTH}`);
    text = text.slice(0, MAX_QUERY_LENGTH);
  }
  const codes = (key: string, allowed: string[]) => {
    const values = [...new Set(params.getAll(key).filter((v) => v !== ""))];
    const good = values.filter((v) => CODE.test(v) && allowed.includes(v));
    if (good.length !== values.length) fail(key, "v.choice");
    return good.length ? good : undefined;
  };
  const categories = codes("category", known.categories);
  const districts = codes("district", known.districts);
  const organisationKinds = codes("kind", known.kinds);

  let from = params.get("from") || undefined;
  let to = params.get("to") || undefined;
  if (from && !validDate(from)) {
    fail("from", "v.date");
    from = undefined;
  }
  if (to && !validDate(to)) {
    fail("to", "v.date");
    to = undefined;
  }
  if (from && to && from > to) {
    fail("to", "v.dateRange");
    to = undefined;
  }

  let dayType: DayType | undefined;
  const day = params.get("day");
  if (day) {
    if ((DAY_TYPES as readonly string[]).includes(day)) dayType = day as DayType;
    else fail("day", "v.choice");
  }
  const flag = (key: string) => {
    const v = params.get(key);
    if (v === null || v === "") return undefined;
    if (v === "1") return true;
    fail(key, "v.choice");
    return undefined;
  };
  const minorsWelcome = flag("minors");
  const hasPlacesLeft = flag("open");

  let near: SearchQuery["near"];
  let placeId: number | null = null;
  let districtCode: string | null = null;
  const nearParam = params.get("near") || null;
  if (nearParam) {
    const place = /^place:(\d{1,9})$/.exec(nearParam);
    const district = /^district:([a-z0-9_-]{1,40})$/.exec(nearParam);
    const point = /^(-?\d{1,3}(?:\.\d{1,8})?),(-?\d{1,3}(?:\.\d{1,8})?)$/.exec(nearParam);
    if (place) placeId = Number(place[1]);
    else if (district && known.districts.includes(district[1])) districtCode = district[1];
    else if (point && Math.abs(Number(point[1])) <= 90 && Math.abs(Number(point[2])) <= 180) near = { lat: Number(point[1]), lng: Number(point[2]) };
    else fail("near", "search.nearInvalid");
  }

  let sort: SearchSort = text ? "relevance" : "soonest";
  const sortParam = params.get("sort");
  if (sortParam) {
    if ((SORTS as readonly string[]).includes(sortParam)) sort = sortParam as SearchSort;
    else fail("sort", "v.choice");
  }
  if (sort === "nearest" && !nearParam) fail("near", "search.nearNeeded");

  const intParam = (key: string, fallback: number, max: number) => {
    const v = params.get(key);
    if (!v) return fallback;
    if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > max) {
      fail(key, `v.max?max=${max}`);
      return fallback;
    }
    return Number(v);
  };
  const page = intParam("page", 1, 1000);
  const pageSize = intParam("per", 12, MAX_PAGE_SIZE);

  return {
    query: {
      text,
      filters: { categories, districts, organisationKinds, from, to, dayType, minorsWelcome, hasPlacesLeft },
      sort,
      near,
      page,
      pageSize,
    },
    nearParam,
    placeId,
    districtCode,
    errors,
  };
}

/** The URL parameters of a search (for links that change one thing and keep the rest). */
export function searchToParams(query: SearchQuery, nearParam: string | null): URLSearchParams {
  const p = new URLSearchParams();
  if (query.text) p.set("q", query.text);
  for (const c of query.filters.categories ?? []) p.append("category", c);
  for (const d of query.filters.districts ?? []) p.append("district", d);
  for (const k of query.filters.organisationKinds ?? []) p.append("kind", k);
  if (query.filters.from) p.set("from", query.filters.from);
  if (query.filters.to) p.set("to", query.filters.to);
  if (query.filters.dayType) p.set("day", query.filters.dayType);
  if (query.filters.minorsWelcome) p.set("minors", "1");
  if (query.filters.hasPlacesLeft) p.set("open", "1");
  if (nearParam) p.set("near", nearParam);
  const defaultSort = query.text ? "relevance" : "soonest";
  if (query.sort !== defaultSort) p.set("sort", query.sort);
  if (query.page > 1) p.set("page", String(query.page));
  return p;
}
