import { sql, type RawBuilder } from "kysely";
import { isConnectionFailure, type DB } from "#db/client.server";
import { highlighter } from "./highlight";
import { queryTerms, type QueryTerm } from "./text";
import { loadSearchDictionary } from "./dictionary.server";
import type { MatchOrder } from "./match-index";
import { currentMatchIndex } from "./match-index.server";
import { emptyFacets, type Facets, type SearchEngine, type SearchHit, type SearchQuery, type SearchResult } from "./types";

/** A lexeme as a tsquery literal: quoted, so nothing in it is read as an operator. */
function lexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'${prefix ? ":*" : ""}`;
}

/**
 * The terms as a tsquery: all terms, each any of its alternatives. For a prefix term an alternative that starts
 * with another one ('volunteers':* beside 'volunteer':*) matches nothing more and is left out: every row is
 * tested against fewer lexemes.
 */
export function toTsquery(terms: QueryTerm[]): string {
  return terms
    .map((t) => {
      let words = [...new Set(t.alternatives)];
      if (t.prefix) words = words.filter((w) => !words.some((other) => other !== w && w.startsWith(other)));
      return `(${words.map((a) => lexeme(a, t.prefix)).join(" | ")})`;
    })
    .join(" & ");
}

/**
 * How well a summary row (ps) matches, for the relevance order: first whether it has every word as typed (a
 * posting that says "childcare" before the ones found through a synonym or a typo correction), then ts_rank.
 */
function rankOf(terms: QueryTerm[]) {
  const literal = toTsquery(terms.map((t) => ({ ...t, alternatives: t.alternatives.slice(0, 1) })));
  return sql<number>`(ps.search_vector @@ ${literal}::tsquery)::int * 1000 + ts_rank(ps.search_vector, ${toTsquery(terms)}::tsquery, 1)`;
}

/**
 * Sorted by relevance, the matches are ranked by their text (ts_rank) among this many of the soonest; the
 * others follow, soonest first (docs/decisions/007-search-summary.md).
 */
export const RANKED_CANDIDATES = 200;

const DAY_START = (date: string) => `${date}T00:00:00+09:00`;
const WEEKEND = sql`extract(isodow from s.starts_at at time zone 'Asia/Tokyo') >= 6`;
const WEEKDAY = sql`extract(isodow from s.starts_at at time zone 'Asia/Tokyo') < 6`;

/** Matching rows counted per category, district and organisation kind: [category, district, kind, rows, weekday, weekend, minors]. */
type FacetCell = [string, string | null, string, number, number, number, number];

interface PageRow {
  id: number;
  title: string;
  description: string;
  tags: string[];
  place_name: string;
  open_to_minors: boolean;
  minors_in_review: boolean;
  is_demo: boolean;
  organisation_name: string;
  organisation_kind: string;
  category_code: string;
  district_code: string | null;
  next_starts_at: Date | string | null;
  next_ends_at: Date | string | null;
  distance_km: number | null;
}

/**
 * The default engine: full-text search, filters, facets and sorts over posting_search, the per-posting search
 * summary kept by triggers (db/migrations/0004_search_summary.ts), on PGlite and on a PostgreSQL server alike.
 *
 * By default each process finds the matches, counts the facets and orders them in its own index of
 * posting_search (search/match-index.ts), brought up to date with every commit before each search, and reads
 * the page's postings in one statement (docs/decisions/013-in-process-search-index.md). If that fails, or with
 * SEARCH_INDEX=sql, one statement does it all: it finds the matching ids with what the facets and the sort need,
 * counts every facet in one pass over them, picks the page, and reads texts, names and the next shift for the
 * page's postings only (docs/decisions/007-search-summary.md). There the schedule columns of a summary (next
 * shift, weekday/weekend, places left) describe the shifts to come as of when they were computed, which holds
 * while prev_starts_at < now <= next_starts_at; a row outside that interval (its next shift has started since)
 * is read from its shifts instead, so results are exact whenever the periodic refresh last ran. With a date
 * range the shifts in the range are read for the matching rows. The index computes the schedule from the shifts
 * at each search.
 */
