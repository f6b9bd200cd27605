import { CompiledQuery, Transaction, type Dialect, type Driver, type QueryExecutorProvider, type QueryResult } from "kysely";
import type { DB, Executor } from "./client.server";
import type { Database } from "./schema";
import { rolledBack } from "./transaction.server";

/**
 * One pool connection whose statements really go out together.
 *
 * Kysely runs the statements of one connection (`db.connection()`, a transaction) strictly one after another:
 * its single-connection provider waits for each statement's answer before it sends the next, so statements
 * started together with Promise.all still cost a round trip each. postgres.js itself pipelines: statements
 * written to a connection without waiting are sent at once, and the server answers them in order. The executor
 * given here hands every statement straight to the connection, so statements started together cost one round
 * trip, while statements awaited one by one behave as before. On PGlite (one connection, run in process) they
 * run in the order they were started, as there.
 *
 * The executor is bound to the connection: it cannot start a transaction of its own (use `pipelinedTransaction`)
 * and must not be used after `fn` has finished.
 */
export async function onOneConnection<T>(db: DB, fn: (conn: Executor) => Promise<T>): Promise<T> {
  return db.connection().execute(async (bound) => {
    const connection = await bound.getExecutor().provideConnection(async (c) => c);
    const executor = bound.getExecutor().withConnectionProvider({ provideConnection: (consume) => consume(connection) });
    // A Transaction, so that nothing can ask this executor for another connection or a nested transaction.
    return fn(new Transaction<Database>({ config: { dialect: unusable as Dialect }, dialect: unusable as Dialect, driver: unusable as Driver, executor }));
  });
}

/** The executor above never needs a dialect or a driver of its own (it compiles and runs through its executor). */
const unusable = new Proxy(
  {},
  {
    get(_, property) {
      if (property === "then") return undefined;
      throw new Error(`a connection from onOneConnection cannot use ${String(property)}`);
    },
  },
);

/**
 * A transaction on a connection from `onOneConnection`. BEGIN goes out with the body's first statements. The body
 * may end by handing `commitWith` the statements that close it: they are compiled first, then sent together with
 * the COMMIT, so the transaction's last round trip carries them all, and `commitWith` returns their results. A
 * lock taken by the first of them is held for no round trip at all: only while the server runs them and commits. Should any of them fail, the server has already aborted the transaction and answers the
 * COMMIT with a rollback: nothing of it is kept, and the failure is thrown. Any other failure rolls it back, and
 * `rollback(result)` (transaction.server.ts) ends it early as in `inTransaction`. The statements handed to
 * `commitWith` are built by the caller from plain values: what could fail before reaching the server is the
 * compiling, done before anything is sent.
 */
/** A statement handed to `commitWith`: a query builder, or `sql` (compiled for the connection). */
export type Closing = { compile(provider: QueryExecutorProvider): CompiledQuery };

export async function pipelinedTransaction<T>(
  conn: Executor,
  body: (trx: Executor, commitWith: (statements: Closing[]) => Promise<QueryResult<any>[]>) => Promise<T>,
): Promise<T> {
  const connection = await conn.getExecutor().provideConnection(async (c) => c);
  let ended = false;
  const begin = connection.executeQuery(CompiledQuery.raw("begin"));
  begin.catch(() => {});
  const commitWith = async (statements: Closing[]) => {
    const compiled = statements.map((s) => s.compile(conn));
    ended = true;
    const sent = [begin, ...compiled.map((q) => connection.executeQuery(q)), connection.executeQuery(CompiledQuery.raw("commit"))];
    const results = await Promise.all(sent);
    return results.slice(1, -1);
  };
  try {
    const result = await body(conn, commitWith);
    if (!ended) {
      ended = true;
      await begin;
      await connection.executeQuery(CompiledQuery.raw("commit"));
    }
    return result;
  } catch (error) {
    if (!ended) await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => {});
    const early = rolledBack<T>(error);
    if (early) return early.result;
    throw error;
  }
}

/**
 * Runs statements that must run in this order, each seeing the ones before it: started together on a
 * transaction (one connection, which runs them in order — and where it pipelines, one round trip), one after
 * the other on the pool, where started together they would run on different connections at once.
 */
export async function inOrder<T extends readonly unknown[]>(db: Executor, steps: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (db.isTransaction) return (await Promise.all(steps.map((step) => step()))) as unknown as T;
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as unknown as T;
}
