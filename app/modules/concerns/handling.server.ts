import type { DB, Executor } from "#db/client.server";
import type { ConcernNoteKind, ConcernOutcome } from "#db/schema";
import { audit } from "~/utils/audit.server";

/** Staff working through a concern: reading it (recorded), notes, closing and reopening. Every step is audited. */

/** Staff reading a report is itself recorded: reports may describe a child. */
export async function recordConcernViewed(db: Executor, staffId: number, concernId: number, ip: string): Promise<void> {
  await audit(db, { actorUserId: staffId, action: "concern.viewed", subjectType: "concern", subjectId: concernId, ip });
}

export async function lockConcern(trx: Executor, id: number) {
  return trx.selectFrom("concerns").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function addNoteRow(trx: Executor, concernId: number, authorId: number, kind: ConcernNoteKind, body: string) {
  await trx.insertInto("concern_notes").values({ concern_id: concernId, author_user_id: authorId, kind, body }).execute();
  await trx.updateTable("concerns").set({ updated_at: new Date() }).where("id", "=", concernId).execute();
}

export async function addConcernNote(db: DB, staffId: number, concernId: number, body: string, ip: string): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockConcern(trx, concernId))) return "not-found" as const;
    await addNoteRow(trx, concernId, staffId, "note", body);
    await audit(trx, { actorUserId: staffId, action: "concern.note_added", subjectType: "concern", subjectId: concernId, ip });
    return "ok" as const;
  });
}

export async function closeConcern(
  db: DB,
  staffId: number,
  concernId: number,
  input: { outcome: ConcernOutcome; note?: string },
  ip: string,
): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const concern = await lockConcern(trx, concernId);
    if (!concern) return "not-found" as const;
    if (concern.status !== "open") return "not-allowed" as const;
    const now = new Date();
    await trx.updateTable("concerns").set({ status: "closed", outcome: input.outcome, closed_at: now, closed_by: staffId }).where("id", "=", concernId).execute();
    await addNoteRow(trx, concernId, staffId, "closed", input.note ?? "");
    await audit(trx, { actorUserId: staffId, action: "concern.closed", subjectType: "concern", subjectId: concernId, ip, details: { outcome: input.outcome } });
    return "ok" as const;
  });
}

export async function reopenConcern(db: DB, staffId: number, concernId: number, ip: string): Promise<"ok" | "not-found" | "not-allowed"> {
  return db.transaction().execute(async (trx) => {
    const concern = await lockConcern(trx, concernId);
    if (!concern) return "not-found" as const;
    if (concern.status !== "closed") return "not-allowed" as const;
    await trx.updateTable("concerns").set({ status: "open", outcome: null, closed_at: null, closed_by: null }).where("id", "=", concernId).execute();
    await addNoteRow(trx, concernId, staffId, "reopened", "");
    await audit(trx, { actorUserId: staffId, action: "concern.reopened", subjectType: "concern", subjectId: concernId, ip, details: { outcome: concern.outcome } });
    return "ok" as const;
  });
}
