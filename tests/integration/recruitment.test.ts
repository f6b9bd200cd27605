import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { addChannel, countChannelVisit, createCampaign, getCampaign } from "~/modules/recruitment/campaigns.server";
import { recruitmentFigures } from "~/modules/recruitment/figures.server";
import { recordInterest, withdrawInterest, withdrawalState } from "~/modules/recruitment/interest.server";
import { changeStage, getPerson, listPeople, type Viewer } from "~/modules/recruitment/pipeline.server";
import { CONSENT_TEXT, parseInterest, type InterestInput } from "~/modules/recruitment/recruitment.schema";
import { OVERDUE_DIGEST_QUEUE, runRecruitmentRetention, scheduleOverdueDigest, sendOverdueDigest } from "~/modules/recruitment/retention.server";
import { exportSeats, importSeats, saveArea, seatBoard } from "~/modules/recruitment/seats.server";
import { recruitmentScope, setDistrictChair } from "~/modules/recruitment/settings.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createUser, ctx } from "../support/factories";
import { auditRows, emailsTo, tokenFromUrl, uniqueEmail, uniqueKey } from "../support/more-factories";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(testDatabases())("welfare-commissioner recruitment on $name", ({ open }) => {
  let db: DB;
  let chuo: number;
  let edamitsu: number;
  let staff: Awaited<ReturnType<typeof createUser>>;
  let chairOfEdamitsu: Awaited<ReturnType<typeof createUser>>;
  let staffViewer: Viewer;

  databaseForSuite(open, async (opened) => {
    db = opened;
    const { districts } = await createCatalogue(db);
    chuo = districts.find((d) => d.code === "chuo")!.id;
    edamitsu = districts.find((d) => d.code === "edamitsu")!.id;
    staff = await createUser(db, { role: "staff", email: uniqueEmail("staff") });
    chairOfEdamitsu = await createUser(db, { email: uniqueEmail("chair") });
    const council = await createOrganisation(db, { kind: "social_welfare", ownerId: chairOfEdamitsu.id });
    expect(await setDistrictChair(db, edamitsu, council.id, staff.id, "127.0.0.1")).toBe("ok");
    staffViewer = { userId: staff.id, scope: { kind: "all" }, ip: "127.0.0.1" };
  });

  const interest = (overrides: Partial<InterestInput & { district: number }> = {}) => ({
    name: "八幡 花子",
    nameKana: "やはた はなこ",
    district: chuo,
    birthYear: 1970,
    email: uniqueEmail("resident"),
    wants: "hear" as const,
    consent: "on" as const,
    submissionKey: uniqueKey("s"),
    ...overrides,
  });

  it("a hand raised is recorded with the consent word for word, a confirmation with a withdrawal link, and the same form twice is one record", async () => {
    const input = interest();
    const first = await recordInterest(db, input, { ...ctx, locale: "en" });
    const again = await recordInterest(db, input, { ...ctx, locale: "en" });
    expect(first.status).toBe("ok");
    expect(again).toEqual(first);
    const rows = await db.selectFrom("recruitment_people").selectAll().where("email", "=", input.email!).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "八幡 花子", stage: "interested", consent_text: CONSENT_TEXT.en, locale: "en", district_id: chuo });
    const emails = await emailsTo(db, input.email!);
    expect(emails.map((e) => e.template)).toEqual(["recruitment-interest-received"]);
    expect(String(emails[0].props.withdrawUrl)).toMatch(/\/minsei\/withdraw\/[A-Za-z0-9_-]{43}$/);
    // The log says that it happened, not who.
    const logged = await auditRows(db, { action: "recruitment.interest_received", subjectId: rows[0].id });
    expect(JSON.stringify(logged)).not.toContain("八幡 花子");
  });

  it("the form answers every bad input beside its field, and asks for a phone or an email", () => {
    const bad = parseInterest(form({ name: "<script>x</script>", nameKana: "abc", district: "999999999999", birthYear: "2999", bestTime: "a".repeat(101), wants: "boss" }));
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(bad.failure.errors).toMatchObject({
      name: ["v.noHtml"],
      nameKana: ["v.kana"],
      district: ["v.choice"],
      birthYear: ["recruitment.v.birthYearFuture"],
      bestTime: ["v.tooLong?max=100"],
      wants: ["v.choice"],
      consent: ["recruitment.v.consent"],
      contact: ["recruitment.v.contactRequired"],
    });
    expect(bad.failure.values.name).toBe("<script>x</script>");
    const outside = parseInterest(form({ name: "花子", nameKana: "はなこ", district: "outside", birthYear: "1970", phone: "093-000-0000", wants: "hear", consent: "on" }));
    expect(outside.success && outside.data.district).toBe("outside");
  });

  it("a channel's link counts visits (a bare counter) and the interest it brings is attributed to it", async () => {
    const campaignId = await createCampaign(db, { name: "冬の募集", message: "", startsOn: "2026-12-01", endsOn: "2027-03-31", goalSeats: 5, goalOn: "2027-03-31", districtIds: [edamitsu] }, staff.id, "127.0.0.1");
    const channelId = (await addChannel(db, campaignId, { kind: "poster", label: "市民センターのポスター" }, staff.id, "127.0.0.1"))!;
    const { channels } = (await getCampaign(db, campaignId))!;
    const code = channels[0].code;
    expect(await countChannelVisit(db, code)).toBe(true);
    expect(await countChannelVisit(db, code)).toBe(true);
    expect(await countChannelVisit(db, "nosuchcode")).toBe(false);
    const result = await recordInterest(db, interest({ channel: code }), ctx);
    const person = await db.selectFrom("recruitment_people").select(["channel_id", "campaign_id"]).where("id", "=", result.status === "ok" ? result.personId : 0).executeTakeFirstOrThrow();
    expect(person).toEqual({ channel_id: channelId, campaign_id: campaignId });
    expect((await getCampaign(db, campaignId))!.channels[0].visits).toBe(2);
  });

  it("withdrawal deletes the record at once; the link then no longer works", async () => {
    const input = interest();
    await recordInterest(db, input, ctx);
    const token = tokenFromUrl((await emailsTo(db, input.email!))[0].props.withdrawUrl);
    expect(await withdrawalState(db, token)).toBe("live");
    expect(await withdrawInterest(db, token, "127.0.0.1")).toBe("withdrawn");
    expect(await db.selectFrom("recruitment_people").select("id").where("email", "=", input.email!).execute()).toEqual([]);
    expect(await withdrawInterest(db, token, "127.0.0.1")).toBe("gone");
    expect(await withdrawalState(db, "not-a-token")).toBe("gone");
  });

  it("those who withdraw leave only an anonymous count, so the channel's and district's funnel stays true", async () => {
    const campaignId = await createCampaign(db, { name: "取り消しの数える募集", message: "", startsOn: "2026-12-01", endsOn: "2027-03-31", goalSeats: 1, districtIds: [] }, staff.id, "127.0.0.1");
    const channelId = (await addChannel(db, campaignId, { kind: "talk", label: "大学での講話" }, staff.id, "127.0.0.1"))!;
    const code = (await getCampaign(db, campaignId))!.channels[0].code;
    const inputs = [interest({ channel: code, district: edamitsu }), interest({ channel: code, district: edamitsu }), interest({ channel: code, district: edamitsu })];
    const ids: number[] = [];
    for (const input of inputs) {
      const r = await recordInterest(db, input, ctx);
      ids.push(r.status === "ok" ? r.personId : 0);
    }
    // One was contacted and then said no; one withdrew before anyone called; the third stays.
    expect(await changeStage(db, staffViewer, ids[0], { to: "contacted" })).toBe("ok");
    expect(await changeStage(db, staffViewer, ids[0], { to: "declined" })).toBe("ok");
    const figuresOf = async () => (await recruitmentFigures(db)).campaigns.find((c) => c.id === campaignId)!.channels.find((r) => r.key === `channel-${channelId}`)!.counts;
    const districtBefore = (await recruitmentFigures(db)).districts.find((d) => d.key === `district-${edamitsu}`)!.counts;
    expect(await figuresOf()).toEqual({ visits: 0, interest: 3, contacted: 1, appointed: 0 });

    for (const input of inputs.slice(0, 2)) {
      const token = tokenFromUrl((await emailsTo(db, input.email!))[0].props.withdrawUrl);
      expect(await withdrawInterest(db, token, "127.0.0.1")).toBe("withdrawn");
    }
    expect(await db.selectFrom("recruitment_people").select("id").where("id", "in", ids.slice(0, 2)).execute()).toEqual([]);
    expect(await figuresOf()).toEqual({ visits: 0, interest: 3, contacted: 1, appointed: 0 });
    expect((await recruitmentFigures(db)).districts.find((d) => d.key === `district-${edamitsu}`)!.counts).toEqual(districtBefore);

    // What stays names nobody: campaign, channel, district, how far, why, how many.
    const kept = await db.selectFrom("recruitment_departed_counts").selectAll().where("channel_id", "=", channelId).orderBy("stage_reached").execute();
    expect(kept.map((k) => [k.stage_reached, k.reason, k.count, k.district_id, k.campaign_id])).toEqual([
      ["contacted", "withdrawn", 1, edamitsu, campaignId],
      ["interested", "withdrawn", 1, edamitsu, campaignId],
    ]);
    expect(Object.keys(kept[0]).sort()).toEqual(["campaign_id", "channel_id", "count", "district_id", "id", "reason", "recorded_at", "stage_reached"]);
  });

  it("a district's chair sees and acts on their district only; staff see all; each view is audited", async () => {
    const inChuo = await recordInterest(db, interest({ district: chuo }), ctx);
    const inEdamitsu = await recordInterest(db, interest({ district: edamitsu }), ctx);
    const chuoId = inChuo.status === "ok" ? inChuo.personId : 0;
    const edamitsuId = inEdamitsu.status === "ok" ? inEdamitsu.personId : 0;
    const scope = await recruitmentScope(db, chairOfEdamitsu);
    expect(scope).toEqual({ kind: "districts", districtIds: [edamitsu] });
    const chair: Viewer = { userId: chairOfEdamitsu.id, scope: scope!, ip: "127.0.0.1" };
    const listed = (await listPeople(db, chair, {})).map((p) => p.id);
    expect(listed).toContain(edamitsuId);
    expect(listed).not.toContain(chuoId);
    expect(await getPerson(db, chair, chuoId)).toBeNull();
    expect(await changeStage(db, chair, chuoId, { to: "contacted" })).toBe("not-found");
    expect(await changeStage(db, chair, edamitsuId, { to: "contacted", note: "電話しました", nextActionOn: "2027-01-10" })).toBe("ok");
    expect((await getPerson(db, staffViewer, chuoId))?.person.id).toBe(chuoId);
    // A chair has no second factor (ADR 024): every list and every person they open, contacts included, is logged
    // under their own name, as staff's views are.
    const own = await getPerson(db, chair, edamitsuId);
    expect(own?.person.email).toBeTruthy();
    expect(await auditRows(db, { action: "recruitment.person_viewed", subjectId: edamitsuId, actorUserId: chairOfEdamitsu.id })).toHaveLength(1);
    const lists = await auditRows(db, { action: "recruitment.people_listed", actorUserId: chairOfEdamitsu.id });
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists.at(-1)?.details).toMatchObject({ scope: [edamitsu] });
    expect(await auditRows(db, { action: "recruitment.person_view_refused", subjectId: chuoId, actorUserId: chairOfEdamitsu.id })).toHaveLength(1);
    expect(await auditRows(db, { action: "recruitment.person_viewed", subjectId: chuoId, actorUserId: staff.id })).toHaveLength(1);
    const plainVolunteer = await createUser(db, { email: uniqueEmail("nobody") });
    expect(await recruitmentScope(db, plainVolunteer)).toBeNull();
  });

  it("委嘱 takes a seat in the person's district in the same transaction, and a full area is refused", async () => {
    const name = `中央第${uniqueKey("a")}`;
    await saveArea(db, { districtId: chuo, name, seats: 2, serving: 1, households: 400, intendContinue: 0, intendLeave: 0, intendUndecided: 0 }, staff.id, "127.0.0.1");
    const area = await db.selectFrom("recruitment_areas").select(["id", "serving"]).where("name", "=", name).executeTakeFirstOrThrow();
    const people = [];
    for (let i = 0; i < 2; i++) {
      const r = await recordInterest(db, interest(), ctx);
      const id = r.status === "ok" ? r.personId : 0;
      for (const to of ["contacted", "briefed", "preparatory", "committee"] as const) expect(await changeStage(db, staffViewer, id, { to })).toBe("ok");
      people.push(id);
    }
    expect(await changeStage(db, staffViewer, people[0], { to: "appointed" })).toBe("area-required");
    expect(await changeStage(db, staffViewer, people[0], { to: "appointed", areaId: area.id })).toBe("ok");
    expect((await db.selectFrom("recruitment_areas").select("serving").where("id", "=", area.id).executeTakeFirstOrThrow()).serving).toBe(2);
    expect(await changeStage(db, staffViewer, people[1], { to: "appointed", areaId: area.id })).toBe("no-vacancy");
    expect((await db.selectFrom("recruitment_people").select("stage").where("id", "=", people[1]).executeTakeFirstOrThrow()).stage).toBe("committee");
    const board = await seatBoard(db);
    expect(board.districts.find((d) => d.districtId === chuo)!.areas.find((a) => a.id === area.id)!.serving).toBe(2);
    // An appointed person's withdrawal link keeps the record.
    const appointed = await db.selectFrom("recruitment_people").select("email").where("id", "=", people[0]).executeTakeFirstOrThrow();
    const token = tokenFromUrl((await emailsTo(db, appointed.email))[0].props.withdrawUrl);
    expect(await withdrawInterest(db, token, "127.0.0.1")).toBe("appointed");
  });

  it("CSV import reports every bad row with its line and saves nothing; a good file is saved; export opens in Excel", async () => {
    const before = await db.selectFrom("recruitment_areas").select("id").execute();
    const bad = ["地区,担当区域,定数,現員", "chuo,中央A,5,6", "nowhere,X,3,1", "枝光,枝光B,abc,1", "edamitsu,枝光C,4,2"].join("\r\n");
    const result = await importSeats(db, new TextEncoder().encode(bad), staff.id, "127.0.0.1");
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.problems.map((p) => [p.line, p.column, p.message.split("?")[0]])).toEqual([
      [2, "現員", "recruitment.v.servingOverSeats"],
      [3, "地区", "recruitment.csv.unknownDistrict"],
      [4, "定数", "v.number"],
    ]);
    expect(await db.selectFrom("recruitment_areas").select("id").execute()).toHaveLength(before.length);

    const good = "\uFEFFdistrict,area,seats,serving,households,term_end\r\nchuo,中央CSV,6,5,1800,2028-11-30\r\nEdamitsu,枝光CSV,4,4,,\r\n";
    expect(await importSeats(db, new TextEncoder().encode(good), staff.id, "127.0.0.1")).toEqual({ status: "ok", saved: 2 });
    const text = await exportSeats(db, staff.id, "127.0.0.1");
    expect(text.startsWith("\uFEFF地区,担当区域,定数,現員")).toBe(true);
    expect(text).toContain("\r\nchuo,中央CSV,6,5,1800,2028-11-30,");
    expect(await auditRows(db, { action: "recruitment.seats_exported", actorUserId: staff.id })).not.toHaveLength(0);
    // What was exported imports again unchanged.
    expect((await importSeats(db, new TextEncoder().encode(text), staff.id, "127.0.0.1")).status).toBe("ok");
  });

  it("retention deletes interest a set time after its campaign ends, keeps the appointed and the recent", async () => {
    const old = await createCampaign(db, { name: "昔の募集", message: "", startsOn: "2024-01-01", endsOn: "2024-03-31", goalSeats: 0, districtIds: [] }, staff.id, "127.0.0.1");
    await addChannel(db, old, { kind: "newsletter", label: "市政だより" }, staff.id, "127.0.0.1");
    const code = (await getCampaign(db, old))!.channels[0].code;
    const expired = await recordInterest(db, interest({ channel: code }), ctx);
    const keptAppointed = await recordInterest(db, interest({ channel: code }), ctx);
    const recent = await recordInterest(db, interest(), ctx);
    const id = (r: typeof expired) => (r.status === "ok" ? r.personId : 0);
    await db.updateTable("recruitment_people").set({ stage: "appointed" }).where("id", "=", id(keptAppointed)).execute();
    const deleted = await runRecruitmentRetention(db, new Date("2026-12-06T00:00:00Z"));
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom("recruitment_people").select("id").execute()).map((r) => r.id);
    expect(left).not.toContain(id(expired));
    expect(left).toContain(id(keptAppointed));
    expect(left).toContain(id(recent));
    // The expired hand still counts for the old campaign's channel, anonymously.
    const counted = await db.selectFrom("recruitment_departed_counts").select(["reason", "stage_reached", "count"]).where("campaign_id", "=", old).execute();
    expect(counted).toEqual([{ reason: "retention", stage_reached: "interested", count: 1 }]);
  });

  it("the weekly digest tells staff and the district's chair how many next actions are overdue, without names", async () => {
    const r = await recordInterest(db, interest({ district: edamitsu }), ctx);
    const id = r.status === "ok" ? r.personId : 0;
    await changeStage(db, staffViewer, id, { to: "contacted", nextActionOn: "2026-01-05" });
    const sent = await sendOverdueDigest(db, new Date("2026-12-07T00:00:00Z"), "http://localhost:3000");
    expect(sent).toBeGreaterThanOrEqual(2);
    const toChair = await emailsTo(db, chairOfEdamitsu.email);
    expect(toChair.at(-1)?.template).toBe("recruitment-overdue");
    expect(Number(toChair.at(-1)?.props.count)).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(toChair.at(-1)?.props)).not.toContain("八幡 花子");
    expect((await emailsTo(db, staff.email)).some((e) => e.template === "recruitment-overdue")).toBe(true);
  });

  it("the weekly digest is queued once for the coming Monday 09:00 in Tokyo, never for a time already past", async () => {
    const now = new Date("2026-12-09T03:00:00Z"); // a Wednesday
    await scheduleOverdueDigest(db, now);
    await scheduleOverdueDigest(db, new Date(now.getTime() + 3600_000));
    const jobs = await db.selectFrom("jobs").select(["run_at"]).where("queue", "=", OVERDUE_DIGEST_QUEUE).where("dedupe_key", "like", "%").execute();
    const next = jobs.filter((j) => new Date(j.run_at).getTime() > now.getTime());
    expect(next.map((j) => new Date(j.run_at).toISOString())).toEqual(["2026-12-14T00:00:00.000Z"]);
  });
});
