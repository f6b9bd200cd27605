import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { MatchIndex, type IndexedPosting } from "./match-index";

/**
 * Each process's in-process search index (search/match-index.ts), filled from posting_search and kept in step
 * with it before every search (docs/decisions/013-in-process-search-index.md).
 *
 * Before a search answers, one statement asks which summary rows were written since this process last looked:
 * the rows whose writing transaction (posting_search.changed_xid, migration 0010) is at or after the oldest
 * transaction still running at that time (its snapshot's xmin), and the postings whose row was deleted since.
 * Every transaction before that xmin had ended then, so a commit is never missed whatever order transactions
 * commit in; a row seen twice is just read again. Those postings are read again (searchable ones with their
 * lexemes and shifts; the others leave the index). Usually nothing changed and the statement returns at once.
 *
 * Read in full: on the first search, when posting_search was rewritten (its file changed: a TRUNCATE, a
 * restore), or when more postings changed at once than reading them one by one is worth.
 */

/** Above this many changed postings the index is read again in full. */
const FULL_RELOAD_ABOVE = 5_000;
/** Postings read per statement while reading in full. */
const LOAD_BATCH = 2_000;

interface PostingRow {
  id: number;
  category_id: number;
  district_id: number | null;
  organisation_kind: string;
  open_to_minors: boolean;
  latitude: number | null;
  longitude: number | null;
  published_at: number | string | null;
  lexemes: string[] | null;
  shifts: [number, boolean][] | string | null;
}

function toIndexed(row: PostingRow): IndexedPosting {
  const shifts = typeof row.shifts === "string" ? (JSON.parse(row.shifts) as [number, boolean][]) : (row.shifts ?? []);
  return {
    id: row.id,
    categoryId: row.category_id,
    districtId: row.district_id,
    organisationKind: row.organisation_kind,
    welcomesMinors: row.open_to_minors,
    latitude: row.latitude === null ? null : Number(row.latitude),
    longitude: row.longitude === null ? null : Number(row.longitude),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
    shifts: shifts.map(([startsAt, placesLeft]) => ({ startsAt: Number(startsAt), placesLeft })),
    lexemes: row.lexemes ?? [],
  };
}

/** Searchable summaries with their lexemes and every shift (start in ms, and whether it has a place left). */
function selectPostings(where: RawBuilder<unknown>, limit?: number) {
  return sql<PostingRow>`
    select ps.posting_id as id, ps.category_id, ps.district_id, ps.organisation_kind, ps.open_to_minors,
      ps.latitude, ps.longitude, (extract(epoch from ps.published_at) * 1000)::float8 as published_at,
      tsvector_to_array(ps.search_vector) as lexemes,
      (select json_agg(json_build_array((extract(epoch from s.starts_at) * 1000)::float8, s.confirmed_count < s.capacity)
          order by s.starts_at, s.id)
        from shifts s where s.posting_id = ps.posting_id) as shifts
    from posting_search ps
    where ps.searchable and ${where}
    order by ps.posting_id ${limit ? sql`limit ${limit}` : sql``}`;
}

type CodeRow = ["c" | "d", number, string];

export interface Codes {
  categoryId: Map<string, number>;
  categoryCode: Map<number, string>;
  districtId: Map<string, number>;
  districtCode: Map<number, string>;
}

function toCodes(rows: CodeRow[] | string | null): Codes {
  const list = typeof rows === "string" ? (JSON.parse(rows) as CodeRow[]) : (rows ?? []);
  const codes: Codes = { categoryId: new Map(), categoryCode: new Map(), districtId: new Map(), districtCode: new Map() };
  for (const [table, id, code] of list) {
    if (table === "c") {
      codes.categoryId.set(code, id);
      codes.categoryCode.set(id, code);
    } else {
      codes.districtId.set(code, id);
      codes.districtCode.set(id, code);
    }
  }
  return codes;
}

export interface IndexStats {
  /** Full reads so far, and how long the last one took. */
  fullLoads: number;
  lastFullLoadMs: number;
  /** Postings read again one by one since the process started. */
  postingsFollowed: number;
}

class FollowedIndex {
  index = new MatchIndex();
  /** posting_search's file when last read in full, and the xmin of the last look: null before the first. */
  private filenode: string | null = null;
  private since: string | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Category and district codes by id and ids by code, as of the last look. */
  codes: Codes = toCodes([]);
  readonly stats: IndexStats = { fullLoads: 0, lastFullLoadMs: 0, postingsFollowed: 0 };

  constructor(private readonly db: Executor) {}

  /**
   * Brings the index up to date with every commit made before the call. A look already under way may have
   * started before a commit the caller made, so callers arriving during one wait for the next, which they share.
   */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = this.catchUp().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async catchUp(): Promise<void> {
    const since = this.since;
    const { rows } = await sql<{ filenode: string | null; xmin: string; ids: number[] | null; codes: CodeRow[] | string }>`
      select pg_relation_filenode('posting_search')::text as filenode, pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
        coalesce((select jsonb_agg(jsonb_build_array('c', id, code)) from categories), '[]'::jsonb) ||
          coalesce((select jsonb_agg(jsonb_build_array('d', id, code)) from districts), '[]'::jsonb) as codes,
        ${
          since === null
            ? sql`null::int[]`
            : sql`array(select posting_id from posting_search where changed_xid >= ${since}::xid8
                union select posting_id from posting_search_removed where changed_xid >= ${since}::xid8
                limit ${FULL_RELOAD_ABOVE + 1})`
        } as ids`.execute(this.db);
    const { filenode, xmin, ids } = rows[0];
    this.codes = toCodes(rows[0].codes);
    if (since === null || filenode !== this.filenode || !ids || ids.length > FULL_RELOAD_ABOVE) {
      await this.loadAll();
      this.filenode = filenode;
    } else if (ids.length) {
      const found = await selectPostings(sql`ps.posting_id = any(${ids}::int[])`).execute(this.db);
      const searchable = new Set<number>();
      for (const row of found.rows) {
        this.index.upsert(toIndexed(row));
        searchable.add(row.id);
      }
      for (const id of ids) if (!searchable.has(id)) this.index.remove(id);
      this.stats.postingsFollowed += ids.length;
    }
    this.since = xmin;
  }

  private async loadAll(): Promise<void> {
    const started = performance.now();
    const index = new MatchIndex();
    for (let after = 0; ; ) {
      const { rows } = await selectPostings(sql`ps.posting_id > ${after}`, LOAD_BATCH).execute(this.db);
      for (const row of rows) index.upsert(toIndexed(row));
      if (rows.length < LOAD_BATCH) break;
      after = rows[rows.length - 1].id;
    }
    this.index = index;
    this.stats.fullLoads++;
    this.stats.lastFullLoadMs = performance.now() - started;
  }
}

const followed = new WeakMap<object, FollowedIndex>();

function followerFor(db: Executor): FollowedIndex {
  let follower = followed.get(db);
  if (!follower) {
    follower = new FollowedIndex(db);
    followed.set(db, follower);
  }
  return follower;
}

/**
 * This process's index of the database's searchable postings, and the category and district codes, up to date
 * with every commit made before the call. Use the index before the next await: a later look may replace it.
 */
export async function currentMatchIndex(db: Executor): Promise<{ index: MatchIndex; codes: Codes }> {
  const follower = followerFor(db);
  await follower.sync();
  return { index: follower.index, codes: follower.codes };
}

/** How the index of this database has been kept (for the benchmark). */
export function matchIndexStats(db: Executor): IndexStats | null {
  return followed.get(db)?.stats ?? null;
}
