import { sql, type Kysely } from "kysely";

// Two things a person relies on before they come (docs/decisions/026-honest-minors-label-and-meeting-point.md):
//
// open_to_minors: whether an under-18 can apply to a posting now — it welcomes minors AND the ward's safeguarding
// review approved it. The rule is written here once, as a generated column, and every reader takes it from the
// row: the search summary (and so the filter, the facet count and the in-process index), Meilisearch's documents,
// the API and the pages. A posting that welcomes minors but is still in review is not counted as welcoming.
// The summary's column is renamed to say what it now holds, and is refreshed when the review status changes.
//
// meeting_point: where confirmed people meet on the day, shown only to them (their activities, the
// confirmation and reminder emails, the calendar entry). Empty when the group has not said.
const UP = [
  `alter table postings add column open_to_minors boolean not null
    generated always as (welcomes_minors and safeguarding_status = 'approved') stored`,
  `alter table postings add column meeting_point text not null default ''
    check (char_length(meeting_point) <= 300)`,
  `alter table posting_search rename column welcomes_minors to open_to_minors`,
  `create or replace function posting_search_refresh(ids integer[]) returns void language sql as $$
    select 1 from posting_search where posting_id = any(ids) order by posting_id for update;
    insert into posting_search (posting_id, organisation_id, searchable, category_id, district_id, organisation_kind,
      open_to_minors, latitude, longitude, published_at)
    select p.id, p.organisation_id, p.status = 'published' and o.status = 'verified', p.category_id, p.district_id, o.kind,
      p.open_to_minors, p.latitude, p.longitude, p.published_at
    from postings p join organisations o on o.id = p.organisation_id
    where p.id = any(ids)
    on conflict (posting_id) do update set
      organisation_id = excluded.organisation_id, searchable = excluded.searchable, category_id = excluded.category_id,
      district_id = excluded.district_id, organisation_kind = excluded.organisation_kind,
      open_to_minors = excluded.open_to_minors, latitude = excluded.latitude, longitude = excluded.longitude,
      published_at = excluded.published_at;
    select posting_search_refresh_schedule(ids);
  $$`,
  `drop trigger posting_search_postings_update on postings`,
  `create constraint trigger posting_search_postings_update after update on postings
    deferrable initially deferred for each row
    when ((new.organisation_id, new.status, new.category_id, new.district_id, new.open_to_minors, new.latitude, new.longitude, new.published_at)
      is distinct from (old.organisation_id, old.status, old.category_id, old.district_id, old.open_to_minors, old.latitude, old.longitude, old.published_at))
    execute function posting_search_posting_updated()`,
  `select posting_search_refresh(array(select id from postings where welcomes_minors))`,
];

const DOWN = [
  `drop trigger posting_search_postings_update on postings`,
  `create constraint trigger posting_search_postings_update after update on postings
    deferrable initially deferred for each row
    when ((new.organisation_id, new.status, new.category_id, new.district_id, new.welcomes_minors, new.latitude, new.longitude, new.published_at)
      is distinct from (old.organisation_id, old.status, old.category_id, old.district_id, old.welcomes_minors, old.latitude, old.longitude, old.published_at))
    execute function posting_search_posting_updated()`,
  `alter table posting_search rename column open_to_minors to welcomes_minors`,
  `create or replace function posting_search_refresh(ids integer[]) returns void language sql as $$
    select 1 from posting_search where posting_id = any(ids) order by posting_id for update;
    insert into posting_search (posting_id, organisation_id, searchable, category_id, district_id, organisation_kind,
      welcomes_minors, latitude, longitude, published_at)
    select p.id, p.organisation_id, p.status = 'published' and o.status = 'verified', p.category_id, p.district_id, o.kind,
      p.welcomes_minors, p.latitude, p.longitude, p.published_at
    from postings p join organisations o on o.id = p.organisation_id
    where p.id = any(ids)
    on conflict (posting_id) do update set
      organisation_id = excluded.organisation_id, searchable = excluded.searchable, category_id = excluded.category_id,
      district_id = excluded.district_id, organisation_kind = excluded.organisation_kind,
      welcomes_minors = excluded.welcomes_minors, latitude = excluded.latitude, longitude = excluded.longitude,
      published_at = excluded.published_at;
    select posting_search_refresh_schedule(ids);
  $$`,
  `select posting_search_refresh(array(select id from postings where welcomes_minors))`,
  `alter table postings drop column if exists meeting_point`,
  `alter table postings drop column if exists open_to_minors`,
];

// Function bodies hold semicolons, so each statement runs on its own.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