export function createPostgresSearchEngine(db: DB, options: { index?: SearchIndexMode } = {}): SearchEngine {
  const mode = options.index ?? searchIndexModeFromEnv();
  return {
    name: "postgres",
    async search(query: SearchQuery, now = new Date()): Promise<SearchResult> {
      const dictionary = await loadSearchDictionary(db);
      const terms = queryTerms(query.text, { synonyms: dictionary.synonyms, vocabulary: dictionary.vocabulary });
      if (mode === "memory") {
        try {
          return await searchInMemory(db, query, terms, now);
        } catch (error) {
          // The database is out of reach: the statement below could not answer either (the page says so, 503).
          if (isConnectionFailure(error)) throw error;
          // The statement below answers the same from the database alone.
          console.error("search: the in-process index failed, answering with SQL alone:", error instanceof Error ? error.message : error);
        }
      }
      return searchWithSql(db, query, terms, now);
    },
  };
}

/**
 * How the PostgreSQL engine finds the matches: "memory" (the default) from each process's in-process index of
 * posting_search (search/match-index.server.ts), "sql" with one statement over posting_search alone. Both give
 * the same answer (search/match-index.test.ts compares them); SEARCH_INDEX=sql turns the index off.
 */
export type SearchIndexMode = "memory" | "sql";

export function searchIndexModeFromEnv(env: NodeJS.ProcessEnv = process.env): SearchIndexMode {
  return env.SEARCH_INDEX === "sql" ? "sql" : "memory";
}

/** The bounds of the shifts that count: from `from` (or now, if later) and before the day after `to`. */
function shiftBounds(query: SearchQuery, now: Date): { lower: Date; upper: Date | null } {
  const f = query.filters;
  const from = f.from ? new Date(DAY_START(f.from)) : now;
  return { lower: from > now ? from : now, upper: f.to ? new Date(new Date(DAY_START(f.to)).getTime() + 86400_000) : null };
}

/**
 * The matches, facets and order from the in-process index; the page's postings (and, sorted by relevance, the
 * ranks of the soonest RANKED_CANDIDATES) from the database in one statement.
 */
async function searchInMemory(db: DB, query: SearchQuery, terms: QueryTerm[], now: Date): Promise<SearchResult> {
  const { index, codes } = await currentMatchIndex(db);
  const f = query.filters;
  const { lower, upper } = shiftBounds(query, now);
  const ids = (list: string[] | undefined, byCode: Map<string, number>) =>
    list?.length ? list.map((code) => byCode.get(code)).filter((id): id is number => id !== undefined) : null;
  const matches = index.match({
    terms: terms.map((t) => ({ words: t.alternatives, prefix: t.prefix })),
    categoryIds: ids(f.categories, codes.categoryId),
    districtIds: ids(f.districts, codes.districtId),
    organisationKinds: f.organisationKinds?.length ? f.organisationKinds : null,
    minorsWelcome: Boolean(f.minorsWelcome),
    lower: lower.getTime(),
    upper: upper ? upper.getTime() : null,
    dayType: f.dayType ?? null,
    placesLeft: Boolean(f.hasPlacesLeft),
  });
  const near = query.near;
  const offset = (query.page - 1) * query.pageSize;
  const end = offset + query.pageSize;
  const relevance = query.sort === "relevance" && terms.length > 0;
  const order: MatchOrder =
    query.sort === "nearest" && near ? { by: "nearest", lat: near.lat, lng: near.lng } : query.sort === "newest" ? { by: "newest" } : { by: "soonest" };
  const first = index.order(matches, order, relevance ? Math.max(end, RANKED_CANDIDATES) : end);

  let page: RawBuilder<unknown>;
  if (relevance && offset < RANKED_CANDIDATES) {
    const candidates = first.slice(0, RANKED_CANDIDATES);
    const tail = first.slice(RANKED_CANDIDATES, end);
    page = sql`select id from (
        select c.id, 0 as part, ${rankOf(terms)} as rank, c.ord
          from unnest(${candidates}::int[]) with ordinality c(id, ord) join posting_search ps on ps.posting_id = c.id
        union all
        select t.id, 1, null::float4, t.ord from unnest(${tail}::int[]) with ordinality t(id, ord)
      ) u order by part, rank desc, ord limit ${query.pageSize} offset ${offset}`;
  } else {
    page = sql`select unnest(${first.slice(offset, end)}::int[])`;
  }
  const { rows } = await sql<{ hits: PageRow[] | null }>`select ${hitsOf(page, near, shiftsFilter(lower, upper))} as hits`.execute(db);

  const facets = emptyFacets();
  for (const [id, n] of matches.facets.category) {
    const code = codes.categoryCode.get(id);
    if (code !== undefined) facets.category[code] = n;
  }
  for (const [id, n] of matches.facets.district) {
    const code = codes.districtCode.get(id);
    if (code !== undefined) facets.district[code] = n;
  }
  for (const [kind, n] of matches.facets.organisationKind) facets.organisationKind[kind] = n;
  facets.dayType = { weekday: matches.facets.weekday, weekend: matches.facets.weekend };
  facets.minorsWelcome = { yes: matches.facets.minors, no: matches.count - matches.facets.minors };
  return { hits: toHits(rows[0].hits ?? [], terms), total: matches.count, page: query.page, pageSize: query.pageSize, facets, engine: "postgres" };
}

