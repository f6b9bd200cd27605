import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// After the event: who came and for how long, the group's confirmation that locks it, corrections with their
// reasons, every tap once (offline phones replay theirs), each session's self check-in code, certificates
// with their signed data, and the one-question feedback. See docs/decisions/022-attendance-and-hours.md and
// docs/decisions/023-verifiable-certificates.md.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table attendance (
      id integer generated always as identity primary key,
      shift_id integer not null references shifts(id) on delete cascade,
      application_id integer unique references applications(id) on delete set null,
      -- Null for a walk-in known by name only (counted in figures, never certified).
      user_id integer references users(id) on delete set null,
      walk_in_name text not null default '',
      -- A walk-in linked to an account by email counts for that person only once they confirm it.
      walk_in_confirmed_at timestamptz,
      status text not null check (status in ('present', 'late', 'absent')),
      checked_in_at timestamptz,
      checked_out_at timestamptz,
      -- The check-out was forgotten and set to the session's end when the group confirmed.
      auto_closed boolean not null default false,
      -- A minor checked out before the session's end: the check-in page shows it to the group.
      left_early boolean not null default false,
      source text not null check (source in ('group', 'self', 'walk_in')),
      recorded_by integer references users(id) on delete set null,
      -- Set when the group confirms the session: counted minutes, locked from then on except by a correction.
      confirmed_minutes integer check (confirmed_minutes >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (shift_id, user_id)
    );
    create index attendance_user_idx on attendance(user_id) where confirmed_minutes is not null;

    -- Each tap once: its id comes from the phone, so a replay after reconnecting or a double tap changes nothing.
    create table attendance_taps (
      tap_id text primary key check (length(tap_id) between 8 and 64),
      attendance_id integer not null references attendance(id) on delete cascade,
      action text not null,
      tapped_at timestamptz not null,
      received_at timestamptz not null default now(),
      actor_user_id integer references users(id) on delete set null
    );

    create table session_confirmations (
      shift_id integer primary key references shifts(id) on delete cascade,
      confirmed_at timestamptz not null default now(),
      confirmed_by integer references users(id) on delete set null
    );

    create table attendance_corrections (
      id integer generated always as identity primary key,
      attendance_id integer not null references attendance(id) on delete cascade,
      corrected_by integer references users(id) on delete set null,
      reason text not null,
      before jsonb not null,
      after jsonb not null,
      created_at timestamptz not null default now()
    );

    -- The code in a session's QR poster: unguessable, one per session.
    create table session_checkin_codes (
      shift_id integer primary key references shifts(id) on delete cascade,
      code text not null unique,
      created_at timestamptz not null default now()
    );

    create table certificates (
      id integer generated always as identity primary key,
      code text not null unique,
      -- Kept null after the account is deleted: the certificate stays verifiable as issued.
      user_id integer references users(id) on delete set null,
      locale text not null check (locale in ('ja', 'en')),
      -- The signed data exactly as signed (canonical JSON text) and its Ed25519 signature (base64url).
      payload text not null,
      signature text not null,
      key_id text not null,
      issued_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by integer references users(id) on delete set null,
      revoke_reason text not null default ''
    );
    create index certificates_user_idx on certificates(user_id, issued_at desc);

    create table signing_keys (
      key_id text primary key,
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null default now()
    );

    create table attendance_feedback (
      attendance_id integer primary key references attendance(id) on delete cascade,
      again boolean not null,
      comment text not null default '',
      created_at timestamptz not null default now()
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists attendance_feedback, signing_keys, certificates, session_checkin_codes, attendance_corrections, session_confirmations, attendance_taps, attendance;
  `,
  );
}
