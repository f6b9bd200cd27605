import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { ParkBrowseQuery } from "./parks.schema";

/**
 * What anyone may read of the registry: parks, what their association does, when it meets, how to join, open
 * postings and approved supporters. The representative's contact is never selected here (nor indexed for search).
 */

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The next session of each park's open postings (published, a session still to come), keyed by park. */
async function nextPostings(db: Executor, parkIds: number[], now: Date) {
  if (!parkIds.length) return new Map<number, { id: number; title: string; startsAt: Date; open: number }>();
  const rows = await db
    .selectFrom("parks")
    .innerJoin("postings", "postings.place_id", "parks.place_id")
    .innerJoin("shifts", "shifts.posting_id", "postings.id")
    .select(["parks.id as parkId", "postings.id", "postings.title", "shifts.starts_at"])
    .where("parks.id", "in", parkIds)
    .where("postings.status", "=", "published")
    .where("shifts.starts_at", ">", now)
    .orderBy("shifts.starts_at")
    .execute();
  const out = new Map<number, { id: number; title: string; startsAt: Date; open: number }>();
  const postingsOf = new Map<number, Set<number>>();
  for (const r of rows) {
    if (!out.has(r.parkId)) out.set(r.parkId, { id: r.id, title: r.title, startsAt: new Date(r.starts_at), open: 0 });
    postingsOf.set(r.parkId, (postingsOf.get(r.parkId) ?? new Set()).add(r.id));
  }
  for (const [parkId, ids] of postingsOf) out.get(parkId)!.open = ids.size;
  return out;
}

/** Places a person without JavaScript can be "near": civic centres and parks with a position. */
export function nearChoices(db: Executor) {
  return db.selectFrom("places").select(["id", "name_ja", "name_en", "kind"]).where("active", "=", true).where("latitude", "is not", null).where("kind", "in", ["civic_centre", "school"]).orderBy("kind").orderBy("name_ja").execute();
}

export async function browseParks(db: Executor, query: ParkBrowseQuery, now = new Date()) {
  let q = db
    .selectFrom("parks")
    .leftJoin("districts", "districts.id", "parks.district_id")
    .leftJoin("park_associations as a", "a.park_id", "parks.id")
    .select(["parks.id", "parks.name", "parks.address", "parks.latitude", "parks.longitude", "parks.model_case", "districts.name_ja as district_ja", "districts.name_en as district_en", "a.name as association", "a.status", "a.meeting_day", "a.meeting_time"]);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("parks.name", "ilike", like), eb("parks.name_kana", "ilike", like), eb("parks.address", "ilike", like)]));
  }
  if (query.district) q = q.where("parks.district_id", "=", query.district);
  const rows = await q.orderBy("parks.name_kana").orderBy("parks.name").limit(500).execute();
  let origin: { lat: number; lng: number; name?: string } | null = null;
  if (query.near?.startsWith("place:")) {
    const place = await db.selectFrom("places").select(["latitude", "longitude", "name_ja"]).where("id", "=", Number(query.near.slice(6))).executeTakeFirst();
    if (place?.latitude != null && place.longitude != null) origin = { lat: place.latitude, lng: place.longitude, name: place.name_ja };
  } else if (query.near) {
    const [lat, lng] = query.near.split(",").map(Number);
    origin = { lat, lng };
  }
  const next = await nextPostings(db, rows.map((r) => r.id), now);
  const parks = rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    districtJa: r.district_ja,
    districtEn: r.district_en,
    modelCase: r.model_case,
    association: r.association && r.status !== "dissolved" ? { name: r.association, status: r.status!, meetingDay: r.meeting_day ?? "", meetingTime: r.meeting_time ?? "" } : null,
    next: next.get(r.id) ?? null,
    distanceKm: origin && r.latitude != null && r.longitude != null ? Math.round(distanceKm(origin, { lat: r.latitude, lng: r.longitude }) * 10) / 10 : null,
  }));
  if (origin) parks.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
  return { parks, origin: origin ? { name: origin.name ?? null } : null };
}

/** One park's public page. */
export async function publicPark(db: Executor, parkId: number, now = new Date()) {
  const park = await db
    .selectFrom("parks")
    .leftJoin("districts", "districts.id", "parks.district_id")
    .select(["parks.id", "parks.name", "parks.address", "parks.area_m2", "parks.facilities", "parks.latitude", "parks.longitude", "parks.model_case", "parks.model_story", "districts.name_ja as district_ja", "districts.name_en as district_en"])
    .where("parks.id", "=", parkId)
    .executeTakeFirst();
  if (!park) return null;
  const [association, postings, supporters] = await Promise.all([
    db
      .selectFrom("park_associations as a")
      .leftJoin("organisations", (j) => j.onRef("organisations.id", "=", "a.organisation_id").on("organisations.status", "=", "verified"))
      .select(["a.name", "a.status", "a.founded_on", "a.member_count", "a.meeting_day", "a.meeting_time", "a.activities", "a.how_to_join", "organisations.id as organisation_id"])
      .where("a.park_id", "=", parkId)
      .executeTakeFirst(),
    db
      .selectFrom("postings")
      .innerJoin("parks", "parks.place_id", "postings.place_id")
      .innerJoin("shifts", "shifts.posting_id", "postings.id")
      .innerJoin("organisations", "organisations.id", "postings.organisation_id")
      .select(["postings.id", "postings.title", "organisations.name as organisation", "postings.welcomes_minors", sql<Date>`min(shifts.starts_at)`.as("next")])
      .where("parks.id", "=", parkId)
      .where("postings.status", "=", "published")
      .where("shifts.starts_at", ">", now)
      .groupBy(["postings.id", "postings.title", "organisations.name", "postings.welcomes_minors"])
      .orderBy("next")
      .limit(20)
      .execute(),
    db.selectFrom("park_supporters").select(["id", "name", "kind", "offer"]).where("park_id", "=", parkId).where("status", "=", "approved").orderBy("decided_at").execute(),
  ]);
  return {
    park: { ...park, model_story: park.model_case ? park.model_story : "" },
    association: association && association.status !== "dissolved" ? association : null,
    postings: postings.map((p) => ({ ...p, next: new Date(p.next) })),
    supporters,
  };
}
