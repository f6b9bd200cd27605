import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { signUp } from "~/modules/accounts/accounts.server";
import { actionCount } from "~/modules/home/waiting.rules";
import { schoolApprovalsWaiting, sessionsWithUndecided, staffWaiting, waitingFor } from "~/modules/home/waiting.server";
import { myOrganisations } from "~/modules/organisations/memberships.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { DAY, emailsTo, uniqueEmail } from "../support/more-factories";

describe.each(testDatabases())("what waits for each role on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  async function apply(postingId: number, userId: number, status: "pending" | "pending_consent" | "confirmed", extra: { schoolId?: number } = {}) {
    const shift = await db.selectFrom("shifts").selectAll().where("posting_id", "=", postingId).orderBy("starts_at").executeTakeFirstOrThrow();
    return db
      .insertInto("applications")
      .values({
        shift_id: shift.id,
        shift_starts_at: shift.starts_at,
        shift_ends_at: shift.ends_at,
        posting_id: postingId,
        user_id: userId,
        status,
        created_at: new Date(),
        updated_at: new Date(),
        minor: Boolean(extra.schoolId),
        school_organisation_id: extra.schoolId ?? null,
        school_approval: extra.schoolId ? "pending" : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  it("an owner is told of an undecided application to a session five weeks away, not only of the next two weeks", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const far = Date.now() + 35 * DAY;
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(far), endsAt: new Date(far + 2 * 3600_000) }] });
    const volunteer = await createUser(db);
    await apply(posting.id, volunteer.id, "pending");

    const waiting = await waitingFor(db, { userId: owner.id, isStaff: false, organisations: await myOrganisations(db, owner.id) });
    expect(waiting.organisations).toHaveLength(1);
    expect(waiting.organisations[0].applications).toBe(1);
    expect(actionCount(waiting)).toBe(1);
    const sessions = await sessionsWithUndecided(db, org.id);
    expect(sessions.map((s) => [s.postingId, s.pending])).toEqual([[posting.id, 1]]);
  });

  it("a decided application, or one to a session already past, no longer waits", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const past = Date.now() - 3 * DAY;
    const old = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(past), endsAt: new Date(past + 3600_000) }] });
    const soon = await createPosting(db, org.id);
    await apply(old.id, (await createUser(db)).id, "pending");
    await apply(soon.id, (await createUser(db)).id, "confirmed");
    const waiting = await waitingFor(db, { userId: owner.id, isStaff: false, organisations: await myOrganisations(db, owner.id) });
    expect(waiting.organisations[0].applications).toBe(0);
    expect(await sessionsWithUndecided(db, org.id)).toEqual([]);
  });

  it("a school counts its approved students' applications that wait for its approval, as its applications page lists them", async () => {
    const coordinator = await createUser(db);
    const school = await createOrganisation(db, { kind: "high_school", ownerId: coordinator.id });
    const host = await createOrganisation(db);
    const posting = await createPosting(db, host.id, { welcomesMinors: true });
    const member = await createUser(db);
    const formerMember = await createUser(db);
    await db
      .insertInto("school_affiliations")
      .values([
        { organisation_id: school.id, user_id: member.id, status: "approved", requested_at: new Date() },
        { organisation_id: school.id, user_id: formerMember.id, status: "ended", requested_at: new Date() },
      ])
      .execute();
    await apply(posting.id, member.id, "pending_consent", { schoolId: school.id });
    await apply(posting.id, formerMember.id, "pending_consent", { schoolId: school.id });

    expect((await schoolApprovalsWaiting(db, [school.id])).get(school.id)).toBe(1);
    const waiting = await waitingFor(db, { userId: coordinator.id, isStaff: false, organisations: await myOrganisations(db, coordinator.id) });
    expect(waiting.organisations[0]).toMatchObject({ school: true, schoolApprovals: 1 });
    // The student sees the same application as waiting for others.
    const student = await waitingFor(db, { userId: member.id, isStaff: false, organisations: [] });
    expect(student.consents).toBe(1);
    expect(actionCount(student)).toBe(0);
  });

  it("staff see the ward's queues counted", async () => {
    const before = await staffWaiting(db);
    await createOrganisation(db, { status: "pending" });
    const after = await staffWaiting(db);
    expect(after.organisations).toBe(before.organisations + 1);
    const staff = await createUser(db, { role: "staff" });
    const waiting = await waitingFor(db, { userId: staff.id, isStaff: true, organisations: [] });
    expect(waiting.staff).toEqual(after);
  });

  it("the verification link of a sign-up from a posting carries the posting, and only a same-site path", async () => {
    const email = uniqueEmail("from-posting");
    await signUp(db, { email, password: "kawachi-no-fuji-2026", displayName: "投稿から", redirectTo: "/postings/12#apply" }, ctx);
    const [verify] = (await emailsTo(db, email)).filter((e) => e.template === "verify-email");
    const url = new URL(String(verify.props.url));
    expect(url.pathname).toBe("/verify-email");
    expect(url.searchParams.get("next")).toBe("/postings/12#apply");

    const other = uniqueEmail("elsewhere");
    await signUp(db, { email: other, password: "kawachi-no-fuji-2026", displayName: "よそ", redirectTo: "//evil.example/x" }, ctx);
    const [plain] = (await emailsTo(db, other)).filter((e) => e.template === "verify-email");
    expect(new URL(String(plain.props.url)).searchParams.has("next")).toBe(false);
  });
});
