import { sql, type Kysely } from "kysely";

// Which search summaries changed, for the in-process search index each application process keeps
// (search/match-index.server.ts, docs/decisions/013-in-process-search-index.md): every insert or update of a
// posting_search row records the writing transaction's id, and a deleted row leaves its posting id behind. A
// process asks for the rows written by transactions at or after the oldest one still running when it last
// looked (its snapshot's xmin): every transaction before that had ended then, so nothing committed later is
// missed, whatever order transactions commit in. The triggers that keep the summary (0004) and the writer of the
// vectors all update the row, so this one trigger sees them all.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table posting_search add column changed_xid xid8 not null default pg_current_xact_id()`.execute(db);
  await sql`create index posting_search_changed_idx on posting_search (changed_xid)`.execute(db);
  await sql`create table posting_search_removed (
    posting_id integer not null,
    changed_xid xid8 not null default pg_current_xact_id()
  )`.execute(db);
  await sql`create index posting_search_removed_changed_idx on posting_search_removed (changed_xid)`.execute(db);
  await sql`create function posting_search_mark_changed() returns trigger language plpgsql as $$
    begin
      new.changed_xid := pg_current_xact_id();
      return new;
    end $$`.execute(db);
  await sql`create trigger posting_search_changed before update on posting_search
    for each row execute function posting_search_mark_changed()`.execute(db);
  await sql`create function posting_search_mark_removed() returns trigger language plpgsql as $$
    begin
      insert into posting_search_removed (posting_id) select posting_id from old_rows;
      return null;
    end $$`.execute(db);
  await sql`create trigger posting_search_removed after delete on posting_search
    referencing old table as old_rows for each statement execute function posting_search_mark_removed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists posting_search_removed on posting_search`.execute(db);
  await sql`drop function if exists posting_search_mark_removed()`.execute(db);
  await sql`drop trigger if exists posting_search_changed on posting_search`.execute(db);
  await sql`drop function if exists posting_search_mark_changed()`.execute(db);
  await sql`drop table if exists posting_search_removed`.execute(db);
  await sql`drop index if exists posting_search_changed_idx`.execute(db);
  await sql`alter table posting_search drop column if exists changed_xid`.execute(db);
}