/**
 * The postings of a page, in its order, as JSON: texts, names, the next shift that counts (from its shifts) and,
 * with a point, the distance. `page` selects the ids in order.
 */
function hitsOf(page: RawBuilder<unknown>, near: SearchQuery["near"], shifts: ReturnType<typeof shiftsFilter>) {
  return sql`(select json_agg(h order by h.ord) from (
      select page.ord, p.id, p.title, p.description, p.tags, p.place_name, p.open_to_minors, p.welcomes_minors and not p.open_to_minors as minors_in_review, p.is_demo,
        o.name as organisation_name, o.kind as organisation_kind, c.code as category_code, d.code as district_code,
        n.starts_at as next_starts_at, n.ends_at as next_ends_at, ${near ? sql`ps.distance_km` : sql`null::float8`} as distance_km
      from unnest(array(${page})) with ordinality as page(id, ord)
      join postings p on p.id = page.id
      join organisations o on o.id = p.organisation_id
      join categories c on c.id = p.category_id
      left join districts d on d.id = p.district_id
      ${near ? sql`join lateral (select ${distanceFrom(near)} as distance_km from posting_search ps where ps.posting_id = p.id) ps on true` : sql``}
      left join lateral (
        select s.starts_at, s.ends_at ${shifts(sql`p.id`)}
        order by s.starts_at, s.id limit 1
      ) n on true
    ) h)`;
}

/** Distance in km from a point to a summary row's coordinates (ps), null where they are unknown. */
function distanceFrom(near: { lat: number; lng: number }) {
  return sql<number>`case when ps.latitude is null or ps.longitude is null then null else
    12742 * asin(sqrt(power(sin(radians(ps.latitude - ${near.lat}) / 2), 2) +
    cos(radians(${near.lat})) * cos(radians(ps.latitude)) * power(sin(radians(ps.longitude - ${near.lng}) / 2), 2))) end`;
}

