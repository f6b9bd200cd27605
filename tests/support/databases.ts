import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import postgres from "postgres";
import { openDatabase, pgliteOptions, type DB } from "#db/client.server";
import type { Database } from "#db/schema";

export interface TestDatabase {
  name: "pglite" | "postgres";
  open: () => Promise<{ db: DB; close: () => Promise<void> }>;
}

async function openPglite() {
  const dumpPath = process.env.TEST_PGLITE_DUMP;
  if (!dumpPath) throw new Error("TEST_PGLITE_DUMP is not set: run the tests through vitest (global setup)");
  const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(dumpPath)]), ...pgliteOptions(PGlite) });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, close: () => db.destroy() };
}

async function openPostgres() {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const template = process.env.TEST_PG_TEMPLATE!;
  const name = `tsunagu_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), poolMax: 20 });
  return {
    db: handle.db,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The databases integration tests run against: PGlite always, PostgreSQL when a server was given. */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: openPglite }];
  if (process.env.TEST_PG_TEMPLATE) list.push({ name: "postgres", open: openPostgres });
  return list;
}

/**
 * The PostgreSQL search engine's two ways of finding matches (its in-process index, the default, and SQL
 * alone) on each test database: the search suites run on every pair.
 */
export function searchTestSetups(): (TestDatabase & { index: "memory" | "sql" })[] {
  return testDatabases().flatMap((database) => (["memory", "sql"] as const).map((index) => ({ ...database, index })));
}
