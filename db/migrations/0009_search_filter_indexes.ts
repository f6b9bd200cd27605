import { sql, type Kysely } from "kysely";

// A search with words and a category or district filter reads only the postings of that category or district
// instead of every posting that has the words: a broad word (ボランティア is in half the generated postings)
// with two districts reads an eighth as many rows (77 → 28 ms at 100k postings). Plain btree indexes beside the
// vectors' GIN index, so the same migration runs on PGlite and on a PostgreSQL server without extensions.
// Whole indexes, not partial ones (where searchable): search tells the planner not to read the table whole,
// and it would read a partial index whole instead, which costs as much (docs/decisions/007-search-summary.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index posting_search_category_idx on posting_search (category_id)`.execute(db);
  await sql`create index posting_search_district_idx on posting_search (district_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists posting_search_district_idx`.execute(db);
  await sql`drop index if exists posting_search_category_idx`.execute(db);
}
