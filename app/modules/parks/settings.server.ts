import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { DEFAULT_GRANT_BANDS, grantBandProblems, type GrantBand } from "./grant.rules";
import { DEFAULT_VITALITY_SETTINGS, VITALITY_LIMITS, type VitalitySettings } from "./vitality.rules";

export interface ParkSettings {
  grantBands: GrantBand[];
  vitality: VitalitySettings;
}

function readVitality(value: unknown): VitalitySettings {
  const out = { ...DEFAULT_VITALITY_SETTINGS };
  if (value && typeof value === "object")
    for (const key of Object.keys(VITALITY_LIMITS) as (keyof VitalitySettings)[]) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === "number" && Number.isInteger(v) && v >= VITALITY_LIMITS[key].min && v <= VITALITY_LIMITS[key].max) out[key] = v;
    }
  return out;
}

function readBands(value: unknown): GrantBand[] {
  if (!Array.isArray(value)) return [...DEFAULT_GRANT_BANDS];
  const bands = value.map((b) => ({ upToM2: b?.upToM2 ?? null, yen: b?.yen })) as GrantBand[];
  return grantBandProblems(bands).length ? [...DEFAULT_GRANT_BANDS] : bands;
}

/** The grant bands and vitality thresholds as staff set them (the defaults where nothing was saved). */
export async function getParkSettings(db: Executor): Promise<ParkSettings> {
  const rows = await db.selectFrom("park_settings").select(["key", "value"]).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return { grantBands: readBands(value("grant_bands")), vitality: readVitality(value("vitality")) };
}

/** Saves both settings and writes the audit log with the new values. */
export async function updateParkSettings(db: Executor, next: ParkSettings, actor: { userId: number; ip: string }): Promise<void> {
  for (const [key, value] of [
    ["grant_bands", next.grantBands],
    ["vitality", next.vitality],
  ] as const) {
    await db
      .insertInto("park_settings")
      .values({ key, value: sql<string>`cast(${JSON.stringify(value)} as text)::jsonb`, updated_by: actor.userId, updated_at: new Date() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: sql<string>`excluded.value`, updated_by: actor.userId, updated_at: new Date() }))
      .execute();
  }
  await audit(db, { actorUserId: actor.userId, action: "parks.settings.changed", subjectType: "settings", subjectId: "parks", ip: actor.ip, details: { ...next } });
}
