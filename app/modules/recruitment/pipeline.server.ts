import type { DB, Executor } from "#db/client.server";
import type { RecruitmentStage } from "#db/schema";
import { audit } from "~/utils/audit.server";
import { tokyoDateString } from "~/utils/format";
import { canMove, CONTACTED_OR_LATER, isOverdue, OPEN_STAGES } from "./pipeline.rules";
import type { RecruitmentScope } from "./settings.server";

/**
 * The people who raised a hand, for staff (every district) and district chairs (their districts only). Every
 * list and every person viewed is written to the audit log; a person outside the viewer's scope is "not found".
 */
export interface Viewer {
  userId: number;
  scope: RecruitmentScope;
  ip: string;
}

/** The districts a scope is limited to, or null for every district. */
function scopedDistricts(scope: RecruitmentScope): number[] | null {
  return scope.kind === "all" ? null : scope.districtIds.length ? scope.districtIds : [-1];
}

export interface PeopleFilter {
  stage?: RecruitmentStage | "open";
  districtId?: number;
  overdue?: boolean;
}

export async function listPeople(db: DB, viewer: Viewer, filter: PeopleFilter, today = tokyoDateString(new Date())) {
  const limited = scopedDistricts(viewer.scope);
  let query = db
      .selectFrom("recruitment_people as p")
      .innerJoin("districts as d", "d.id", "p.district_id")
      .leftJoin("recruitment_channels as ch", "ch.id", "p.channel_id")
      .select([
        "p.id",
        "p.name",
        "p.name_kana",
        "p.stage",
        "p.wants",
        "p.next_action_on",
        "p.created_at",
        "p.stage_changed_at",
        "d.id as district_id",
        "d.name_ja as district_ja",
        "d.name_en as district_en",
        "ch.label as channel_label",
      ])
      .$if(limited !== null, (qb) => qb.where("p.district_id", "in", limited!));
  if (filter.stage === "open") query = query.where("p.stage", "in", [...OPEN_STAGES]);
  else if (filter.stage) query = query.where("p.stage", "=", filter.stage);
  if (filter.districtId) query = query.where("p.district_id", "=", filter.districtId);
  if (filter.overdue) query = query.where("p.next_action_on", "<", today).where("p.stage", "in", [...OPEN_STAGES]);
  const rows = await query.orderBy("p.next_action_on", (ob) => ob.asc().nullsLast()).orderBy("p.created_at").limit(500).execute();
  await audit(db, {
    actorUserId: viewer.userId,
    action: "recruitment.people_listed",
    subjectType: "recruitment_person",
    ip: viewer.ip,
    details: { count: rows.length, ...filter, scope: viewer.scope.kind === "all" ? "all" : viewer.scope.districtIds },
  });
  return rows.map((r) => ({ ...r, overdue: isOverdue(r.stage, r.next_action_on, today) }));
}

/** One person with their events, if the viewer may see them (null otherwise: the page answers 404). */
export async function getPerson(db: DB, viewer: Viewer, id: number) {
  const limited = scopedDistricts(viewer.scope);
  const person = await db
      .selectFrom("recruitment_people as p")
      .innerJoin("districts as d", "d.id", "p.district_id")
      .leftJoin("recruitment_channels as ch", "ch.id", "p.channel_id")
      .leftJoin("recruitment_campaigns as c", "c.id", "p.campaign_id")
      .leftJoin("recruitment_areas as a", "a.id", "p.appointed_area_id")
      .select([
        "p.id",
        "p.name",
        "p.name_kana",
        "p.birth_year",
        "p.phone",
        "p.email",
        "p.best_time",
        "p.wants",
        "p.stage",
        "p.next_action_on",
        "p.consent_text",
        "p.consented_at",
        "p.created_at",
        "p.appointed_at",
        "p.district_id",
        "d.name_ja as district_ja",
        "d.name_en as district_en",
        "ch.label as channel_label",
        "c.name as campaign_name",
        "a.name as appointed_area",
      ])
      .where("p.id", "=", id)
      .$if(limited !== null, (qb) => qb.where("p.district_id", "in", limited!))
      .executeTakeFirst();
  if (!person) {
    await audit(db, { actorUserId: viewer.userId, action: "recruitment.person_view_refused", subjectType: "recruitment_person", subjectId: id, ip: viewer.ip });
    return null;
  }
  const events = await db
    .selectFrom("recruitment_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.at", "e.from_stage", "e.to_stage", "e.note", "e.next_action_on", "u.display_name as actor_name"])
    .where("e.person_id", "=", id)
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc")
    .execute();
  const areas = await db
    .selectFrom("recruitment_areas")
    .select(["id", "name", "seats", "serving"])
    .where("district_id", "=", person.district_id)
    .orderBy("name")
    .execute();
  await audit(db, { actorUserId: viewer.userId, action: "recruitment.person_viewed", subjectType: "recruitment_person", subjectId: id, ip: viewer.ip });
  return { person, events, areas };
}

