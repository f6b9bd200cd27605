import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { testDatabases } from "../tests/support/databases";
import { searchPostings } from "./engine.server";
import type { SearchEngine } from "./types";

const query = { text: "", filters: {}, sort: "soonest" as const, page: 1, pageSize: 10 };

describe.each(testDatabases().slice(0, 1))("search when the configured engine is down ($name)", ({ open }) => {
  let db: DB;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    await createPosting(db, (await createOrganisation(db)).id);
  });
  afterAll(async () => close());

  it("answers from PostgreSQL and says so, instead of failing", async () => {
    const down: SearchEngine = {
      name: "meilisearch",
      search: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:7700"), { retryable: true });
      },
    };
    const result = await searchPostings(db, query, { engine: down });
    expect(result.engine).toBe("postgres");
    expect(result.fallback).toBe(true);
    expect(result.total).toBe(1);
  });

  it("uses the configured engine when it answers", async () => {
    const up: SearchEngine = {
      name: "meilisearch",
      search: async (q) => ({ hits: [], total: 0, page: q.page, pageSize: q.pageSize, facets: { category: {}, district: {}, organisationKind: {}, dayType: { weekday: 0, weekend: 0 }, minorsWelcome: { yes: 0, no: 0 } }, engine: "meilisearch" }),
    };
    const result = await searchPostings(db, query, { engine: up });
    expect(result.engine).toBe("meilisearch");
    expect(result.fallback).toBeUndefined();
  });
});
