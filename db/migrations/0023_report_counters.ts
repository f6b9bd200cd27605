import { sql, type Kysely } from "kysely";
import { runStatements } from "./statements";

// Counters for the impact report's heaviest figures (docs/decisions/040-report-counters.md), kept by triggers in
// the transaction of the write, so they are exact after every commit: not a cache.
//
// Each counter table is a ledger of signed changes: a statement on applications or attendance adds one row per
// key it changed (what the new rows count minus what the old rows counted), and a reader sums the rows of a key.
// Adding rows takes no lock on anything another transaction holds, so the counters add no waiting to the apply
// path and cannot deadlock; concurrent changes add up whatever order they commit in. The hourly maintenance
// folds a key's rows into one (`report_counts_compact`), and drops the rows of postings and shifts deleted since.
// The keys have no foreign keys on purpose: a posting or shift deleted leaves its rows to the compaction, and the
// readers join postings and shifts, so they never count them.
//
// What each ledger counts is a function of a single row, so a trigger never reads another table:
// - report_application_days: applications made per posting and Tokyo day of created_at, and of them by minors;
// - report_shift_counts: per shift, applications holding a place (confirmed or no_show), those marked no_show,
//   and the minutes a group confirmed (the hours rule: not absent, an account, a walk-in once confirmed).
const TRIGGERS = (["applications", "attendance"] as const).flatMap((table) =>
  (
    [
      ["insert", "new table as new_rows"],
      ["update", "old table as old_rows new table as new_rows"],
      ["delete", "old table as old_rows"],
    ] as const
  ).map(([event, tables]) => [`report_counts_${table}_${event}`, event, table, tables] as const),
);

