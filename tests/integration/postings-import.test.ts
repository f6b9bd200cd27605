import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { checkImportFile } from "~/server/import/postings-import";
import { insertPostings, loadCatalogue, runCli } from "~/server/import/run";
import { CATEGORIES, DISTRICTS, PLACES } from "~/server/seed/data";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createUser } from "../support/factories";
import { toShiftJis } from "../support/shift-jis";

const now = new Date("2026-11-24T03:00:00Z"); // 12:00 in Tokyo
const DESCRIPTION = "桃園公園の花壇で草取りと植え替えをします。初めての方も歓迎です。";
const HEADER = "タイトル,説明,分野,タグ,地域,場所,住所,高校生歓迎,持ち物,担当者,日付,開始,終了,定員";

/** Three postings, four shifts: the first has a second shift on the row below. */
const GOOD_CSV = [
  HEADER,
  `花壇の植え替え,${DESCRIPTION},parks,"花壇、草取り",中央,桃園公園,,はい,軍手,公園 太郎,2026/12/5,9:00,11:00,10`,
  `花壇の植え替え,,,,,,,,,,2026/12/12,9:00,11:00,8`,
  `河川敷の清掃,"川沿いの遊歩道で、ごみ拾いをします。
雨の場合は中止します。",cleanup,清掃,edamitsu,枝光の河川敷,八幡東区枝光,×,タオル,川辺 花子,２０２６/１２/６,１０:００,１２:００,２０`,
  `まつりの準備,${DESCRIPTION},祭り・イベント,,中央,中央の集会所,,1,,祭 一郎,2026-12-20,13:00,16:00,5`,
].join("\r\n");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "postings-import-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
function writeFile(name: string, content: string | Uint8Array) {
  const file = path.join(dir, `${fileCounter++}-${name}`);
  writeFileSync(file, content);
  return file;
}

