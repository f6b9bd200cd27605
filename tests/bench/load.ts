import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { CATEGORIES, DISTRICTS } from "~/server/seed/data";
import { refreshSearchDocuments } from "#search/document.server";
import type { Dataset } from "./generate";

/**
 * Loads a generated dataset (./generate.ts) into a migrated, empty database: the catalogue, verified
 * organisations, published postings with their shifts in multi-row batches, then the search vectors, and
 * VACUUM ANALYZE (what autovacuum does on a server after a bulk load). Used by the search benchmark and by the
 * test that compares the in-process search index with SQL.
 */
export const INSERT_BATCH = 1000;

export interface Loaded {
  /** Database id of each generated posting, by index. */
  postingIds: number[];
  shiftCount: number;
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
}

export async function loadDataset(db: DB, data: Dataset, now: Date): Promise<Loaded> {
  const started = performance.now();
  const categoryRows = await db
    .insertInto("categories")
    .values(CATEGORIES.map((c, i) => ({ code: c.code, name_ja: c.name_ja, name_en: c.name_en, sort_order: (i + 1) * 10 })))
    .returning(["id", "code"])
    .execute();
  const districtRows = await db
    .insertInto("districts")
    .values(DISTRICTS.map((d) => ({ code: d.code, name_ja: d.name_ja, name_en: d.name_en, sort_order: d.sort_order })))
    .returning(["id", "code"])
    .execute();
  const categoryId = new Map(categoryRows.map((r) => [r.code, r.id]));
  const districtId = new Map(districtRows.map((r) => [r.code, r.id]));

  const organisationIds: number[] = [];
  for (let i = 0; i < data.organisations.length; i += INSERT_BATCH) {
    const batch = data.organisations.slice(i, i + INSERT_BATCH);
    const rows = await db
      .insertInto("organisations")
      .values(
        batch.map((o, j) => ({
          name: o.name,
          kind: o.kind,
          district_id: o.districtCode ? districtId.get(o.districtCode)! : null,
          status: "verified" as const,
          status_changed_at: now,
          submission_key: `bench-org-${i + j}`,
        })),
      )
      .returning(["id", "submission_key"])
      .execute();
    for (const r of rows) organisationIds[Number(r.submission_key!.slice("bench-org-".length))] = r.id;
  }

  const postingIds: number[] = [];
  let shiftCount = 0;
  for (let i = 0; i < data.postings.length; i += INSERT_BATCH) {
    const batch = data.postings.slice(i, i + INSERT_BATCH);
    const rows = await db
      .insertInto("postings")
      .values(
        batch.map((p) => ({
          organisation_id: organisationIds[p.organisationIndex],
          title: p.title,
          description: p.description,
          category_id: categoryId.get(p.categoryCode)!,
          tags: p.tags,
          district_id: p.districtCode ? districtId.get(p.districtCode)! : null,
          place_name: p.placeName,
          latitude: p.latitude,
          longitude: p.longitude,
          minimum_age: p.minimumAge,
          welcomes_minors: p.welcomesMinors,
          what_to_bring: p.whatToBring,
          status: "published" as const,
          published_at: p.publishedAt,
          submission_key: `bench-${p.index}`,
          created_at: p.publishedAt,
          updated_at: p.publishedAt,
        })),
      )
      .returning(["id", "submission_key"])
      .execute();
    for (const r of rows) postingIds[Number(r.submission_key!.slice("bench-".length))] = r.id;

    const shifts = batch.flatMap((p) =>
      p.shifts.map((s) => ({ posting_id: postingIds[p.index], starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity })),
    );
    for (let k = 0; k < shifts.length; k += INSERT_BATCH) {
      await db
        .insertInto("shifts")
        .values(shifts.slice(k, k + INSERT_BATCH))
        .execute();
    }
    shiftCount += shifts.length;
  }
  const insertMs = performance.now() - started;

  const indexStarted = performance.now();
  await refreshSearchDocuments(db, postingIds);
  const indexMs = performance.now() - indexStarted;

  const analyzeStarted = performance.now();
  await sql`vacuum analyze`.execute(db);
  const analyzeMs = performance.now() - analyzeStarted;
  return { postingIds, shiftCount, insertMs, indexMs, analyzeMs };
}
