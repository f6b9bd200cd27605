import type { DB } from "#db/client.server";
import { tokyoDateString } from "~/utils/format";
import { createPosting } from "../postings/postings.server";
import { postingSchema } from "../postings/postings.schema";

/**
 * One click from the association's page: a draft posting 「公園で一緒に活動しませんか」 at the park (its place),
 * category 公園・緑化, welcoming high-school students — so, like every posting that welcomes minors, it is
 * published only through the staff safeguarding review. The draft's session is the usual meeting time about
 * two weeks ahead; the group edits it before sending it for review.
 */
export const OUTREACH_TITLE = "公園で一緒に活動しませんか";

const DAY = 86_400_000;

export function outreachSession(meetingTime: string, now: Date): { date: string; start: string; end: string } {
  const match = /([01]?\d|2[0-3])[:：時]([0-5]\d)?/.exec(meetingTime);
  const hour = match ? Number(match[1]) : 9;
  const minute = match?.[2] ? Number(match[2]) : 0;
  // Within what minors may join (ends by 21:00, nothing before 04:00); otherwise the morning.
  const startHour = hour >= 6 && hour <= 18 ? hour : 9;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: tokyoDateString(new Date(now.getTime() + 14 * DAY)), start: `${pad(startHour)}:${pad(minute)}`, end: `${pad(startHour + 2)}:${pad(minute)}` };
}

export async function draftOutreachPosting(
  db: DB,
  input: { organisationId: number; parkId: number; userId: number; ip: string; submissionKey?: string },
  now = new Date(),
): Promise<{ status: "ok"; id: number } | { status: "not-found" } | { status: "no-category" }> {
  const park = await db
    .selectFrom("park_associations as a")
    .innerJoin("parks", "parks.id", "a.park_id")
    .innerJoin("organisations", "organisations.id", "a.organisation_id")
    .select(["parks.name", "parks.place_id", "parks.district_id", "organisations.district_id as org_district", "a.meeting_time", "a.activities", "a.representative_name", "organisations.contact_name"])
    .where("a.park_id", "=", input.parkId)
    .where("a.organisation_id", "=", input.organisationId)
    .executeTakeFirst();
  if (!park || !park.place_id) return { status: "not-found" };
  const [category, district] = await Promise.all([
    db.selectFrom("categories").select("id").where("code", "=", "parks").where("active", "=", true).executeTakeFirst(),
    db.selectFrom("districts").select("id").orderBy("sort_order").executeTakeFirst(),
  ]);
  const districtId = park.district_id ?? park.org_district ?? district?.id;
  if (!category || !districtId) return { status: "no-category" };
  const session = outreachSession(park.meeting_time, now);
  const doing = park.activities.trim() || "草取りや清掃、花壇の手入れ";
  const draft = postingSchema(now).parse({
    title: OUTREACH_TITLE,
    description: `${park.name}の公園愛護会です。${doing}を地域のみんなで続けています。高校生・大学生や親子の参加を歓迎します。道具は会で用意します。短い時間だけの参加もどうぞ。`,
    categoryId: String(category.id),
    tags: "公園 高校生歓迎",
    districtId: String(districtId),
    placeId: String(park.place_id),
    welcomesMinors: "on",
    whatToBring: "軍手、飲み物、汚れてもよい服装",
    contactName: (park.contact_name || park.representative_name || "公園愛護会").slice(0, 60),
    shiftDate: session.date,
    shiftStart: session.start,
    shiftEnd: session.end,
    shiftCapacity: "10",
    submissionKey: input.submissionKey,
  });
  const result = await createPosting(db, input.organisationId, input.userId, draft, input.ip);
  return result.status === "ok" ? { status: "ok", id: result.id } : { status: "not-found" };
}
