import path from "node:path";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
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
