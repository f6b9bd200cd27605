/**
 * `npm run demo:remove`: removes the demo data (accounts with public passwords, demo organisations and
 * postings) from the database a production start would use: DATABASE_URL when set, otherwise PGlite in
 * $DATA_DIR/pglite. A production start refuses to run while demo accounts exist.
 */
import { runDatabaseScript } from "#db/script.server";
import { removeDemoData } from "./remove";

runDatabaseScript({ failure: "Removing the demo data", poolMax: 1 }, async ({ db, where }) => {
  const removed = await removeDemoData(db);
  console.log(
    `Demo data removed from ${where}: ${removed.accounts} accounts, ${removed.organisations} organisations, ` +
      `${removed.postings} postings, ${removed.places} places, ${removed.seatAreas} illustrative seat areas.`,
  );
  return 0;
});
