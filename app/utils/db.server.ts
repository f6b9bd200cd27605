import path from "node:path";
import { openDatabase, type DatabaseHandle, type Executor } from "#db/client.server";
import { onOneConnection } from "#db/pipeline.server";
import { dataDir, env } from "./env.server";
import { singleton } from "./singleton.server";

/** The process's one database: PostgreSQL when DATABASE_URL is set, PGlite in DATA_DIR otherwise. */
export function database(): DatabaseHandle {
  return singleton("database", () => {
    const e = env();
    return e.DATABASE_URL
      ? openDatabase({ databaseUrl: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX })
      : openDatabase({ dataDir: path.join(dataDir(), "pglite") });
  });
}

export function getDb() {
  return database().db;
}

/**
 * Runs `fn` with one connection of the pool for all its statements (db/pipeline.server.ts): for an action under
 * contention that would otherwise wait for the pool once per step (the session, then the use-case).
 */
export function withConnection<T>(fn: (conn: Executor) => Promise<T>): Promise<T> {
  return onOneConnection(getDb(), fn);
}
