/**
 * `npm run db:migrate`: brings the database to the latest schema. DATABASE_URL when set, otherwise PGlite in
 * $DATA_DIR/pglite. The app also runs this on start; running it first lets a deployment migrate once before
 * starting several app servers.
 */
import { configuredDatabase, migrateToLatest, openDatabase } from "#db/client.server";

const handle = openDatabase({ ...configuredDatabase(), poolMax: 1 });
try {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
