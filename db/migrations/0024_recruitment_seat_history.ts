import { sql, type Kysely } from "kysely";
import { runStatements } from "./statements";

// The seat board keeps counts only as they are now (0018). To report the 民生委員・児童委員 fill rate over time, every
// change to an area's 定数 or serving count (or its district, or its removal) is written as a snapshot of that area
// by a trigger, in the transaction that made the change — whatever made it: the board's form, an edit, a CSV
// import, an appointment (委嘱), the demo's removal. The state at any instant is each area's latest snapshot up to
// then. The history starts now, with today's state; `recruitment_seat_history_began` says when, so a date before
// it is "not recorded", never zero. No commissioner is named: the snapshots are counts, like the board. Neither
// area nor district is a foreign key, so the history of an area (or district) that is later removed stays.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table recruitment_seat_history (
      id integer generated always as identity primary key,
      area_id integer not null,
      district_id integer not null,
      name text not null,
      seats integer not null check (seats >= 0),
      serving integer not null check (serving >= 0),
      removed boolean not null default false,
      changed_at timestamptz not null default now()
    );
    create index recruitment_seat_history_area_idx on recruitment_seat_history(area_id, changed_at desc, id desc);

    create table recruitment_seat_history_began (
      id integer primary key default 1 check (id = 1),
      at timestamptz not null default now()
    );
    insert into recruitment_seat_history_began (id) values (1);

    insert into recruitment_seat_history (area_id, district_id, name, seats, serving)
      select id, district_id, name, seats, serving from recruitment_areas;
  `,
  );
  await sql`create or replace function recruitment_seat_history_write() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        insert into recruitment_seat_history (area_id, district_id, name, seats, serving, removed)
          values (old.id, old.district_id, old.name, 0, 0, true);
        return null;
      end if;
      if tg_op = 'UPDATE' then
        -- Households, term end and intentions are not seats: an edit of those alone is no new state.
        if (new.seats, new.serving, new.district_id, new.name) is not distinct from (old.seats, old.serving, old.district_id, old.name) then
          return null;
        end if;
      end if;
      insert into recruitment_seat_history (area_id, district_id, name, seats, serving)
        values (new.id, new.district_id, new.name, new.seats, new.serving);
      return null;
    end $$`.execute(db);
  await sql`create trigger recruitment_seat_history_write after insert or update or delete on recruitment_areas
    for each row execute function recruitment_seat_history_write()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop trigger if exists recruitment_seat_history_write on recruitment_areas;
    drop function if exists recruitment_seat_history_write();
    drop table if exists recruitment_seat_history_began;
    drop table if exists recruitment_seat_history;
  `,
  );
}
