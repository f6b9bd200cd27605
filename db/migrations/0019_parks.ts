import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// The park-care registry: the ward's parks, each park's association (at most one; an association on the site is
// an organisation of kind park_care_association and may look after several parks), yearly member figures for
// trends, the association's activity log, supporters (公園応援団), and the staff settings (grant bands,
// vitality thresholds). No member names are stored anywhere. See docs/decisions/025-park-care-registry.md.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table parks (
      id integer generated always as identity primary key,
      -- The city's park code where known; the CSV import matches rows on it.
      code text not null unique check (length(code) between 1 and 40),
      name text not null check (length(name) between 1 and 100),
      name_kana text not null default '',
      address text not null default '',
      district_id integer references districts(id) on delete set null,
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      area_m2 integer not null check (area_m2 > 0),
      facilities text[] not null default '{}',
      -- The place postings use for this park (so a posting's place is the park).
      place_id integer references places(id) on delete set null,
      model_case boolean not null default false,
      model_story text not null default '',
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index parks_district_idx on parks(district_id);

    create table park_associations (
      park_id integer primary key references parks(id) on delete cascade,
      organisation_id integer references organisations(id) on delete set null,
      name text not null check (length(name) between 1 and 100),
      founded_on date,
      -- The representative's contact: staff and the association only, never on public pages or in search.
      representative_name text not null default '',
      representative_phone text not null default '',
      representative_email text not null default '',
      status text not null default 'active' check (status in ('active', 'paused', 'dissolved')),
      member_count integer not null check (member_count >= 0),
      members_under_40 integer not null default 0 check (members_under_40 >= 0),
      members_40_64 integer not null default 0 check (members_40_64 >= 0),
      members_65_74 integer not null default 0 check (members_65_74 >= 0),
      members_75_plus integer not null default 0 check (members_75_plus >= 0),
      officers_under_40 integer not null default 0 check (officers_under_40 >= 0),
      officers_40_64 integer not null default 0 check (officers_40_64 >= 0),
      officers_65_74 integer not null default 0 check (officers_65_74 >= 0),
      officers_75_plus integer not null default 0 check (officers_75_plus >= 0),
      meeting_day text not null default '',
      meeting_time text not null default '',
      activities text not null default '',
      how_to_join text not null default '',
      updated_at timestamptz not null default now(),
      updated_by integer references users(id) on delete set null,
      check (members_under_40 + members_40_64 + members_65_74 + members_75_plus = member_count),
      check (officers_under_40 + officers_40_64 + officers_65_74 + officers_75_plus <= member_count)
    );
    create index park_associations_organisation_idx on park_associations(organisation_id);

    -- One row a year (the 年度 starting in April), for trends and the "3 years" and "5 years" rules.
    create table park_member_snapshots (
      park_id integer not null references parks(id) on delete cascade,
      year integer not null check (year between 1970 and 2200),
      member_count integer not null check (member_count >= 0),
      new_members integer not null default 0 check (new_members >= 0),
      members_75_plus integer not null default 0 check (members_75_plus >= 0),
      primary key (park_id, year)
    );

    create table park_activities (
      id integer generated always as identity primary key,
      park_id integer not null references parks(id) on delete cascade,
      activity_date date not null,
      kind text not null check (kind in ('weeding', 'cleaning', 'flowerbed', 'inspection', 'other')),
      note text not null default '',
      people integer not null check (people between 1 and 1000),
      via_site integer not null default 0 check (via_site >= 0 and via_site <= people),
      minutes integer not null check (minutes between 1 and 1440),
      recorded_by integer references users(id) on delete set null,
      -- The phone's key for this form: the same activity sent twice is stored once.
      submission_key text unique,
      created_at timestamptz not null default now()
    );
    create index park_activities_park_date_idx on park_activities(park_id, activity_date);

    create table park_supporters (
      id integer generated always as identity primary key,
      park_id integer not null references parks(id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('company', 'school', 'other')),
      offer text not null check (length(offer) between 1 and 1000),
      contact_name text not null default '',
      contact_email text not null default '',
      contact_phone text not null default '',
      status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
      decided_at timestamptz,
      decided_by integer references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index park_supporters_park_idx on park_supporters(park_id, status);

    create table park_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by integer references users(id) on delete set null
    );
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop table park_settings;
    drop table park_supporters;
    drop table park_activities;
    drop table park_member_snapshots;
    drop table park_associations;
    drop table parks;
    `,
  );
}
