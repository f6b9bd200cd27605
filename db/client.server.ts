import { Kysely, Migrator, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Dialect, type Driver, type Transaction } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { migrations } from "./migrations/index";
import { withLostConnectionsDropped } from "./postgres-pool.server";
import type { Database } from "./schema";

export { isConnectionFailure } from "./postgres-pool.server";

export type DB = Kysely<Database>;
export type Executor = Kysely<Database> | Transaction<Database>;
export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  db: DB;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /**
   * PGlite only: how many statements that may have changed data have ended in this process, the one process that
   * can open the data folder (see `countWrites`).
   */
  writes?: () => number;
}

/**
 * What a statement may do to the data: `read`, a SELECT that names no writing statement and calls none of the
 * functions that write (the posting_search_refresh* functions of the migrations, sequences, advisory locks);
 * `rows`, an INSERT, UPDATE or DELETE, which changed data only if it affected rows; `other` — COMMIT, DDL, a
 * SELECT that calls a writing function — may have changed anything. A word in a text that merely looks like a
 * write only costs a needless count.
 */
export function statementEffect(statement: string): "read" | "rows" | "other" {
  if (/^\s*select\b/i.test(statement)) return /\b(insert|update|delete|merge|truncate|nextval|setval|copy)\b|refresh|pg_advisory/i.test(statement) ? "other" : "read";
  return /^\s*(insert|update|delete)\b/i.test(statement) ? "rows" : "other";
}

/**
 * Counts the statements on a PGlite instance that may have changed data, when each ends (a commit's effects are
 * visible from then on). Every way in is counted: query (as `statementEffect` says), exec and transaction.
 */
export function countWrites(pglite: PGlite): () => number {
  let writes = 0;
  const count = () => {
    writes++;
  };
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = ((statement: string, ...rest: unknown[]) => {
    const effect = statementEffect(statement);
    const result = query(statement, ...(rest as []));
    if (effect === "read") return result;
    return result.then(
      (r) => {
        // A claim of due jobs that found none (every second, by the worker) changed nothing.
        if (effect === "other" || r.affectedRows !== 0) count();
        return r;
      },
      (error) => {
        count();
        throw error;
      },
    );
  }) as typeof pglite.query;
  pglite.exec = ((...args: Parameters<typeof pglite.exec>) => exec(...args).finally(count)) as typeof pglite.exec;
  pglite.transaction = ((...args: Parameters<typeof pglite.transaction>) => transaction(...args).finally(count)) as typeof pglite.transaction;
  return () => writes;
}

const DATE_OID = 1082;

/**
 * PostgreSQL's shared buffers inside PGlite. Its default of 128 MB is zero-filled in the WebAssembly memory when
 * PGlite starts, so it is resident from the first statement and never given back: most of what PGlite cost at
 * idle. 32 MB holds the demo data several times over (pages not in them are read from the data folder, through
 * the operating system's file cache). ADR 039.
 */
export const PGLITE_SHARED_BUFFERS = "32MB";

/** How the site opens PGlite (the tests' databases too): dates as strings, and bounded shared buffers. */
export function pgliteOptions(pglite: { defaultStartParams: readonly string[] }) {
  return {
    parsers: { [DATE_OID]: (value: string) => value },
    startParams: [...pglite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  };
}

/**
 * PostgreSQL through postgres.js when a URL is given; PGlite (PostgreSQL in WebAssembly) in a data folder
 * otherwise, or in memory for `memory://`. Dates stay 'YYYY-MM-DD' strings on both.
 */
export function openDatabase(options: { databaseUrl?: string; dataDir?: string; poolMax?: number }): DatabaseHandle {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      // No just-in-time compilation: it pays off for queries that run for seconds, and the site's run for
      // milliseconds; compiling costs ~1 s each time a plan's estimated cost crosses the threshold (ADR 042).
      connection: { jit: "off" },
      types: {
        date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: (x: string) => x },
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: withLostConnectionsDropped(sql) }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  let writes = () => 0;
  const db = new Kysely<Database>({
    dialect: lazyPGliteDialect(async () => {
      const [{ PGlite }, { PGliteDialect }] = await Promise.all([import("@electric-sql/pglite"), import("kysely-pglite-dialect")]);
      const pglite = new PGlite(dataDir, pgliteOptions(PGlite));
      writes = countWrites(pglite);
      return new PGliteDialect(pglite).createDriver();
    }),
  });
  return { db, kind: "pglite", close: () => db.destroy(), writes: () => writes() };
}

/**
 * PGlite's dialect with PGlite itself (its code and its WebAssembly database) loaded by the first statement, so
 * that a process on PostgreSQL never loads it. Kysely initialises a driver before its first connection.
 */
function lazyPGliteDialect(open: () => Promise<Driver>): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createDriver: () => {
      let opening: Promise<Driver> | null = null;
      let inner: Driver | null = null;
      const ready = () =>
        (opening ??= open().then(async (driver) => {
          await driver.init();
          return (inner = driver);
        }));
      const opened = () => {
        if (!inner) throw new Error("PGlite is not open yet");
        return inner;
      };
      return {
        init: async () => {
          await ready();
        },
        acquireConnection: async () => (await ready()).acquireConnection(),
        beginTransaction: (connection, settings) => opened().beginTransaction(connection, settings),
        commitTransaction: (connection) => opened().commitTransaction(connection),
        rollbackTransaction: (connection) => opened().rollbackTransaction(connection),
        releaseConnection: (connection) => opened().releaseConnection(connection),
        destroy: async () => {
          if (opening) await (await opening).destroy();
        },
      };
    },
  };
}

/**
 * Where this installation's database is, for the command-line scripts: DATABASE_URL when set, otherwise PGlite
 * in $DATA_DIR/pglite (default ./data/pglite). The web server reads the same variables through its parsed env.
 */
export function configuredDatabase(environment: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; dataDir?: string } {
  const databaseUrl = environment.DATABASE_URL || undefined;
  return databaseUrl ? { databaseUrl } : { dataDir: path.join(environment.DATA_DIR ?? "./data", "pglite") };
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Features developed side by side may land their migrations out of numeric order; each is independent of
    // the ones numbered after it, so a database that already has a later one still gets an earlier newcomer.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
