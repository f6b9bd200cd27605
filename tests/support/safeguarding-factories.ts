import type { DB } from "#db/client.server";
import type { DeclarationStatus } from "#db/schema";
import { addDays, declarationValidUntil, tokyoDate } from "~/modules/safeguarding/declarations.rules";
import type { ChecklistAnswers } from "~/modules/safeguarding/review.rules";
import type { ChecklistInput } from "~/modules/safeguarding/review.schema";
import { createPosting as createPostingModule } from "~/modules/postings/postings.server";
import { createOrganisation, createUser, ctx } from "./factories";
import { DAY, futureShift, postingInput } from "./more-factories";

/** Rows and inputs for tests of the safeguarding review and of the adults who work with children. */

export const today = () => tokyoDate(new Date());

/** A declaration written directly (confirmed by default), made `daysAgo` days ago. */
export async function createDeclaration(db: DB, userId: number, options: { status?: DeclarationStatus; daysAgo?: number; organisationId?: number } = {}) {
  const declaredOn = addDays(today(), -(options.daysAgo ?? 0));
  const status = options.status ?? "confirmed";
  return db
    .insertInto("safeguarding_declarations")
    .values({
      user_id: userId,
      organisation_id: options.organisationId ?? null,
      signed_name: "テスト 太郎",
      no_relevant_convictions: true,
      agrees_code_of_conduct: true,
      code_version: "2026-1",
      declared_on: declaredOn,
      valid_until: declarationValidUntil(declaredOn),
      status,
      decided_at: status === "pending" ? null : new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createCheck(db: DB, organisationId: number, userId: number, options: { checkedOn?: string; validUntil?: string } = {}) {
  return db
    .insertInto("criminal_record_checks")
    .values({
      organisation_id: organisationId,
      user_id: userId,
      checked_on: options.checkedOn ?? addDays(today(), -10),
      checked_by: "こども家庭庁の確認 / 代表 田中",
      valid_until: options.validUntil ?? addDays(today(), 365 * 3),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A checklist that passes every rule (insurance valid for two years). */
export function completeAnswers(overrides: Partial<ChecklistAnswers> = {}): ChecklistAnswers {
  return {
    twoAdultsPresent: true,
    noOneToOne: true,
    openPlace: true,
    placeNote: "公園の広場。周りから見通せます。",
    insuranceArranged: true,
    insuranceHolder: "八幡東区社会福祉協議会 ボランティア活動保険（団体加入）",
    insuranceValidUntil: addDays(today(), 730),
    tasksSuitable: true,
    tasksNote: "手作業の草取りと花壇の植え替え。草刈機は大人の会員だけが使います。",
    toiletsRest: "公園の管理棟のトイレ。東屋で休憩します。",
    emergencyContact: "代表 田中 090-0000-0000",
    firstAid: "救急箱を持参。最寄りは八幡東病院。",
    closedSettingContact: false,
    ...overrides,
  };
}

export function checklistInput(adultIds: number[], options: { intent?: "save" | "submit"; answers?: Partial<ChecklistAnswers> } = {}): ChecklistInput {
  return { intent: options.intent ?? "submit", adultIds, answers: completeAnswers(options.answers) };
}

/**
 * A verified organisation whose owner has a confirmed declaration, a draft posting that welcomes minors (made
 * through the posting module) with a shift in two weeks, and a staff account.
 */
export async function createReviewScene(db: DB, options: { organisationStatus?: "verified" | "pending" } = {}) {
  const owner = await createUser(db, { displayName: "代表 田中" });
  const staff = await createUser(db, { role: "staff", displayName: "区職員 鈴木" });
  const organisation = await createOrganisation(db, { ownerId: owner.id, status: options.organisationStatus ?? "verified" });
  await createDeclaration(db, owner.id, { organisationId: organisation.id });
  const input = await postingInput(db, { welcomesMinors: true, shifts: [futureShift(14 * DAY)] });
  const created = await createPostingModule(db, organisation.id, owner.id, input, ctx.ip);
  if (created.status !== "ok") throw new Error(`could not create the posting: ${JSON.stringify(created)}`);
  return { owner, staff, organisation, postingId: created.id, input };
}
