import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testDatabases } from "../tests/support/databases";
import { PGLITE_SHARED_BUFFERS } from "./client.server";

/**
 * PGlite's shared buffers are resident from its start and never given back (ADR 039): the site opens it, as the
 * tests' databases are opened, with 32 MB of them instead of PostgreSQL's default 128 MB.
 */
describe("the embedded database", () => {
  it("runs with 32 MB of shared buffers", async () => {
    const pglite = testDatabases().find((d) => d.name === "pglite")!;
    const { db, close } = await pglite.open();
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db);
      expect(PGLITE_SHARED_BUFFERS).toBe("32MB");
      expect(rows[0]?.shared_buffers).toBe("32MB");
    } finally {
      await close();
    }
  });
});