/** The same answer from one statement over posting_search (see the top of the file). */
async function searchWithSql(db: DB, query: SearchQuery, terms: QueryTerm[], now: Date): Promise<SearchResult> {
  const tsquery = terms.length ? toTsquery(terms) : null;
  const f = query.filters;
  const { lower, upper } = shiftBounds(query, now);
  const near = query.near;
  const nearest = Boolean(query.sort === "nearest" && near);
  const relevance = Boolean(query.sort === "relevance" && tsquery);
  const newest = query.sort === "newest";
  const offset = (query.page - 1) * query.pageSize;

  // The conditions on the posting's own fields, the same in every branch below.
  const common: RawBuilder<unknown>[] = [sql`ps.searchable`, sql`ps.last_starts_at >= ${lower}`];
  if (tsquery) common.push(sql`ps.search_vector @@ ${tsquery}::tsquery`);
  // Codes become ids once (an init plan), not a join per row.
  if (f.categories?.length) common.push(sql`ps.category_id = any(array(select id from categories where code = any(${f.categories}::text[])))`);
  if (f.districts?.length) common.push(sql`ps.district_id = any(array(select id from districts where code = any(${f.districts}::text[])))`);
  if (f.organisationKinds?.length) common.push(sql`ps.organisation_kind = any(${f.organisationKinds}::text[])`);
  if (f.minorsWelcome) common.push(sql`ps.open_to_minors`);

  const distance = near ? distanceFrom(near) : sql<number>`null::float8`;
  // Relevance ranks only the soonest matches (RANKED_CANDIDATES, see below): the sort key of every matching
  // row is its date, as for soonest first.
  const sortKey = nearest ? distance : newest ? sql`ps.published_at` : sql`null::float8`;
  const order = nearest
    ? sql`sort_key asc nulls last, next_starts_at asc, id asc`
    : newest
      ? sql`sort_key desc nulls last, id desc`
      : sql`next_starts_at asc, id asc`;

  // One branch of matching rows, with what the facets need, what the page's order needs, or both; the
  // schedule is read from the summary (where it holds), from the row's shifts after its next shift has
  // started, or from the shifts in the date range.
  const branch = (schedule: Schedule, columns: "facets" | "order" | "both") => {
    const where = [...common, ...schedule.where];
    if (f.dayType === "weekend") where.push(schedule.weekend);
    if (f.dayType === "weekday") where.push(schedule.weekday);
    if (f.hasPlacesLeft) where.push(schedule.placesLeft);
    const forFacets = sql`ps.category_id, ps.district_id, ps.organisation_kind, ps.open_to_minors,
        ${schedule.weekday} as has_weekday, ${schedule.weekend} as has_weekend`;
    const forOrder = sql`ps.posting_id as id, ${schedule.next} as next_starts_at, ${sortKey} as sort_key`;
    const selected = columns === "facets" ? forFacets : columns === "order" ? forOrder : sql`${forOrder}, ${forFacets}`;
    return sql`select ${selected} from posting_search ps ${schedule.from} where ${sql.join(where, sql` and `)}`;
  };
  const shifts = shiftsFilter(lower, upper);
  // The statement, with or without the branch of rows whose summary no longer holds (when there are none:
  // a smaller statement, planned faster).
  const compose = (withStale: boolean) => {
    const summary = f.from || f.to ? null : { holds: holdsSchedule(now), stale: withStale ? staleSchedule(now, shifts) : null };
    const all = (columns: "facets" | "order" | "both") =>
      summary
        ? summary.stale
          ? sql`${branch(summary.holds, columns)} union all ${branch(summary.stale, columns)}`
          : branch(summary.holds, columns)
        : branch(rangeSchedule(shifts), columns);

    let page: RawBuilder<unknown>;
    let ctes: RawBuilder<unknown> | null = null;
    /** What the facets count: the matching rows once, or each branch on its own. */
    let counted: RawBuilder<unknown>[];
    if (tsquery || !summary) {
      // The matching rows once; the facets and the page both read them.
      ctes = sql`with m as materialized (${all("both")})`;
      counted = [sql`m`];
      if (relevance) {
        // The soonest RANKED_CANDIDATES matches, best text match first (ts_rank reads each one's vector once
        // more, through the primary key), then the other matches, soonest first. Ranking every match read
        // every matching vector: a third of the time of a broad word's search at 100k postings.
        const rest = Math.max(0, offset + query.pageSize - RANKED_CANDIDATES);
        page = sql`select id from (
            (select c.id, 0 as part, ${rankOf(terms)} as rank, c.next_starts_at
              from (select id, next_starts_at from m order by next_starts_at asc, id asc limit ${RANKED_CANDIDATES}) c
              join posting_search ps on ps.posting_id = c.id)
            union all
            (select id, 1, null::float4, next_starts_at from m order by next_starts_at asc, id asc
              limit ${rest} offset ${RANKED_CANDIDATES})
          ) u order by part, rank desc, next_starts_at asc, id asc limit ${query.pageSize} offset ${offset}`;
      } else {
        page = sql`select id from m order by ${order} limit ${query.pageSize} offset ${offset}`;
      }
    } else {
      // Browsing: the counts are one pass over the summary (its covering index where the table is vacuumed)
      // and one over the few rows read from their shifts, with no list of every row in between.
      counted = [sql`(${branch(summary.holds, "facets")}) m`];
      if (summary.stale) counted.push(sql`(${branch(summary.stale, "facets")}) m`);
      if (nearest) {
        page = sql`select id from (${all("order")}) u order by ${order} limit ${query.pageSize} offset ${offset}`;
      } else {
        // Soonest or newest first: the rows whose summary holds come from the index in that order, a page's
        // worth, merged with the few read from their shifts.
        const indexed = newest ? sql`ps.published_at desc nulls last, ps.posting_id desc` : sql`ps.next_starts_at, ps.posting_id`;
        const holds = sql`(${branch(summary.holds, "order")} order by ${indexed} limit ${query.pageSize + offset})`;
        page = sql`select id from (
            ${holds} ${summary.stale ? sql`union all (${branch(summary.stale, "order")})` : sql``}
          ) u order by ${order} limit ${query.pageSize} offset ${offset}`;
      }
    }
    const cells = sql.join(
      counted.map(
        (rows) => sql`select category_id, district_id, organisation_kind, count(*)::int as n,
            count(*) filter (where has_weekday)::int as weekday, count(*) filter (where has_weekend)::int as weekend,
            count(*) filter (where open_to_minors)::int as minors
          from ${rows} group by category_id, district_id, organisation_kind`,
      ),
      sql` union all `,
    );

    // Every facet counted in one aggregate; texts, names and the next shift that counts read for the page only.
    const statement = sql<{ facets: FacetCell[] | null; hits: PageRow[] | null }>`
      ${ctes ?? sql``}
      select
        (select json_agg(json_build_array(c.code, d.code, f.organisation_kind, f.n, f.weekday, f.weekend, f.minors)) from (${cells}) f
        left join categories c on c.id = f.category_id
        left join districts d on d.id = f.district_id) as facets,
        ${hitsOf(page, near, shifts)} as hits`;
    return statement;
  };
  // Over many rows the statement looks expensive enough for PostgreSQL to compile it (JIT), which takes
  // longer than running it (seconds at 100k postings); and the matching rows should stay in memory. With
  // words, the matching rows come from an index (the vectors', or a filter's when that is narrower): for a
  // broad word (half the postings) the planner prefers reading the whole table, where testing every row's
  // vector takes about twice as long. Told not to, it may read a partial index whole instead, as costly:
  // the indexes on category and district are whole (migration 0009), so they never stand in for the table.
  // In the same round trip, whether any row that counts has a summary that no longer holds (a shift started
  // since it was computed, or it was computed after `now`; a row computed after `now` with no next shift has
  // its previous one at or after `now`). One snapshot for both statements (repeatable read), so the answer
  // holds for the search.
  const result = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const { rows } = await sql<{ stale: boolean }>`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)
        ${tsquery ? sql`, set_config('enable_seqscan', 'off', true)` : sql``},
        ${
          f.from || f.to
            ? sql`false`
            : sql`exists (select 1 from posting_search ps where ps.searchable and ps.next_starts_at < ${now} and ps.last_starts_at >= ${lower})
                or exists (select 1 from posting_search ps where ps.searchable and ps.prev_starts_at >= ${now} and ps.last_starts_at >= ${lower})`
        } as stale`.execute(trx);
      return compose(rows[0].stale).execute(trx);
    });

  const row = result.rows[0];
  const { total, facets } = toFacets(row.facets ?? []);
  const hits = toHits(row.hits ?? [], terms);
  return { hits, total, page: query.page, pageSize: query.pageSize, facets, engine: "postgres" };
}

