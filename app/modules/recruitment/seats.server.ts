import type { DB, Executor } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { csv } from "../applications/applications.rules";
import { fillRate, forecastVacancies, type Forecast } from "./figures.rules";
import type { AreaInput } from "./recruitment.schema";
import { CSV_HEADERS, readSeatsCsv, type SeatsCsvProblem } from "./seats-csv";

/**
 * The seat board: every 担当区域 with its 定数 and how many serve (counts; no names are kept here), households,
 * term end and re-election intentions; fill rates per district and for the ward, vacancies first.
 */
export interface SeatArea {
  id: number;
  districtId: number;
  districtCode: string;
  districtJa: string;
  districtEn: string;
  name: string;
  seats: number;
  serving: number;
  households: number;
  termEndsOn: string | null;
  intendContinue: number;
  intendLeave: number;
  intendUndecided: number;
}

export interface DistrictSeats {
  districtId: number;
  districtJa: string;
  districtEn: string;
  seats: number;
  serving: number;
  vacant: number;
  rate: number | null;
  areas: SeatArea[];
}

export interface SeatBoard {
  districts: DistrictSeats[];
  ward: { seats: number; serving: number; vacant: number; rate: number | null };
  forecast: Forecast;
}

export async function listSeatAreas(db: Executor): Promise<SeatArea[]> {
  const rows = await db
    .selectFrom("recruitment_areas as a")
    .innerJoin("districts as d", "d.id", "a.district_id")
    .select([
      "a.id",
      "a.district_id",
      "d.code",
      "d.name_ja",
      "d.name_en",
      "d.sort_order",
      "a.name",
      "a.seats",
      "a.serving",
      "a.households",
      "a.term_ends_on",
      "a.intend_continue",
      "a.intend_leave",
      "a.intend_undecided",
    ])
    .orderBy("d.sort_order")
    .orderBy("a.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    districtId: r.district_id,
    districtCode: r.code,
    districtJa: r.name_ja,
    districtEn: r.name_en,
    name: r.name,
    seats: r.seats,
    serving: r.serving,
    households: r.households,
    termEndsOn: r.term_ends_on,
    intendContinue: r.intend_continue,
    intendLeave: r.intend_leave,
    intendUndecided: r.intend_undecided,
  }));
}

/** The board as staff see it: districts with vacancies first (most vacant first), then the rest in ward order. */
export async function seatBoard(db: Executor): Promise<SeatBoard> {
  const areas = await listSeatAreas(db);
  const byDistrict = new Map<number, DistrictSeats>();
  for (const a of areas) {
    let d = byDistrict.get(a.districtId);
    if (!d) {
      d = { districtId: a.districtId, districtJa: a.districtJa, districtEn: a.districtEn, seats: 0, serving: 0, vacant: 0, rate: null, areas: [] };
      byDistrict.set(a.districtId, d);
    }
    d.seats += a.seats;
    d.serving += a.serving;
    d.areas.push(a);
  }
  const districts = [...byDistrict.values()];
  for (const d of districts) {
    d.vacant = d.seats - d.serving;
    d.rate = fillRate(d.serving, d.seats);
    d.areas.sort((x, y) => y.seats - y.serving - (x.seats - x.serving));
  }
  // A stable sort keeps the ward's own order among districts with the same number of vacancies.
  districts.sort((x, y) => y.vacant - x.vacant);
  const seats = districts.reduce((n, d) => n + d.seats, 0);
  const serving = districts.reduce((n, d) => n + d.serving, 0);
  return {
    districts,
    ward: { seats, serving, vacant: seats - serving, rate: fillRate(serving, seats) },
    forecast: forecastVacancies(areas),
  };
}

/** What the public page shows: 「枝光で1名募集中」 — districts with a vacancy and how many, nothing more. */
export async function districtsLookingNow(db: Executor) {
  const rows = await db
    .selectFrom("recruitment_areas as a")
    .innerJoin("districts as d", "d.id", "a.district_id")
    .select(["d.id", "d.name_ja", "d.name_en", "d.sort_order", (eb) => eb.fn.sum<number>(eb("a.seats", "-", eb.ref("a.serving"))).as("vacant")])
    .groupBy(["d.id", "d.name_ja", "d.name_en", "d.sort_order"])
    .having((eb) => eb.fn.sum(eb("a.seats", "-", eb.ref("a.serving"))), ">", 0)
    .orderBy("d.sort_order")
    .execute();
  return rows.map((r) => ({ districtId: r.id, nameJa: r.name_ja, nameEn: r.name_en, vacant: Number(r.vacant) }));
}

