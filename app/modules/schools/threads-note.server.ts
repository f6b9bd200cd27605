import type { Executor } from "#db/client.server";
import { DEFAULT_SCHOOL_SETTINGS } from "../safeguarding/settings.rules";
import { coordinatorsReadMinorThreads, type SchoolThreadsNote } from "./schools.rules";

/** For each school given: whether its coordinators read its under-18 students' conversations with groups. */
export async function schoolThreadsNotes(db: Executor, schoolIds: number[]): Promise<SchoolThreadsNote[]> {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom("organisations as o")
    .leftJoin("school_settings as s", "s.organisation_id", "o.id")
    .select(["o.id", "o.name", "o.status", "s.coordinator_reads_minor_threads"])
    .where("o.id", "in", schoolIds)
    .where("o.kind", "=", "high_school")
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    readsMinorThreads: coordinatorsReadMinorThreads(r.status, r.coordinator_reads_minor_threads ?? DEFAULT_SCHOOL_SETTINGS.coordinatorReadsMinorThreads),
  }));
}

/** The schools a person coordinates (owner or editor of a high school), with the same answer. */
export async function coordinatedSchoolsThreadsNotes(db: Executor, userId: number): Promise<SchoolThreadsNote[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select("o.id")
    .where("m.user_id", "=", userId)
    .where("o.kind", "=", "high_school")
    .execute();
  return schoolThreadsNotes(
    db,
    rows.map((r) => r.id),
  );
}
