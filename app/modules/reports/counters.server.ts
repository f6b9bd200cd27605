import { sql } from "kysely";
import type { DB } from "#db/client.server";

/**
 * Folds the rows of each counter of the impact report into one, and drops those of deleted postings and shifts
 * (db/migrations/0023_report_counters.ts, docs/decisions/040-report-counters.md). The counters are exact without
 * it: it only keeps what the report reads small. Run by the hourly maintenance; safe beside writes and reports.
 */
export async function compactReportCounts(db: DB): Promise<void> {
  await db.transaction().execute((trx) => sql`select report_counts_compact()`.execute(trx));
}