interface Schedule {
  /** Joined after posting_search ps. */
  from: RawBuilder<unknown>;
  /** Which rows this schedule is for, and that they have a shift that counts. */
  where: RawBuilder<unknown>[];
  next: RawBuilder<unknown>;
  weekday: RawBuilder<unknown>;
  weekend: RawBuilder<unknown>;
  placesLeft: RawBuilder<unknown>;
}

/** The shifts that count for a posting: from `lower` on (still to come), and before `upper` when a range ends. */
function shiftsFilter(lower: Date, upper: Date | null) {
  return (posting: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql``) =>
    sql`from shifts s where s.posting_id = ${posting} and s.starts_at >= ${lower} ${upper ? sql`and s.starts_at < ${upper}` : sql``} ${extra}`;
}

/** Rows whose summary still holds at `now`: no shift has started since it was computed. */
function holdsSchedule(now: Date): Schedule {
  return {
    from: sql``,
    where: [sql`ps.next_starts_at >= ${now}`, sql`(ps.prev_starts_at is null or ps.prev_starts_at < ${now})`],
    next: sql`ps.next_starts_at`,
    weekday: sql`ps.has_weekday`,
    weekend: sql`ps.has_weekend`,
    placesLeft: sql`ps.has_places_left`,
  };
}

