import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { loggedActivities, recordActivity, siteSessions, youthOutcomes } from "~/modules/parks/activities.server";
import { exportParksCsv, importParksCsv, readParksCsvFile } from "~/modules/parks/import.server";
import { draftOutreachPosting, OUTREACH_TITLE } from "~/modules/parks/outreach.server";
import { activitySchema, AssociationSchema, ParkSchema } from "~/modules/parks/parks.schema";
import { browseParks, publicPark } from "~/modules/parks/public.server";
import { createPark, getParkRecord, isOwnPark, saveAssociation, saveSnapshot, staffParkList } from "~/modules/parks/registry.server";
import { parkReportPdf } from "~/modules/parks/report-pdf.server";
import { parkReport } from "~/modules/parks/report.server";
import { decideSupporter, registerSupporter } from "~/modules/parks/supporters.server";
import { reasonText } from "~/modules/parks/vitality.rules";
import { tokyoDateString } from "~/utils/format";
import { testDatabases } from "../support/databases";
import { createCatalogue, createOrganisation, createPosting, createUser } from "../support/factories";
import { emailsTo } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

const pdfText = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "park-")), "r.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
};
let seq = 0;
const actor = (userId: number) => ({ userId, ip: "127.0.0.1" });
const association = (over: Record<string, string> = {}) =>
  AssociationSchema.parse({ name: "テスト公園愛護会", status: "active", memberCount: "12", members_under_40: "1", members_40_64: "3", members_65_74: "4", members_75_plus: "4", officers_75_plus: "3", meetingDay: "毎月第2日曜日", meetingTime: "9:00〜10:30", representativeName: "代表 太郎", representativePhone: "093-000-9999", representativeEmail: "rep@example.test", ...over });

