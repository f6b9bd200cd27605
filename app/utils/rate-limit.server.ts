import { sql } from "kysely";
import type { DB } from "#db/client.server";

export interface RateLimitRule {
  /** What is counted, e.g. `login:ip:203.0.113.5`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every app server behind a load balancer shares them.
 * Returns false when the call is over the limit (the call is still counted).
 */
export async function hitRateLimit(db: DB, rule: RateLimitRule, now = new Date()): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const row = await db
    .insertInto("rate_limits")
    .values({ key: rule.key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning("count")
    .executeTakeFirstOrThrow();
  return row.count <= rule.limit;
}

export async function checkRateLimits(db: DB, rules: RateLimitRule[], now = new Date()): Promise<boolean> {
  let allowed = true;
  for (const rule of rules) {
    if (!(await hitRateLimit(db, rule, now))) allowed = false;
  }
  return allowed;
}

export async function pruneRateLimits(db: DB, olderThan: Date): Promise<void> {
  await db.deleteFrom("rate_limits").where("window_start", "<", olderThan).execute();
}
