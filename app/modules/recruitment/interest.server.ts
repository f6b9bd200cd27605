import type { DB, Executor } from "#db/client.server";
import { sendEmail } from "#emails/outbox.server";
import { audit } from "~/utils/audit.server";
import type { RequestContext } from "~/utils/request-context";
import { createToken, hashToken, isWellFormedToken } from "~/utils/tokens.server";
import { eligibilityAdvice, type EligibilityAdvice, type EligibilitySettings } from "./eligibility.rules";
import { keepDepartedCounts } from "./departed.server";
import { districtsLookingNow } from "./seats.server";
import { CONSENT_TEXT, type InterestInput } from "./recruitment.schema";
import { getRecruitmentSettings } from "./settings.server";

/**
 * A resident raises a hand on /minsei, without an account. The record keeps the consent word for word; the
 * confirmation email carries a link to withdraw at any time, which deletes the record unless the person has
 * already been appointed. Nothing here ever reaches the search index.
 */
export type InterestResult =
  | { status: "ok"; personId: number; advice: EligibilityAdvice[] }
  | { status: "unknown-district" };

const tokyoYear = (now: Date) => new Date(now.getTime() + 9 * 3600_000).getUTCFullYear();

function isUniqueViolation(error: unknown): boolean {
  return Boolean(error && typeof error === "object" && "code" in error && (error as { code: string }).code === "23505");
}

export async function recordInterest(db: DB, input: InterestInput & { district: number }, ctx: RequestContext, now = new Date()): Promise<InterestResult> {
  const settings = await getRecruitmentSettings(db);
  const advice = eligibilityAdvice(input.birthYear, tokyoYear(now), settings);
  try {
    return await db.transaction().execute(async (trx) => {
      if (input.submissionKey) {
        const existing = await trx.selectFrom("recruitment_people").select("id").where("submission_key", "=", input.submissionKey).executeTakeFirst();
        if (existing) return { status: "ok" as const, personId: existing.id, advice };
      }
      const district = await trx.selectFrom("districts").select("id").where("id", "=", input.district).executeTakeFirst();
      if (!district) return { status: "unknown-district" as const };
      const channel = input.channel
        ? await trx.selectFrom("recruitment_channels").select(["id", "campaign_id"]).where("code", "=", input.channel).executeTakeFirst()
        : undefined;
      const { token, hash } = createToken();
      const person = await trx
        .insertInto("recruitment_people")
        .values({
          name: input.name,
          name_kana: input.nameKana,
          district_id: district.id,
          birth_year: input.birthYear,
          phone: input.phone ?? "",
          email: input.email ?? "",
          best_time: input.bestTime ?? "",
          wants: input.wants,
          consent_text: CONSENT_TEXT[ctx.locale],
          consented_at: now,
          locale: ctx.locale,
          channel_id: channel?.id ?? null,
          campaign_id: channel?.campaign_id ?? null,
          stage: "interested",
          stage_changed_at: now,
          withdraw_token_hash: hash,
          submission_key: input.submissionKey ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("recruitment_events").values({ person_id: person.id, at: now, actor_user_id: null, from_stage: null, to_stage: "interested" }).execute();
      if (input.email) {
        await sendEmail(trx, {
          template: "recruitment-interest-received",
          to: input.email,
          locale: ctx.locale,
          props: { name: input.name, wants: input.wants, withdrawUrl: `${ctx.origin}/minsei/withdraw/${token}`, minseiUrl: `${ctx.origin}/minsei` },
        });
      }
      // Who and what stay in the record; the log says only that it happened, and through which channel.
      await audit(trx, { actorUserId: null, action: "recruitment.interest_received", subjectType: "recruitment_person", subjectId: person.id, ip: ctx.ip, details: { channelId: channel?.id ?? null } });
      return { status: "ok" as const, personId: person.id, advice };
    });
  } catch (error) {
    // The same form sent twice at the same moment: the second finds the first once it has committed.
    if (input.submissionKey && isUniqueViolation(error)) {
      const first = await db.selectFrom("recruitment_people").select("id").where("submission_key", "=", input.submissionKey).executeTakeFirst();
      if (first) return { status: "ok", personId: first.id, advice };
    }
    throw error;
  }
}

/** What the withdrawal page may show for a link: whether it is live and whether the person was appointed. */
export async function withdrawalState(db: Executor, token: string): Promise<"live" | "appointed" | "gone"> {
  if (!isWellFormedToken(token)) return "gone";
  const row = await db.selectFrom("recruitment_people").select("stage").where("withdraw_token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!row) return "gone";
  return row.stage === "appointed" ? "appointed" : "live";
}

/**
 * Withdraws: the record and its notes are deleted at once, unless the person has been appointed (kept as record);
 * only an anonymous count stays, so that the funnel's figures stay true.
 */
export async function withdrawInterest(db: DB, token: string, ip: string): Promise<"withdrawn" | "appointed" | "gone"> {
  if (!isWellFormedToken(token)) return "gone";
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("recruitment_people").select(["id", "stage"]).where("withdraw_token_hash", "=", hashToken(token)).forUpdate().executeTakeFirst();
    if (!row) return "gone" as const;
    if (row.stage === "appointed") return "appointed" as const;
    await keepDepartedCounts(trx, [row.id], "withdrawn");
    await trx.updateTable("recruitment_helpers").set({ person_id: null }).where("person_id", "=", row.id).execute();
    await trx.deleteFrom("recruitment_people").where("id", "=", row.id).execute();
    await audit(trx, { actorUserId: null, action: "recruitment.withdrawn", subjectType: "recruitment_person", subjectId: row.id, ip });
    return "withdrawn" as const;
  });
}

/** What the public page needs: the districts to choose from, the districts looking now, and the advice settings. */
export async function publicPageData(db: Executor) {
  const [districts, looking, settings] = await Promise.all([
    db.selectFrom("districts").select(["id", "name_ja", "name_en"]).orderBy("sort_order").execute(),
    districtsLookingNow(db),
    getRecruitmentSettings(db),
  ]);
  return { districts, looking, settings };
}

/** The cookie that carries the advice to the thank-you page for a few minutes. */
export const ADVICE_COOKIE = "tsunagu_minsei_advice";

/** Advice codes as the thank-you page's short-lived cookie carries them (codes only, never the birth year). */
export function adviceCodes(advice: readonly EligibilityAdvice[]): string {
  return advice.map((a) => a.code).join(",");
}

export function adviceFromCodes(codes: string, settings: EligibilitySettings): EligibilityAdvice[] {
  const wanted = new Set(codes.split(","));
  const all: EligibilityAdvice[] = [
    { code: "under_age", minAge: settings.minAge },
    { code: "reaches_age_this_year", minAge: settings.minAge },
    { code: "over_guidance", limit: settings.newAppointeeAgeLimit },
    { code: "residence", months: settings.residenceMonths },
  ];
  return all.filter((a) => wanted.has(a.code));
}
