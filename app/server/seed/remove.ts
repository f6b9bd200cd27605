import type { DB, Executor } from "#db/client.server";
import { enqueueSearchSync } from "#search/sync.server";
import { audit } from "~/utils/audit.server";
import { DEMO_EMAIL_DOMAIN } from "./data";
import { ILLUSTRATIVE_AREA_SUFFIX } from "./recruitment";

const DEMO_EMAIL_PATTERN = `%@${DEMO_EMAIL_DOMAIN}`;
/** Places the demo data invented (real places from public sources stay: they are the ward's own list). */
const DEMO_PLACE_PATTERN = "（デモ）%";

/** The demo accounts in this database: their passwords and the staff's second-factor secret are public. */
export async function countDemoAccounts(db: Executor): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("n")).where("email", "like", DEMO_EMAIL_PATTERN).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DemoRemoval {
  accounts: number;
  organisations: number;
  postings: number;
  places: number;
  seatAreas: number;
}

/**
 * Removes the demo data in one transaction: the demo accounts (with their sessions, memberships and
 * applications), the demo organisations and postings (with what hangs on them), the places the demo made
 * up, and recruitment's demo campaign, people and illustrative seat board. Search engines are told the postings are gone through the outbox. Real accounts and organisations stay.
 */
export async function removeDemoData(db: DB): Promise<DemoRemoval> {
  return db.transaction().execute(async (trx) => {
    const postings = await trx
      .selectFrom("postings")
      .innerJoin("organisations", "organisations.id", "postings.organisation_id")
      .select("postings.id")
      .where((eb) => eb.or([eb("postings.is_demo", "=", true), eb("organisations.is_demo", "=", true)]))
      .execute();
    const postingIds = postings.map((p) => p.id);
    if (postingIds.length > 0) await trx.deleteFrom("postings").where("id", "in", postingIds).execute();
    const organisations = await trx.deleteFrom("organisations").where("is_demo", "=", true).returning("id").execute();
    // Recruitment's demo campaign, people and the illustrative seat board (its areas' helpers go with them; the
    // real board is imported by staff and never carries the illustrative mark).
    await trx.deleteFrom("recruitment_people").where("name", "like", "（デモ）%").execute();
    await trx.deleteFrom("recruitment_campaigns").where("name", "like", "（デモ）%").execute();
    const seatAreas = await trx.deleteFrom("recruitment_areas").where("name", "like", `%${ILLUSTRATIVE_AREA_SUFFIX}`).returning("id").execute();
    const accounts = await trx.deleteFrom("users").where("email", "like", DEMO_EMAIL_PATTERN).returning("id").execute();
    // Demo parks go with their demo data (their places of real parks stay: those are the ward's list).
    await trx.deleteFrom("parks").where("is_demo", "=", true).execute();
    const places = await trx.deleteFrom("places").where("name_ja", "like", DEMO_PLACE_PATTERN).returning("id").execute();
    await enqueueSearchSync(trx, postingIds);
    const removal = { accounts: accounts.length, organisations: organisations.length, postings: postingIds.length, places: places.length, seatAreas: seatAreas.length };
    await audit(trx, { actorUserId: null, action: "demo.removed", details: { ...removal } });
    return removal;
  });
}
