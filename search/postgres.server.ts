import { sql, type RawBuilder } from "kysely";
import type { DB } from "#db/client.server";
import { snippet, highlight } from "./highlight";
import { queryTerms, type QueryTerm } from "./text";
import { loadSearchDictionary } from "./dictionary.server";
import type { Facets, SearchEngine, SearchHit, SearchQuery, SearchResult } from "./types";

/** A lexeme as a tsquery literal: quoted, so nothing in it is read as an operator. */
function lexeme(word: string, prefix: boolean): string {
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'${prefix ? ":*" : ""}`;
}

export function toTsquery(terms: QueryTerm[]): string {
  return terms.map((t) => `(${[...new Set(t.alternatives)].map((a) => lexeme(a, t.prefix)).join(" | ")})`).join(" & ");
}

const DAY_START = (date: string) => `${date}T00:00:00+09:00`;

interface Row {
  id: number;
  title: string;
  description: string;
  tags: string[];
  place_name: string;
  welcomes_minors: boolean;
  is_demo: boolean;
  organisation_name: string;
  organisation_kind: string;
  category_code: string;
  district_code: string | null;
  next_starts_at: Date | null;
  next_ends_at: Date | null;
  distance_km: number | null;
}

/**
 * The default engine: full-text search, filters, facets and sorts in one SQL statement over the postings
 * table, the same on PGlite and on a PostgreSQL server.
 */
