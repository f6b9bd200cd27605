import { postingsWithNames } from "./posting-rows.server";
import { sql } from "kysely";
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type SearchParams,
  type Settings,
  type Task,
} from "meilisearch";
import type { DB, Executor } from "#db/client.server";
import { highlight, snippet } from "./highlight";
import { loadSearchDictionary } from "./dictionary.server";
import { DEFAULT_SYNONYMS, buildSynonymIndex } from "./synonyms";
import { searchSynonymGroups } from "./synonym-groups.server";
import { normalise, queryTerms, tokens, type SynonymIndex } from "./text";
import { emptyFacets, type DayType, type Facets, type SearchEngine, type SearchFilters, type SearchHit, type SearchQuery, type SearchResult } from "./types";

/**
 * The Meilisearch engine: the same SearchQuery in and SearchResult out as the PostgreSQL engine, over an index
 * of posting documents kept in step by the outbox (search/sync.server.ts). Documents carry nothing personal:
 * no contact names, e-mail addresses or user ids.
 */

export interface MeilisearchConfig {
  url: string;
  apiKey?: string;
  indexName?: string;
  /** Per HTTP request; a search that takes longer fails, and the PostgreSQL engine answers instead. */
  timeoutMs?: number;
}

export const DEFAULT_INDEX_NAME = "postings";

/** MEILISEARCH_URL / MEILISEARCH_KEY from the environment; null when no URL is set (the PostgreSQL default). */
export function meilisearchConfigFromEnv(environment: NodeJS.ProcessEnv = process.env): MeilisearchConfig | null {
  const url = environment.MEILISEARCH_URL?.trim();
  if (!url) return null;
  return { url, apiKey: environment.MEILISEARCH_KEY || undefined };
}

export function createMeilisearchClient(config: MeilisearchConfig): Meilisearch {
  return new Meilisearch({ host: config.url, apiKey: config.apiKey, timeout: config.timeoutMs ?? 5_000 });
}

// ---------------------------------------------------------------------------------------------------------------
// Time in Asia/Tokyo (UTC+9, no daylight saving time)

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date range becomes a list of dates in the filter; longer ranges are cut to this many days. */
export const MAX_RANGE_DAYS = 366;

export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

function tokyoDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+09:00`);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

// ---------------------------------------------------------------------------------------------------------------
// Documents

export interface PostingDocument {
  id: number;
  title: string;
  description: string;
  tags: string[];
  what_to_bring: string;
  category: string;
  category_names: string[];
  district: string | null;
  district_names: string[];
  organisation_name: string;
  organisation_kind: string;
  place_name: string;
  _geo?: { lat: number; lng: number };
  /** Tokyo dates (YYYY-MM-DD) of the upcoming shifts. */
  shift_days: string[];
  /** Epoch seconds of the next shift's start and end, as of indexing. */
  next_start: number;
  next_end: number;
  /** Epoch seconds of the last shift's start: the posting has a shift to come while this is in the future. */
  last_start: number;
  /** The upcoming shifts, epoch seconds, so a hit shows the next shift within the searched dates. */
  shifts: { start: number; end: number }[];
  has_weekend: boolean;
  has_weekday: boolean;
  has_places_left: boolean;
  /** An under-18 can apply now (postings.open_to_minors): what the minors filter and its count mean. */
  open_to_minors: boolean;
  /** Welcomes minors, but the safeguarding review is not finished. */
  minors_in_review: boolean;
  published_at: number | null;
  is_demo: boolean;
  /** Normalised words and CJK bigrams of title and description (see search/text.ts). */
  searchable_tokens: string[];
}

export interface PostingDocumentRow {
  id: number;
  title: string;
  description: string;
  tags: string[];
  what_to_bring: string;
  place_name: string;
  latitude: number | null;
  longitude: number | null;
  welcomes_minors: boolean;
  open_to_minors: boolean;
  is_demo: boolean;
  status: string;
  published_at: Date | string | null;
  organisation_name: string;
  organisation_kind: string;
  organisation_status: string;
  category_code: string;
  category_ja: string;
  category_en: string;
  district_code: string | null;
  district_ja: string | null;
  district_en: string | null;
  /** Shifts to come; confirmed_count is the places taken (none when absent). */
  shifts: { starts_at: Date | string; ends_at: Date | string; capacity: number; confirmed_count?: number }[];
}

/**
 * The index document of a posting, or null when the posting must not be in the index: not published, its
 * organisation not verified, or no shift starting at or after `now`.
 */
export function postingDocument(row: PostingDocumentRow, now: Date = new Date()): PostingDocument | null {
  if (row.status !== "published" || row.organisation_status !== "verified") return null;
  const upcoming = row.shifts
    .map((s) => ({ start: new Date(s.starts_at), end: new Date(s.ends_at), placesLeft: Number(s.capacity) - Number(s.confirmed_count ?? 0) }))
    .filter((s) => s.start.getTime() >= now.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  if (upcoming.length === 0) return null;
  const days = [...new Set(upcoming.map((s) => tokyoDate(s.start)))];
  const document: PostingDocument = {
    id: row.id,
    title: row.title,
    description: row.description,
    tags: row.tags ?? [],
    what_to_bring: row.what_to_bring ?? "",
    category: row.category_code,
    category_names: [row.category_ja, row.category_en].filter((n) => n),
    district: row.district_code,
    district_names: [row.district_ja, row.district_en].filter((n): n is string => !!n),
    organisation_name: row.organisation_name,
    organisation_kind: row.organisation_kind,
    place_name: row.place_name ?? "",
    shift_days: days,
    next_start: epochSeconds(upcoming[0].start),
    next_end: epochSeconds(upcoming[0].end),
    last_start: epochSeconds(upcoming[upcoming.length - 1].start),
    shifts: upcoming.map((s) => ({ start: epochSeconds(s.start), end: epochSeconds(s.end) })),
    has_weekend: days.some(isWeekend),
    has_weekday: days.some((d) => !isWeekend(d)),
    has_places_left: upcoming.some((s) => s.placesLeft > 0),
    open_to_minors: row.open_to_minors,
    minors_in_review: row.welcomes_minors && !row.open_to_minors,
    published_at: row.published_at ? epochSeconds(new Date(row.published_at)) : null,
    is_demo: row.is_demo,
    searchable_tokens: tokens(`${row.title}\n${row.description}`),
  };
  if (row.latitude !== null && row.longitude !== null) document._geo = { lat: Number(row.latitude), lng: Number(row.longitude) };
  return document;
}

/**
 * The documents of the given postings that belong in the index, in one query (shifts aggregated per posting).
 * Postings that are missing or must not be indexed are simply absent from the answer.
 */
export async function loadPostingDocuments(db: Executor, ids: number[], now: Date = new Date()): Promise<PostingDocument[]> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (wanted.length === 0) return [];
  const rows = await postingsWithNames(db)
    .select([
      "p.id",
      "p.title",
      "p.description",
      "p.tags",
      "p.what_to_bring",
      "p.place_name",
      "p.latitude",
      "p.longitude",
      "p.welcomes_minors",
      "p.open_to_minors",
      "p.is_demo",
      "p.status",
      "p.published_at",
      "o.name as organisation_name",
      "o.kind as organisation_kind",
      "o.status as organisation_status",
      "c.code as category_code",
      "c.name_ja as category_ja",
      "c.name_en as category_en",
      "d.code as district_code",
      "d.name_ja as district_ja",
      "d.name_en as district_en",
      sql<PostingDocumentRow["shifts"]>`coalesce((
        select json_agg(json_build_object('starts_at', s.starts_at, 'ends_at', s.ends_at, 'capacity', s.capacity, 'confirmed_count', s.confirmed_count) order by s.starts_at)
        from shifts s where s.posting_id = p.id and s.starts_at >= ${now}
      ), '[]'::json)`.as("shifts"),
    ])
    .where("p.id", "in", wanted)
    .orderBy("p.id")
    .execute();
  return rows.map((row) => postingDocument(row, now)).filter((d): d is PostingDocument => d !== null);
}

/** Ids of every posting that belongs in the index now, in id order. */
export async function listIndexablePostingIds(db: Executor, now: Date = new Date()): Promise<number[]> {
  const rows = await db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select("p.id")
    .where("p.status", "=", "published")
    .where("o.status", "=", "verified")
    .where(({ exists, selectFrom }) =>
      exists(selectFrom("shifts as s").select("s.id").whereRef("s.posting_id", "=", "p.id").where("s.starts_at", ">=", now)),
    )
    .orderBy("p.id")
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------------------------
// Index settings

// Not category_names: a category's name is a filter, not text (docs/decisions/019-search-evaluation-and-readings.md).
export const SEARCHABLE_ATTRIBUTES = [
  "title",
  "tags",
  "searchable_tokens",
  "description",
  "organisation_name",
  "place_name",
  "district_names",
  "what_to_bring",
];
export const FILTERABLE_ATTRIBUTES = [
  "category",
  "district",
  "organisation_kind",
  "shift_days",
  "last_start",
  "has_weekend",
  "has_weekday",
  "has_places_left",
  "open_to_minors",
  "_geo",
];
export const SORTABLE_ATTRIBUTES = ["next_start", "published_at", "_geo"];
// "sort" right after "words": with matchingStrategy "all" every hit matches every word, so a requested sort
// decides the order (nearest, soonest, newest), while a relevance search sends no sort and typo, proximity,
// attribute and exactness rank.
export const RANKING_RULES = ["words", "sort", "typo", "proximity", "attribute", "exactness"];
export const FACETS = ["category", "district", "organisation_kind", "has_weekend", "has_weekday", "open_to_minors"];
/** The deepest page the site offers (1,000 pages of 50); Meilisearch counts at most 1,000 hits by default. */
export const MAX_TOTAL_HITS = 50_000;
const RETRIEVED = [
  "id",
  "title",
  "description",
  "tags",
  "place_name",
  "organisation_name",
  "organisation_kind",
  "category",
  "district",
  "open_to_minors",
  "minors_in_review",
  "is_demo",
  "next_start",
  "next_end",
  "shifts",
  "_geo",
];

/** Synonym groups as Meilisearch wants them: every normalised word → the other words of its group(s). */
export function synonymMap(groups: string[][] | SynonymIndex): Record<string, string[]> {
  const index = groups instanceof Map ? groups : buildSynonymIndex(groups);
  const map: Record<string, string[]> = {};
  for (const [word, all] of index) {
    const others = all.filter((w) => w !== word);
    if (others.length) map[word] = others;
  }
  return map;
}

export function indexSettings(synonymGroups: string[][] = DEFAULT_SYNONYMS): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    rankingRules: RANKING_RULES,
    synonyms: synonymMap(synonymGroups),
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["jpn"] }],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Synonym groups edited by staff, or the shipped defaults while none are stored, with readings (./readings.ts). */
export function loadSynonymGroups(db: Executor): Promise<string[][]> {
  return searchSynonymGroups(db);
}

/**
 * Creates the index (primary key "id") if it does not exist and applies the settings, waiting for both tasks.
 * Safe to run again: settings are replaced, documents kept.
 */
export async function configureIndex(
  client: Meilisearch,
  options: { indexName?: string; synonymGroups?: string[][]; waitTimeoutMs?: number } = {},
): Promise<void> {
  const indexName = options.indexName ?? DEFAULT_INDEX_NAME;
  const timeout = options.waitTimeoutMs ?? 60_000;
  await run(async () => {
    const created = await client.createIndex(indexName, { primaryKey: "id" });
    await waitForTasks(client, [created], { timeout, ignore: ["index_already_exists"] });
    const updated = await client.index(indexName).updateSettings(indexSettings(options.synonymGroups));
    await waitForTasks(client, [updated], { timeout });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Errors and tasks

/**
 * A failed call to Meilisearch. `retryable` tells the outbox whether trying again later can help: network
 * failures, timeouts, 5xx, 429 and rejected credentials (fixed by configuration) can; a refused request or a
 * failed indexing task (bad document, bad setting) cannot.
 */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function toSearchIndexError(error: unknown): unknown {
  if (error instanceof SearchIndexError) return error;
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    const retryable = status >= 500 || status === 408 || status === 429 || status === 401 || status === 403;
    return new SearchIndexError(`Meilisearch answered ${status}: ${error.message}`, retryable, error.cause?.code, { cause: error });
  }
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) {
    return new SearchIndexError(`Meilisearch is unreachable: ${error.message}`, true, undefined, { cause: error });
  }
  if (error instanceof MeilisearchTaskTimeOutError) {
    return new SearchIndexError(`Meilisearch did not finish in time: ${error.message}`, true, undefined, { cause: error });
  }
  return error;
}

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toSearchIndexError(error);
  }
}

/**
 * Waits until every task is processed and throws unless each succeeded (a failure whose code is in `ignore`
 * counts as success, e.g. deleting from an index that does not exist yet).
 */
export async function waitForTasks(
  client: Meilisearch,
  enqueued: EnqueuedTask[],
  options: { timeout?: number; interval?: number; ignore?: string[] } = {},
): Promise<Task[]> {
  const done: Task[] = [];
  for (const task of enqueued) {
    const finished = await client.tasks.waitForTask(task.taskUid, { timeout: options.timeout ?? 60_000, interval: options.interval ?? 50 });
    if (finished.status === "succeeded") {
      done.push(finished);
      continue;
    }
    const code = finished.error?.code;
    if (finished.status === "failed" && code && options.ignore?.includes(code)) {
      done.push(finished);
      continue;
    }
    // A canceled task did nothing: doing it again is safe. A failed one was refused for what it carried.
    throw new SearchIndexError(
      `Meilisearch task ${finished.uid} (${finished.type}) ${finished.status}${finished.error ? `: ${finished.error.message}` : ""}`,
      finished.status === "canceled" || finished.error?.type === "internal" || finished.error?.type === "system",
      code,
    );
  }
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

const CODE = /^[a-z0-9_-]+$/;

/** A string as a Meilisearch filter literal: double-quoted, backslashes and quotes escaped, controls dropped. */
export function quoteFilterValue(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, "");
  return `"${clean.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * The filter expression of a search, built only from an allow-list of fields with every value quoted; codes
 * that are not codes (anything outside [a-z0-9_-]) are refused. Returns null when nothing can match (only
 * refused codes for a field, an empty date range), so no request need be made.
 */
