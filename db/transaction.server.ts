import type { DB, Executor } from "./client.server";

class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super("rollback");
    this.name = "Rollback";
  }
}

/** Ends the surrounding `inTransaction` body early: nothing it wrote is kept, and `result` is returned. */
export function rollback<T>(result: T): never {
  throw new Rollback(result);
}

/**
 * A transaction whose body may stop part-way with `rollback(result)` — for use-cases that find a problem after
 * they have already written something (a capacity taken for one shift, then a refusal on the next).
 */
/** The result handed to `rollback`, when `error` is its signal (for transaction runners other than `inTransaction`). */
export function rolledBack<T>(error: unknown): { result: T } | null {
  return error instanceof Rollback ? { result: error.result as T } : null;
}

export async function inTransaction<T>(db: DB, body: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(body);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
