import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { addChannel, campaignDependents, countChannelVisit, createCampaign, deleteCampaign, deleteChannel, getCampaign, updateCampaign, updateChannel } from "~/modules/recruitment/campaigns.server";
import { addHelper, getHelper, updateHelper } from "~/modules/recruitment/helpers.server";
import { recordInterest, withdrawInterest } from "~/modules/recruitment/interest.server";
import { AreaSchema, CampaignSchema, HelperTermsSchema } from "~/modules/recruitment/recruitment.schema";
import { getSeatArea, saveArea, updateArea } from "~/modules/recruitment/seats.server";
import { parseForm } from "~/utils/form";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createUser, ctx } from "../support/factories";
import { auditRows, emailsTo, tokenFromUrl, uniqueEmail, uniqueKey } from "../support/more-factories";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};
const IP = "127.0.0.1";

describe.each(testDatabases())("staff edit what they created in recruitment on $name", ({ open }) => {
  let db: DB;
  let chuo: number;
  let edamitsu: number;
  let staffId: number;

  databaseForSuite(open, async (opened) => {
    db = opened;
    const { districts } = await createCatalogue(db);
    chuo = districts.find((d) => d.code === "chuo")!.id;
    edamitsu = districts.find((d) => d.code === "edamitsu")!.id;
    staffId = (await createUser(db, { role: "staff", email: uniqueEmail("staff") })).id;
  });

  const campaign = (name = `募集${uniqueKey("c")}`) => createCampaign(db, { name, message: "", startsOn: "2026-12-01", endsOn: "2027-03-31", goalSeats: 2, districtIds: [chuo] }, staffId, IP);

  it("an area's seats, serving, households, term end and intentions are edited with the board's checks, audited as saving one", async () => {
    const name = `中央${uniqueKey("a")}`;
    await saveArea(db, { districtId: chuo, name, seats: 5, serving: 4, households: 900, intendContinue: 2, intendLeave: 1, intendUndecided: 1 }, staffId, IP);
    const area = (await db.selectFrom("recruitment_areas").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

    const bad = parseForm(AreaSchema, form({ districtId: String(chuo), name, seats: "3", serving: "4" }));
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.failure.errors.serving).toEqual(["recruitment.v.servingOverSeats"]);

    const renamed = `${name}（改）`;
    const input = AreaSchema.parse({ districtId: String(edamitsu), name: renamed, seats: "6", serving: "5", households: "1000", termEndsOn: "2028-11-30", intendContinue: "3", intendLeave: "1", intendUndecided: "0" });
    expect(await updateArea(db, area, input, staffId, IP)).toBe("ok");
    expect(await getSeatArea(db, area)).toMatchObject({ districtId: edamitsu, name: renamed, seats: 6, serving: 5, households: 1000, termEndsOn: "2028-11-30", intendContinue: 3, intendLeave: 1, intendUndecided: 0 });
    expect(await auditRows(db, { action: "recruitment.area_saved", subjectId: area, actorUserId: staffId })).toHaveLength(2);

    // Another area of the district already has the name: refused beside the name, not merged.
    const other = `枝光${uniqueKey("b")}`;
    await saveArea(db, { districtId: edamitsu, name: other, seats: 1, serving: 1, households: 0, intendContinue: 0, intendLeave: 0, intendUndecided: 0 }, staffId, IP);
    expect(await updateArea(db, area, { ...input, name: other }, staffId, IP)).toBe("duplicate-name");
    expect(await updateArea(db, area, { ...input, districtId: 2147483647 }, staffId, IP)).toBe("unknown-district");
    expect(await updateArea(db, 2147483647, input, staffId, IP)).toBe("not-found");
  });

  it("a campaign's name, period, target districts and goal, and a channel's kind and label are edited; codes stay", async () => {
    const id = await campaign();
    const channelId = (await addChannel(db, id, { kind: "poster", label: "ポスター" }, staffId, IP))!;
    const code = (await getCampaign(db, id))!.channels[0].code;
    const bad = parseForm(CampaignSchema, form({ name: "x", startsOn: "2027-04-01", endsOn: "2027-03-01" }));
    expect(!bad.success && bad.failure.errors.endsOn).toEqual(["v.dateRange"]);
    const input = CampaignSchema.parse({ name: "春の募集", message: "話を聞くだけでも", startsOn: "2027-01-01", endsOn: "2027-06-30", goalSeats: "3", goalOn: "2027-06-30", districtIds: [String(chuo), String(edamitsu), "2147483647"] });
    expect(await updateCampaign(db, id, input, staffId, IP)).toBe("ok");
    const after = (await getCampaign(db, id))!;
    expect(after.campaign).toMatchObject({ name: "春の募集", message: "話を聞くだけでも", starts_on: "2027-01-01", ends_on: "2027-06-30", goal_seats: 3, goal_on: "2027-06-30" });
    // An unknown district is dropped, as on creation.
    expect([...after.campaign.district_ids].sort()).toEqual([chuo, edamitsu].sort());
    expect(await updateCampaign(db, 2147483647, input, staffId, IP)).toBe("not-found");

    expect(await updateChannel(db, channelId, { kind: "circular", label: "回覧板（3月）" }, staffId, IP)).toBe(id);
    expect((await getCampaign(db, id))!.channels[0]).toMatchObject({ kind: "circular", label: "回覧板（3月）", code });
    expect(await auditRows(db, { action: "recruitment.campaign_updated", subjectId: id })).toHaveLength(1);
    expect(await auditRows(db, { action: "recruitment.channel_updated", subjectId: channelId })).toHaveLength(1);
  });

  it("a channel or campaign is deleted only while nothing depends on it: a visit, a person or a departed count keeps it", async () => {
    const id = await campaign();
    const unused = (await addChannel(db, id, { kind: "sns", label: "使わなかった投稿" }, staffId, IP))!;
    const visited = (await addChannel(db, id, { kind: "poster", label: "貼ったポスター" }, staffId, IP))!;
    const codeOf = async (channelId: number) => (await getCampaign(db, id))!.channels.find((c) => c.id === channelId)!.code;
    expect(await countChannelVisit(db, await codeOf(visited))).toBe(true);

    expect(await deleteChannel(db, visited, staffId, IP)).toEqual({ status: "in-use", dependents: { visits: 1, people: 0, departed: 0 } });
    expect(await deleteCampaign(db, id, staffId, IP)).toMatchObject({ status: "in-use" });
    expect(await deleteChannel(db, unused, staffId, IP)).toEqual({ status: "deleted", campaignId: id });
    expect((await getCampaign(db, id))!.channels.map((c) => c.id)).toEqual([visited]);
    expect(await auditRows(db, { action: "recruitment.channel_deleted", subjectId: unused })).toHaveLength(1);
    expect(await deleteChannel(db, unused, staffId, IP)).toEqual({ status: "not-found" });

    // A hand raised without a channel, then withdrawn: only its anonymous count stays, and that still counts.
    const other = await campaign();
    const spare = (await addChannel(db, other, { kind: "talk", label: "講話" }, staffId, IP))!;
    const input = { name: "八幡 花子", nameKana: "やはた はなこ", district: chuo, birthYear: 1970, email: uniqueEmail("resident"), wants: "hear" as const, consent: "on" as const, channel: await (async () => (await getCampaign(db, other))!.channels[0].code)() };
    await recordInterest(db, input, ctx);
    expect(await campaignDependents(db, other)).toEqual({ visits: 0, people: 1, departed: 0 });
    expect(await withdrawInterest(db, tokenFromUrl((await emailsTo(db, input.email))[0].props.withdrawUrl), IP)).toBe("withdrawn");
    expect(await campaignDependents(db, other)).toEqual({ visits: 0, people: 0, departed: 1 });
    expect(await deleteChannel(db, spare, staffId, IP)).toMatchObject({ status: "in-use", dependents: { departed: 1 } });
    expect(await deleteCampaign(db, other, staffId, IP)).toMatchObject({ status: "in-use" });

    // A campaign made by mistake, with an unused channel: deleted with it.
    const mistake = await campaign();
    await addChannel(db, mistake, { kind: "other", label: "間違い" }, staffId, IP);
    expect(await deleteCampaign(db, mistake, staffId, IP)).toEqual({ status: "deleted", campaignId: mistake });
    expect(await getCampaign(db, mistake)).toBeNull();
    expect(await db.selectFrom("recruitment_channels").select("id").where("campaign_id", "=", mistake).execute()).toEqual([]);
    expect(await auditRows(db, { action: "recruitment.campaign_deleted", subjectId: mistake })).toHaveLength(1);
  });

  it("a helper's insurance end and active period are edited (an end before the start is refused), audited", async () => {
    const name = `中央${uniqueKey("h")}`;
    await saveArea(db, { districtId: chuo, name, seats: 3, serving: 3, households: 0, intendContinue: 0, intendLeave: 0, intendUndecided: 0 }, staffId, IP);
    const areaId = (await db.selectFrom("recruitment_areas").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
    expect(await addHelper(db, { name: "協力 一郎", areaId, insuranceUntil: "2027-03-31", activeFrom: "2026-04-01", pledge: "on" }, staffId, IP)).toBe("ok");
    const helper = await db.selectFrom("recruitment_helpers").select(["id", "pledge_text"]).where("area_id", "=", areaId).executeTakeFirstOrThrow();

    const bad = parseForm(HelperTermsSchema, form({ insuranceUntil: "2028-03-31", activeFrom: "2027-04-01", activeUntil: "2027-03-31" }));
    expect(!bad.success && bad.failure.errors.activeUntil).toEqual(["v.dateRange"]);
    expect(await updateHelper(db, helper.id, { insuranceUntil: "2028-03-31", activeFrom: "2026-04-01", activeUntil: "2028-03-31" }, staffId, IP)).toBe("ok");
    expect(await getHelper(db, helper.id)).toMatchObject({ name: "協力 一郎", insurance_until: "2028-03-31", active_from: "2026-04-01", active_until: "2028-03-31" });
    expect((await db.selectFrom("recruitment_helpers").select("pledge_text").where("id", "=", helper.id).executeTakeFirstOrThrow()).pledge_text).toBe(helper.pledge_text);
    expect(await auditRows(db, { action: "recruitment.helper_updated", subjectId: helper.id, actorUserId: staffId })).toHaveLength(1);
    expect(await updateHelper(db, 2147483647, { insuranceUntil: "2028-03-31", activeFrom: "2026-04-01" }, staffId, IP)).toBe("not-found");
  });
});
