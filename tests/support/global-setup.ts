import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import postgres from "postgres";
import { migrateToLatest, openDatabase } from "#db/client.server";

/**
 * Prepares the databases the integration tests run on, once per run:
 * - PGlite: a migrated data folder, dumped to a file that each test file loads (well under a second, against
 *   five seconds for a fresh initdb);
 * - PostgreSQL, when TEST_DATABASE_URL (or DATABASE_URL) names a server: a migrated template database from
 *   which each test file clones its own database.
 */
export default async function setup() {
  const cacheDir = path.resolve("node_modules/.cache/tsunagu-tests");
  mkdirSync(cacheDir, { recursive: true });

  const pglite = new PGlite();
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir("none");
  const dumpPath = path.join(cacheDir, "pglite-migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  process.env.TEST_PGLITE_DUMP = dumpPath;

  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const template = `tsunagu_test_template_${process.pid}`;
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const handle = openDatabase({ databaseUrl: url.toString(), poolMax: 1 });
    await migrateToLatest(handle.db);
    await sql`select 1`.execute(handle.db);
    await handle.close();
    process.env.TEST_PG_ADMIN_URL = adminUrl;
    process.env.TEST_PG_TEMPLATE = template;
    writeFileSync(path.join(cacheDir, "databases.txt"), "pglite,postgres\n");
    return async () => {
      // Test files drop their own databases; the template goes last.
      await admin.unsafe(`drop database if exists ${template}`);
      await admin.end();
    };
  }
  writeFileSync(path.join(cacheDir, "databases.txt"), "pglite\n");
  return undefined;
}
