import { sql, type Kysely } from "kysely";

// What the impact report reads of each attendance row, on the row itself (docs/decisions/045-attendance-carries-its-session.md):
// the session's start and posting (`shift_starts_at`, `posting_id`, copies of the shift's), and whether the row came
// through a withdrawn, cancelled or declined application (`application_ended`, which participation leaves out).
// With them, the people figures read the attendance alone (or one partial index of it, where the planner prefers)
// instead of joining every attendance row with its session and every ended application.
//
// Triggers keep the copies exact in the transaction of each write, whoever writes:
// - an attendance row takes them from its shift and application when inserted, or when its shift or application
//   changes (an application deleted sets `application_id` to null: the row is then not through an ended one);
// - a shift whose start or posting changes, and an application that becomes ended or stops being ended, write
//   them onto their attendance rows.
// A write skew is closed by row locks: an attendance row being written reads its shift and application FOR SHARE,
// which an update of either waits for (and which waits for an update not yet committed, then reads what it
// committed). So a shift or application changing rewrites, in its trigger's next statement, every attendance row
// committed before it, and a row written after reads the committed change. Row locks live in the rows, not in the
// server's lock table: a statement recording thousands of rows takes no more shared memory. What they cost: an
// update of a shift (an application confirmed changes its count of places) waits for a transaction recording
// attendance on that shift to commit, a few milliseconds at the session, when applications have closed.
const ENDED = `('withdrawn', 'cancelled', 'declined')`;

const UP = [
  `alter table attendance add column shift_starts_at timestamptz, add column posting_id integer, add column application_ended boolean not null default false`,
  `update attendance a set shift_starts_at = s.starts_at, posting_id = s.posting_id from shifts s where s.id = a.shift_id`,
  `update attendance a set application_ended = true from applications ap where ap.id = a.application_id and ap.status in ${ENDED}`,
  `alter table attendance alter column shift_starts_at set not null, alter column posting_id set not null`,
  `create function attendance_report_columns() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' or new.shift_id is distinct from old.shift_id then
      select s.starts_at, s.posting_id into new.shift_starts_at, new.posting_id from shifts s where s.id = new.shift_id for share;
    end if;
    if tg_op = 'INSERT' or new.application_id is distinct from old.application_id then
      if new.application_id is null then
        new.application_ended := false;
      else
        new.application_ended := coalesce((select ap.status in ${ENDED} from applications ap where ap.id = new.application_id for share), false);
      end if;
    end if;
    return new;
  end $$`,
  // Only a change of the shift or the application (a foreign key set to null included) fires it: check-ins, check-outs
  // and confirmations, which update other columns, do not.
  `create trigger attendance_report_columns before insert or update of shift_id, application_id on attendance for each row execute function attendance_report_columns()`,
  `create function attendance_report_columns_of_shift() returns trigger language plpgsql as $$
  begin
    update attendance set shift_starts_at = new.starts_at, posting_id = new.posting_id
      where shift_id = new.id and (shift_starts_at is distinct from new.starts_at or posting_id is distinct from new.posting_id);
    return null;
  end $$`,
  `create trigger attendance_report_columns_of_shift after update of starts_at, posting_id on shifts for each row
    when (old.starts_at is distinct from new.starts_at or old.posting_id is distinct from new.posting_id)
    execute function attendance_report_columns_of_shift()`,
  `create function attendance_report_columns_of_application() returns trigger language plpgsql as $$
  begin
    update attendance set application_ended = (new.status in ${ENDED})
      where application_id = new.id and application_ended is distinct from (new.status in ${ENDED});
    return null;
  end $$`,
  `create trigger attendance_report_columns_of_application after update of status on applications for each row
    when ((old.status in ${ENDED}) is distinct from (new.status in ${ENDED}))
    execute function attendance_report_columns_of_application()`,
  // Participation (app/modules/reports/participation.server.ts TOOK_PART) by person, then session start and posting:
  // the people figures can read this index alone (an index-only scan once vacuum has marked the pages all-visible).
  `create index attendance_took_part_idx on attendance (user_id, shift_starts_at, posting_id)
    where status in ('present', 'late') and user_id is not null and (source <> 'walk_in' or walk_in_confirmed_at is not null) and not application_ended`,
  // The students' hours (participation.server.ts studentMinutes): the rows the hours rule counts, by person, with
  // the session's start and the minutes, so they are read without the table.
  `create index attendance_hours_idx on attendance (user_id, shift_starts_at, confirmed_minutes)
    where confirmed_minutes is not null and status <> 'absent' and user_id is not null and (source <> 'walk_in' or walk_in_confirmed_at is not null)`,
  // Participation no longer looks up ended applications by id (0026).
  `drop index if exists applications_ended_idx`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `create index if not exists applications_ended_idx on applications (id) where status in ${ENDED}`,
    `drop index if exists attendance_hours_idx`,
    `drop index if exists attendance_took_part_idx`,
    `drop trigger if exists attendance_report_columns_of_application on applications`,
    `drop trigger if exists attendance_report_columns_of_shift on shifts`,
    `drop trigger if exists attendance_report_columns on attendance`,
    `drop function if exists attendance_report_columns_of_application()`,
    `drop function if exists attendance_report_columns_of_shift()`,
    `drop function if exists attendance_report_columns()`,
    `alter table attendance drop column if exists application_ended, drop column if exists posting_id, drop column if exists shift_starts_at`,
  ])
    await sql.raw(statement).execute(db);
}