function areaValues(input: AreaInput) {
  return {
    district_id: input.districtId,
    name: input.name,
    seats: input.seats,
    serving: input.serving,
    households: input.households,
    term_ends_on: input.termEndsOn ?? null,
    intend_continue: input.intendContinue,
    intend_leave: input.intendLeave,
    intend_undecided: input.intendUndecided,
    updated_at: new Date(),
  };
}

/** Adds an area, or updates the one with the same district and name. */
export async function saveArea(db: DB, input: AreaInput, actorUserId: number, ip: string): Promise<"ok" | "unknown-district"> {
  return db.transaction().execute(async (trx) => {
    const district = await trx.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
    if (!district) return "unknown-district" as const;
    const values = areaValues(input);
    const row = await trx
      .insertInto("recruitment_areas")
      .values(values)
      .onConflict((oc) => oc.columns(["district_id", "name"]).doUpdateSet(values))
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, { actorUserId, action: "recruitment.area_saved", subjectType: "recruitment_area", subjectId: row.id, ip, details: { ...input } });
    return "ok" as const;
  });
}

/** One area as its edit form shows it. */
export async function getSeatArea(db: Executor, id: number): Promise<SeatArea | null> {
  return (await listSeatAreas(db)).find((a) => a.id === id) ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  return Boolean(error && typeof error === "object" && "code" in error && (error as { code: string }).code === "23505");
}

/**
 * Edits one area (its district and name too), validated by the same schema as the board's form and the CSV, and
 * audited as saving one is. Another area of the district with the new name is refused, not merged.
 */
export async function updateArea(db: DB, id: number, input: AreaInput, actorUserId: number, ip: string): Promise<"ok" | "not-found" | "unknown-district" | "duplicate-name"> {
  try {
    return await db.transaction().execute(async (trx) => {
      const area = await trx.selectFrom("recruitment_areas").select("id").where("id", "=", id).forUpdate().executeTakeFirst();
      if (!area) return "not-found" as const;
      const district = await trx.selectFrom("districts").select("id").where("id", "=", input.districtId).executeTakeFirst();
      if (!district) return "unknown-district" as const;
      const other = await trx.selectFrom("recruitment_areas").select("id").where("district_id", "=", input.districtId).where("name", "=", input.name).where("id", "!=", id).executeTakeFirst();
      if (other) return "duplicate-name" as const;
      await trx.updateTable("recruitment_areas").set(areaValues(input)).where("id", "=", id).execute();
      await audit(trx, { actorUserId, action: "recruitment.area_saved", subjectType: "recruitment_area", subjectId: id, ip, details: { ...input } });
      return "ok" as const;
    });
  } catch (error) {
    // Two edits racing to the same name: the second is told so, as above.
    if (isUniqueViolation(error)) return "duplicate-name";
    throw error;
  }
}

export type SeatsImportResult = { status: "ok"; saved: number } | { status: "invalid"; problems: SeatsCsvProblem[] };

/** A whole file or nothing: every bad row is reported with its line, and nothing is saved until all are valid. */
export async function importSeats(db: DB, bytes: Uint8Array, actorUserId: number, ip: string): Promise<SeatsImportResult> {
  const districts = await db.selectFrom("districts").select(["id", "code", "name_ja", "name_en"]).execute();
  const read = readSeatsCsv(bytes, districts);
  if (read.problems.length) return { status: "invalid", problems: read.problems };
  return db.transaction().execute(async (trx) => {
    for (const area of read.areas) {
      const values = areaValues(area);
      await trx
        .insertInto("recruitment_areas")
        .values(values)
        .onConflict((oc) => oc.columns(["district_id", "name"]).doUpdateSet(values))
        .execute();
    }
    await audit(trx, { actorUserId, action: "recruitment.seats_imported", subjectType: "recruitment_area", ip, details: { rows: read.areas.length } });
    return { status: "ok" as const, saved: read.areas.length };
  });
}

/** The board as a spreadsheet (UTF-8 with a BOM, CRLF: Excel opens it as it is), in the columns import reads. */
export async function exportSeats(db: DB, actorUserId: number, ip: string): Promise<string> {
  const areas = await listSeatAreas(db);
  await audit(db, { actorUserId, action: "recruitment.seats_exported", subjectType: "recruitment_area", ip, details: { rows: areas.length } });
  return csv([
    [...CSV_HEADERS],
    ...areas.map((a) => [a.districtCode, a.name, a.seats, a.serving, a.households, a.termEndsOn ?? "", a.intendContinue, a.intendLeave, a.intendUndecided]),
  ]);
}