/**
 * Rows whose summary no longer holds at `now` (a shift started since it was computed, or it was computed after
 * `now`): read from their shifts. The periodic refresh keeps them few; the indexes on next and prev find them.
 */
function staleSchedule(now: Date, shifts: ReturnType<typeof shiftsFilter>): Schedule {
  const any = (condition: RawBuilder<unknown>) => sql`exists (select 1 ${shifts(sql`ps.posting_id`, sql`and ${condition}`)})`;
  return {
    from: sql``,
    where: [sql`(ps.next_starts_at < ${now} or ps.next_starts_at is null or ps.prev_starts_at >= ${now})`],
    next: sql`(select min(s.starts_at) ${shifts(sql`ps.posting_id`)})`,
    weekday: any(WEEKDAY),
    weekend: any(WEEKEND),
    placesLeft: any(sql`s.confirmed_count < s.capacity`),
  };
}

/** With a date range: every matching row's shifts in the range, read once per row after the other conditions. */
function rangeSchedule(shifts: ReturnType<typeof shiftsFilter>): Schedule {
  return {
    from: sql`cross join lateral (
      select min(s.starts_at) as next_starts_at,
        coalesce(bool_or(${WEEKDAY}), false) as has_weekday,
        coalesce(bool_or(${WEEKEND}), false) as has_weekend,
        coalesce(bool_or(s.confirmed_count < s.capacity), false) as has_places_left
      ${shifts(sql`ps.posting_id`)}) x`,
    where: [sql`x.next_starts_at is not null`],
    next: sql`x.next_starts_at`,
    weekday: sql`x.has_weekday`,
    weekend: sql`x.has_weekend`,
    placesLeft: sql`x.has_places_left`,
  };
}

/** Adds up the cells: one hash aggregate over the matching rows costs less than one per facet. */
function toFacets(cells: FacetCell[]): { total: number; facets: Facets } {
  const facets = emptyFacets();
  let total = 0;
  for (const [category, district, kind, n, weekday, weekend, minors] of cells) {
    total += n;
    facets.category[category] = (facets.category[category] ?? 0) + n;
    if (district !== null) facets.district[district] = (facets.district[district] ?? 0) + n;
    facets.organisationKind[kind] = (facets.organisationKind[kind] ?? 0) + n;
    facets.dayType.weekday += weekday;
    facets.dayType.weekend += weekend;
    facets.minorsWelcome.yes += minors;
    facets.minorsWelcome.no += n - minors;
  }
  return { total, facets };
}

/** The page's postings as hits, with the matched words marked in titles and snippets. */
function toHits(rows: PageRow[], terms: QueryTerm[]): SearchHit[] {
  const marks = highlighter(terms.flatMap((t) => t.alternatives));
  return rows.map((h) => ({
    id: h.id,
    title: h.title,
    titleHighlight: marks.highlight(h.title),
    snippet: marks.snippet(h.description),
    organisationName: h.organisation_name,
    organisationKind: h.organisation_kind,
    categoryCode: h.category_code,
    districtCode: h.district_code,
    placeName: h.place_name,
    tags: h.tags,
    welcomesMinors: h.open_to_minors,
    minorsInReview: Boolean(h.minors_in_review),
    nextStartsAt: h.next_starts_at ? new Date(h.next_starts_at).toISOString() : null,
    nextEndsAt: h.next_ends_at ? new Date(h.next_ends_at).toISOString() : null,
    distanceKm: h.distance_km === null || h.distance_km === undefined ? null : Math.round(Number(h.distance_km) * 10) / 10,
    isDemo: h.is_demo,
  }));
}
