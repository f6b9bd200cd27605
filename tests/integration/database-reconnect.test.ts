import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConnectionFailure, openDatabase, type DatabaseHandle } from "#db/client.server";
import { currentMatchIndex } from "#search/match-index.server";
import { Relay } from "../support/tcp-relay";

/**
 * The database connection and the in-process search index after a connection is lost mid-statement: the next
 * statements fail or succeed, and none waits forever. With one connection in the pool, as here, a lost
 * connection handed back to postgres.js's pool used to make every later statement (and so every search, which
 * waits for the index's catch-up) hang for good.
 */
const adminUrl = process.env.TEST_PG_ADMIN_URL;
const template = process.env.TEST_PG_TEMPLATE;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

describe.skipIf(!template)("the database connection and the search index after a lost connection (PostgreSQL)", () => {
  const name = `tsunagu_reconnect_${randomBytes(4).toString("hex")}`;
  let admin: postgres.Sql;
  let relay: Relay;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    const target = new URL(adminUrl!);
    relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.open();
    const url = new URL(adminUrl!);
    url.host = `127.0.0.1:${relay.port}`;
    url.pathname = `/${name}`;
    handle = openDatabase({ databaseUrl: url.toString(), poolMax: 1 });
  }, 30_000);

  afterAll(async () => {
    await within(handle.close(), 5_000).catch(() => {});
    await relay.cut().catch(() => {});
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }, 30_000);

  it("answers again, index included, once the database is back after a connection was lost mid-statement", async () => {
    const { db } = handle;
    await within(currentMatchIndex(db), 10_000);

    const lost = sql`select pg_sleep(5)`.execute(db).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((r) => setTimeout(r, 300));
    await relay.cut();
    const error = await within(lost, 5_000);
    expect(isConnectionFailure(error)).toBe(true);

    // Down: the catch-up fails at once rather than waiting.
    await expect(within(currentMatchIndex(db), 5_000)).rejects.toSatisfy(isConnectionFailure);

    await relay.open();
    const { rows } = await within(sql<{ one: number }>`select 1 as one`.execute(db), 5_000);
    expect(rows[0].one).toBe(1);
    const { index } = await within(currentMatchIndex(db), 5_000);
    expect(index).toBeDefined();
  }, 40_000);
});