describe.each(testDatabases())("postings import on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      io: { out: (t) => out.push(t), err: (t) => err.push(t) },
      open: async () => ({ db, close: async () => {} }),
      now,
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  const postingsOf = (orgId: number) => db.selectFrom("postings").selectAll().where("organisation_id", "=", orgId).orderBy("id").execute();
  const shiftsOf = (postingId: number) => db.selectFrom("shifts").selectAll().where("posting_id", "=", postingId).orderBy("starts_at").execute();
  const importAudits = (orgId: number) =>
    db.selectFrom("audit_log").selectAll().where("action", "=", "posting.imported").where("subject_id", "=", String(orgId)).execute();

  async function orgWithOwner(status: "verified" | "pending" = "verified") {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { status, ownerId: owner.id });
    return { org, owner };
  }

  it("imports every posting of a valid CSV with its shifts, as drafts, in one go", async () => {
    const { org, owner } = await orgWithOwner();
    const file = writeFile("postings.csv", `\uFEFF${GOOD_CSV}\r\n`);
    const r = await run(file, "--org", String(org.id));

    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("3件の募集、4件の日程");
    const postings = await postingsOf(org.id);
    expect(postings.map((p) => [p.title, p.status, p.created_by])).toEqual([
      ["花壇の植え替え", "draft", owner.id],
      ["河川敷の清掃", "draft", owner.id],
      ["まつりの準備", "draft", owner.id],
    ]);
    const [flowers, river, festival] = postings;
    const { places, categories } = await createCatalogue(db);
    expect(flowers).toMatchObject({ place_id: places[0].id, place_name: "桃園公園", tags: ["花壇", "草取り"], welcomes_minors: true, what_to_bring: "軍手", published_at: null });
    expect(river).toMatchObject({ place_id: null, place_name: "枝光の河川敷", place_address: "八幡東区枝光", welcomes_minors: false, description: "川沿いの遊歩道で、ごみ拾いをします。\n雨の場合は中止します。" });
    expect(festival.category_id).toBe(categories.find((c) => c.code === "festival")!.id);
    expect((await shiftsOf(flowers.id)).map((s) => [s.starts_at.toISOString(), s.ends_at.toISOString(), s.capacity])).toEqual([
      ["2026-12-05T00:00:00.000Z", "2026-12-05T02:00:00.000Z", 10],
      ["2026-12-12T00:00:00.000Z", "2026-12-12T02:00:00.000Z", 8],
    ]);
    expect((await shiftsOf(river.id)).map((s) => [s.starts_at.toISOString(), s.capacity])).toEqual([["2026-12-06T01:00:00.000Z", 20]]);

    const audits = await importAudits(org.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_user_id: owner.id, subject_type: "organisation" });
    expect(audits[0].details).toMatchObject({ count: 3, shifts: 4, file: path.basename(file), published: false });
  });

  it("a file with one bad row among good ones imports nothing and names the row and field", async () => {
    const { org } = await orgWithOwner();
    const lines = GOOD_CSV.split("\r\n");
    // The second posting (line 4) gets a description that is too short; the others stay good.
    const bad = [...lines.slice(0, 3), `河川敷の清掃,短い説明,cleanup,清掃,edamitsu,枝光の河川敷,,×,,川辺 花子,2026/12/6,10:00,12:00,20`, lines[4]];
    const file = writeFile("bad.csv", bad.join("\r\n"));
    const r = await run(file, "--org", String(org.id));

    expect(r.code).toBe(1);
    expect(r.err).toContain("何も取り込んでいません");
    expect(r.err).toContain("4行目 説明 (description): 20文字以上で入力してください。 (Please enter at least 20 characters.)");
    expect(await postingsOf(org.id)).toEqual([]);
    expect(await importAudits(org.id)).toEqual([]);
  });

  it("reports every bad row, each on its own physical line", async () => {
    const { org } = await orgWithOwner();
    const file = writeFile(
      "bad-rows.csv",
      [
        HEADER,
        `a,"二行の
短い説明",parks,,中央,桃園公園,,,,担当,2026/12/5,9:00,11:00,10`,
        `b,${DESCRIPTION},unknown,,中央,桃園公園,,,,担当,2026/12/5,9:00,11:00,10`,
        `c,${DESCRIPTION},parks,,中央,桃園公園,,たぶん,,担当,2026/12/5,9:00,11:00,10`,
      ].join("\n"),
    );
    const r = await run(file, "--org", String(org.id));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/  2行目 説明 \(description\): /);
    expect(r.err).toMatch(/  4行目 分野 \(category\): 分野「unknown」が見つかりません。/);
    expect(r.err).toMatch(/  5行目 高校生歓迎 \(welcomes_minors\): /);
    expect(await postingsOf(org.id)).toEqual([]);
  });

  it("a dry run reports what would be imported and imports nothing", async () => {
    const { org } = await orgWithOwner();
    const file = writeFile("postings.csv", GOOD_CSV);
    const r = await run(file, "--org", String(org.id), "--dry-run");

    expect(r.code).toBe(0);
    expect(r.out).toContain("(3 postings, 4 shifts would be imported as drafts)");
    expect(await postingsOf(org.id)).toEqual([]);
    expect(await importAudits(org.id)).toEqual([]);
  });

  it("a dry run with problems exits 1", async () => {
    const { org } = await orgWithOwner();
    const file = writeFile("bad.csv", `${HEADER}\n短い,短い,parks,,中央,桃園公園,,,,担当,2026/12/5,9:00,11:00,10\n`);
    expect((await run(file, "--org", String(org.id), "--dry-run")).code).toBe(1);
  });

  it("--publish is refused for an organisation still pending", async () => {
    const { org } = await orgWithOwner("pending");
    const file = writeFile("postings.csv", GOOD_CSV);
    const r = await run(file, "--org", String(org.id), "--publish");

    expect(r.code).toBe(2);
    expect(r.err).toContain("--publish で公開できません");
    expect(await postingsOf(org.id)).toEqual([]);
    // Drafts are fine for a pending organisation.
    expect((await run(file, "--org", String(org.id))).code).toBe(0);
    expect((await postingsOf(org.id)).every((p) => p.status === "draft")).toBe(true);
  });

  it("--publish publishes at once for a verified organisation", async () => {
    const { org } = await orgWithOwner("verified");
    const file = writeFile("postings.csv", GOOD_CSV);
    const r = await run(file, "--org", String(org.id), "--publish");

    expect(r.code).toBe(0);
    const postings = await postingsOf(org.id);
    expect(postings).toHaveLength(3);
    expect(postings.every((p) => p.status === "published" && p.published_at !== null)).toBe(true);
    expect((await importAudits(org.id))[0].details).toMatchObject({ published: true });
  });

  it("imports JSON Lines", async () => {
    const { org } = await orgWithOwner();
    const jsonl = [
      { title: "花壇の植え替え", description: DESCRIPTION, category: "parks", tags: ["花壇", "草取り"], district: "chuo", place: "桃園公園", welcomes_minors: true, contact_name: "公園 太郎", shifts: [{ date: "2026-12-05", start: "09:00", end: "11:00", capacity: 10 }, { date: "2026-12-12", start: "9:00", end: "11:00", capacity: "8" }] },
      { title: "河川敷の清掃", description: DESCRIPTION, category: "清掃・環境", district: "枝光", place: "枝光の河川敷", latitude: 33.87, longitude: 130.82, minimum_age: 12, contact_name: "川辺 花子", shifts: "2026-12-06 10:00-12:00 20" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    const r = await run(writeFile("postings.jsonl", jsonl), "--org", String(org.id));

    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const postings = await postingsOf(org.id);
    expect(postings.map((p) => [p.title, p.latitude, p.longitude, p.minimum_age])).toEqual([
      ["花壇の植え替え", 33.86, 130.81, null],
      ["河川敷の清掃", 33.87, 130.82, 12],
    ]);
    expect(await shiftsOf(postings[0].id)).toHaveLength(2);
    expect(await shiftsOf(postings[1].id)).toHaveLength(1);
  });

  it("a Shift_JIS file imports the same as its UTF-8 copy", async () => {
    const sjisOrg = (await orgWithOwner()).org;
    const utf8Org = (await orgWithOwner()).org;
    const sjis = toShiftJis(GOOD_CSV);
    expect([...toShiftJis("公園ア")]).toEqual([0x8c, 0xf6, 0x89, 0x80, 0x83, 0x41]);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(sjis)).toThrow();

    const a = await run(writeFile("sjis.csv", sjis), "--org", String(sjisOrg.id));
    const b = await run(writeFile("utf8.csv", GOOD_CSV), "--org", String(utf8Org.id));
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out).toContain("Shift_JIS");

    const summary = async (orgId: number) =>
      Promise.all(
        (await postingsOf(orgId)).map(async (p) => ({
          text: [p.title, p.description, p.tags, p.place_name, p.place_address, p.what_to_bring, p.contact_name, p.status],
          refs: [p.category_id, p.district_id, p.place_id, p.latitude, p.longitude, p.minimum_age, p.welcomes_minors],
          shifts: (await shiftsOf(p.id)).map((s) => [s.starts_at.getTime(), s.ends_at.getTime(), s.capacity]),
        })),
      );
    const fromSjis = await summary(sjisOrg.id);
    expect(fromSjis).toHaveLength(3);
    expect(fromSjis).toEqual(await summary(utf8Org.id));
  });

  it("an organisation without an owner imports with no creator", async () => {
    const org = await createOrganisation(db);
    expect((await run(writeFile("postings.csv", GOOD_CSV), "--org", String(org.id))).code).toBe(0);
    expect((await postingsOf(org.id)).map((p) => p.created_by)).toEqual([null, null, null]);
    expect((await importAudits(org.id))[0].actor_user_id).toBeNull();
  });

  it("usage errors exit 2 and import nothing", async () => {
    const { org } = await orgWithOwner();
    const file = writeFile("postings.csv", GOOD_CSV);
    const missing = await run(path.join(dir, "no-such-file.csv"), "--org", String(org.id));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("ファイルが見つかりません");
    expect((await run(file)).code).toBe(2);
    expect((await run(file, "--org", "abc")).code).toBe(2);
    expect((await run("--org", String(org.id))).code).toBe(2);
    expect((await run(file, "--org", String(org.id), "--force")).code).toBe(2);
    const unknown = await run(file, "--org", "999999");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("団体 #999999 が見つかりません");
    expect(await postingsOf(org.id)).toEqual([]);
  });

  it("all or nothing: a failure while writing leaves no posting behind", async () => {
    const { org } = await orgWithOwner();
    const catalogue = await loadCatalogue(db);
    const check = checkImportFile(new TextEncoder().encode(GOOD_CSV), "postings.csv", catalogue, now);
    expect(check.problems).toEqual([]);
    const broken = structuredClone(check.postings);
    broken[2].input.categoryId = 987654; // no such category: the third insert fails
    await expect(insertPostings(db, org.id, broken, { publish: false, fileName: "x.csv", ip: "", now })).rejects.toThrow();
    expect(await postingsOf(org.id)).toEqual([]);
    expect(await importAudits(org.id)).toEqual([]);
  });
});

