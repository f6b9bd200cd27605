import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Welfare-commissioner (民生委員・児童委員) recruitment: the seat board (one row per 担当区域 with its 定数, how many
// serve, households, term end and the serving members' re-election intentions as counts), the staff settings that
// eligibility advice and retention read, which 民児協 organisation chairs which district, campaigns and their
// channels (a short code each, visits as a bare counter), the people who raised a hand and their dated pipeline
// events, and 協力員 (helpers). See docs/decisions/024-welfare-commissioner-recruitment.md.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table recruitment_areas (
      id integer generated always as identity primary key,
      district_id integer not null references districts(id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      seats integer not null check (seats between 0 and 999),
      serving integer not null default 0 check (serving >= 0 and serving <= seats),
      households integer not null default 0 check (households between 0 and 999999),
      term_ends_on date,
      -- Before a re-election: how many serving members mean to continue, to stop, or have not said (counts only).
      intend_continue integer not null default 0 check (intend_continue >= 0),
      intend_leave integer not null default 0 check (intend_leave >= 0),
      intend_undecided integer not null default 0 check (intend_undecided >= 0),
      updated_at timestamptz not null default now(),
      unique (district_id, name),
      check (intend_continue + intend_leave + intend_undecided <= serving)
    );

    -- One row: the rules advice is given from, and how long interest is kept. Every value is the ward's to set.
    create table recruitment_settings (
      id integer primary key default 1 check (id = 1),
      min_age integer not null default 18 check (min_age between 0 and 120),
      new_appointee_age_limit integer not null default 75 check (new_appointee_age_limit between 0 and 120),
      residence_months integer not null default 3 check (residence_months between 0 and 120),
      retention_months integer not null default 12 check (retention_months between 1 and 120),
      next_reelection_on date not null default '2028-12-01',
      updated_at timestamptz not null default now(),
      updated_by integer references users(id) on delete set null
    );
    insert into recruitment_settings (id) values (1);

    -- The 民生委員児童委員協議会 (an organisation) that chairs a district: its members act as that district's chair.
    create table recruitment_district_chairs (
      district_id integer primary key references districts(id) on delete cascade,
      organisation_id integer not null references organisations(id) on delete cascade,
      created_at timestamptz not null default now()
    );
    create index recruitment_district_chairs_org_idx on recruitment_district_chairs(organisation_id);

    create table recruitment_campaigns (
      id integer generated always as identity primary key,
      name text not null check (length(name) between 1 and 100),
      message text not null default '',
      starts_on date not null,
      ends_on date not null,
      goal_seats integer not null default 0 check (goal_seats between 0 and 999),
      goal_on date,
      district_ids integer[] not null default '{}',
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );

    create table recruitment_channels (
      id integer generated always as identity primary key,
      campaign_id integer not null references recruitment_campaigns(id) on delete cascade,
      kind text not null check (kind in ('poster', 'newsletter', 'sns', 'talk', 'circular', 'other')),
      label text not null check (length(label) between 1 and 100),
      code text not null unique check (code ~ '^[a-z0-9]{6,16}$'),
      -- A bare counter: no address, cookie or time of a visit is kept.
      visits integer not null default 0,
      created_at timestamptz not null default now()
    );

    create table recruitment_people (
      id integer generated always as identity primary key,
      name text not null,
      name_kana text not null,
      district_id integer not null references districts(id),
      birth_year integer not null,
      phone text not null default '',
      email text not null default '',
      best_time text not null default '',
      wants text not null check (wants in ('hear', 'helper', 'nominate')),
      -- The consent exactly as it was shown, in the language it was shown in.
      consent_text text not null,
      consented_at timestamptz not null default now(),
      locale text not null default 'ja' check (locale in ('ja', 'en')),
      channel_id integer references recruitment_channels(id) on delete set null,
      campaign_id integer references recruitment_campaigns(id) on delete set null,
      stage text not null default 'interested'
        check (stage in ('interested', 'contacted', 'briefed', 'helper_trial', 'preparatory', 'committee', 'appointed', 'declined', 'ineligible')),
      stage_changed_at timestamptz not null default now(),
      next_action_on date,
      contacted_at timestamptz,
      appointed_at timestamptz,
      appointed_area_id integer references recruitment_areas(id) on delete set null,
      -- SHA-256 of the withdrawal link's token.
      withdraw_token_hash text not null unique,
      submission_key text unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index recruitment_people_district_idx on recruitment_people(district_id, stage);
    create index recruitment_people_next_action_idx on recruitment_people(next_action_on) where next_action_on is not null;

    create table recruitment_events (
      id integer generated always as identity primary key,
      person_id integer not null references recruitment_people(id) on delete cascade,
      at timestamptz not null default now(),
      actor_user_id integer references users(id) on delete set null,
      from_stage text,
      to_stage text,
      note text not null default '',
      next_action_on date
    );
    create index recruitment_events_person_idx on recruitment_events(person_id, at);

    create table recruitment_helpers (
      id integer generated always as identity primary key,
      person_id integer references recruitment_people(id) on delete set null,
      name text not null check (length(name) between 1 and 50),
      area_id integer not null references recruitment_areas(id) on delete cascade,
      pledge_text text not null,
      pledged_at timestamptz not null default now(),
      insurance_until date not null,
      active_from date not null,
      active_until date,
      created_by integer references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (active_until is null or active_until >= active_from)
    );
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table if exists recruitment_helpers, recruitment_events, recruitment_people, recruitment_channels, recruitment_campaigns, recruitment_district_chairs, recruitment_settings, recruitment_areas;
  `,
  );
}
