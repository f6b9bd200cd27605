import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting, createUser } from "../tests/support/factories";
import { testDatabases } from "../tests/support/databases";
import { createPostgresSearchEngine } from "./postgres.server";
import { formatSynonymGroups, parseSynonymText, saveSynonymGroups } from "./synonyms.server";

describe("synonym list as staff write it", () => {
  it("reads one group a line with any of the separators, and reports lines that are not groups", () => {
    const { groups, errors } = parseSynonymText("子ども / 子供、こども\n\n清掃,掃除\nひとつ\n<b>x</b>/y");
    expect(groups).toEqual([
      ["子ども", "子供", "こども"],
      ["清掃", "掃除"],
    ]);
    expect(errors).toEqual(["synonyms.oneWord?line=4", "synonyms.badWord?line=5&max=40"]);
    expect(parseSynonymText(formatSynonymGroups(groups)).groups).toEqual(groups);
  });
});

describe.each(testDatabases())("saving synonyms on $name", ({ open }) => {
  let db: DB;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await open()));
  afterAll(async () => close());

  it("makes a new synonym findable at once, in documents written before the change", async () => {
    await createCatalogue(db);
    const staff = await createUser(db, { role: "staff" });
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, { title: "どんど焼きの準備" });
    const engine = createPostgresSearchEngine(db);
    const search = async (text: string) => (await engine.search({ text, filters: {}, sort: "relevance", page: 1, pageSize: 10 })).hits.map((h) => h.id);
    expect(await search("左義長")).toEqual([]);
    const count = await saveSynonymGroups(db, staff.id, [["どんど焼き", "左義長", "とんど"]], "127.0.0.1");
    expect(count).toBeGreaterThan(0);
    expect(await search("左義長")).toEqual([posting.id]);
    const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "search.synonyms_saved").execute();
    expect(audit).toHaveLength(1);
    // Words the shipped readings do not know load the reading dictionary (about a second on an idle machine).
  }, 120_000);
});