describe.each(testDatabases())("example files on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    // The demo catalogue, as the seed writes it.
    await db.insertInto("categories").values(CATEGORIES.map((c, i) => ({ ...c, sort_order: i + 1 }))).execute();
    const districts = await db.insertInto("districts").values([...DISTRICTS]).returning(["id", "code"]).execute();
    await db
      .insertInto("places")
      .values(
        PLACES.map((p) => ({
          kind: p.kind,
          name_ja: p.name_ja,
          name_en: p.name_en,
          address: p.address,
          district_id: districts.find((d) => d.code === p.district)?.id ?? null,
          latitude: p.latitude,
          longitude: p.longitude,
        })),
      )
      .execute();
  });

  it.each(["postings.csv", "postings.jsonl"])("app/server/import/examples/%s is valid: 3 postings, 4 shifts", async (name) => {
    const bytes = readFileSync(path.resolve("app/server/import/examples", name));
    if (name.endsWith(".csv")) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const check = checkImportFile(bytes, name, await loadCatalogue(db), now);
    expect(check.problems).toEqual([]);
    expect(check.unknownHeaders).toEqual([]);
    expect(check.postings).toHaveLength(3);
    expect(check.shiftCount).toBe(4);
  });

  it("both example files describe the same postings", async () => {
    const catalogue = await loadCatalogue(db);
    const read = (name: string) => checkImportFile(readFileSync(path.resolve("app/server/import/examples", name)), name, catalogue, now).postings.map((p) => p.input);
    expect(read("postings.jsonl")).toEqual(read("postings.csv"));
  });
});
