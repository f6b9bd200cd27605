import { sql } from "kysely";
import type { Executor } from "#db/client.server";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  ip?: string;
  details?: Record<string, unknown>;
}

/** Appends to the audit log (the table refuses updates and deletes). Never pass secrets in details. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType ?? "",
      subject_id: entry.subjectId === undefined ? "" : String(entry.subjectId),
      ip: entry.ip ?? "",
      // Cast in SQL: postgres.js would otherwise encode the JSON text a second time, storing a string.
      details: sql<string>`cast(${JSON.stringify(entry.details ?? {})} as text)::jsonb`,
    })
    .execute();
}
