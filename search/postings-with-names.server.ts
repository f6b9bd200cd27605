import type { Executor } from "#db/client.server";

/**
 * Postings (p) with their organisation (o), category (c) and district (d): what every search document reads,
 * for both engines. On its own so that the Meilisearch adapter need not import the PostgreSQL document writer
 * (which queues Meilisearch syncs): no import circle.
 */
export function postingsWithNames(db: Executor) {
  return db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .leftJoin("districts as d", "d.id", "p.district_id");
}