export function createPostgresSearchEngine(db: DB): SearchEngine {
  return {
    name: "postgres",
    async search(query: SearchQuery, now = new Date()): Promise<SearchResult> {
      const dictionary = await loadSearchDictionary(db);
      const terms = queryTerms(query.text, { synonyms: dictionary.synonyms, vocabulary: dictionary.vocabulary });
      const tsquery = terms.length ? toTsquery(terms) : null;
      const f = query.filters;
      const from = f.from ? new Date(DAY_START(f.from)) : now;
      const lower = from > now ? from : now;
      const upper = f.to ? new Date(new Date(DAY_START(f.to)).getTime() + 86400_000) : null;

      const where: RawBuilder<unknown>[] = [sql`p.status = 'published'`, sql`o.status = 'verified'`, sql`ns.next_starts_at is not null`];
      if (tsquery) where.push(sql`p.search_vector @@ ${tsquery}::tsquery`);
      if (f.categories?.length) where.push(sql`c.code = any(${f.categories}::text[])`);
      if (f.districts?.length) where.push(sql`d.code = any(${f.districts}::text[])`);
      if (f.organisationKinds?.length) where.push(sql`o.kind = any(${f.organisationKinds}::text[])`);
      if (f.minorsWelcome) where.push(sql`p.welcomes_minors`);
      if (f.dayType === "weekend") where.push(sql`ns.has_weekend`);
      if (f.dayType === "weekday") where.push(sql`ns.has_weekday`);
      if (f.hasPlacesLeft) where.push(sql`ns.has_places_left`);

      const near = query.near;
      const distance = near
        ? sql<number>`case when p.latitude is null or p.longitude is null then null else
            12742 * asin(sqrt(power(sin(radians(p.latitude - ${near.lat}) / 2), 2) +
            cos(radians(${near.lat})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${near.lng}) / 2), 2))) end`
        : sql<number>`null::float8`;
      const rank = tsquery ? sql`ts_rank(p.search_vector, ${tsquery}::tsquery, 1)` : sql`0`;
      const order =
        query.sort === "nearest" && near
          ? sql`m.distance_km asc nulls last, m.next_starts_at asc, m.id asc`
          : query.sort === "newest"
            ? sql`m.published_at desc nulls last, m.id desc`
            : query.sort === "relevance" && tsquery
              ? sql`m.rank desc, m.next_starts_at asc, m.id asc`
              : sql`m.next_starts_at asc, m.id asc`;
      const offset = (query.page - 1) * query.pageSize;

      // One statement: the matching set once, then the page of hits and every facet count over it.
      const result = await sql<{ total: number; hits: Row[] | null; facets: Record<string, Record<string, number> | null> }>`
        with matched as materialized (
          select p.id, p.title, p.description, p.tags, p.place_name, p.welcomes_minors, p.is_demo, p.published_at,
            o.name as organisation_name, o.kind as organisation_kind, c.code as category_code, d.code as district_code,
            ns.next_starts_at, ns.next_ends_at, ns.has_weekday, ns.has_weekend,
            ${distance} as distance_km, ${rank} as rank
          from postings p
          join organisations o on o.id = p.organisation_id
          join categories c on c.id = p.category_id
          left join districts d on d.id = p.district_id
          left join lateral (
            select min(s.starts_at) as next_starts_at,
              (array_agg(s.ends_at order by s.starts_at))[1] as next_ends_at,
              bool_or(extract(isodow from s.starts_at at time zone 'Asia/Tokyo') in (6, 7)) as has_weekend,
              bool_or(extract(isodow from s.starts_at at time zone 'Asia/Tokyo') not in (6, 7)) as has_weekday,
              bool_or(s.capacity > 0) as has_places_left
            from shifts s
            where s.posting_id = p.id and s.starts_at >= ${lower} ${upper ? sql`and s.starts_at < ${upper}` : sql``}
          ) ns on true
          where ${sql.join(where, sql` and `)}
        )
        select
          (select count(*)::int from matched) as total,
          (select json_agg(h) from (
            select m.id, m.title, m.description, m.tags, m.place_name, m.welcomes_minors, m.is_demo,
              m.organisation_name, m.organisation_kind, m.category_code, m.district_code,
              m.next_starts_at, m.next_ends_at, m.distance_km
            from matched m order by ${order} limit ${query.pageSize} offset ${offset}
          ) h) as hits,
          json_build_object(
            'category', (select json_object_agg(k, n) from (select category_code as k, count(*)::int as n from matched group by 1) x),
            'district', (select json_object_agg(k, n) from (select district_code as k, count(*)::int as n from matched where district_code is not null group by 1) x),
            'organisationKind', (select json_object_agg(k, n) from (select organisation_kind as k, count(*)::int as n from matched group by 1) x),
            'dayType', json_build_object('weekday', (select count(*)::int from matched where has_weekday), 'weekend', (select count(*)::int from matched where has_weekend)),
            'minorsWelcome', json_build_object('yes', (select count(*)::int from matched where welcomes_minors), 'no', (select count(*)::int from matched where not welcomes_minors))
          ) as facets`.execute(db);

      const row = result.rows[0];
      const needles = [...new Set(terms.flatMap((t) => t.alternatives))];
      const hits: SearchHit[] = (row.hits ?? []).map((h) => ({
        id: h.id,
        title: h.title,
        titleHighlight: highlight(h.title, needles),
        snippet: snippet(h.description, needles),
        organisationName: h.organisation_name,
        organisationKind: h.organisation_kind,
        categoryCode: h.category_code,
        districtCode: h.district_code,
        placeName: h.place_name,
        tags: h.tags,
        welcomesMinors: h.welcomes_minors,
        nextStartsAt: h.next_starts_at ? new Date(h.next_starts_at).toISOString() : null,
        nextEndsAt: h.next_ends_at ? new Date(h.next_ends_at).toISOString() : null,
        distanceKm: h.distance_km === null || h.distance_km === undefined ? null : Math.round(Number(h.distance_km) * 10) / 10,
        isDemo: h.is_demo,
      }));
      const facets = row.facets as unknown as Facets;
      return {
        hits,
        total: Number(row.total),
        page: query.page,
        pageSize: query.pageSize,
        facets: {
          category: facets.category ?? {},
          district: facets.district ?? {},
          organisationKind: facets.organisationKind ?? {},
          dayType: facets.dayType,
          minorsWelcome: facets.minorsWelcome,
        },
        engine: "postgres",
      };
    },
  };
}
