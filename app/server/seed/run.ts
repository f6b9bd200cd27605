/**
 * `npm run db:seed`: migrates the database and fills it with demo data.
 * Uses DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite (default ./data/pglite).
 */
import { configuredDatabase, migrateToLatest, openDatabase } from "#db/client.server";
import { AlreadySeededError, seedDemo } from "./seed";

async function main(): Promise<number> {
  const { databaseUrl, dataDir } = configuredDatabase();
  const handle = openDatabase({ databaseUrl, dataDir, poolMax: 1 });
  try {
    await migrateToLatest(handle.db);
    const started = Date.now();
    const summary = await seedDemo(handle.db);
    const where = databaseUrl ? "PostgreSQL" : `PGlite at ${dataDir}`;
    console.log(
      `Seeded demo data into ${where}: ${summary.users} users, ${summary.organisations} organisations, ` +
        `${summary.postings} postings, ${summary.shifts} shifts (${Date.now() - started} ms).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AlreadySeededError) {
      console.log("Demo data not inserted: the database is already seeded.");
      return 0;
    }
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
