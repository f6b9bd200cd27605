import type postgres from "postgres";

/** postgres.js's own codes for a connection that is gone, beside Node's socket errors (ECONNREFUSED, ECONNRESET, ...). */
const CONNECTION_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

/**
 * Whether an error says the database could not be reached, as opposed to a statement that failed. Callers that
 * would retry another way (the search's SQL fallback) give up instead: the database is down for that way too.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return CONNECTION_CODES.has(code) || /^E(CONN|HOST|NET|PIPE|TIMEDOUT|AI_)/.test(code);
}

type ReservedSql = postgres.ReservedSql<any>;

/**
 * The pool Kysely is given: postgres.js's own, except that a reserved connection that was lost is never handed
 * back.
 *
 * Kysely runs every statement on a reserved connection (kysely-postgres-js reserves one per query or
 * transaction and releases it after). In postgres.js 3.4.9, when a reserved connection's socket closes the pool
 * already takes the connection back as closed (to reconnect on demand), and a later `release()` then moves that
 * dead connection into its open list: the next statement the pool gives it is written to a socket that is gone
 * (a TypeError from a timer) and never settles, nor does anything queued behind it. One lost connection during a
 * database outage was enough for every search to wait forever on the in-process index's catch-up, so the site
 * never came back by itself (porsager/postgres#1199). Here, once a statement on a reserved connection failed
 * because its connection is gone, that connection refuses further statements at once and is not released (the
 * pool has it back already).
 */
export function withLostConnectionsDropped<S extends postgres.Sql<any>>(sql: S): S {
  const reserve = sql.reserve.bind(sql);
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "reserve") return async () => guard((await reserve()) as ReservedSql);
      return Reflect.get(target, property, receiver);
    },
  });
}

function guard(reserved: ReservedSql): ReservedSql {
  let lost: unknown = null;
  const unsafe = reserved.unsafe.bind(reserved);
  const release = reserved.release.bind(reserved);
  return new Proxy(reserved, {
    get(target, property, receiver) {
      if (property === "unsafe")
        return (...args: Parameters<ReservedSql["unsafe"]>) => {
          if (lost) return Promise.reject(lost);
          const query = unsafe(...args);
          query.catch((error: unknown) => {
            if (isConnectionFailure(error)) lost = error;
          });
          return query;
        };
      if (property === "release")
        return () => {
          if (!lost) release();
        };
      return Reflect.get(target, property, receiver);
    },
  });
}
