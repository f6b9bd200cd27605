import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { browsePostings, getPublicPosting } from "~/modules/postings/postings.server";
import { openToMinors } from "~/modules/safeguarding/review.rules";
import { SAFEGUARDING_STATUSES } from "~/vocabulary";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createOrganisation, createPosting } from "../support/factories";

describe.each(testDatabases())("open to minors on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => (db = opened));

  it("the database's generated column and the rule in code agree for every flag and review status", async () => {
    const organisation = await createOrganisation(db);
    const posting = await createPosting(db, organisation.id, { welcomesMinors: true });
    for (const welcomesMinors of [true, false]) {
      for (const safeguardingStatus of SAFEGUARDING_STATUSES) {
        await db.updateTable("postings").set({ welcomes_minors: welcomesMinors, safeguarding_status: safeguardingStatus }).where("id", "=", posting.id).execute();
        const row = await db.selectFrom("postings").select("open_to_minors").where("id", "=", posting.id).executeTakeFirstOrThrow();
        expect(row.open_to_minors, `${welcomesMinors} ${safeguardingStatus}`).toBe(openToMinors({ welcomesMinors, safeguardingStatus }));
      }
    }
  });

  it("the public page and the home list say an under-18 can apply only once the review passed", async () => {
    const organisation = await createOrganisation(db);
    const posting = await createPosting(db, organisation.id, { welcomesMinors: true, title: `安全確認の例 ${Date.now()}` });
    expect(await getPublicPosting(db, posting.id)).toMatchObject({ welcomes_minors: true, open_to_minors: false, safeguarding_status: "pending" });
    const listed = async (minors: boolean) => (await browsePostings(db, minors ? { minors: "1" } : {}, new Date(), 1000)).items.some((i) => i.id === posting.id);
    expect(await listed(true)).toBe(false);
    expect(await listed(false)).toBe(true);
    await db.updateTable("postings").set({ safeguarding_status: "approved" }).where("id", "=", posting.id).execute();
    expect(await getPublicPosting(db, posting.id)).toMatchObject({ open_to_minors: true });
    expect(await listed(true)).toBe(true);
  });
});
