import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// People who withdraw their interest (deleted at once) or whose interest expires (deleted by retention) leave an
// anonymous count behind: which campaign and channel brought them, their district, the furthest stage they had
// reached, and why they left — no name, contact, birth year or date of their own — so that the funnel's figures
// (interest → contacted) stay true after the person is gone. One row per deletion run; the figures sum them.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create table recruitment_departed_counts (
      id integer generated always as identity primary key,
      campaign_id integer references recruitment_campaigns(id) on delete cascade,
      channel_id integer references recruitment_channels(id) on delete cascade,
      district_id integer not null references districts(id) on delete cascade,
      stage_reached text not null check (stage_reached in ('interested', 'contacted', 'briefed', 'helper_trial', 'preparatory', 'committee')),
      reason text not null check (reason in ('withdrawn', 'retention')),
      count integer not null check (count > 0),
      recorded_at timestamptz not null default now()
    );
    create index recruitment_departed_counts_campaign_idx on recruitment_departed_counts(campaign_id);
    create index recruitment_departed_counts_channel_idx on recruitment_departed_counts(channel_id);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, `drop table if exists recruitment_departed_counts;`);
}
