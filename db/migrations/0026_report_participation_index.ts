import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Two partial indexes of applications for the impact report (docs/decisions/042-report-reads-once.md), so that it
// reads a few ids instead of every application:
// - participation (app/modules/reports/participation.server.ts `TOOK_PART`) leaves out attendance through a
//   withdrawn, cancelled or declined application: those applications by id;
// - the no-shows that are confirmed applications recorded absent (activity.server.ts `NO_SHOW`): the confirmed
//   applications by (session, person), in the order of the absent attendance rows' own partial index.
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    create index applications_ended_idx on applications (id) where status in ('withdrawn', 'cancelled', 'declined');
    create index applications_confirmed_idx on applications (shift_id, user_id) where status = 'confirmed';
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(
    db,
    `
    drop index if exists applications_confirmed_idx;
    drop index if exists applications_ended_idx;
  `,
  );
}
