import { sql } from "kysely";
import type { DatabaseHandle, DB } from "#db/client.server";
import { database } from "~/utils/db.server";
import { LOCALE_COOKIE, localeOf } from "~/utils/locale.server";

/**
 * What the server's shared cache of anonymous pages (server/page-cache.mjs) asks the app: which version of the
 * data a page would be rendered from, and which language it would be rendered in.
 * See docs/decisions/028-shared-cache-of-anonymous-pages.md.
 */

interface Looks {
  current: Promise<string> | null;
  next: Promise<string> | null;
}
const looksOf = new WeakMap<DB, Looks>();
const LOOK_TIMEOUT_MS = 1_500;

/**
 * The database's current snapshot as text (xmin:xmax:in-progress ids). It changes whenever a transaction that
 * writes is given an id or ends, in any process, and two equal snapshots see exactly the same committed rows: a
 * page rendered after a look that gave the same text as a later look holds the data of that later moment.
 *
 * One statement serves everyone waiting: a caller arriving while a look is under way waits for the next one
 * (started after it arrived), so the version it gets reflects every commit made before it asked.
 */
export function snapshotVersion(db: DB): Promise<string> {
  let looks = looksOf.get(db);
  if (!looks) looksOf.set(db, (looks = { current: null, next: null }));
  const state = looks;
  if (!state.current) {
    let timer: NodeJS.Timeout | undefined;
    const statement = sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db).then((r) => r.rows[0]!.v);
    // A look the database does not answer (it is unreachable) is given up, so that requests fall back to rendering
    // alone (and its calm 503 page) instead of waiting behind it.
    const givenUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the data version was not read in time")), LOOK_TIMEOUT_MS);
    });
    statement.catch(() => {});
    const look = Promise.race([statement, givenUp]).finally(() => {
      clearTimeout(timer);
      state.current = null;
    });
    state.current = look;
    return look;
  }
  state.next ??= state.current
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      state.next = null;
      return snapshotVersion(db);
    });
  return state.next;
}

/**
 * The version of the data a page rendered now would show; equal versions mean equal data. On PGlite, the count
 * of statements that may have changed data (db/client.server.ts), kept in this process: it is the only one that
 * can open the data folder, so nothing else changes the data and no statement is needed. On PostgreSQL, the
 * snapshot (`snapshotVersion`).
 */
export function versionOf(handle: Pick<DatabaseHandle, "db" | "writes">): Promise<string> {
  return handle.writes ? Promise.resolve(`w${handle.writes()}`) : snapshotVersion(handle.db);
}

export function dataVersion(): Promise<string> {
  return versionOf(database());
}

/**
 * The language a page at this address would be rendered in for a visitor whose only cookie is this one (the
 * language cookie, `name=value`, or ""): `getLocale`'s choice without building a Request for it.
 */
export function pageLanguage(url: string, cookie: string): string {
  const eq = cookie.indexOf("=");
  let fromCookie: string | null = null;
  if (eq > 0 && cookie.slice(0, eq) === LOCALE_COOKIE) {
    try {
      fromCookie = decodeURIComponent(cookie.slice(eq + 1));
    } catch {
      fromCookie = null;
    }
  }
  return localeOf(new URL(url).searchParams.get("lang"), fromCookie);
}
