import { sql, type Kysely } from "kysely";

// Safeguarding, second slice: the staff review of postings that welcome minors (a checklist per posting, the
// named responsible adults, the history of the review with staff comments), and the adults who work with
// children (their yearly safeguarding declarations, and the criminal-record checks an organisation records —
// that a check was done, when, by whom and until when; never what it found).
const UP = [
  `alter table postings add column safeguarding_status text not null default 'not_required'
    check (safeguarding_status in ('not_required', 'pending', 'returned', 'approved'))`,
  // Postings already public that welcome minors were never reviewed: they stay visible, and wait in the queue.
  `update postings set safeguarding_status = 'pending' where welcomes_minors and status in ('published', 'closed')`,
  `create index postings_safeguarding_queue_idx on postings (safeguarding_status, updated_at) where safeguarding_status <> 'not_required'`,

  // A posting written already public by a path that skips the review (bulk import, demo data) goes to the queue
  // at once, so no public posting that welcomes minors can be missing from it.
  `create function postings_safeguarding_on_insert() returns trigger language plpgsql as $$
  begin
    if new.welcomes_minors and new.status in ('published', 'closed') and new.safeguarding_status = 'not_required' then
      new.safeguarding_status := 'pending';
    end if;
    return new;
  end $$`,
  `create trigger postings_safeguarding_on_insert before insert on postings
    for each row execute function postings_safeguarding_on_insert()`,

  // What the organisation tells staff about one posting. Booleans are the organisation's confirmations; the
  // texts say how. closed_setting_contact is null until answered.
  `create table safeguarding_checklists (
    posting_id integer primary key references postings(id) on delete cascade,
    two_adults_present boolean not null default false,
    no_one_to_one boolean not null default false,
    open_place boolean not null default false,
    place_note text not null default '',
    insurance_arranged boolean not null default false,
    insurance_holder text not null default '',
    insurance_valid_until date,
    tasks_suitable boolean not null default false,
    tasks_note text not null default '',
    toilets_rest text not null default '',
    emergency_contact text not null default '',
    first_aid text not null default '',
    closed_setting_contact boolean,
    updated_at timestamptz not null default now(),
    updated_by integer references users(id) on delete set null
  )`,

  `create table posting_responsible_adults (
    posting_id integer not null references postings(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    added_by integer references users(id) on delete set null,
    added_at timestamptz not null default now(),
    primary key (posting_id, user_id)
  )`,
  `create index posting_responsible_adults_user_idx on posting_responsible_adults (user_id)`,

  // The review's history, oldest first on the pages: submissions, staff decisions (a return always carries its
  // comment), and the changes after approval that sent a posting back. The snapshot is what was reviewed.
  `create table safeguarding_reviews (
    id integer generated always as identity primary key,
    posting_id integer not null references postings(id) on delete cascade,
    event text not null check (event in ('submitted', 'approved', 'returned', 'changed')),
    actor_user_id integer references users(id) on delete set null,
    comment text not null default '',
    changes text[] not null default '{}',
    snapshot jsonb not null default '{}',
    created_at timestamptz not null default now(),
    check (event <> 'returned' or char_length(comment) > 0)
  )`,
  `create index safeguarding_reviews_posting_idx on safeguarding_reviews (posting_id, id)`,

  // A person's declaration holds for every organisation they belong to; it is valid once staff confirm it, until
  // valid_until (a year from the day it was made).
  `create table safeguarding_declarations (
    id integer generated always as identity primary key,
    user_id integer not null references users(id) on delete cascade,
    organisation_id integer references organisations(id) on delete set null,
    signed_name text not null check (char_length(signed_name) between 1 and 100),
    no_relevant_convictions boolean not null check (no_relevant_convictions),
    agrees_code_of_conduct boolean not null check (agrees_code_of_conduct),
    code_version text not null,
    declared_on date not null,
    valid_until date not null,
    status text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected')),
    decided_at timestamptz,
    decided_by integer references users(id) on delete set null,
    decision_comment text not null default '',
    created_at timestamptz not null default now(),
    check (valid_until > declared_on),
    check ((status = 'pending') = (decided_at is null))
  )`,
  `create index safeguarding_declarations_user_idx on safeguarding_declarations (user_id, valid_until)`,
  `create unique index safeguarding_declarations_one_pending_idx on safeguarding_declarations (user_id) where status = 'pending'`,

  `create table criminal_record_checks (
    id integer generated always as identity primary key,
    organisation_id integer not null references organisations(id) on delete cascade,
    user_id integer not null references users(id) on delete cascade,
    checked_on date not null,
    checked_by text not null check (char_length(checked_by) between 1 and 100),
    valid_until date not null,
    recorded_by integer references users(id) on delete set null,
    created_at timestamptz not null default now(),
    check (valid_until >= checked_on)
  )`,
  `comment on table criminal_record_checks is 'That a check under the こども性暴力防止法 was done: date, by whom, valid until. Never its content.'`,
  `create index criminal_record_checks_person_idx on criminal_record_checks (organisation_id, user_id, valid_until)`,
];

const DOWN = [
  `drop table if exists criminal_record_checks`,
  `drop table if exists safeguarding_declarations`,
  `drop table if exists safeguarding_reviews`,
  `drop table if exists posting_responsible_adults`,
  `drop table if exists safeguarding_checklists`,
  `drop trigger if exists postings_safeguarding_on_insert on postings`,
  `drop function if exists postings_safeguarding_on_insert()`,
  `drop index if exists postings_safeguarding_queue_idx`,
  `alter table postings drop column if exists safeguarding_status`,
];

// A function body holds semicolons, so each statement runs on its own.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
