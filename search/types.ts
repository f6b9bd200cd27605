/**
 * The search contract shared by both engines (PostgreSQL, the default, and Meilisearch): the same query in, the
 * same result shape out. The contract tests in search/contract.test.ts pin the behaviour down.
 */
export const SORTS = ["relevance", "soonest", "nearest", "newest"] as const;
export type SearchSort = (typeof SORTS)[number];
export const DAY_TYPES = ["weekday", "weekend"] as const;
export type DayType = (typeof DAY_TYPES)[number];

export interface SearchFilters {
  categories?: string[];
  districts?: string[];
  organisationKinds?: string[];
  /** Tokyo calendar dates, YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  dayType?: DayType;
  hasPlacesLeft?: boolean;
  minorsWelcome?: boolean;
}

export interface SearchQuery {
  text: string;
  filters: SearchFilters;
  sort: SearchSort;
  /** Required for sort "nearest"; distances are returned whenever it is given. */
  near?: { lat: number; lng: number };
  page: number;
  pageSize: number;
}

export interface Highlighted {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: number;
  title: string;
  titleHighlight: Highlighted[];
  snippet: Highlighted[];
  organisationName: string;
  organisationKind: string;
  categoryCode: string;
  districtCode: string | null;
  placeName: string;
  tags: string[];
  /** An under-18 can apply now: the posting welcomes minors and passed the safeguarding review. */
  welcomesMinors: boolean;
  /** The posting welcomes minors but the safeguarding review is not finished: under-18s cannot apply yet. */
  minorsInReview: boolean;
  nextStartsAt: string | null;
  nextEndsAt: string | null;
  distanceKm: number | null;
  isDemo: boolean;
}

export interface Facets {
  category: Record<string, number>;
  district: Record<string, number>;
  organisationKind: Record<string, number>;
  dayType: Record<DayType, number>;
  minorsWelcome: { yes: number; no: number };
}

/** Facets with nothing counted. */
export function emptyFacets(): Facets {
  return { category: {}, district: {}, organisationKind: {}, dayType: { weekday: 0, weekend: 0 }, minorsWelcome: { yes: 0, no: 0 } };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Facets;
  engine: "postgres" | "meilisearch";
  /** Set when the configured engine failed and the PostgreSQL engine answered instead. */
  fallback?: boolean;
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  search(query: SearchQuery, now?: Date): Promise<SearchResult>;
}
