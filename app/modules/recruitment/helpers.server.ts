import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { tokyoDateString } from "~/utils/format";
import { daysUntil } from "./figures.rules";
import { HELPER_PLEDGE_TEXT, type HelperInput, type HelperTermsInput } from "./recruitment.schema";

/**
 * 協力員 (helpers): people who try the role by helping a commissioner in an area. The record keeps the pledge as
 * made, the insurance's end and the active period; the list warns ahead of an insurance lapse.
 */
export const LAPSE_WARNING_DAYS = 30;

export async function addHelper(db: DB, input: HelperInput, actorUserId: number, ip: string): Promise<"ok" | "unknown-area"> {
  return db.transaction().execute(async (trx) => {
    const area = await trx.selectFrom("recruitment_areas").select("id").where("id", "=", input.areaId).executeTakeFirst();
    if (!area) return "unknown-area" as const;
    const person = input.personId ? await trx.selectFrom("recruitment_people").select("id").where("id", "=", input.personId).executeTakeFirst() : undefined;
    const row = await trx
      .insertInto("recruitment_helpers")
      .values({
        name: input.name,
        area_id: area.id,
        person_id: person?.id ?? null,
        pledge_text: HELPER_PLEDGE_TEXT,
        insurance_until: input.insuranceUntil,
        active_from: input.activeFrom,
        active_until: input.activeUntil ?? null,
        created_by: actorUserId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId, action: "recruitment.helper_added", subjectType: "recruitment_helper", subjectId: row.id, ip });
    return "ok" as const;
  });
}

/** Changes a helper's insurance end and active period (the name, area and pledge as made stay). */
export async function updateHelper(db: DB, id: number, input: HelperTermsInput, actorUserId: number, ip: string): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("recruitment_helpers")
      .set({ insurance_until: input.insuranceUntil, active_from: input.activeFrom, active_until: input.activeUntil ?? null })
      .where("id", "=", id)
      .returning("id")
      .executeTakeFirst();
    if (!row) return "not-found" as const;
    await audit(trx, { actorUserId, action: "recruitment.helper_updated", subjectType: "recruitment_helper", subjectId: id, ip, details: { ...input } });
    return "ok" as const;
  });
}

export async function getHelper(db: Executor, id: number) {
  return db
    .selectFrom("recruitment_helpers as h")
    .innerJoin("recruitment_areas as a", "a.id", "h.area_id")
    .innerJoin("districts as d", "d.id", "a.district_id")
    .select(["h.id", "h.name", "h.insurance_until", "h.active_from", "h.active_until", "a.name as area_name", "d.name_ja as district_ja", "d.name_en as district_en"])
    .where("h.id", "=", id)
    .executeTakeFirst();
}

export type HelperState = { kind: "ok" } | { kind: "lapsing"; days: number } | { kind: "lapsed" } | { kind: "ended" };

/** Pure: a helper's state on `today` ('YYYY-MM-DD'), for the warning beside their name. */
export function helperState(h: { insurance_until: string; active_until: string | null }, today: string): HelperState {
  if (h.active_until !== null && h.active_until < today) return { kind: "ended" };
  const days = daysUntil(today, h.insurance_until);
  if (days < 0) return { kind: "lapsed" };
  if (days <= LAPSE_WARNING_DAYS) return { kind: "lapsing", days };
  return { kind: "ok" };
}

export async function listHelpers(db: Executor, now = new Date()) {
  const today = tokyoDateString(now);
  const rows = await db
    .selectFrom("recruitment_helpers as h")
    .innerJoin("recruitment_areas as a", "a.id", "h.area_id")
    .innerJoin("districts as d", "d.id", "a.district_id")
    .select(["h.id", "h.name", "h.insurance_until", "h.active_from", "h.active_until", "h.pledged_at", "a.name as area_name", "d.name_ja as district_ja", "d.name_en as district_en"])
    .orderBy("h.insurance_until")
    .execute();
  return rows.map((r) => ({ ...r, state: helperState(r, today) }));
}
