import type { Executor } from "#db/client.server";
import { confirmDemoDeclaration, fileDemoChecklist } from "~/modules/safeguarding/review.seed";

/** How many postings that welcome minors stay submitted and waiting for staff: something to decide in the demo. */
const WAITING_FOR_STAFF = 2;
/** And how many the group has not sent yet (outside the staff queue until it does). */
const NOT_SENT = 1;

/**
 * Demo data, illustrative: the ward as it runs — most published postings that welcome minors (of the groups other
 * than the demo owner's, which approveDemoPostings reviewed) passed the safeguarding review, a couple wait for
 * staff with a complete checklist, one the group has not sent yet. Each group names one vetted responsible adult:
 * a member (with the demo password, like every demo account) whose safeguarding declaration staff confirmed.
 */
export async function reviewOtherDemoPostings(trx: Executor, options: { staffUserId: number; passwordHash: string; now: Date }): Promise<{ approved: number; waiting: number; accounts: number }> {
  const { staffUserId, now } = options;
  const postings = await trx
    .selectFrom("postings as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .innerJoin("shifts as s", "s.posting_id", "p.id")
    .select(["p.id", "p.place_name", "p.organisation_id", "o.name as organisation_name", (eb) => eb.fn.max("s.ends_at").as("last_ends_at")])
    .where("p.welcomes_minors", "=", true)
    .where("p.status", "=", "published")
    .where("p.safeguarding_status", "=", "pending")
    .where("p.is_demo", "=", true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("safeguarding_reviews as r").select("r.id").whereRef("r.posting_id", "=", "p.id"))))
    .groupBy(["p.id", "p.place_name", "p.organisation_id", "o.name"])
    .orderBy("p.id")
    .execute();
  const adults = new Map<number, number>();
  const adultOf = async (organisationId: number, organisationName: string) => {
    const known = adults.get(organisationId);
    if (known) return known;
    const name = `（デモ）${organisationName} 安全担当`;
    const user = await trx
      .insertInto("users")
      .values({ email: `safeguarding-${organisationId}@demo.tsunagu.example`, password_hash: options.passwordHash, email_verified_at: now, display_name: name, birth_date: null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("memberships").values({ organisation_id: organisationId, user_id: user.id, role: "editor", created_at: now }).execute();
    await confirmDemoDeclaration(trx, { userId: user.id, organisationId, signedName: name, staffUserId, now });
    adults.set(organisationId, user.id);
    return user.id;
  };
  const decided = postings.slice(0, Math.max(0, postings.length - WAITING_FOR_STAFF - NOT_SENT));
  const waiting = postings.slice(decided.length, decided.length + WAITING_FOR_STAFF);
  for (const [list, decide] of [
    [decided, true],
    [waiting, false],
  ] as const) {
    for (const p of list) {
      const adultUserId = await adultOf(p.organisation_id, p.organisation_name);
      await fileDemoChecklist(trx, { postingId: p.id, placeName: p.place_name, lastEndsAt: p.last_ends_at as Date | string, adultUserId, staffUserId, now, decide });
    }
  }
  return { approved: decided.length, waiting: waiting.length, accounts: adults.size };
}
