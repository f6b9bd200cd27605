/**
 * `npm run db:seed`: migrates the database and fills it with demo data.
 * Uses DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite (default ./data/pglite).
 */
import { runDatabaseScript } from "#db/script.server";
import { AlreadySeededError, seedDemo } from "./seed";

runDatabaseScript({ failure: "Seeding", poolMax: 1 }, async ({ db, where }) => {
  const started = Date.now();
  try {
    const summary = await seedDemo(db);
    console.log(
      `Seeded demo data into ${where}: ${summary.users} users, ${summary.organisations} organisations, ` +
        `${summary.postings} postings, ${summary.shifts} shifts (${Date.now() - started} ms).`,
    );
  } catch (error) {
    if (!(error instanceof AlreadySeededError)) throw error;
    console.log("Demo data not inserted: the database is already seeded.");
  }
  return 0;
});
