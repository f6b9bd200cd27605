import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Matching volunteers to needs: the volunteer profile, applications per shift with capacity held in the shift
// row (a conditional update is the gate that prevents overbooking), message threads with room for third
// parties, invitations of volunteers to postings, and the private calendar feed.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users add column volunteer_type text check (volunteer_type in ('high_school', 'university', 'working', 'other'));
    alter table users add column school_organisation_id integer references organisations(id) on delete set null;
    alter table users add column school_name text not null default '';
    alter table users add column skills text[] not null default '{}';
    alter table users add column availability text[] not null default '{}';
    alter table users add column languages text[] not null default '{}';
    alter table users add column open_to_invitations boolean not null default false;
    alter table users add column notify_reminders boolean not null default true;
    alter table users add column notify_second_reminder boolean not null default true;
    alter table users add column notify_messages boolean not null default true;
    alter table users add column calendar_token_hash text unique;
    alter table users add column calendar_token_created_at timestamptz;

    alter table postings add column application_mode text not null default 'auto' check (application_mode in ('auto', 'review'));

    alter table shifts add column confirmed_count integer not null default 0;
    alter table shifts add constraint shifts_confirmed_within_capacity check (confirmed_count >= 0 and confirmed_count <= capacity);

    create table applications (
      id integer generated always as identity primary key,
      -- A shift removed from a posting leaves its applications as history (cancelled, with the times below).
      shift_id integer references shifts(id) on delete set null,
      shift_starts_at timestamptz not null,
      shift_ends_at timestamptz not null,
      posting_id integer not null references postings(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      status text not null check (status in ('pending', 'confirmed', 'waitlisted', 'declined', 'withdrawn', 'cancelled', 'no_show')),
      message text not null default '',
      decision_reason text not null default '',
      waitlisted_at timestamptz,
      decided_at timestamptz,
      decided_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (shift_id, user_id)
    );
    create index applications_user_idx on applications(user_id, status);
    create index applications_shift_idx on applications(shift_id, status, waitlisted_at, id);
    create index applications_posting_idx on applications(posting_id, status);

    create table message_threads (
      id integer generated always as identity primary key,
      posting_id integer not null references postings(id) on delete cascade,
      organisation_id integer not null references organisations(id) on delete cascade,
      volunteer_user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_message_at timestamptz not null default now(),
      unique (posting_id, volunteer_user_id)
    );
    create index message_threads_org_idx on message_threads(organisation_id, last_message_at desc);
    create index message_threads_volunteer_idx on message_threads(volunteer_user_id, last_message_at desc);

    -- People other than the volunteer and the organisation's members who may read a thread (ward staff, a
    -- school coordinator): the safeguarding work adds them; the thread shows who they are.
    create table thread_participants (
      thread_id integer not null references message_threads(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      role text not null check (role in ('staff', 'coordinator', 'guardian')),
      added_at timestamptz not null default now(),
      primary key (thread_id, user_id)
    );

    create table messages (
      id integer generated always as identity primary key,
      thread_id integer not null references message_threads(id) on delete cascade,
      sender_user_id integer references users(id) on delete set null,
      sender_side text not null check (sender_side in ('volunteer', 'organisation', 'staff', 'coordinator', 'system')),
      body text not null,
      submission_key text unique,
      created_at timestamptz not null default now()
    );
    create index messages_thread_idx on messages(thread_id, id);

    create table thread_reads (
      thread_id integer not null references message_threads(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      last_read_message_id integer not null default 0,
      primary key (thread_id, user_id)
    );

    create table volunteer_invitations (
      id integer generated always as identity primary key,
      posting_id integer not null references postings(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      invited_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (posting_id, user_id)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists volunteer_invitations, thread_reads, messages, thread_participants, message_threads, applications;
    alter table shifts drop constraint if exists shifts_confirmed_within_capacity;
    alter table shifts drop column if exists confirmed_count;
    alter table postings drop column if exists application_mode;
    alter table users drop column if exists volunteer_type, drop column if exists school_organisation_id,
      drop column if exists school_name, drop column if exists skills, drop column if exists availability,
      drop column if exists languages, drop column if exists open_to_invitations, drop column if exists notify_reminders,
      drop column if exists notify_second_reminder, drop column if exists notify_messages,
      drop column if exists calendar_token_hash, drop column if exists calendar_token_created_at;
  `,
  );
}
