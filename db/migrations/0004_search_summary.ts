import { sql, type Kysely } from "kysely";

// A search summary per posting (posting_search): what search filters, counts and sorts by, without joins and
// without reading the postings' text. Triggers keep it in step with postings, shifts and organisations in the
// transaction of every write (edits of postings and organisations at its commit), whichever code writes them;
// the search vector is written by search/document.server.ts. The schedule part holds the shifts still to come
// as of the moment it was computed, with the interval in which that stays true (prev_starts_at,
// next_starts_at]: search treats a row outside it as stale and reads its shifts instead, so results are exact
// however old the summary is (docs/decisions/007-search-summary.md).
const UP = [
  `create table posting_search (
    posting_id integer primary key references postings(id) on delete cascade,
    organisation_id integer not null,
    searchable boolean not null,
    category_id integer not null,
    district_id integer,
    organisation_kind text not null,
    welcomes_minors boolean not null,
    latitude double precision,
    longitude double precision,
    published_at timestamptz,
    prev_starts_at timestamptz,
    next_starts_at timestamptz,
    next_ends_at timestamptz,
    last_starts_at timestamptz,
    has_weekday boolean not null default false,
    has_weekend boolean not null default false,
    has_places_left boolean not null default false,
    -- Last, so reading the summary columns above never unpacks it.
    search_vector tsvector not null default ''::tsvector
  )`,
  // Found words write into the pending list only where a vacuum runs to merge it (PGlite has no autovacuum).
  `create index posting_search_vector_idx on posting_search using gin (search_vector) with (fastupdate = off) where searchable`,
  // Soonest and newest first, a page at a time; and the rows whose schedule no longer holds.
  `create index posting_search_next_idx on posting_search (next_starts_at, posting_id) where searchable`,
  `create index posting_search_prev_idx on posting_search (prev_starts_at) where searchable`,
  `create index posting_search_published_idx on posting_search (published_at desc nulls last, posting_id desc) where searchable`,
  // Everything search reads but the words: counting over all postings reads this index, not the table
  // (where a vacuum has marked the table's pages all-visible, as autovacuum does on a PostgreSQL server).
  `create index posting_search_browse_idx on posting_search (last_starts_at)
    include (posting_id, category_id, district_id, organisation_kind, welcomes_minors, has_weekday, has_weekend,
      has_places_left, prev_starts_at, next_starts_at, published_at, latitude, longitude)
    where searchable`,

  // The schedule part: shifts still to come as of now(), and the interval in which that holds. The rows are
  // locked first, and the next statement reads the shifts with a fresh snapshot: two transactions changing
  // shifts of one posting at once then compute one after the other, the second seeing the first's commit.
  `create function posting_search_refresh_schedule(ids integer[]) returns void language sql as $$
    select 1 from posting_search where posting_id = any(ids) order by posting_id for update;
    update posting_search ps set
      (prev_starts_at, next_starts_at, next_ends_at, last_starts_at, has_weekday, has_weekend, has_places_left) = (
        select
          max(s.starts_at) filter (where s.starts_at < now()),
          min(s.starts_at) filter (where s.starts_at >= now()),
          (array_agg(s.ends_at order by s.starts_at, s.id) filter (where s.starts_at >= now()))[1],
          max(s.starts_at),
          coalesce(bool_or(extract(isodow from s.starts_at at time zone 'Asia/Tokyo') < 6) filter (where s.starts_at >= now()), false),
          coalesce(bool_or(extract(isodow from s.starts_at at time zone 'Asia/Tokyo') >= 6) filter (where s.starts_at >= now()), false),
          coalesce(bool_or(s.confirmed_count < s.capacity) filter (where s.starts_at >= now()), false)
        from shifts s where s.posting_id = ps.posting_id)
    where ps.posting_id = any(ids)
  $$`,

  // The whole row: the posting's own fields and its organisation's, then the schedule (locked first, as above).
  `create function posting_search_refresh(ids integer[]) returns void language sql as $$
    select 1 from posting_search where posting_id = any(ids) order by posting_id for update;
    insert into posting_search (posting_id, organisation_id, searchable, category_id, district_id, organisation_kind,
      welcomes_minors, latitude, longitude, published_at)
    select p.id, p.organisation_id, p.status = 'published' and o.status = 'verified', p.category_id, p.district_id, o.kind,
      p.welcomes_minors, p.latitude, p.longitude, p.published_at
    from postings p join organisations o on o.id = p.organisation_id
    where p.id = any(ids)
    on conflict (posting_id) do update set
      organisation_id = excluded.organisation_id, searchable = excluded.searchable, category_id = excluded.category_id,
      district_id = excluded.district_id, organisation_kind = excluded.organisation_kind,
      welcomes_minors = excluded.welcomes_minors, latitude = excluded.latitude, longitude = excluded.longitude,
      published_at = excluded.published_at;
    select posting_search_refresh_schedule(ids);
  $$`,

  `create function posting_search_postings_inserted() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh(array(select id from new_rows));
    return null;
  end $$`,
  // Edits of a posting or an organisation are summarised at commit (deferred): the summary's row is then locked
  // last, after the shifts the same transaction may still wait for, so an edit and an application to one of its
  // shifts cannot deadlock. Only changes search reads fire them: the search vector written alone does not.
  `create function posting_search_posting_updated() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh(array[new.id]);
    return null;
  end $$`,
  `create function posting_search_shifts_inserted() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh_schedule(array(select distinct posting_id from new_rows));
    return null;
  end $$`,
  `create function posting_search_shifts_updated() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh_schedule(array(select posting_id from new_rows union select posting_id from old_rows));
    return null;
  end $$`,
  `create function posting_search_shifts_deleted() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh_schedule(array(select distinct posting_id from old_rows));
    return null;
  end $$`,
  `create function posting_search_organisation_updated() returns trigger language plpgsql as $$
  begin
    perform posting_search_refresh(array(select id from postings where organisation_id = new.id));
    return null;
  end $$`,

  `create trigger posting_search_postings_insert after insert on postings
    referencing new table as new_rows for each statement execute function posting_search_postings_inserted()`,
  `create constraint trigger posting_search_postings_update after update on postings
    deferrable initially deferred for each row
    when ((new.organisation_id, new.status, new.category_id, new.district_id, new.welcomes_minors, new.latitude, new.longitude, new.published_at)
      is distinct from (old.organisation_id, old.status, old.category_id, old.district_id, old.welcomes_minors, old.latitude, old.longitude, old.published_at))
    execute function posting_search_posting_updated()`,
  `create trigger posting_search_shifts_insert after insert on shifts
    referencing new table as new_rows for each statement execute function posting_search_shifts_inserted()`,
  `create trigger posting_search_shifts_update after update on shifts
    referencing new table as new_rows old table as old_rows for each statement execute function posting_search_shifts_updated()`,
  `create trigger posting_search_shifts_delete after delete on shifts
    referencing old table as old_rows for each statement execute function posting_search_shifts_deleted()`,
  `create constraint trigger posting_search_organisations_update after update on organisations
    deferrable initially deferred for each row
    when ((new.status, new.kind) is distinct from (old.status, old.kind))
    execute function posting_search_organisation_updated()`,

  // The search vectors move here from postings, next to what search filters and counts by.
  `select posting_search_refresh(array(select id from postings))`,
  `update posting_search ps set search_vector = p.search_vector from postings p where p.id = ps.posting_id`,
  `drop index if exists postings_search_idx`,
  `update postings set search_vector = ''::tsvector where search_vector <> ''::tsvector`,
  `analyze posting_search`,
];

const DOWN = [
  `create index if not exists postings_search_idx on postings using gin (search_vector)`,
  `update postings p set search_vector = ps.search_vector from posting_search ps where ps.posting_id = p.id`,
  `drop trigger if exists posting_search_organisations_update on organisations`,
  `drop trigger if exists posting_search_shifts_delete on shifts`,
  `drop trigger if exists posting_search_shifts_update on shifts`,
  `drop trigger if exists posting_search_shifts_insert on shifts`,
  `drop trigger if exists posting_search_postings_update on postings`,
  `drop trigger if exists posting_search_postings_insert on postings`,
  `drop function if exists posting_search_organisation_updated()`,
  `drop function if exists posting_search_shifts_deleted()`,
  `drop function if exists posting_search_shifts_updated()`,
  `drop function if exists posting_search_shifts_inserted()`,
  `drop function if exists posting_search_posting_updated()`,
  `drop function if exists posting_search_postings_inserted()`,
  `drop function if exists posting_search_refresh(integer[])`,
  `drop function if exists posting_search_refresh_schedule(integer[])`,
  `drop table if exists posting_search`,
];

// Function bodies hold semicolons, so each statement runs on its own rather than through runStatements.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