describe.each(testDatabases())("the park-care registry on $name", ({ open }) => {
  let db: DB;
  let staff: Awaited<ReturnType<typeof createUser>>;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    staff = await createUser(db, { role: "staff" });
  });

  async function parkWithAssociation(areaM2 = 1200) {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const created = await createPark(db, ParkSchema.parse({ code: `T${++seq}${Date.now().toString(36)}`, name: `テスト公園${seq}`, areaM2: String(areaM2), latitude: "33.86", longitude: "130.81" }), actor(staff.id));
    if (created.status !== "ok") throw new Error(created.status);
    expect(await saveAssociation(db, created.id, association(), actor(staff.id), { organisationId: org.id })).toBe("ok");
    return { owner, org, parkId: created.id };
  }

  it("keeps a park's association with its age bands, and an association reaches only its own park", async () => {
    const a = await parkWithAssociation();
    const b = await parkWithAssociation();
    const record = await getParkRecord(db, a.parkId);
    expect(record?.association).toMatchObject({ member_count: 12, members_75_plus: 4, organisation_id: a.org.id, representative_phone: "093-000-9999" });
    expect(record?.snapshots).toHaveLength(1);
    expect(await isOwnPark(db, a.org.id, a.parkId)).toBe(true);
    expect(await isOwnPark(db, a.org.id, b.parkId)).toBe(false);
    // The database refuses bands that do not add up, even past the form.
    await expect(db.updateTable("park_associations").set({ members_75_plus: 99 }).where("park_id", "=", a.parkId).execute()).rejects.toThrow();
    // A non-park organisation cannot be linked.
    const school = await createOrganisation(db, { kind: "high_school" });
    expect(await saveAssociation(db, a.parkId, association(), actor(staff.id), { organisationId: school.id })).toBe("bad-organisation");
  });

  it("records an activity once even when the phone sends it twice, and counts the site's sessions at the park", async () => {
    const a = await parkWithAssociation();
    const today = tokyoDateString(new Date());
    const input = activitySchema(today).parse({ date: today, kind: "weeding", people: "8", viaSite: "2", hours: "1.5", submissionKey: `key-${seq}-abcdef` });
    const first = await recordActivity(db, a.parkId, input, actor(a.owner.id));
    const second = await recordActivity(db, a.parkId, input, actor(a.owner.id));
    expect(second.id).toBe(first.id);
    expect(await loggedActivities(db, a.parkId)).toMatchObject([{ kind: "weeding", people: 8, viaSite: 2, minutes: 90 }]);

    const record = await getParkRecord(db, a.parkId);
    const posting = await createPosting(db, a.org.id, { shifts: [{ startsAt: new Date(Date.now() - 3 * 86_400_000), endsAt: new Date(Date.now() - 3 * 86_400_000 + 7_200_000) }] });
    await db.updateTable("postings").set({ place_id: record!.park.place_id }).where("id", "=", posting.id).execute();
    const shift = await db.selectFrom("shifts").select("id").where("posting_id", "=", posting.id).executeTakeFirstOrThrow();
    const young = await createUser(db);
    await db.updateTable("users").set({ volunteer_type: "university" }).where("id", "=", young.id).execute();
    await db.insertInto("attendance").values([
      { shift_id: shift.id, user_id: young.id, status: "present", source: "group" },
      { shift_id: shift.id, walk_in_name: "飛び入り", status: "present", source: "walk_in" },
    ]).execute();
    expect(await siteSessions(db, a.parkId)).toMatchObject([{ people: 2, minutes: 120 }]);
    expect(await youthOutcomes(db, a.parkId)).toEqual({ came: 1, cameBack: 0, becameMembers: 0 });
  });

  it("lists at-risk associations first with their reasons, and parks without one", async () => {
    const old = await parkWithAssociation();
    await saveAssociation(db, old.parkId, association({ officers_75_plus: "3" }), actor(staff.id));
    const lone = await createPark(db, ParkSchema.parse({ code: `L${++seq}x`, name: `愛護会のない公園${seq}`, areaM2: "300" }), actor(staff.id));
    const list = await staffParkList(db, {});
    const row = list.find((r) => r.id === old.parkId)!;
    expect(row.vitality?.reasons.map((r) => reasonText(r, "ja"))).toEqual(expect.arrayContaining(["役員全員が75歳以上", "活動の記録がない"]));
    const at = (id: number) => list.findIndex((r) => r.id === id);
    expect(at(old.parkId)).toBeLessThan(at(lone.status === "ok" ? lone.id : -1));
    expect((await staffParkList(db, { status: "none" })).every((r) => r.association === null)).toBe(true);
    await saveSnapshot(db, old.parkId, { year: 2020, memberCount: 20, newMembers: 0, members75Plus: 5 });
  });

  it("imports nothing while any row is bad, naming each bad row's line; then imports and exports with a BOM", async () => {
    const before = await db.selectFrom("parks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const bad = ["公園コード,公園名,面積㎡,地区,施設", "IMP-1,良い公園,800,中央,遊具・トイレ", "IMP-2,,900,,", "IMP-3,負の公園,-5,どこか,噴水", '"IMP-1",重複,100,,'].join("\r\n");
    const result = await importParksCsv(db, bad, actor(staff.id));
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.problems.map((p) => `${p.line}:${p.column}`)).toEqual(["3:name", "4:district", "4:facilities", "4:areaM2", "5:code"]);
    const after = await db.selectFrom("parks").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const good = "\uFEFFcode,name,area_m2,district,facilities,latitude,longitude\nIMP-1,良い公園,800,chuo,playground;toilet,33.86,130.8\nIMP-2,\"コンマ,のある公園\",5001,,,,\n";
    expect(await importParksCsv(db, good, actor(staff.id))).toEqual({ status: "ok", created: 2, updated: 0 });
    expect(await importParksCsv(db, good.replace("良い公園", "良い公園（改）"), actor(staff.id))).toEqual({ status: "ok", created: 0, updated: 2 });
    const csv = await exportParksCsv(db);
    expect(csv.startsWith("\uFEFF公園コード,公園名")).toBe(true);
    expect(csv).toContain("IMP-1,良い公園（改）,");
    expect(csv).toContain('"コンマ,のある公園"');
    expect(csv).toContain("遊具・トイレ");
  });

  it("reads a Shift_JIS file as Excel in Japan saves it, and UTF-8 with or without a BOM, to the same parks", async () => {
    const sjis = new Uint8Array(readFileSync(new URL("../fixtures/parks-shift_jis.csv", import.meta.url)));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(sjis)).toThrow();
    const text = readParksCsvFile(sjis);
    expect(text.split("\r\n")[0]).toBe("公園コード,公園名,ふりがな,住所,地区,面積㎡,施設");
    // Code page 932's own characters (the IBM kanji 髙, the circled ①) and a full-width tilde read as typed.
    expect(text).toContain("髙見①ひろば（試験）");
    expect(text).toContain("桜～花壇の丘,（試験）");
    const utf8 = new TextEncoder().encode(text);
    expect(readParksCsvFile(utf8)).toBe(text);
    expect(readParksCsvFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);

    expect(await importParksCsv(db, text, actor(staff.id))).toEqual({ status: "ok", created: 2, updated: 0 });
    const parks = await db.selectFrom("parks").select(["code", "name", "name_kana", "area_m2", "facilities"]).where("code", "in", ["SJIS-1", "SJIS-2"]).orderBy("code").execute();
    expect(parks).toEqual([
      { code: "SJIS-1", name: "髙見①ひろば（試験）", name_kana: "たかみひろば", area_m2: 1200, facilities: ["playground", "toilet"] },
      { code: "SJIS-2", name: "桜～花壇の丘,（試験）", name_kana: "さくらかだんのおか", area_m2: 450, facilities: [] },
    ]);
  });

  it("the public page shows the association's meeting and approved supporters, never the representative's contact", async () => {
    const a = await parkWithAssociation();
    await registerSupporter(db, a.parkId, { name: "八幡製作所（テスト）", kind: "company", offer: "年2回の清掃に社員が参加", contactName: "担当", contactEmail: "csr@example.test", contactPhone: "" }, { ip: "127.0.0.1", origin: "https://tsunagu.example" });
    // Staff are told through the outbox: the park and who offered, a link to review it, never the contact.
    const told = (await emailsTo(db, staff.email)).filter((e) => e.template === "park-supporter-offered");
    expect(told.map((e) => e.props)).toContainEqual({ parkName: expect.stringMatching(/^テスト公園/), supporterName: "八幡製作所（テスト）", kind: "company", reviewUrl: "https://tsunagu.example/staff/parks/supporters" });
    expect(JSON.stringify(told)).not.toContain("csr@example.test");
    let page = await publicPark(db, a.parkId);
    expect(page?.supporters).toEqual([]);
    const pending = await db.selectFrom("park_supporters").select("id").where("park_id", "=", a.parkId).executeTakeFirstOrThrow();
    expect(await decideSupporter(db, pending.id, "approve", actor(staff.id))).toBe(true);
    page = await publicPark(db, a.parkId);
    expect(page?.supporters.map((s) => s.name)).toEqual(["八幡製作所（テスト）"]);
    expect(page?.association?.meeting_day).toBe("毎月第2日曜日");
    const text = JSON.stringify(page) + JSON.stringify(await browseParks(db, { q: "テスト公園" }));
    expect(text).not.toContain("093-000-9999");
    expect(text).not.toContain("rep@example.test");
    expect(text).not.toContain("代表 太郎");
    expect(text).not.toContain("csr@example.test");
  });

  it("drafts the outreach posting at the park, welcoming minors, and the year's report reads as a Japanese PDF", async () => {
    const a = await parkWithAssociation(1200);
    const draft = await draftOutreachPosting(db, { organisationId: a.org.id, parkId: a.parkId, userId: a.owner.id, ip: "127.0.0.1" });
    expect(draft.status).toBe("ok");
    if (draft.status !== "ok") return;
    const posting = await db.selectFrom("postings").innerJoin("categories", "categories.id", "postings.category_id").select(["title", "status", "welcomes_minors", "place_id", "categories.code"]).where("postings.id", "=", draft.id).executeTakeFirstOrThrow();
    const record = await getParkRecord(db, a.parkId);
    expect(posting).toEqual({ title: OUTREACH_TITLE, status: "draft", welcomes_minors: true, place_id: record!.park.place_id, code: "parks" });
    // Another association's park is not this organisation's to draft for.
    const other = await parkWithAssociation();
    expect((await draftOutreachPosting(db, { organisationId: a.org.id, parkId: other.parkId, userId: a.owner.id, ip: "127.0.0.1" })).status).toBe("not-found");

    await recordActivity(db, a.parkId, activitySchema("2099-01-01").parse({ date: "2026-05-10", kind: "flowerbed", people: "5", hours: "2" }), actor(a.owner.id));
    const report = await parkReport(db, a.parkId, 2026);
    expect(report?.totals).toMatchObject({ activities: 1, people: 5, minutes: 120, grant: { yen: 38_000 } });
    const text = pdfText(await parkReportPdf(report!));
    expect(text).toContain("2026年度 公園愛護会 活動報告書");
    expect(text).toContain("38,000円");
    expect(text).toContain("花壇");
  });
});
