import { Socket } from "node:net";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { onOneConnection, pipelinedTransaction } from "#db/pipeline.server";
import { rollback } from "#db/transaction.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";

/**
 * One connection whose statements started together go out together, and transactions on it that may send their
 * last statements with the COMMIT (docs/decisions/036-apply-in-few-round-trips.md): results in order, the order
 * kept on the server, and nothing kept when anything fails.
 */
describe.each(testDatabases())("a pipelining connection on $name", ({ name, open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await sql`create table pipeline_probe (id int primary key, note text not null)`.execute(db);
  });
  const notes = async () => (await db.selectFrom("pipeline_probe" as never).select(["id", "note"] as never[]).orderBy("id" as never).execute()) as { id: number; note: string }[];

  it("answers statements started together in the order they were started, each seeing the ones before it", async () => {
    const results = await onOneConnection(db, (conn) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? sql`insert into pipeline_probe (id, note) values (${i}, ${`n${i}`})`.execute(conn).then(() => -1)
            : sql<{ n: number }>`select count(*)::int as n from pipeline_probe`.execute(conn).then((r) => r.rows[0].n),
        ),
      ),
    );
    // Every count sees exactly the inserts started before it.
    expect(results.filter((n) => n >= 0)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await sql`delete from pipeline_probe`.execute(db);
  });

  it("on PostgreSQL really sends them together: a hundred statements go out in a few writes, not a hundred", async () => {
    if (name !== "postgres") return;
    // Counted at the socket rather than timed (a loaded machine blurs the time a round trip saves): each write is
    // one send to the server, and one by one each statement waits for the answer before it.
    const write = Socket.prototype.write;
    let writes = 0;
    Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket["write"]>) {
      writes++;
      return write.apply(this, args);
    } as Socket["write"];
    try {
      const [oneByOne, together] = await onOneConnection(db, async (conn) => {
        await sql`select 1`.execute(conn);
        writes = 0;
        for (let i = 0; i < 100; i++) await sql`select 1`.execute(conn);
        const sequential = writes;
        writes = 0;
        const results = await Promise.all(Array.from({ length: 100 }, (_, i) => sql<{ n: number }>`select ${sql.lit(i)}::int as n`.execute(conn)));
        expect(results.map((r) => r.rows[0].n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
        return [sequential, writes];
      });
      expect(oneByOne).toBeGreaterThanOrEqual(100);
      expect(together).toBeLessThanOrEqual(5);
    } finally {
      Socket.prototype.write = write;
    }
  });

  it("commits the statements sent with the COMMIT and returns their results", async () => {
    const result = await onOneConnection(db, (conn) =>
      pipelinedTransaction(conn, async (trx, commitWith) => {
        await sql`insert into pipeline_probe (id, note) values (1, 'first')`.execute(trx);
        const [a, b] = await commitWith([
          sql`insert into pipeline_probe (id, note) values (2, 'second') returning id`,
          sql<{ n: number }>`select count(*)::int as n from pipeline_probe`,
        ]);
        return { a: a.rows, b: b.rows };
      }),
    );
    expect(result).toEqual({ a: [{ id: 2 }], b: [{ n: 2 }] });
    expect(await notes()).toEqual([
      { id: 1, note: "first" },
      { id: 2, note: "second" },
    ]);
    await sql`delete from pipeline_probe`.execute(db);
  });

  it("keeps nothing when a statement sent with the COMMIT fails, and throws its error", async () => {
    await expect(
      onOneConnection(db, (conn) =>
        pipelinedTransaction(conn, async (trx, commitWith) => {
          await sql`insert into pipeline_probe (id, note) values (1, 'first')`.execute(trx);
          await commitWith([sql`insert into pipeline_probe (id, note) values (2, 'second')`, sql`insert into pipeline_probe (id, note) values (1, 'again')`]);
        }),
      ),
    ).rejects.toThrow(/duplicate key|unique/i);
    expect(await notes()).toEqual([]);
  });

  it("rolls back on rollback(result) and on any other failure, and the connection goes on working", async () => {
    const early = await onOneConnection(db, async (conn) => {
      const r = await pipelinedTransaction(conn, async (trx) => {
        await sql`insert into pipeline_probe (id, note) values (1, 'first')`.execute(trx);
        return rollback("stopped");
      });
      await expect(
        pipelinedTransaction(conn, async (trx) => {
          await sql`insert into pipeline_probe (id, note) values (3, 'third')`.execute(trx);
          throw new Error("the body failed");
        }),
      ).rejects.toThrow("the body failed");
      await pipelinedTransaction(conn, async (trx) => {
        await sql`insert into pipeline_probe (id, note) values (4, 'fourth')`.execute(trx);
      });
      return r;
    });
    expect(early).toBe("stopped");
    expect(await notes()).toEqual([{ id: 4, note: "fourth" }]);
    await sql`delete from pipeline_probe`.execute(db);
  });
});
