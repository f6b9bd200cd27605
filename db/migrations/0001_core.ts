import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Migrations use Kysely<any> and never import app code: they must keep working as the app changes.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table districts (
      id integer generated always as identity primary key,
      code text not null unique,
      name_ja text not null,
      name_en text not null,
      sort_order integer not null default 0,
      created_at timestamptz not null default now()
    );

    create table categories (
      id integer generated always as identity primary key,
      code text not null unique,
      name_ja text not null,
      name_en text not null,
      sort_order integer not null default 0,
      active boolean not null default true
    );

    create table places (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('civic_centre', 'park', 'school', 'other')),
      name_ja text not null,
      name_en text not null default '',
      address text not null default '',
      district_id integer references districts(id) on delete set null,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      note text not null default '',
      active boolean not null default true,
      created_at timestamptz not null default now()
    );

    create table users (
      id integer generated always as identity primary key,
      email text not null unique check (email = lower(email)),
      email_verified_at timestamptz,
      password_hash text,
      role text not null default 'volunteer' check (role in ('volunteer', 'staff', 'admin')),
      display_name text not null default '',
      name_kana text not null default '',
      district_id integer references districts(id) on delete set null,
      birth_date date,
      interests text[] not null default '{}',
      locale text not null default 'ja' check (locale in ('ja', 'en')),
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table sessions (
      id text primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      second_factor_at timestamptz,
      ip text not null default '',
      user_agent text not null default ''
    );
    create index sessions_user_idx on sessions(user_id);

    create table email_tokens (
      id integer generated always as identity primary key,
      user_id integer not null references users(id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index email_tokens_user_idx on email_tokens(user_id, purpose);

    create table rate_limits (
      key text not null,
      window_start timestamptz not null,
      count integer not null default 0,
      primary key (key, window_start)
    );

    create table organisations (
      id integer generated always as identity primary key,
      name text not null,
      name_kana text not null default '',
      kind text not null check (kind in ('neighbourhood_association', 'machizukuri_council', 'park_care_association',
        'civic_centre', 'high_school', 'university', 'npo', 'social_welfare', 'ward_office')),
      district_id integer references districts(id) on delete set null,
      description text not null default '',
      contact_name text not null default '',
      contact_email text not null default '',
      contact_phone text not null default '',
      website text not null default '',
      status text not null default 'pending' check (status in ('pending', 'verified', 'rejected', 'suspended')),
      status_reason text not null default '',
      status_changed_at timestamptz,
      status_changed_by integer references users(id) on delete set null,
      is_demo boolean not null default false,
      submission_key text unique,
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organisations_status_idx on organisations(status);

    create table memberships (
      organisation_id integer not null references organisations(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      role text not null check (role in ('owner', 'editor')),
      created_at timestamptz not null default now(),
      primary key (organisation_id, user_id)
    );
    create index memberships_user_idx on memberships(user_id);

    create table invitations (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisations(id) on delete cascade,
      email text not null,
      role text not null check (role in ('owner', 'editor')),
      token_hash text not null unique,
      invited_by integer references users(id) on delete set null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index invitations_org_idx on invitations(organisation_id);

    create table postings (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisations(id) on delete cascade,
      title text not null,
      description text not null,
      category_id integer not null references categories(id),
      tags text[] not null default '{}',
      district_id integer references districts(id) on delete set null,
      place_id integer references places(id) on delete set null,
      place_name text not null default '',
      place_address text not null default '',
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      minimum_age integer check (minimum_age between 0 and 120),
      welcomes_minors boolean not null default false,
      what_to_bring text not null default '',
      contact_name text not null default '',
      status text not null default 'draft' check (status in ('draft', 'published', 'closed', 'cancelled')),
      status_reason text not null default '',
      published_at timestamptz,
      closed_at timestamptz,
      cancelled_at timestamptz,
      is_demo boolean not null default false,
      submission_key text unique,
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index postings_org_idx on postings(organisation_id);
    create index postings_status_idx on postings(status, category_id, district_id);

    create table shifts (
      id integer generated always as identity primary key,
      posting_id integer not null references postings(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      capacity integer not null check (capacity > 0),
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    );
    create index shifts_posting_idx on shifts(posting_id, starts_at);
    create index shifts_starts_idx on shifts(starts_at);

    create table jobs (
      id integer generated always as identity primary key,
      queue text not null,
      payload jsonb not null default '{}',
      status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
      attempts integer not null default 0,
      max_attempts integer not null default 8,
      run_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      dedupe_key text unique,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index jobs_due_idx on jobs(status, run_at);

    create table dev_emails (
      id integer generated always as identity primary key,
      job_id integer,
      to_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      created_at timestamptz not null default now()
    );

    create table audit_log (
      id integer generated always as identity primary key,
      at timestamptz not null default now(),
      actor_user_id integer,
      action text not null,
      subject_type text not null default '',
      subject_id text not null default '',
      ip text not null default '',
      details jsonb not null default '{}'
    );
    create index audit_log_at_idx on audit_log(at);

    -- The audit log is append-only: nobody, the application included, can change or remove a line.
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end;
    $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_is_append_only();
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists audit_log, dev_emails, jobs, shifts, postings, invitations, memberships, organisations,
      rate_limits, email_tokens, sessions, users, places, categories, districts cascade;
    drop function if exists audit_log_is_append_only();
  `,
  );
}
