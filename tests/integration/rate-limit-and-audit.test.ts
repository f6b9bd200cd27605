import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { audit } from "~/utils/audit.server";
import { checkRateLimits, hitRateLimit, pruneRateLimits } from "~/utils/rate-limit.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createUser } from "../support/factories";
import { auditRows, uniqueKey } from "../support/more-factories";

describe.each(testDatabases())("rate limits on $name", ({ name, open }) => {
  let db: DB;

  databaseForSuite(open, (opened) => (db = opened));

  // Mid-window, so the hits of one test never straddle two windows.
  const inWindow = (windowSeconds: number, offsetMs = 0) => new Date(Math.floor(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000 + 1000 + offsetMs);

  it("refuses the 11th hit of a limit of 10 in one window; another key is unaffected", async () => {
    const rule = { key: uniqueKey("login:ip:"), limit: 10, windowSeconds: 60 };
    const now = inWindow(60);
    const results: boolean[] = [];
    for (let i = 0; i < 11; i++) results.push(await hitRateLimit(db, rule, new Date(now.getTime() + i)));
    expect(results.slice(0, 10).every(Boolean)).toBe(true);
    expect(results[10]).toBe(false);
    expect(await hitRateLimit(db, rule, now)).toBe(false);

    expect(await hitRateLimit(db, { ...rule, key: uniqueKey("login:ip:") }, now)).toBe(true);
  });

  it("starts afresh in the next window", async () => {
    const rule = { key: uniqueKey("signup:ip:"), limit: 2, windowSeconds: 60 };
    const now = inWindow(60);
    for (let i = 0; i < 3; i++) await hitRateLimit(db, rule, now);
    expect(await hitRateLimit(db, rule, now)).toBe(false);
    expect(await hitRateLimit(db, rule, new Date(now.getTime() + 60_000))).toBe(true);
  });

  it("counts hits sent at the same time exactly", async () => {
    const rule = { key: uniqueKey("burst:"), limit: 10, windowSeconds: 3600 };
    const now = inWindow(3600);
    const results = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(db, rule, now)));
    expect(results.filter(Boolean)).toHaveLength(10);
    const row = await db.selectFrom("rate_limits").select("count").where("key", "=", rule.key).executeTakeFirstOrThrow();
    expect(row.count).toBe(25);
  });

  it("refuses a request when any of its rules is over, while still counting all of them", async () => {
    const perIp = { key: uniqueKey("reset:ip:"), limit: 100, windowSeconds: 3600 };
    const perAccount = { key: uniqueKey("reset:account:"), limit: 1, windowSeconds: 3600 };
    const now = inWindow(3600);
    expect(await checkRateLimits(db, [perIp, perAccount], now)).toBe(true);
    expect(await checkRateLimits(db, [perIp, perAccount], now)).toBe(false);
    const ipRow = await db.selectFrom("rate_limits").select("count").where("key", "=", perIp.key).executeTakeFirstOrThrow();
    expect(ipRow.count).toBe(2);
  });

  it("prunes old windows only", async () => {
    const rule = { key: uniqueKey("prune:"), limit: 5, windowSeconds: 60 };
    const now = inWindow(60);
    await hitRateLimit(db, rule, new Date(now.getTime() - 10 * 60_000));
    await hitRateLimit(db, rule, now);
    await pruneRateLimits(db, new Date(now.getTime() - 5 * 60_000));
    const rows = await db.selectFrom("rate_limits").select("window_start").where("key", "=", rule.key).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].window_start.getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it.runIf(name === "postgres")("is shared by every connection (app servers behind a load balancer)", async () => {
    const rule = { key: uniqueKey("shared:"), limit: 3, windowSeconds: 3600 };
    const now = inWindow(3600);
    await Promise.all(Array.from({ length: 3 }, () => hitRateLimit(db, rule, now)));
    expect(await hitRateLimit(db, rule, now)).toBe(false);
  });
});

describe.each(testDatabases())("audit log on $name", ({ name, open }) => {
  let db: DB;

  databaseForSuite(open, (opened) => (db = opened));

  async function entry() {
    const user = await createUser(db);
    await audit(db, { actorUserId: user.id, action: "test.entry", subjectType: "user", subjectId: user.id, ip: "192.0.2.1", details: { reason: "test" } });
    const [row] = await auditRows(db, { action: "test.entry", subjectId: user.id });
    return row;
  }

  it("records who did what to what, from where, in UTC", async () => {
    const before = Date.now();
    const row = await entry();
    expect(row).toMatchObject({ action: "test.entry", subject_type: "user", ip: "192.0.2.1" });
    expect(row.subject_id).toBe(String(row.actor_user_id));
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(row.at.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
  });

  it("stores the details as a JSON object, not a JSON string", async () => {
    const row = await entry();
    expect(row.details).toEqual({ reason: "test" });
  });

  it("refuses an UPDATE", async () => {
    const row = await entry();
    await expect(db.updateTable("audit_log").set({ action: "test.tampered" }).where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    expect((await auditRows(db, { action: "test.tampered" })).length).toBe(0);
  });

  it("refuses a DELETE", async () => {
    const row = await entry();
    await expect(db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
    expect(await db.selectFrom("audit_log").select("id").where("id", "=", row.id).execute()).toHaveLength(1);
  });

  it("refuses an UPDATE or DELETE inside a transaction too, and the transaction rolls back", async () => {
    const row = await entry();
    const user = await createUser(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable("users").set({ display_name: "changed" }).where("id", "=", user.id).execute();
        await sql`delete from audit_log where id = ${row.id}`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    expect((await db.selectFrom("users").select("display_name").where("id", "=", user.id).executeTakeFirstOrThrow()).display_name).not.toBe("changed");
    expect(await db.selectFrom("audit_log").select("id").where("id", "=", row.id).execute()).toHaveLength(1);
  });
});
