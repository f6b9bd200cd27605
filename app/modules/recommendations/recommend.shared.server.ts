import type { Executor } from "#db/client.server";
import type { VolunteerType } from "#db/schema";
import { getSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import type { CandidateShift, MinorsPolicy, Person, Point } from "./recommend.rules";

/** What both directions of matching read the same way: limits, a person's profile and home, the minors policy. */

export const DEFAULT_LIMIT = 6;
export const MAX_LIMIT = 50;

export const clampLimit = (limit: number | undefined, fallback: number) => Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit ?? fallback)));
/**
 * Where a district "is": its civic centre, else another centre of the district (a park) — the same place the
 * search page measures `near=district:CODE` from (active places with a position, civic centres first, then by
 * name).
 */
export function districtCentres(db: Executor, districtIds: number[]) {
  return db
    .selectFrom("places")
    .select(["district_id", "latitude", "longitude"])
    .distinctOn("district_id")
    .where("active", "=", true)
    .where("kind", "in", ["civic_centre", "park"])
    .where("latitude", "is not", null)
    .where("longitude", "is not", null)
    .where("district_id", "in", districtIds.length ? districtIds : [-1])
    .orderBy("district_id")
    .orderBy("kind")
    .orderBy("name_ja")
    .execute();
}

export async function districtCentre(db: Executor, districtId: number | null): Promise<Point | null> {
  if (districtId === null) return null;
  const [row] = await districtCentres(db, [districtId]);
  return row ? { lat: Number(row.latitude), lng: Number(row.longitude) } : null;
}

export interface ProfileRow {
  interests: string[];
  skills: string[];
  availability: string[];
  volunteer_type: VolunteerType | null;
  birth_date: string | null;
  district_id: number | null;
}

export function personFrom(row: ProfileRow, home: Point | null): Person {
  return {
    interests: row.interests ?? [],
    skills: row.skills ?? [],
    availability: row.availability ?? [],
    volunteerType: row.volunteer_type,
    birthDate: row.birth_date,
    home,
  };
}

/** Whether the profile says enough for recommendations to be about the person (not only about time and need). */
export function profileIsEmpty(person: Pick<Person, "interests" | "skills" | "availability" | "home">): boolean {
  return !person.interests.length && !person.skills.length && !person.availability.length && !person.home;
}

/** JSON arrays travel as text from some drivers and as values from others. */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

export type ShiftTuple = [id: number, startsMs: number, endsMs: number, capacity: number, confirmed: number];

export const toShift = ([id, starts, ends, capacity, confirmed]: ShiftTuple): CandidateShift => ({
  id,
  startsAt: new Date(Number(starts)),
  endsAt: new Date(Number(ends)),
  capacity: Number(capacity),
  confirmed: Number(confirmed),
});

/** The ward's current rules for minors (safeguarding settings). */
export async function minorsPolicy(db: Executor): Promise<MinorsPolicy> {
  const { minorAge, minorsLatestEnd } = await getSafeguardingSettings(db);
  return { minorAge, minorsLatestEnd };
}
