import type { Executor } from "#db/client.server";

/**
 * Postings (p) with their organisation (o), category (c) and district (d): what every search document reads,
 * PostgreSQL's search vectors and Meilisearch's documents alike. It sits in its own file so that both engines
 * take it from below them (the vectors' writer queues Meilisearch syncs, so the two cannot import each other).
 */
export function postingsWithNames(db: Executor) {
  return db
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .leftJoin("districts as d", "d.id", "p.district_id");
}
