import type { Executor } from "#db/client.server";

/**
 * Whether minors may apply to a posting: it welcomes under-18s and its safeguarding review is approved. A posting
 * sent back to review after a change stays visible, but this answers false until staff approve it again.
 */
export async function isApprovedForMinors(db: Executor, postingId: number): Promise<boolean> {
  const row = await db.selectFrom("postings").select(["welcomes_minors", "safeguarding_status"]).where("id", "=", postingId).executeTakeFirst();
  return Boolean(row && row.welcomes_minors && row.safeguarding_status === "approved");
}
