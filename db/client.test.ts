import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { PGLITE_SHARED_BUFFERS, openDatabase } from "./client.server";

/** PGlite's shared buffers are resident from its start and never given back (ADR 039): they are bounded. */
describe("the embedded database", () => {
  it("runs with 32 MB of shared buffers instead of PostgreSQL's 128 MB", async () => {
    const { db, close } = openDatabase({ dataDir: "memory://" });
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db);
      expect(PGLITE_SHARED_BUFFERS).toBe("32MB");
      expect(rows[0]?.shared_buffers).toBe("32MB");
    } finally {
      await close();
    }
  });
});
