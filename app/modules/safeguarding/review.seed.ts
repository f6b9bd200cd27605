import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { CODE_OF_CONDUCT, declarationValidUntil, tokyoDate } from "./declarations.rules";

/** The 31 March that ends the insurance year (1 April – 31 March) of a Tokyo date. */
function insuranceYearEnd(date: string): string {
  const [year, month] = date.split("-").map(Number);
  return `${month >= 4 ? year + 1 : year}-03-31`;
}

/**
 * Demo data: the demo owner has a safeguarding declaration confirmed by staff, and the published postings that
 * welcome minors of the given organisations passed the review with a complete checklist naming that owner, so
 * minors have something to apply to (app/server/seed/safeguarding.ts reviews the other groups' such postings).
 */
/**
 * Demo data: a complete checklist naming one responsible adult, submitted for review; with `decide`, also approved
 * by staff. The posting's status is set to match.
 */
export async function fileDemoChecklist(
  trx: Executor,
  o: { postingId: number; placeName: string; lastEndsAt: Date | string; adultUserId: number; staffUserId: number; now: Date; decide: boolean },
): Promise<void> {
  const { postingId, adultUserId, staffUserId, now } = o;
  await trx
    .insertInto("safeguarding_checklists")
    .values({
      posting_id: postingId,
      two_adults_present: true,
      no_one_to_one: true,
      open_place: true,
      place_note: `${o.placeName}（屋外。周りから見通せます）`,
      insurance_arranged: true,
      insurance_holder: "（デモ）八幡東区社会福祉協議会 ボランティア活動保険（団体で加入）",
      insurance_valid_until: insuranceYearEnd(tokyoDate(new Date(o.lastEndsAt))),
      tasks_suitable: true,
      tasks_note: "手作業の草取り・花壇の手入れ・ごみ拾い。草刈機は大人の会員だけが使います。",
      toilets_rest: "近くの公衆トイレ。日陰で休憩をとります。",
      emergency_contact: "（デモ）代表 090-0000-0000",
      first_aid: "救急箱を持参。最寄りの病院を事前に確認しています。",
      closed_setting_contact: false,
      updated_at: now,
      updated_by: adultUserId,
    })
    .execute();
  await trx.insertInto("posting_responsible_adults").values({ posting_id: postingId, user_id: adultUserId, added_by: adultUserId, added_at: now }).execute();
  const events: { posting_id: number; event: "submitted" | "approved"; actor_user_id: number; snapshot: ReturnType<typeof sql<string>>; created_at: Date }[] = [
    { posting_id: postingId, event: "submitted", actor_user_id: adultUserId, snapshot: sql<string>`'{}'::jsonb`, created_at: now },
  ];
  if (o.decide) events.push({ posting_id: postingId, event: "approved", actor_user_id: staffUserId, snapshot: sql<string>`'{}'::jsonb`, created_at: now });
  await trx.insertInto("safeguarding_reviews").values(events).execute();
  await trx.updateTable("postings").set({ safeguarding_status: o.decide ? "approved" : "pending" }).where("id", "=", postingId).execute();
}

/** Demo data: a safeguarding declaration made today and confirmed by staff. */
export async function confirmDemoDeclaration(trx: Executor, o: { userId: number; organisationId: number | null; signedName: string; staffUserId: number; now: Date }) {
  const today = tokyoDate(o.now);
  await trx
    .insertInto("safeguarding_declarations")
    .values({
      user_id: o.userId,
      organisation_id: o.organisationId,
      signed_name: o.signedName,
      no_relevant_convictions: true,
      agrees_code_of_conduct: true,
      code_version: CODE_OF_CONDUCT.version,
      declared_on: today,
      valid_until: declarationValidUntil(today),
      status: "confirmed",
      decided_at: o.now,
      decided_by: o.staffUserId,
    })
    .execute();
}

export async function approveDemoPostings(
  trx: Executor,
  options: { ownerUserId: number; staffUserId: number; organisationIds: number[]; now: Date },
): Promise<number> {
  const { ownerUserId, staffUserId, organisationIds, now } = options;
  await confirmDemoDeclaration(trx, { userId: ownerUserId, organisationId: organisationIds[0] ?? null, signedName: "田中 一郎", staffUserId, now });
  if (organisationIds.length === 0) return 0;
  const postings = await trx
    .selectFrom("postings as p")
    .innerJoin("shifts as s", "s.posting_id", "p.id")
    .select(["p.id", "p.place_name", (eb) => eb.fn.max("s.ends_at").as("last_ends_at")])
    .where("p.organisation_id", "in", organisationIds)
    .where("p.welcomes_minors", "=", true)
    .where("p.status", "=", "published")
    .groupBy(["p.id", "p.place_name"])
    .execute();
  for (const p of postings) await fileDemoChecklist(trx, { postingId: p.id, placeName: p.place_name, lastEndsAt: p.last_ends_at as Date | string, adultUserId: ownerUserId, staffUserId, now, decide: true });
  return postings.length;
}
