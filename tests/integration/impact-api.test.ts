import { describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "#db/client.server";
import { loader as impactApi } from "~/routes/api.impact";
import { fiscalYearOf } from "~/modules/reports/fiscal-year.rules";
import { IMPACT_RATE_LIMITS } from "~/modules/reports/open-data.rules";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue } from "../support/factories";

/** The route loaders read the process's database: here, the suite's. */
function useDatabase(db: DB) {
  const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
  store.__tsunaguSingletons ??= new Map();
  store.__tsunaguSingletons.set("database", { db });
}

const ask = (ip: string, query = `year=${fiscalYearOf(new Date())}`) =>
  impactApi({ request: new Request(`http://localhost/api/impact?${query}`), params: {}, context: { nonce: "", clientIp: ip, socketIp: ip } } as unknown as LoaderFunctionArgs) as Promise<Response>;

describe.each(testDatabases())("GET /api/impact limits each client address on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    useDatabase(opened);
    await createCatalogue(db);
  });

  it("answers 429 with Retry-After and a JSON reason once an address is over its limit; another address is served", async () => {
    // Well inside a minute's window, so the hits below and the request share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}-${process.pid}-${Date.now()}`;
    const first = await ask(ip);
    expect(first.status).toBe(200);
    const [perMinute] = IMPACT_RATE_LIMITS(ip);
    for (let i = 1; i < perMinute.limit; i++) await hitRateLimit(db, perMinute);

    const refused = await ask(ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Content-Type")).toContain("application/json");
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await refused.json()).errors.request[0]).toContain("Retry-After");
    const english = await ask(ip, "year=abc&lang=en");
    expect(english.status).toBe(429);
    expect((await english.json()).errors.request[0]).toMatch(/^Too many requests/);

    expect((await ask(`${ip}-other`)).status).toBe(200);
  });
});
