import { sql, type Kysely } from "kysely";

// 日本版DBS (こども性暴力防止法, from 2026-12-25): a record that a criminal-record check was done must be deleted
// within 30 days after the person stops doing the work, and by the fifth year after the check at the latest. The
// site knows someone stopped doing an organisation's work when their membership ends — whichever way it ends
// (removed by an owner, the account deleted, an organisation's cascade) — so a trigger on memberships stamps
// work_ended_at on that organisation's check records of the person, and clears it if they join again. The
// retention job (app/modules/safeguarding/check-retention.server.ts) deletes what is due.
const UP = [
  `alter table criminal_record_checks add column work_ended_at timestamptz`,
  `comment on column criminal_record_checks.work_ended_at is 'When the person stopped doing the organisation''s work (their membership ended); the record is deleted 30 days later.'`,
  // Checks of people who are no longer members (or whose account was deleted) already: their 30 days start now.
  `update criminal_record_checks c set work_ended_at = now()
    where not exists (
      select 1 from memberships m join users u on u.id = m.user_id
      where m.organisation_id = c.organisation_id and m.user_id = c.user_id and u.deleted_at is null)`,
  `create function criminal_record_checks_membership_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update criminal_record_checks set work_ended_at = now()
          where organisation_id = old.organisation_id and user_id = old.user_id and work_ended_at is null;
        return old;
      end if;
      update criminal_record_checks set work_ended_at = null
        where organisation_id = new.organisation_id and user_id = new.user_id and work_ended_at is not null;
      return new;
    end $$`,
  `create trigger memberships_check_records_work_ended after delete on memberships
    for each row execute function criminal_record_checks_membership_changed()`,
  `create trigger memberships_check_records_work_resumed after insert on memberships
    for each row execute function criminal_record_checks_membership_changed()`,
  `create index criminal_record_checks_retention_idx on criminal_record_checks (work_ended_at, checked_on)`,
];

const DOWN = [
  `drop index if exists criminal_record_checks_retention_idx`,
  `drop trigger if exists memberships_check_records_work_resumed on memberships`,
  `drop trigger if exists memberships_check_records_work_ended on memberships`,
  `drop function if exists criminal_record_checks_membership_changed()`,
  `alter table criminal_record_checks drop column if exists work_ended_at`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
