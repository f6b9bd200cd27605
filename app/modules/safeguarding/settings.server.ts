import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import {
  changedSettings,
  DEFAULT_SCHOOL_SETTINGS,
  SETTING_KEYS,
  settingsFromRows,
  type SafeguardingSettings,
  type SchoolSettings,
} from "./settings.rules";

/** The ward's safeguarding settings as they stand (defaults where staff set nothing). */
export async function getSafeguardingSettings(db: Executor): Promise<SafeguardingSettings> {
  const rows = await db.selectFrom("safeguarding_settings").select(["key", "value"]).execute();
  return settingsFromRows(rows);
}

/** Saves the settings staff submitted; writes the audit log with what changed (nothing when nothing did). */
export async function updateSafeguardingSettings(
  db: Executor,
  next: SafeguardingSettings,
  actor: { userId: number; ip: string },
): Promise<{ changed: string[] }> {
  const before = await getSafeguardingSettings(db);
  const changes = changedSettings(before, next);
  const names = Object.keys(changes) as (keyof SafeguardingSettings)[];
  for (const name of names) {
    await db
      .insertInto("safeguarding_settings")
      .values({ key: SETTING_KEYS[name], value: sql<string>`cast(${JSON.stringify(next[name])} as text)::jsonb`, updated_by: actor.userId, updated_at: new Date() })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value: sql<string>`excluded.value`, updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
  }
  if (names.length)
    await audit(db, { actorUserId: actor.userId, action: "safeguarding.settings.changed", subjectType: "settings", subjectId: "safeguarding", ip: actor.ip, details: changes });
  return { changed: names };
}

/** A school's settings (defaults when none were saved). */
export async function getSchoolSettings(db: Executor, organisationId: number): Promise<SchoolSettings> {
  const row = await db
    .selectFrom("school_settings")
    .select(["requires_coordinator_approval", "coordinator_reads_minor_threads"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row ? { requiresCoordinatorApproval: row.requires_coordinator_approval, coordinatorReadsMinorThreads: row.coordinator_reads_minor_threads } : DEFAULT_SCHOOL_SETTINGS;
}

/** Every high school with its settings, for the staff page. */
export async function listSchoolSettings(db: Executor) {
  const rows = await db
    .selectFrom("organisations as o")
    .leftJoin("school_settings as s", "s.organisation_id", "o.id")
    .select(["o.id", "o.name", "o.status", "s.requires_coordinator_approval", "s.coordinator_reads_minor_threads"])
    .where("o.kind", "=", "high_school")
    .orderBy("o.name_kana")
    .orderBy("o.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    requiresCoordinatorApproval: r.requires_coordinator_approval ?? DEFAULT_SCHOOL_SETTINGS.requiresCoordinatorApproval,
    coordinatorReadsMinorThreads: r.coordinator_reads_minor_threads ?? DEFAULT_SCHOOL_SETTINGS.coordinatorReadsMinorThreads,
  }));
}

/** Saves one school's settings (staff only); audited with the change. */
export async function updateSchoolSettings(
  db: Executor,
  organisationId: number,
  next: SchoolSettings,
  actor: { userId: number; ip: string },
): Promise<"ok" | "not-found"> {
  const school = await db.selectFrom("organisations").select("id").where("id", "=", organisationId).where("kind", "=", "high_school").executeTakeFirst();
  if (!school) return "not-found";
  const before = await getSchoolSettings(db, organisationId);
  await db
    .insertInto("school_settings")
    .values({
      organisation_id: organisationId,
      requires_coordinator_approval: next.requiresCoordinatorApproval,
      coordinator_reads_minor_threads: next.coordinatorReadsMinorThreads,
      updated_by: actor.userId,
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({
        requires_coordinator_approval: next.requiresCoordinatorApproval,
        coordinator_reads_minor_threads: next.coordinatorReadsMinorThreads,
        updated_by: actor.userId,
        updated_at: new Date(),
      }),
    )
    .execute();
  if (before.requiresCoordinatorApproval !== next.requiresCoordinatorApproval || before.coordinatorReadsMinorThreads !== next.coordinatorReadsMinorThreads)
    await audit(db, {
      actorUserId: actor.userId,
      action: "safeguarding.school_settings.changed",
      subjectType: "organisation",
      subjectId: organisationId,
      ip: actor.ip,
      details: { from: before, to: next },
    });
  return "ok";
}
