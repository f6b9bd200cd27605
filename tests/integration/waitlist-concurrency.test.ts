import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { applyToShifts, myActivities } from "~/modules/applications/applications.server";
import { testDatabases } from "../support/databases";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { DAY, HOUR } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * Many people join one shift's waiting list at the same moment. Each is emailed their place in line, and My
 * activities shows it: both must be the place in the stored order (waitlisted_at, id), for every one of them.
 * On PostgreSQL the applications really run side by side (a pool of 20 connections); PGlite runs them one by one.
 */
describe.each(testDatabases())("the waiting list under concurrent applications on $name", ({ name, open }) => {
  let db: DB;
  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  it("tells every applicant the place they hold in the stored order", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const start = Date.now() + 5 * DAY;
    const capacity = 3;
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR), capacity }] });
    const shift = await db.selectFrom("shifts").select("id").where("posting_id", "=", posting.id).executeTakeFirstOrThrow();
    // PGlite runs them one after another: fewer suffice there.
    const applicants = name === "postgres" ? 60 : 15;
    const people = [];
    for (let i = 0; i < applicants; i++) people.push(await createUser(db, { displayName: `応募 ${i}` }));
    await db.updateTable("users").set({ birth_date: "1990-04-01" }).where("id", "in", people.map((p) => p.id)).execute();

    const results = await Promise.all(
      people.map((p) => applyToShifts(db, { userId: p.id, postingId: posting.id, shiftIds: [shift.id], message: "", acknowledgeOverlap: true }, ctx)),
    );
    expect(results.every((r) => r.status === "ok")).toBe(true);

    const stored = await db
      .selectFrom("applications as a")
      .innerJoin("users as u", "u.id", "a.user_id")
      .select(["a.id", "a.user_id", "a.status", "u.email"])
      .where("a.shift_id", "=", shift.id)
      .where("a.status", "=", "waitlisted")
      .orderBy("a.waitlisted_at")
      .orderBy("a.id")
      .execute();
    expect(stored).toHaveLength(applicants - capacity);
    const placeOf = new Map(stored.map((r, i) => [r.email, i + 1]));

    const emails = await db
      .selectFrom("jobs")
      .select([sql<string>`payload->>'to'`.as("to"), sql<string>`payload->'props'->>'position'`.as("position")])
      .where("queue", "=", "email")
      .where(sql<string>`payload->>'template'`, "=", "application-waitlisted")
      .where(sql<string>`payload->>'to'`, "in", people.map((p) => p.email))
      .execute();
    expect(emails).toHaveLength(stored.length);
    const wrong = emails.filter((e) => Number(e.position) !== placeOf.get(e.to)).map((e) => `${e.to}: told ${e.position}, holds ${placeOf.get(e.to)}`);
    expect(wrong).toEqual([]);
    // Every place from 1 to the end, each told to exactly one person.
    expect(emails.map((e) => Number(e.position)).sort((a, b) => a - b)).toEqual(stored.map((_, i) => i + 1));

    // My activities shows the same place.
    for (const r of stored.slice(0, 5).concat(stored.slice(-5))) {
      const mine = await myActivities(db, r.user_id);
      expect(mine.waiting.find((a) => a.id === r.id)?.waitlist_position).toBe(placeOf.get(r.email));
    }
  }, 120_000);
});
