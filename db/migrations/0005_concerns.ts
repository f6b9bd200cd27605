import { sql, type Kysely } from "kysely";

// Safeguarding, first slice: concern reports from anyone and the staff queue that handles them, the searches
// staff run over the audit log, and the retention of minors' data (anonymous counts kept, texts cleared).
const UP = [
  `create table concerns (
    id integer generated always as identity primary key,
    -- What the reporter is given on the thank-you page; random, so it says nothing about how many reports exist.
    reference text not null unique,
    subject_type text not null check (subject_type in ('posting', 'organisation', 'user', 'general')),
    posting_id integer references postings(id) on delete set null,
    organisation_id integer references organisations(id) on delete set null,
    subject_user_id integer references users(id) on delete set null,
    category text not null check (category in ('child_safety', 'harassment', 'dangerous_activity', 'fraud_misuse', 'other')),
    description text not null check (char_length(description) between 1 and 2000),
    contact_email text not null default '',
    reporter_user_id integer references users(id) on delete set null,
    status text not null default 'open' check (status in ('open', 'closed')),
    outcome text check (outcome in ('action_taken', 'advice_given', 'referred', 'no_action', 'duplicate')),
    closed_at timestamptz,
    closed_by integer references users(id) on delete set null,
    submission_key text unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'closed') = (outcome is not null))
  )`,
  `create index concerns_queue_idx on concerns (status, created_at)`,
  `create index concerns_posting_idx on concerns (posting_id) where posting_id is not null`,
  `create index concerns_organisation_idx on concerns (organisation_id) where organisation_id is not null`,
  `create index concerns_user_idx on concerns (subject_user_id) where subject_user_id is not null`,

  // Staff notes and the record of what was done (suspensions, closing, reopening), oldest first on the page.
  `create table concern_notes (
    id integer generated always as identity primary key,
    concern_id integer not null references concerns(id) on delete cascade,
    author_user_id integer references users(id) on delete set null,
    kind text not null check (kind in ('note', 'closed', 'reopened', 'suspended_posting', 'suspended_organisation', 'suspended_user', 'lifted_posting')),
    body text not null default '',
    created_at timestamptz not null default now()
  )`,
  `create index concern_notes_concern_idx on concern_notes (concern_id, id)`,

  // A posting staff suspended stays closed until staff lift the suspension: reopening it is refused here too,
  // whichever code tries.
  `create function postings_keep_staff_suspension() returns trigger language plpgsql as $$
  begin
    if old.status = 'closed' and old.status_reason = 'suspended_by_staff' and new.status = 'published' then
      raise exception 'posting % was suspended by ward staff', old.id using errcode = 'check_violation';
    end if;
    return new;
  end $$`,
  `create trigger postings_keep_staff_suspension before update of status on postings
    for each row execute function postings_keep_staff_suspension()`,

  // Retention: applications of minors whose texts were cleared, and the anonymous counts kept for reports.
  `alter table applications add column retention_purged_at timestamptz`,
  `create index applications_retention_idx on applications (shift_ends_at) where retention_purged_at is null`,
  `create table retention_counts (
    id integer generated always as identity primary key,
    counted_at timestamptz not null default now(),
    -- The Japanese school year (April to March) in which the activity took place, by its starting year.
    school_year integer not null,
    subject text not null,
    category_code text not null default '',
    status text not null default '',
    count integer not null check (count > 0)
  )`,
  `create index retention_counts_year_idx on retention_counts (school_year, subject)`,

  // The audit log search: by action prefix, by actor, by subject, newest first.
  `create index audit_log_action_idx on audit_log (action text_pattern_ops, id)`,
  `create index audit_log_actor_idx on audit_log (actor_user_id, id)`,
  `create index audit_log_subject_idx on audit_log (subject_type, subject_id, id)`,
];

const DOWN = [
  `drop index if exists audit_log_subject_idx`,
  `drop index if exists audit_log_actor_idx`,
  `drop index if exists audit_log_action_idx`,
  `drop table if exists retention_counts`,
  `drop index if exists applications_retention_idx`,
  `alter table applications drop column if exists retention_purged_at`,
  `drop trigger if exists postings_keep_staff_suspension on postings`,
  `drop function if exists postings_keep_staff_suspension()`,
  `drop table if exists concern_notes`,
  `drop table if exists concerns`,
];

// A function body holds semicolons, so each statement runs on its own.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
