import type { Kysely } from "kysely";
import { runStatements } from "./statements";

// Participation (app/modules/reports/participation.server.ts `TOOK_PART`) leaves out attendance through a
// withdrawn, cancelled or declined application. Those applications, by id, in an index of their own: the report
// reads the few ids from it instead of every application (docs/decisions/042-report-reads-once.md).
export async function up(db: Kysely<any>): Promise<void> {
  await runStatements(db, `create index applications_ended_idx on applications (id) where status in ('withdrawn', 'cancelled', 'declined');`);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runStatements(db, `drop index if exists applications_ended_idx;`);
}
