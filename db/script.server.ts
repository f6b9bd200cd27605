/**
 * How a command-line script (`npm run db:seed`, `search:reindex`, `demo:remove`) starts and ends: it opens the
 * database a server started here would use (DATABASE_URL when set, otherwise PGlite in $DATA_DIR/pglite),
 * migrates it, runs its task, closes the database and exits with the task's code — or, when anything throws,
 * prints "<what> failed: <message>" and exits with 1.
 */
import { configuredDatabase, migrateToLatest, openDatabase, type DB } from "./client.server";

export interface ScriptDatabase {
  db: DB;
  /** Where the data is, for the script's last line: "PostgreSQL" or "PGlite at <folder>". */
  where: string;
}

export function runDatabaseScript(options: { failure: string; poolMax: number }, task: (database: ScriptDatabase) => Promise<number>): void {
  const fail = (error: unknown) => console.error(`${options.failure} failed: ${error instanceof Error ? error.message : String(error)}`);
  const main = async (): Promise<number> => {
    const { databaseUrl, dataDir } = configuredDatabase();
    const handle = openDatabase({ databaseUrl, dataDir, poolMax: options.poolMax });
    try {
      await migrateToLatest(handle.db);
      return await task({ db: handle.db, where: databaseUrl ? "PostgreSQL" : `PGlite at ${dataDir}` });
    } catch (error) {
      fail(error);
      return 1;
    } finally {
      await handle.close();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error) => {
      fail(error);
      process.exit(1);
    },
  );
}
