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

/** Counts a call against every rule and returns the rules it is over (none: allowed). */
export async function refusedRateLimits(db: DB, rules: readonly RateLimitRule[], now = new Date()): Promise<RateLimitRule[]> {
  const refused: RateLimitRule[] = [];
  for (const rule of rules) {
    if (!(await hitRateLimit(db, rule, now))) refused.push(rule);
  }
  return refused;
}

export async function checkRateLimits(db: DB, rules: RateLimitRule[], now = new Date()): Promise<boolean> {
  return (await refusedRateLimits(db, rules, now)).length === 0;
}

/** Seconds until the windows of the rules that refused a call end: what a 429's Retry-After says. */
export function retryAfterSeconds(refused: readonly RateLimitRule[], now = new Date()): number {
  return Math.max(1, ...refused.map((r) => Math.ceil(r.windowSeconds - ((now.getTime() / 1000) % r.windowSeconds))));
}

export async function pruneRateLimits(db: DB, olderThan: Date): Promise<void> {
  await db.deleteFrom("rate_limits").where("window_start", "<", olderThan).execute();
}
