import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { describe, expect, it } from "vitest";
import { countWrites, statementEffect, type DB } from "#db/client.server";
import type { Database } from "#db/schema";
import { snapshotVersion, versionOf } from "~/server/shared-pages.server";
import { testDatabases } from "../support/databases";
import { uniqueKey } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/** The version of the data the shared page cache keys its pages by (ADR 028): it must change with every commit. */
describe.each(testDatabases())("the data version on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  it("stays the same while nothing is written, and changes with a commit and with a transaction's commit", async () => {
    // On PostgreSQL the snapshot is the whole server's: another suite's commit on the same server (tests run in
    // parallel, each in its own database) may move it between two looks. A read that moved it itself would move it
    // every time, so a read must leave it unchanged in at least one of a few tries.
    let unchanged = false;
    for (let attempt = 0; attempt < 20 && !unchanged; attempt++) {
      const before = await snapshotVersion(db);
      await db.selectFrom("categories").select("id").execute();
      unchanged = (await snapshotVersion(db)) === before;
    }
    expect(unchanged).toBe(true);
    const first = await snapshotVersion(db);
    await db.insertInto("categories").values({ code: uniqueKey("v"), name_ja: "版", name_en: "Version" }).execute();
    const afterInsert = await snapshotVersion(db);
    expect(afterInsert).not.toBe(first);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("categories").values({ code: uniqueKey("t"), name_ja: "取引", name_en: "Transaction" }).execute();
    });
    expect(await snapshotVersion(db)).not.toBe(afterInsert);
  });

  it("is one statement for the callers arriving during a look, started after the look they found under way", async () => {
    const underWay = snapshotVersion(db);
    const arriving = Array.from({ length: 20 }, () => snapshotVersion(db));
    // All wait for one next look, not for the one that began before they asked (it may miss their commits).
    expect(new Set(arriving).size).toBe(1);
    expect(arriving[0]).not.toBe(underWay);
    expect(new Set(await Promise.all(arriving)).size).toBe(1);
    await underWay;
  });
});

describe("the data version of the embedded database", () => {
  it("counts the statements that changed data, not reads or a claim that found nothing", async () => {
    // The migrated database of the test run, as the server opens its data folder: with its writes counted.
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(process.env.TEST_PGLITE_DUMP!)]) });
    const handle = { writes: countWrites(pglite), db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }) };
    try {
      await sql`create table notes (id serial primary key, body text not null)`.execute(handle.db);
      const version = async () => versionOf(handle);
      const start = await version();
      await sql`select count(*) from notes`.execute(handle.db);
      await sql`update notes set body = 'x' where id = -1`.execute(handle.db);
      expect(await version()).toBe(start);
      await sql`insert into notes (body) values ('a')`.execute(handle.db);
      const inserted = await version();
      expect(inserted).not.toBe(start);
      await handle.db.transaction().execute(async (trx) => {
        await sql`update notes set body = 'b'`.execute(trx);
      });
      expect(await version()).not.toBe(inserted);
    } finally {
      await handle.db.destroy();
    }
  });

  it("treats a SELECT that calls a writing function, and anything but plain reads and row changes, as a write", () => {
    expect(statementEffect(`select "id", "title" from "postings" where "updated_at" > $1`)).toBe("read");
    expect(statementEffect("select posting_search_refresh_schedule($1::int[])")).toBe("other");
    expect(statementEffect("select nextval('postings_id_seq')")).toBe("other");
    expect(statementEffect(`update "jobs" set "status" = 'running'`)).toBe("rows");
    expect(statementEffect("commit")).toBe("other");
    expect(statementEffect("with moved as (delete from x returning *) select * from moved")).toBe("other");
  });
});
