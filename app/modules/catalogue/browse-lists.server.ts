import type { DB } from "#db/client.server";
import { listCategories, listDistricts, listPlaces } from "./catalogue.server";

export interface BrowseLists {
  categories: Awaited<ReturnType<typeof listCategories>>;
  districts: Awaited<ReturnType<typeof listDistricts>>;
  places: Awaited<ReturnType<typeof listPlaces>>;
}

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; value: Promise<BrowseLists> }>();

/**
 * The lists every browse page shows — active categories, districts, active places — read once a minute per
 * process rather than three statements per page view (as the search dictionary is, search/dictionary.server.ts).
 * Staff changes made through this process show at once (forgetBrowseLists); another process of a cluster
 * shows them within the minute. Pages that edit the lists read them directly.
 */
export function browseLists(db: DB): Promise<BrowseLists> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = Promise.all([listCategories(db, { activeOnly: true }), listDistricts(db), listPlaces(db, { activeOnly: true })]).then(
    ([categories, districts, places]) => ({ categories, districts, places }),
  );
  value.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), value });
  return value;
}

export function forgetBrowseLists(db: DB): void {
  cache.delete(db);
}