export type StageChangeResult = "ok" | "not-found" | "not-allowed" | "area-required" | "no-vacancy";

/**
 * Moves a person along the pipeline (only by the rule's moves), with a dated note and the next action. 委嘱 takes
 * a seat in an area of the person's district: the area's serving count goes up in the same transaction, and an
 * area without a vacancy is refused rather than over-filled.
 */
export async function changeStage(
  db: DB,
  viewer: Viewer,
  id: number,
  input: { to: RecruitmentStage; note?: string; nextActionOn?: string; areaId?: number },
  now = new Date(),
): Promise<StageChangeResult> {
  return db.transaction().execute(async (trx) => {
    const limited = scopedDistricts(viewer.scope);
    const person = await trx
      .selectFrom("recruitment_people as p")
      .select(["p.id", "p.stage", "p.district_id", "p.contacted_at"])
      .where("p.id", "=", id)
      .$if(limited !== null, (qb) => qb.where("p.district_id", "in", limited!))
      .forUpdate()
      .executeTakeFirst();
    if (!person) return "not-found" as const;
    if (!canMove(person.stage, input.to)) return "not-allowed" as const;
    let areaId: number | null = null;
    if (input.to === "appointed") {
      if (!input.areaId) return "area-required" as const;
      // Lock the area and take a seat only if one is free: two appointments at once cannot over-fill it.
      const taken = await trx
        .updateTable("recruitment_areas")
        .set((eb) => ({ serving: eb("serving", "+", 1), updated_at: now }))
        .where("id", "=", input.areaId)
        .where("district_id", "=", person.district_id)
        .whereRef("serving", "<", "seats")
        .returning("id")
        .executeTakeFirst();
      if (!taken) return "no-vacancy" as const;
      areaId = taken.id;
    }
    const open = (OPEN_STAGES as readonly string[]).includes(input.to);
    await trx
      .updateTable("recruitment_people")
      .set({
        stage: input.to,
        stage_changed_at: now,
        updated_at: now,
        next_action_on: open ? (input.nextActionOn ?? null) : null,
        ...(CONTACTED_OR_LATER.includes(input.to) && !person.contacted_at ? { contacted_at: now } : {}),
        ...(input.to === "appointed" ? { appointed_at: now, appointed_area_id: areaId } : {}),
      })
      .where("id", "=", id)
      .execute();
    await trx
      .insertInto("recruitment_events")
      .values({ person_id: id, at: now, actor_user_id: viewer.userId, from_stage: person.stage, to_stage: input.to, note: input.note ?? "", next_action_on: open ? (input.nextActionOn ?? null) : null })
      .execute();
    await audit(trx, {
      actorUserId: viewer.userId,
      action: "recruitment.stage_changed",
      subjectType: "recruitment_person",
      subjectId: id,
      ip: viewer.ip,
      details: { from: person.stage, to: input.to, areaId },
    });
    return "ok" as const;
  });
}

/** A dated note (and optionally a new next-action date) without a change of stage. */
export async function addNote(db: DB, viewer: Viewer, id: number, input: { note: string; nextActionOn?: string }, now = new Date()): Promise<"ok" | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const limited = scopedDistricts(viewer.scope);
    const person = await trx
      .selectFrom("recruitment_people as p")
      .select(["p.id"])
      .where("p.id", "=", id)
      .$if(limited !== null, (qb) => qb.where("p.district_id", "in", limited!))
      .forUpdate()
      .executeTakeFirst();
    if (!person) return "not-found" as const;
    if (input.nextActionOn) await trx.updateTable("recruitment_people").set({ next_action_on: input.nextActionOn, updated_at: now }).where("id", "=", id).execute();
    else await trx.updateTable("recruitment_people").set({ updated_at: now }).where("id", "=", id).execute();
    await trx.insertInto("recruitment_events").values({ person_id: id, at: now, actor_user_id: viewer.userId, note: input.note, next_action_on: input.nextActionOn ?? null }).execute();
    await audit(trx, { actorUserId: viewer.userId, action: "recruitment.note_added", subjectType: "recruitment_person", subjectId: id, ip: viewer.ip });
    return "ok" as const;
  });
}

/** Open people whose next action is before `today`, per district (for the weekly email: counts only). */
export async function overdueCounts(db: Executor, today: string) {
  const rows = await db
    .selectFrom("recruitment_people")
    .select(["district_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("next_action_on", "<", today)
    .where("stage", "in", [...OPEN_STAGES])
    .groupBy("district_id")
    .execute();
  return rows.map((r) => ({ districtId: r.district_id, count: Number(r.n) }));
}
