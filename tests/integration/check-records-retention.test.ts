import { describe, expect, it, vi } from "vitest";
import type { DB } from "#db/client.server";
import { deleteAccount } from "~/modules/accounts/accounts.server";
import { removeMember } from "~/modules/organisations/organisations.server";
import { recordCriminalRecordCheck } from "~/modules/safeguarding/declarations.server";
import { runRetention } from "~/modules/safeguarding/retention.server";
import { testDatabases } from "../support/databases";
import { createOrganisation, createUser, ctx, TEST_PASSWORD } from "../support/factories";
import { DAY } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * 日本版DBS records (that a check was done: date, by whom, valid until) are deleted by the retention job 30 days
 * after the person leaves the organisation, or five years after the check date, whichever comes first; nothing
 * of them is kept but an anonymous count.
 */
// Each test sets up a scene of its own (a posting, people, applications): slow on a busy machine, PGlite first of all.
vi.setConfig({ testTimeout: 90_000 });

describe.each(testDatabases())("retention of criminal-record check records on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  const settings = { months: 12, minorAge: 18 };
  const tokyoDate = (instant: Date) => new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
  const checksOf = (userId: number) => db.selectFrom("criminal_record_checks").selectAll().where("user_id", "=", userId).execute();

  async function memberWithCheck(orgId: number, ownerId: number, checkedOn = tokyoDate(new Date(Date.now() - 100 * DAY))) {
    const person = await createUser(db);
    await db.insertInto("memberships").values({ organisation_id: orgId, user_id: person.id, role: "editor" }).execute();
    const validUntil = `${Number(checkedOn.slice(0, 4)) + 5}${checkedOn.slice(4)}`;
    expect(await recordCriminalRecordCheck(db, orgId, ownerId, { userId: person.id, checkedOn, checkedBy: "区役所（こども家庭庁の確認）", validUntil }, ctx.ip)).toBe("ok");
    return person;
  }

  it("deletes the record 30 days after the person leaves the organisation, not before; a member's stays", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const leaver = await memberWithCheck(org.id, owner.id);
    const stayer = await memberWithCheck(org.id, owner.id);
    expect(await removeMember(db, org.id, leaver.id, owner.id, ctx.ip)).toBe("ok");
    const [stamped] = await checksOf(leaver.id);
    expect(stamped.work_ended_at).not.toBeNull();
    expect(Math.abs(new Date(stamped.work_ended_at!).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await checksOf(stayer.id))[0].work_ended_at).toBeNull();

    await runRetention(db, { now: new Date(Date.now() + 29 * DAY), settings });
    expect(await checksOf(leaver.id)).toHaveLength(1);
    const before = await db.selectFrom("retention_counts").select(["status", "count"]).where("subject", "=", "criminal_record_check").where("status", "=", "left").execute();
    const run = await runRetention(db, { now: new Date(Date.now() + 31 * DAY), settings });
    expect(run.handled.check_records).toBeGreaterThanOrEqual(1);
    expect(await checksOf(leaver.id)).toHaveLength(0);
    expect(await checksOf(stayer.id)).toHaveLength(1);
    const after = await db.selectFrom("retention_counts").select(["status", "count"]).where("subject", "=", "criminal_record_check").where("status", "=", "left").execute();
    expect(after.reduce((n, r) => n + r.count, 0) - before.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(1);
    // Again: nothing more to do for these.
    await runRetention(db, { now: new Date(Date.now() + 31 * DAY), settings });
    expect(await checksOf(stayer.id)).toHaveLength(1);
  });

  it("a person who rejoins within the 30 days keeps the record; a deleted account's record goes 30 days later", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const back = await memberWithCheck(org.id, owner.id);
    await removeMember(db, org.id, back.id, owner.id, ctx.ip);
    await db.insertInto("memberships").values({ organisation_id: org.id, user_id: back.id, role: "editor" }).execute();
    expect((await checksOf(back.id))[0].work_ended_at).toBeNull();
    const gone = await memberWithCheck(org.id, owner.id);
    expect(await deleteAccount(db, gone.id, TEST_PASSWORD, ctx.ip)).toBe("ok");
    expect((await checksOf(gone.id))[0].work_ended_at).not.toBeNull();
    await runRetention(db, { now: new Date(Date.now() + 31 * DAY), settings });
    expect(await checksOf(back.id)).toHaveLength(1);
    expect(await checksOf(gone.id)).toHaveLength(0);
  });

  it("deletes a member's record on the fifth anniversary of the check (Tokyo), keeps it the day before", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const now = new Date();
    const today = tokyoDate(now);
    const fiveYears = await memberWithCheck(org.id, owner.id, yearsBefore(today, 5));
    const dayAfter = yearsBefore(tokyoDate(new Date(now.getTime() + DAY)), 5);
    const notYet = await memberWithCheck(org.id, owner.id, dayAfter);
    await runRetention(db, { now, settings });
    expect(await checksOf(fiveYears.id)).toHaveLength(0);
    expect(await checksOf(notYet.id)).toHaveLength(1);
    await runRetention(db, { now: new Date(now.getTime() + DAY), settings });
    expect(await checksOf(notYet.id)).toHaveLength(0);
    const aged = await db.selectFrom("retention_counts").select("id").where("subject", "=", "criminal_record_check").where("status", "=", "aged").execute();
    expect(aged.length).toBeGreaterThanOrEqual(1);
  });
});
