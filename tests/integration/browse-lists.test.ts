import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { saveCategory } from "~/modules/admin/admin.server";
import { browseLists } from "~/modules/catalogue/browse-lists.server";
import { testDatabases } from "../support/databases";
import { createCatalogue } from "../support/factories";
import { uniqueKey } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

describe.each(testDatabases())("the browse pages' lists on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  it("are read once for many page views, not three statements per view", async () => {
    const first = await browseLists(db);
    const code = uniqueKey("quiet");
    // Written behind the cache's back (as another process of a cluster would): not seen within the minute.
    await db.insertInto("categories").values({ code, name_ja: "静か", name_en: "Quiet" }).execute();
    const again = await browseLists(db);
    expect(again).toBe(first);
    expect(again.categories.some((c) => c.code === code)).toBe(false);
  });

  it("show a category staff add at once", async () => {
    await browseLists(db);
    const code = uniqueKey("new");
    expect(await saveCategory(db, { code, nameJa: "新しい分野", nameEn: "New field", active: true })).toBe("ok");
    const lists = await browseLists(db);
    expect(lists.categories.map((c) => c.code)).toContain(code);
    expect(lists.districts.length).toBeGreaterThan(0);
  });
});
