/**
 * `npm run demo:remove`: removes the demo data (accounts with public passwords, demo organisations and
 * postings) from the database a production start would use: DATABASE_URL when set, otherwise PGlite in
 * $DATA_DIR/pglite. A production start refuses to run while demo accounts exist.
 */
import { configuredDatabase, migrateToLatest, openDatabase } from "#db/client.server";
import { removeDemoData } from "./remove";

async function main(): Promise<number> {
  const { databaseUrl, dataDir } = configuredDatabase();
  const handle = openDatabase({ databaseUrl, dataDir, poolMax: 1 });
  try {
    await migrateToLatest(handle.db);
    const removed = await removeDemoData(handle.db);
    const where = databaseUrl ? "PostgreSQL" : `PGlite at ${dataDir}`;
    console.log(
      `Demo data removed from ${where}: ${removed.accounts} accounts, ${removed.organisations} organisations, ` +
        `${removed.postings} postings, ${removed.places} places.`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Removing the demo data failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