export function buildFilter(filters: SearchFilters, now: Date): string | null {
  const clauses: string[] = [];
  const codes = (field: string, values: string[] | undefined): boolean => {
    if (!values || values.length === 0) return true;
    const valid = [...new Set(values.filter((v) => typeof v === "string" && CODE.test(v)))];
    if (valid.length === 0) return false;
    clauses.push(`${field} IN [${valid.map(quoteFilterValue).join(", ")}]`);
    return true;
  };
  if (!codes("category", filters.categories)) return null;
  if (!codes("district", filters.districts)) return null;
  if (!codes("organisation_kind", filters.organisationKinds)) return null;

  for (const [name, value] of [
    ["from", filters.from],
    ["to", filters.to],
  ] as const) {
    if (value !== undefined && !validDate(value)) throw new RangeError(`${name} is not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  const dayType: DayType | undefined = filters.dayType === "weekday" || filters.dayType === "weekend" ? filters.dayType : undefined;

  // A shift at or after max(now, from): the posting's last shift starts then or later. This also hides a
  // document whose shifts have all passed since it was indexed.
  const fromMs = filters.from ? tokyoDayStart(filters.from) : -Infinity;
  const lower = Math.max(Math.ceil(now.getTime() / 1000), Math.ceil(fromMs / 1000));
  clauses.push(`last_start >= ${lower}`);

  if (filters.to || (filters.from && dayType)) {
    const today = tokyoDate(now);
    const first = filters.from && filters.from > today ? filters.from : today;
    const capped = addDays(first, MAX_RANGE_DAYS - 1);
    const last = filters.to && filters.to < capped ? filters.to : capped;
    if (first > last) return null;
    const days: string[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) if (!dayType || isWeekend(d) === (dayType === "weekend")) days.push(d);
    if (days.length === 0) return null;
    clauses.push(`shift_days IN [${days.map(quoteFilterValue).join(", ")}]`);
  } else if (dayType) {
    clauses.push(dayType === "weekend" ? "has_weekend = true" : "has_weekday = true");
  }
  if (filters.hasPlacesLeft) clauses.push("has_places_left = true");
  if (filters.minorsWelcome) clauses.push("open_to_minors = true");
  return clauses.join(" AND ");
}

function validNear(near: SearchQuery["near"]): { lat: number; lng: number } | undefined {
  if (!near) return undefined;
  const { lat, lng } = near;
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new RangeError("near is not a point on Earth");
  }
  return { lat, lng };
}

export function buildSort(query: SearchQuery, hasText: boolean): string[] | undefined {
  const near = validNear(query.near);
  if (query.sort === "nearest" && near) return [`_geoPoint(${near.lat.toFixed(7)}, ${near.lng.toFixed(7)}):asc`, "next_start:asc"];
  if (query.sort === "newest") return ["published_at:desc"];
  if (query.sort === "relevance" && hasText) return undefined;
  return ["next_start:asc"];
}

/**
 * The query text as Meilisearch reads it: normalised like the indexed tokens, without Meilisearch's own
 * operators (a double quote starts a phrase, a leading minus excludes a word), which the PostgreSQL engine
 * does not have either.
 */
export function searchText(text: string): string {
  return normalise(text.replace(/"/g, " ")).replace(/(^|\s)-+/g, "$1").replace(/\s+/g, " ").trim();
}

function pageOf(query: SearchQuery): { page: number; pageSize: number } {
  const page = Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page)) : 1;
  const pageSize = Number.isFinite(query.pageSize) ? Math.min(1000, Math.max(1, Math.floor(query.pageSize))) : 12;
  return { page, pageSize };
}

export type SearchRequest = SearchParams & { q: string | null; filter: string; hitsPerPage: number; page: number };

/** The search request for a query, or null when the filters cannot match anything. */
export function toSearchRequest(query: SearchQuery, now: Date): SearchRequest | null {
  const filter = buildFilter(query.filters ?? {}, now);
  if (filter === null) return null;
  const q = searchText(query.text ?? "");
  const sort = buildSort(query, q !== "");
  const { page, pageSize } = pageOf(query);
  return {
    q: q === "" ? null : q,
    matchingStrategy: "all",
    filter,
    facets: FACETS,
    ...(sort ? { sort } : {}),
    hitsPerPage: pageSize,
    page,
    attributesToRetrieve: RETRIEVED,
    // Kanji-only text is otherwise often taken for Chinese and segmented unlike the Japanese documents.
    locales: ["jpn"],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Results

type StoredHit = Pick<
  PostingDocument,
  | "id"
  | "title"
  | "description"
  | "tags"
  | "place_name"
  | "organisation_name"
  | "organisation_kind"
  | "category"
  | "district"
  | "open_to_minors"
  | "minors_in_review"
  | "is_demo"
  | "next_start"
  | "next_end"
  | "shifts"
  | "_geo"
> & { _geoDistance?: number };

export function facetsFrom(distribution: Record<string, Record<string, number>> | undefined): Facets {
  const d = distribution ?? {};
  return {
    category: { ...(d.category ?? {}) },
    district: { ...(d.district ?? {}) },
    organisationKind: { ...(d.organisation_kind ?? {}) },
    dayType: { weekday: d.has_weekday?.true ?? 0, weekend: d.has_weekend?.true ?? 0 },
    minorsWelcome: { yes: d.open_to_minors?.true ?? 0, no: d.open_to_minors?.false ?? 0 },
  };
}

function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** The first shift within the searched dates, as the PostgreSQL engine shows it. */
function nextShift(hit: StoredHit, lowerMs: number, upperMs: number | null): { start: number; end: number } | null {
  const shift = (hit.shifts ?? []).find((s) => s.start * 1000 >= lowerMs && (upperMs === null || s.start * 1000 < upperMs));
  if (shift) return shift;
  return typeof hit.next_start === "number" ? { start: hit.next_start, end: hit.next_end } : null;
}

export function toSearchHit(hit: StoredHit, context: { needles: string[]; near?: { lat: number; lng: number }; lowerMs: number; upperMs: number | null }): SearchHit {
  const shift = nextShift(hit, context.lowerMs, context.upperMs);
  let distanceKm: number | null = null;
  if (typeof hit._geoDistance === "number") distanceKm = Math.round(hit._geoDistance / 100) / 10;
  else if (context.near && hit._geo) distanceKm = Math.round(haversineKm(context.near, { lat: Number(hit._geo.lat), lng: Number(hit._geo.lng) }) * 10) / 10;
  return {
    id: Number(hit.id),
    title: hit.title,
    titleHighlight: highlight(hit.title, context.needles),
    snippet: snippet(hit.description ?? "", context.needles),
    organisationName: hit.organisation_name,
    organisationKind: hit.organisation_kind,
    categoryCode: hit.category,
    districtCode: hit.district ?? null,
    placeName: hit.place_name ?? "",
    tags: hit.tags ?? [],
    welcomesMinors: !!hit.open_to_minors,
    minorsInReview: !!hit.minors_in_review,
    nextStartsAt: shift ? new Date(shift.start * 1000).toISOString() : null,
    nextEndsAt: shift ? new Date(shift.end * 1000).toISOString() : null,
    distanceKm,
    isDemo: !!hit.is_demo,
  };
}

/** The words to mark in titles and snippets: the query's terms with their synonyms and typo corrections. */
async function needlesFor(text: string, db: DB | undefined): Promise<string[]> {
  if (!text.trim()) return [];
  let synonyms: SynonymIndex | undefined;
  let vocabulary: ReadonlySet<string> | undefined;
  if (db) {
    try {
      const dictionary = await loadSearchDictionary(db);
      synonyms = dictionary.synonyms;
      vocabulary = dictionary.vocabulary;
    } catch {
      // Highlighting is decoration: without the dictionary the shipped synonyms do.
    }
  }
  return [...new Set(queryTerms(text, { synonyms, vocabulary }).flatMap((t) => t.alternatives))];
}

export function createMeilisearchEngine(config: MeilisearchConfig & { db?: DB; client?: Meilisearch }): SearchEngine {
  const client = config.client ?? createMeilisearchClient(config);
  const index = client.index<PostingDocument>(config.indexName ?? DEFAULT_INDEX_NAME);
  return {
    name: "meilisearch",
    async search(query: SearchQuery, now = new Date()): Promise<SearchResult> {
      const { page, pageSize } = pageOf(query);
      const request = toSearchRequest(query, now);
      const base = { page, pageSize, engine: "meilisearch" as const };
      if (!request) return { ...base, hits: [], total: 0, facets: emptyFacets() };
      const { q, ...params } = request;
      const [response, needles] = await Promise.all([run(() => index.search<StoredHit, typeof params>(q, params)), needlesFor(query.text ?? "", config.db)]);
      const f = query.filters ?? {};
      const lowerMs = Math.max(now.getTime(), f.from ? tokyoDayStart(f.from) : -Infinity);
      const upperMs = f.to ? tokyoDayStart(f.to) + DAY_MS : null;
      const near = validNear(query.near);
      return {
        ...base,
        hits: response.hits.map((hit) => toSearchHit(hit, { needles, near, lowerMs, upperMs })),
        total: response.totalHits,
        facets: facetsFrom(response.facetDistribution),
      };
    },
  };
}
