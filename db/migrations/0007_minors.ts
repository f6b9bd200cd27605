import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Minors apply safely: the ward's safeguarding settings, per-school settings, guardians' details and their
// consent (tokens stored hashed, the wording shown kept), the place held for a minor while consent is awaited,
// the school's approval of a student's participation, and students' affiliation with their school.
// See docs/decisions/011-minors-consent.md.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table safeguarding_settings (
      key text primary key check (key in ('minor_age', 'minors_latest_end', 'consent_hold_hours', 'guardian_consent_under', 'standing_consent_offered')),
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by integer references users(id) on delete set null
    );

    create table school_settings (
      organisation_id integer primary key references organisations(id) on delete cascade,
      requires_coordinator_approval boolean not null default false,
      coordinator_reads_minor_threads boolean not null default false,
      updated_at timestamptz not null default now(),
      updated_by integer references users(id) on delete set null
    );

    -- The guardian a student named (on applying or in My activities); copied onto each consent request.
    create table student_guardians (
      user_id integer primary key references users(id) on delete cascade,
      name text not null,
      relationship text not null,
      email text not null,
      updated_at timestamptz not null default now()
    );

    create table guardian_consents (
      id integer generated always as identity primary key,
      student_user_id integer not null references users(id) on delete cascade,
      posting_id integer references postings(id) on delete set null,
      guardian_name text not null,
      guardian_relationship text not null,
      guardian_email text not null,
      -- SHA-256 of the single-use consent link and of the revoke link; the links themselves are only in the email.
      token_hash text not null unique,
      revoke_token_hash text not null unique,
      expires_at timestamptz not null,
      revoke_until timestamptz not null,
      status text not null default 'requested' check (status in ('requested', 'given', 'declined', 'revoked')),
      scope text not null default 'posting' check (scope in ('posting', 'school_year')),
      -- A standing consent covers activities up to this instant (the end of the school year).
      valid_until timestamptz,
      covered_by_consent_id integer references guardian_consents(id) on delete set null,
      answered_at timestamptz,
      answered_name text not null default '',
      emergency_phone text not null default '',
      wording_version text not null default '',
      wording_text text not null default '',
      answered_ip text not null default '',
      revoked_at timestamptz,
      revoked_ip text not null default '',
      retention_purged_at timestamptz,
      created_at timestamptz not null default now(),
      check ((status = 'requested') = (answered_at is null))
    );
    create index guardian_consents_student_idx on guardian_consents(student_user_id, status);

    alter table applications drop constraint if exists applications_status_check;
    alter table applications add constraint applications_status_check
      check (status in ('pending', 'pending_consent', 'confirmed', 'waitlisted', 'declined', 'withdrawn', 'cancelled', 'no_show'));
    alter table applications add column minor boolean not null default false;
    alter table applications add column guardian_consent_required boolean not null default false;
    alter table applications add column guardian_consent_id integer references guardian_consents(id) on delete set null;
    -- Non-null while the application counts in shifts.confirmed_count without being confirmed (a held place).
    alter table applications add column held_until timestamptz;
    alter table applications add constraint applications_hold_only_pending_consent check (held_until is null or status = 'pending_consent');
    alter table applications add column school_organisation_id integer references organisations(id) on delete set null;
    alter table applications add column school_approval text check (school_approval in ('pending', 'approved', 'declined'));
    alter table applications add column school_decided_at timestamptz;
    alter table applications add column school_decided_by integer references users(id) on delete set null;
    alter table applications add column signed_up_by integer references users(id) on delete set null;
    create index applications_held_idx on applications(held_until) where held_until is not null;
    -- A held place is part of shifts.confirmed_count. Whatever code ends the hold (the status leaves
    -- pending_consent, or held_until is cleared), the place goes back, unless the hold became a confirmation.
    -- Promoting the waiting list stays with the code that freed the place.
    create function applications_release_hold() returns trigger language plpgsql as $$
    begin
      if old.held_until is not null and (new.held_until is null or new.status <> 'pending_consent') and new.shift_id is not null then
        if new.status <> 'confirmed' then
          update shifts set confirmed_count = confirmed_count - 1 where id = old.shift_id and confirmed_count > 0;
        end if;
        new.held_until := null;
      end if;
      return new;
    end $$;
    create trigger applications_release_hold before update on applications
      for each row execute function applications_release_hold();
    create index applications_consent_idx on applications(guardian_consent_id) where guardian_consent_id is not null;
    create index applications_school_idx on applications(school_organisation_id, status) where school_organisation_id is not null;

    create table school_join_codes (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisations(id) on delete cascade,
      code text not null unique,
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index school_join_codes_org_idx on school_join_codes(organisation_id, created_at desc);

    create table school_affiliations (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisations(id) on delete cascade,
      user_id integer not null references users(id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'ended')),
      join_code_id integer references school_join_codes(id) on delete set null,
      requested_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by integer references users(id) on delete set null,
      unique (organisation_id, user_id)
    );
    -- One school at a time: a student waits for or belongs to at most one.
    create unique index school_affiliations_one_active on school_affiliations(user_id) where status in ('pending', 'approved');
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists school_affiliations, school_join_codes;
    drop trigger if exists applications_release_hold on applications;
    drop function if exists applications_release_hold();
    alter table applications drop constraint if exists applications_hold_only_pending_consent;
    alter table applications drop column if exists minor, drop column if exists guardian_consent_required,
      drop column if exists guardian_consent_id, drop column if exists held_until, drop column if exists school_organisation_id,
      drop column if exists school_approval, drop column if exists school_decided_at, drop column if exists school_decided_by,
      drop column if exists signed_up_by;
    update applications set status = 'cancelled' where status = 'pending_consent';
    alter table applications drop constraint if exists applications_status_check;
    alter table applications add constraint applications_status_check
      check (status in ('pending', 'confirmed', 'waitlisted', 'declined', 'withdrawn', 'cancelled', 'no_show'));
    drop table if exists guardian_consents, student_guardians, school_settings, safeguarding_settings;
  `,
  );
}