const UP = [
  `create table report_application_days (
  posting_id integer not null,
  day date not null,
  applications integer not null,
  minor_applications integer not null
)`,
  `create index report_application_days_day_idx on report_application_days (day, posting_id)`,
  `create table report_shift_counts (
  shift_id integer not null,
  places_held integer not null,
  marked_no_show integer not null,
  confirmed_minutes integer not null
)`,
  `create index report_shift_counts_shift_idx on report_shift_counts (shift_id)`,
  // The no-shows the counters leave out (confirmed, attendance absent) are read from the few absent rows.
  `create index attendance_absent_idx on attendance (shift_id, user_id) where status = 'absent'`,
  `create function report_counts_applications() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      insert into report_application_days (posting_id, day, applications, minor_applications)
        select posting_id, (created_at at time zone 'Asia/Tokyo')::date, count(*), count(*) filter (where minor) from new_rows group by 1, 2;
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, count(*), count(*) filter (where status = 'no_show'), 0 from new_rows
        where shift_id is not null and status in ('confirmed', 'no_show') group by 1;
    elsif tg_op = 'DELETE' then
      insert into report_application_days (posting_id, day, applications, minor_applications)
        select posting_id, (created_at at time zone 'Asia/Tokyo')::date, -count(*), -count(*) filter (where minor) from old_rows group by 1, 2;
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, -count(*), -count(*) filter (where status = 'no_show'), 0 from old_rows
        where shift_id is not null and status in ('confirmed', 'no_show') group by 1;
    else
      -- Most updates (a decision, a withdrawal, a retention purge of texts) change no key or nothing counted:
      -- then the new and old rows cancel out and nothing is written.
      insert into report_application_days (posting_id, day, applications, minor_applications)
        select posting_id, day, sum(n), sum(m) from (
          select posting_id, (created_at at time zone 'Asia/Tokyo')::date as day, 1 as n, case when minor then 1 else 0 end as m from new_rows
          union all
          select posting_id, (created_at at time zone 'Asia/Tokyo')::date, -1, case when minor then -1 else 0 end from old_rows
        ) d group by 1, 2 having sum(n) <> 0 or sum(m) <> 0;
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, sum(h), sum(x), 0 from (
          select shift_id, 1 as h, case when status = 'no_show' then 1 else 0 end as x from new_rows
          where shift_id is not null and status in ('confirmed', 'no_show')
          union all
          select shift_id, -1, case when status = 'no_show' then -1 else 0 end from old_rows
          where shift_id is not null and status in ('confirmed', 'no_show')
        ) d group by 1 having sum(h) <> 0 or sum(x) <> 0;
    end if;
    return null;
  end $$`,
  // The minutes an attendance row counts for (the hours rule of app/modules/attendance/hours.server.ts).
  `create function report_counted_minutes(a attendance) returns integer language sql immutable as $$
  select case when a.confirmed_minutes is not null and a.status <> 'absent' and a.user_id is not null
    and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null) then a.confirmed_minutes else 0 end
$$`,
  `create function report_counts_attendance() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, 0, 0, sum(report_counted_minutes(n)) from new_rows n group by 1 having sum(report_counted_minutes(n)) <> 0;
    elsif tg_op = 'DELETE' then
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, 0, 0, -sum(report_counted_minutes(o)) from old_rows o group by 1 having sum(report_counted_minutes(o)) <> 0;
    else
      insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
        select shift_id, 0, 0, sum(m) from (
          select n.shift_id, report_counted_minutes(n) as m from new_rows n
          union all
          select o.shift_id, -report_counted_minutes(o) from old_rows o
        ) d group by 1 having sum(m) <> 0;
    end if;
    return null;
  end $$`,
  // Transition tables allow one event per trigger: three triggers on each table, one function.
  ...TRIGGERS.map(([name, event, table, tables]) => `create trigger ${name} after ${event} on ${table} referencing ${tables} for each statement execute function report_counts_${table}()`),
  // Folds each key's rows into one (dropping keys that sum to nothing, and those of deleted postings and shifts).
  // Safe beside writers and readers: it deletes only rows its snapshot sees and inserts their sums in the same
  // transaction; a second run at once waits for the rows the first deleted and skips them.
  `create function report_counts_compact() returns void language plpgsql as $$
  begin
    with spread as (
      select posting_id, day from report_application_days group by 1, 2
      having count(*) > 1 or sum(applications) = 0 and sum(minor_applications) = 0
        or not exists (select 1 from postings p where p.id = posting_id)
    ), gone as (
      delete from report_application_days c using spread s where c.posting_id = s.posting_id and c.day = s.day returning c.*
    )
    insert into report_application_days (posting_id, day, applications, minor_applications)
      select g.posting_id, g.day, sum(g.applications), sum(g.minor_applications) from gone g
      where exists (select 1 from postings p where p.id = g.posting_id)
      group by 1, 2 having sum(g.applications) <> 0 or sum(g.minor_applications) <> 0;
    with spread as (
      select shift_id from report_shift_counts group by 1
      having count(*) > 1 or sum(places_held) = 0 and sum(marked_no_show) = 0 and sum(confirmed_minutes) = 0
        or not exists (select 1 from shifts s where s.id = shift_id)
    ), gone as (
      delete from report_shift_counts c using spread s where c.shift_id = s.shift_id returning c.*
    )
    insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
      select g.shift_id, sum(g.places_held), sum(g.marked_no_show), sum(g.confirmed_minutes) from gone g
      where exists (select 1 from shifts s where s.id = g.shift_id)
      group by 1 having sum(g.places_held) <> 0 or sum(g.marked_no_show) <> 0 or sum(g.confirmed_minutes) <> 0;
  end $$`,
  // The counts of the rows already there.
  `insert into report_application_days (posting_id, day, applications, minor_applications)
  select posting_id, (created_at at time zone 'Asia/Tokyo')::date, count(*), count(*) filter (where minor) from applications group by 1, 2`,
  `insert into report_shift_counts (shift_id, places_held, marked_no_show, confirmed_minutes)
  select shift_id, sum(h), sum(x), sum(m) from (
    select shift_id, 1 as h, case when status = 'no_show' then 1 else 0 end as x, 0 as m from applications
    where shift_id is not null and status in ('confirmed', 'no_show')
    union all
    select a.shift_id, 0, 0, report_counted_minutes(a) from attendance a
  ) d group by 1 having sum(h) <> 0 or sum(x) <> 0 or sum(m) <> 0`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, , table] of TRIGGERS) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
  await runStatements(
    db,
    `
    drop function if exists report_counts_compact();
    drop function if exists report_counts_attendance();
    drop function if exists report_counted_minutes(attendance);
    drop function if exists report_counts_applications();
    drop index if exists attendance_absent_idx;
    drop table if exists report_shift_counts, report_application_days;
  `,
  );
}
