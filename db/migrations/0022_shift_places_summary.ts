import { sql, type Kysely } from "kysely";

// A shift's search summary (0004) is computed again only when something it shows changed: the shift's times, its
// capacity, or whether it has a place left. Taking or giving back a place changes only confirmed_count, which the
// summary shows only as "a place left or not"; every application used to rewrite the posting's summary row
// under a lock on it, while holding the shift's own lock, so everyone applying to any shift of one posting queued
// behind that rewrite (and each search process then read the posting again). Statement-level, as before: the
// transition tables say which rows changed how.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function posting_search_shifts_updated() returns trigger language plpgsql as $$
    declare
      ids integer[];
    begin
      ids := array(
        select n.posting_id from new_rows n join old_rows o on o.id = n.id
        where (n.posting_id, n.starts_at, n.ends_at, n.capacity, n.confirmed_count < n.capacity)
          is distinct from (o.posting_id, o.starts_at, o.ends_at, o.capacity, o.confirmed_count < o.capacity)
        union
        select o.posting_id from new_rows n join old_rows o on o.id = n.id
        where n.posting_id is distinct from o.posting_id);
      if cardinality(ids) > 0 then
        perform posting_search_refresh_schedule(ids);
      end if;
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create or replace function posting_search_shifts_updated() returns trigger language plpgsql as $$
    begin
      perform posting_search_refresh_schedule(array(select posting_id from new_rows union select posting_id from old_rows));
      return null;
    end $$`.execute(db);
}
