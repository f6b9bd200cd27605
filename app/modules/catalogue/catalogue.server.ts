import type { DB } from "#db/client.server";

/** The lists staff keep: districts, categories, places (市民センター, parks, schools). */
export function listDistricts(db: DB) {
  return db.selectFrom("districts").select(["id", "code", "name_ja", "name_en", "sort_order"]).orderBy("sort_order").orderBy("id").execute();
}

export function listCategories(db: DB, options: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom("categories").select(["id", "code", "name_ja", "name_en", "sort_order", "active"]).orderBy("sort_order").orderBy("id");
  if (options.activeOnly) q = q.where("active", "=", true);
  return q.execute();
}

export function listPlaces(db: DB, options: { activeOnly?: boolean } = {}) {
  let q = db
    .selectFrom("places")
    .leftJoin("districts", "districts.id", "places.district_id")
    .select([
      "places.id",
      "places.kind",
      "places.name_ja",
      "places.name_en",
      "places.address",
      "places.district_id",
      "places.latitude",
      "places.longitude",
      "places.note",
      "places.active",
      "districts.name_ja as district_ja",
    ])
    .orderBy("places.kind")
    .orderBy("places.name_ja");
  if (options.activeOnly) q = q.where("places.active", "=", true);
  return q.execute();
}
