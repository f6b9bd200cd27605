import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "#db/client.server";
import { applyToShifts } from "~/modules/applications/applications.server";
import { answerGuardianConsent } from "~/modules/applications/minors.server";
import { rosterRows } from "~/modules/applications/roster-csv";
import { loader as applicantsPage } from "~/routes/orgs.$orgId.postings.$postingId.applicants";
import { loader as rosterCsv } from "~/routes/orgs.$orgId.postings.$postingId.roster[.]csv";
import { createSession } from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { createCatalogue, ctx } from "../support/factories";
import { applyAsMinor, consentTokens, createPerson, createSchool, minorsPosting } from "../support/minor-factories";
import { auditRows, requestWithSession, uniqueEmail } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/** The route loaders read the process's database: here, the suite's. */
function useDatabase(db: DB) {
  const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
  store.__tsunaguSingletons ??= new Map();
  store.__tsunaguSingletons.set("database", { db });
}

/** A CSV as rows of cells (quoted cells with commas, doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe.each(testDatabases())("the roster CSV on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
    useDatabase(opened);
  });

  it("holds what the applicants page shows, from the same list: an adult student, a minor before and after consent", async () => {
    const scene = await minorsPosting(db, { capacity: 5 });
    const { districts } = await createCatalogue(db);
    // An adult university student with everything the page shows filled in, and a message.
    const adult = await createPerson(db, { age: 20, name: "山田 花子" });
    await db
      .updateTable("users")
      .set({ name_kana: "やまだ はなこ", volunteer_type: "university", school_name: "北九州の大学", district_id: districts[0].id, skills: ["mowing", "english"] })
      .where("id", "=", adult.id)
      .execute();
    const applied = await applyToShifts(db, { userId: adult.id, postingId: scene.posting.id, shiftIds: [scene.shifts[0].id], message: "軍手を持っていきます。\n駐車場はありますか", acknowledgeOverlap: true }, ctx);
    expect(applied.status).toBe("ok");
    // A 16-year-old of a school, waiting for the guardian's consent.
    const { school } = await createSchool(db);
    const minor = await createPerson(db, { age: 16, name: "佐藤 翔太" });
    await db.updateTable("users").set({ name_kana: "さとう しょうた", school_organisation_id: school.id, district_id: districts[1].id }).where("id", "=", minor.id).execute();
    const guardianEmail = uniqueEmail("guardian");
    expect((await applyAsMinor(db, minor.id, scene.posting.id, [scene.shifts[0].id], guardianEmail)).status).toBe("ok");

    const token = await createSession(db, scene.owner, { ip: ctx.ip, userAgent: "test", secondFactor: false });
    const args = (path: string) =>
      ({
        request: requestWithSession(token, `http://localhost/orgs/${scene.organisation.id}/postings/${scene.posting.id}/${path}`),
        params: { orgId: String(scene.organisation.id), postingId: String(scene.posting.id) },
        context: { nonce: "", clientIp: ctx.ip, socketIp: ctx.ip },
      }) as unknown as LoaderFunctionArgs;
    const download = async (query = "") => {
      const response = (await rosterCsv(args(`roster.csv${query}`))) as Response;
      return { response, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    type Page = { data: { shifts: Parameters<typeof rosterRows>[0] } };
    const byName = (rows: string[][]) => {
      const [header, ...body] = rows;
      return Object.fromEntries(body.map((r) => [r[header.indexOf("氏名")], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    };

    const before = await download();
    expect(before.response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...before.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(before.bytes.toString("utf8").replace(/^\uFEFF/, ""));
    // The very rows the applicants page lists, shaped once.
    const page = (await applicantsPage(args("applicants"))) as unknown as Page;
    expect(rows).toEqual(rosterRows(page.data.shifts, "ja"));
    const people = byName(rows);
    expect(people["山田 花子"]).toMatchObject({
      ふりがな: "やまだ はなこ",
      状況: "参加確定",
      区分: "大学生・専門学校生",
      学校: "北九州の大学",
      地域: "中央",
      得意なこと: "草刈り・英語",
      メッセージ: "軍手を持っていきます。\n駐車場はありますか",
      申込日時: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/),
    });
    // Before consent: the first name, the school year and the school, and nothing else of the minor.
    expect(people["翔太"]).toMatchObject({ 状況: "同意・承認待ち", 学校: school.name, 学年: expect.stringMatching(/^高校[12]年生/), ふりがな: "", 区分: "", 地域: "", メッセージ: "", "緊急連絡先（保護者）": "" });
    expect(before.bytes.toString("utf8")).not.toContain("佐藤 翔太");
    // The export of a minor's data is audited as such.
    expect(await auditRows(db, { action: "minor.data.exported", subjectId: scene.posting.id })).toHaveLength(1);

    // The guardian consents: the place is confirmed, the organisation gets the full name and whom to call.
    const { consent } = await consentTokens(db, guardianEmail);
    await answerGuardianConsent(db, consent, { given: true, signedName: "佐藤 恵子", emergencyPhone: "090-1234-5678", standing: false }, { ...ctx, locale: "ja" });
    const after = await download();
    const rowsAfter = parseCsv(after.bytes.toString("utf8").replace(/^\uFEFF/, ""));
    expect(rowsAfter).toEqual(rosterRows(((await applicantsPage(args("applicants"))) as unknown as Page).data.shifts, "ja"));
    expect(byName(rowsAfter)["佐藤 翔太"]).toMatchObject({ 状況: "参加確定", "緊急連絡先（保護者）": `佐藤 恵子 (母) 090-1234-5678 ${guardianEmail}`, ふりがな: "", メッセージ: "" });

    // Shift_JIS for older Excel: no BOM, the same rows.
    const sjis = await download("?encoding=sjis");
    expect(sjis.response.headers.get("Content-Type")).toBe("text/csv; charset=Shift_JIS");
    expect(sjis.response.headers.get("Content-Disposition")).toContain("-sjis.csv");
    expect(sjis.bytes[0]).not.toBe(0xef);
    expect(parseCsv(iconv.decode(sjis.bytes, "cp932"))).toEqual(rowsAfter);
  });
});
