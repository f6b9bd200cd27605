import { afterAll, beforeAll } from "vitest";
import type { DB } from "#db/client.server";
import type { TestDatabase } from "./databases";

/**
 * Opens one test database for a `describe.each(testDatabases())` suite before its tests and closes (on
 * PostgreSQL: drops) it after them. `ready` receives it before the first test: keep it, and add what every test
 * of the suite needs (the catalogue, a staff account).
 */
export function databaseForSuite(open: TestDatabase["open"], ready: (db: DB) => unknown): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    close = opened.close;
    await ready(opened.db);
  });
  afterAll(async () => {
    await close?.();
  });
}
