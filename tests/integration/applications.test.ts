import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import {
  applyToShifts,
  decideApplication,
  myActivities,
  postingApplicants,
  REMINDER_QUEUE,
  reminderJobHandler,
  withdrawApplication,
  type ApplyResult,
} from "~/modules/applications/applications.server";
import { changePostingStatus, updatePosting } from "~/modules/postings/postings.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { DAY, emailsTo, futureShift, HOUR, postingInput } from "../support/more-factories";

describe.each(testDatabases())("applications on $name", ({ name, open }) => {
  let db: DB;
  let ownerId: number;
  let ownerEmail: string;
  let orgId: number;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    const owner = await createUser(db);
    ownerId = owner.id;
    ownerEmail = owner.email;
    orgId = (await createOrganisation(db, { ownerId })).id;
  });

  async function postingWith(capacity: number, options: { mode?: "auto" | "review"; startsIn?: number; hours?: number; shifts?: number } = {}) {
    const start = Date.now() + (options.startsIn ?? 3 * DAY);
    const shifts = Array.from({ length: options.shifts ?? 1 }, (_, i) => ({
      startsAt: new Date(start + i * DAY),
      endsAt: new Date(start + i * DAY + (options.hours ?? 2) * HOUR),
      capacity,
    }));
    const posting = await createPosting(db, orgId, { shifts });
    if (options.mode === "review") await db.updateTable("postings").set({ application_mode: "review" }).where("id", "=", posting.id).execute();
    const rows = await db.selectFrom("shifts").selectAll().where("posting_id", "=", posting.id).orderBy("starts_at").execute();
    return { posting, shifts: rows };
  }

  // Applying needs a birth date: these volunteers are adults (minors have tests of their own in minors.test.ts).
  const apply = async (userId: number, postingId: number, shiftIds: number[], extra: { message?: string; acknowledgeOverlap?: boolean } = {}) => {
    await db.updateTable("users").set({ birth_date: "1995-06-15" }).where("id", "=", userId).where("birth_date", "is", null).execute();
    return applyToShifts(db, { userId, postingId, shiftIds, message: extra.message ?? "", acknowledgeOverlap: extra.acknowledgeOverlap ?? false }, ctx);
  };

  const ok = (r: ApplyResult) => {
    if (r.status !== "ok") throw new Error(`apply failed: ${JSON.stringify(r)}`);
    return r;
  };

  const shiftRow = (id: number) => db.selectFrom("shifts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const appRow = (id: number) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("auto mode confirms while places last, emails the volunteer and the organisation, and schedules two reminders", async () => {
    const { posting, shifts } = await postingWith(2);
    const volunteer = await createUser(db);
    const r = ok(await apply(volunteer.id, posting.id, [shifts[0].id], { message: "軍手を持っていきます" }));
    expect(r.outcomes).toEqual([{ shiftId: shifts[0].id, applicationId: expect.any(Number), status: "confirmed" }]);
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(1);
    const mail = await emailsTo(db, volunteer.email);
    expect(mail.map((m) => m.template)).toEqual(["application-confirmed"]);
    expect(mail[0].props).toMatchObject({ postingTitle: posting.title, icsUrl: `${ctx.origin}/activities/${r.outcomes[0].applicationId}/calendar.ics` });
    // First come, first served needs no decision from the organisation: no email per applicant to its members.
    expect((await emailsTo(db, ownerEmail)).filter((m) => m.template === "new-applicant")).toEqual([]);
    const reminders = await db.selectFrom("jobs").select(["dedupe_key", "run_at"]).where("queue", "=", REMINDER_QUEUE).where("dedupe_key", "like", `reminder:%:${r.outcomes[0].applicationId}:%`).execute();
    expect(reminders.map((j) => j.dedupe_key!.split(":")[1]).sort()).toEqual(["day-before", "two-hours"]);
    // The message went into the thread with the organisation.
    const thread = await db.selectFrom("message_threads").select("id").where("posting_id", "=", posting.id).where("volunteer_user_id", "=", volunteer.id).executeTakeFirstOrThrow();
    const messages = await db.selectFrom("messages").select(["body", "sender_side"]).where("thread_id", "=", thread.id).execute();
    expect(messages).toContainEqual({ body: "軍手を持っていきます", sender_side: "volunteer" });
  });

  it("a full shift puts people on the waiting list in order; a withdrawal promotes the first and tells them", async () => {
    const { posting, shifts } = await postingWith(1);
    const [a, b, c] = [await createUser(db), await createUser(db), await createUser(db)];
    const ra = ok(await apply(a.id, posting.id, [shifts[0].id]));
    const rb = ok(await apply(b.id, posting.id, [shifts[0].id]));
    const rc = ok(await apply(c.id, posting.id, [shifts[0].id]));
    expect([ra, rb, rc].map((r) => r.outcomes[0].status)).toEqual(["confirmed", "waitlisted", "waitlisted"]);
    expect((await emailsTo(db, c.email)).at(-1)).toMatchObject({ template: "application-waitlisted", props: { position: 2 } });

    expect(await withdrawApplication(db, a.id, ra.outcomes[0].applicationId, ctx)).toBe("ok");
    expect((await appRow(ra.outcomes[0].applicationId)).status).toBe("withdrawn");
    expect((await appRow(rb.outcomes[0].applicationId)).status).toBe("confirmed");
    expect((await appRow(rc.outcomes[0].applicationId)).status).toBe("waitlisted");
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(1);
    expect((await emailsTo(db, b.email)).map((m) => m.template)).toEqual(["application-waitlisted", "application-promoted"]);
    // Withdrawing twice is refused; applying again after withdrawing is allowed (and waits behind c).
    expect(await withdrawApplication(db, a.id, ra.outcomes[0].applicationId, ctx)).toBe("not-allowed");
    const again = ok(await apply(a.id, posting.id, [shifts[0].id]));
    expect(again.outcomes[0]).toMatchObject({ applicationId: ra.outcomes[0].applicationId, status: "waitlisted" });
    const groups = await myActivities(db, a.id);
    expect(groups.waiting.map((g) => [g.id, g.waitlist_position])).toEqual([[ra.outcomes[0].applicationId, 2]]);
  });

  it("the thread says the person applied, before their own message, whether the decision went out with the commit or not", async () => {
    const { posting, shifts } = await postingWith(1);
    const [quiet, writer, late] = [await createUser(db), await createUser(db), await createUser(db)];
    ok(await apply(quiet.id, posting.id, [shifts[0].id]));
    ok(await apply(writer.id, posting.id, [shifts[0].id], { message: "よろしくお願いします" }));
    ok(await apply(late.id, posting.id, [shifts[0].id]));
    const threadOf = async (userId: number) => {
      const thread = await db.selectFrom("message_threads").select(["id", "last_message_at"]).where("posting_id", "=", posting.id).where("volunteer_user_id", "=", userId).executeTakeFirstOrThrow();
      const messages = await db.selectFrom("messages").select(["body", "sender_side"]).where("thread_id", "=", thread.id).orderBy("id").execute();
      return { lastMessageAt: thread.last_message_at, messages };
    };
    const when = shifts[0].starts_at.toISOString();
    const applied = { body: `applications.system.applied?when=${when}`, sender_side: "system" };
    expect((await threadOf(quiet.id)).messages).toEqual([applied]);
    expect((await threadOf(writer.id)).messages).toEqual([applied, { body: "よろしくお願いします", sender_side: "volunteer" }]);
    // Waiting-listed (the shift is full): the same notice, and the thread has its time.
    const lateThread = await threadOf(late.id);
    expect(lateThread.messages).toEqual([applied]);
    expect(lateThread.lastMessageAt).not.toBeNull();
    expect((await emailsTo(db, late.email)).at(-1)).toMatchObject({ template: "application-waitlisted", props: { position: 2 } });
  });

  it("nobody can apply twice to one shift, nor withdraw someone else's application", async () => {
    const { posting, shifts } = await postingWith(5);
    const v = await createUser(db);
    const other = await createUser(db);
    const first = ok(await apply(v.id, posting.id, [shifts[0].id]));
    expect(await apply(v.id, posting.id, [shifts[0].id])).toEqual({ status: "invalid", field: "shiftId", message: "applications.error.alreadyApplied" });
    expect(await withdrawApplication(db, other.id, first.outcomes[0].applicationId, ctx)).toBe("not-found");
    // A shift of another posting is not accepted through this posting.
    const elsewhere = await postingWith(5);
    expect((await apply(v.id, posting.id, [elsewhere.shifts[0].id])).status).toBe("invalid");
  });

  it("refuses drafts, closed postings, suspended organisations and shifts already started", async () => {
    const v = await createUser(db);
    const { posting, shifts } = await postingWith(5);
    await db.updateTable("postings").set({ status: "closed" }).where("id", "=", posting.id).execute();
    expect((await apply(v.id, posting.id, [shifts[0].id])).status).toBe("not-open");
    expect((await apply(v.id, 999_999, [1])).status).toBe("not-found");
    const started = await postingWith(5, { startsIn: -HOUR });
    expect(await apply(v.id, started.posting.id, [started.shifts[0].id])).toMatchObject({ status: "invalid", message: "applications.error.shiftStarted" });
  });

  it("warns of an overlap with a confirmed shift and goes on once the person acknowledges it", async () => {
    const v = await createUser(db);
    const one = await postingWith(5, { startsIn: 10 * DAY, hours: 3 });
    const two = await postingWith(5, { startsIn: 10 * DAY + HOUR, hours: 2 });
    ok(await apply(v.id, one.posting.id, [one.shifts[0].id]));
    const warned = await apply(v.id, two.posting.id, [two.shifts[0].id]);
    expect(warned).toMatchObject({ status: "overlap", conflicts: [{ shiftId: two.shifts[0].id, withTitle: one.posting.title }] });
    expect(await db.selectFrom("applications").select("id").where("shift_id", "=", two.shifts[0].id).execute()).toHaveLength(0);
    expect(ok(await apply(v.id, two.posting.id, [two.shifts[0].id], { acknowledgeOverlap: true })).outcomes[0].status).toBe("confirmed");
  });

  it("review mode: pending until the organisation confirms or declines with a reason; confirming a full shift is refused", async () => {
    const { posting, shifts } = await postingWith(1, { mode: "review" });
    const [a, b] = [await createUser(db), await createUser(db)];
    const ra = ok(await apply(a.id, posting.id, [shifts[0].id]));
    const rb = ok(await apply(b.id, posting.id, [shifts[0].id]));
    expect([ra.outcomes[0].status, rb.outcomes[0].status]).toEqual(["pending", "pending"]);
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(0);
    expect((await emailsTo(db, a.email)).map((m) => m.template)).toEqual(["application-received"]);
    // Review mode asks the organisation to decide: its members are told of each application.
    const notices = (await emailsTo(db, ownerEmail)).filter((m) => m.template === "new-applicant" && m.props.postingTitle === posting.title);
    expect(notices.map((m) => m.props.status)).toEqual(["pending", "pending"]);
    const decide = (applicationId: number, decision: "confirm" | "decline" | "waitlist" | "no_show", reason = "", organisationId = orgId) =>
      decideApplication(db, { organisationId, applicationId, decision, reason, actorUserId: ownerId }, ctx);
    // Another organisation cannot decide on it.
    const otherOrg = await createOrganisation(db);
    expect(await decide(ra.outcomes[0].applicationId, "confirm", "", otherOrg.id)).toBe("not-found");
    expect(await decide(ra.outcomes[0].applicationId, "confirm")).toBe("ok");
    expect((await emailsTo(db, a.email)).at(-1)?.template).toBe("application-confirmed");
    expect(await decide(rb.outcomes[0].applicationId, "confirm")).toBe("full");
    expect(await decide(rb.outcomes[0].applicationId, "decline", "今回は経験者を優先しました")).toBe("ok");
    expect((await emailsTo(db, b.email)).at(-1)).toMatchObject({ template: "application-declined", props: { reason: "今回は経験者を優先しました" } });
    expect(await decide(rb.outcomes[0].applicationId, "confirm")).toBe("not-allowed");
    expect(await decide(ra.outcomes[0].applicationId, "no_show")).toBe("not-yet");
    // Declined people cannot simply apply again to the same shift.
    expect(await apply(b.id, posting.id, [shifts[0].id])).toMatchObject({ status: "invalid", message: "applications.error.cannotReapply" });
    const audit = await db.selectFrom("audit_log").select("action").where("subject_type", "=", "application").where("subject_id", "=", String(rb.outcomes[0].applicationId)).execute();
    expect(audit.map((x) => x.action)).toEqual(["application.decline"]);
    const view = await postingApplicants(db, orgId, posting.id);
    expect(view?.shifts[0].applicants.map((x) => x.status)).toEqual(["confirmed", "declined"]);
    expect(view?.shifts[0].applicants[0]).not.toHaveProperty("email");
  });

  it("moving a confirmed person to the waiting list frees the place for the next in line", async () => {
    const { posting, shifts } = await postingWith(1);
    const [a, b] = [await createUser(db), await createUser(db)];
    const ra = ok(await apply(a.id, posting.id, [shifts[0].id]));
    const rb = ok(await apply(b.id, posting.id, [shifts[0].id]));
    expect(await decideApplication(db, { organisationId: orgId, applicationId: ra.outcomes[0].applicationId, decision: "waitlist", reason: "", actorUserId: ownerId }, ctx)).toBe("ok");
    expect((await appRow(rb.outcomes[0].applicationId)).status).toBe("confirmed");
    expect((await appRow(ra.outcomes[0].applicationId)).status).toBe("waitlisted");
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(1);
  });

  it(`50 people applying at once to 5 places: exactly 5 confirmed, 45 waiting, no errors (${name})`, async () => {
    const { posting, shifts } = await postingWith(5);
    const people = await Promise.all(Array.from({ length: 50 }, () => createUser(db)));
    const results = await Promise.allSettled(people.map((p) => apply(p.id, posting.id, [shifts[0].id])));
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toEqual([]);
    const statuses = results.map((r) => (r.status === "fulfilled" && r.value.status === "ok" ? r.value.outcomes[0].status : "error"));
    expect(statuses.filter((s) => s === "confirmed")).toHaveLength(5);
    expect(statuses.filter((s) => s === "waitlisted")).toHaveLength(45);
    const rows = await db.selectFrom("applications").select("status").where("shift_id", "=", shifts[0].id).execute();
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(5);
    expect(rows).toHaveLength(50);
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(5);
  });

  it("the same person double-submitting at once gets one application", async () => {
    const { posting, shifts } = await postingWith(5);
    const v = await createUser(db);
    const results = await Promise.all(Array.from({ length: 4 }, () => apply(v.id, posting.id, [shifts[0].id])));
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(3);
    expect((await shiftRow(shifts[0].id)).confirmed_count).toBe(1);
  });

  describe("when the organisation changes its shifts", () => {
    async function editShifts(postingId: number, shifts: { id: number | null; startsAt: Date; endsAt: Date; capacity: number }[]) {
      const input = await postingInput(db, { shifts });
      return updatePosting(db, orgId, postingId, ownerId, input, ctx.ip, ctx.origin);
    }

    it("refuses a capacity below the people confirmed, and changes nothing", async () => {
      const { posting, shifts } = await postingWith(3);
      const [a, b] = [await createUser(db), await createUser(db)];
      ok(await apply(a.id, posting.id, [shifts[0].id]));
      ok(await apply(b.id, posting.id, [shifts[0].id]));
      const s = shifts[0];
      const r = await editShifts(posting.id, [{ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: 1 }]);
      expect(r).toMatchObject({ status: "invalid", field: "form" });
      expect(r.status === "invalid" && r.message.startsWith("applications.error.capacityBelowConfirmed?")).toBe(true);
      expect((await shiftRow(s.id)).capacity).toBe(3);
    });

    it("a new time is emailed to applicants and gets new reminders; the old reminder sends nothing", async () => {
      const { posting, shifts } = await postingWith(3, { startsIn: 5 * DAY });
      const v = await createUser(db);
      const r = ok(await apply(v.id, posting.id, [shifts[0].id]));
      const applicationId = r.outcomes[0].applicationId;
      const s = shifts[0];
      const later = new Date(new Date(s.starts_at).getTime() + 2 * HOUR);
      expect((await editShifts(posting.id, [{ id: s.id, startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR), capacity: 3 }])).status).toBe("ok");
      const changed = (await emailsTo(db, v.email)).filter((m) => m.template === "shift-changed");
      expect(changed).toHaveLength(1);
      expect(changed[0].props).toMatchObject({ previousStartsAt: new Date(s.starts_at).toISOString(), startsAt: later.toISOString() });
      const jobs = await db.selectFrom("jobs").select(["payload", "dedupe_key"]).where("queue", "=", REMINDER_QUEUE).where("dedupe_key", "like", `reminder:%:${applicationId}:%`).execute();
      expect(jobs).toHaveLength(4);
      // Run the old day-before reminder: the time no longer matches, so no email.
      const handler = reminderJobHandler(db);
      const before = (await emailsTo(db, v.email)).length;
      await handler({ applicationId, when: "day-before", startsAt: new Date(s.starts_at).toISOString(), origin: ctx.origin });
      expect((await emailsTo(db, v.email)).length).toBe(before);
      // The new one sends once, however many times it runs (a restart re-running it).
      await handler({ applicationId, when: "day-before", startsAt: later.toISOString(), origin: ctx.origin });
      await handler({ applicationId, when: "day-before", startsAt: later.toISOString(), origin: ctx.origin });
      const reminders = (await emailsTo(db, v.email)).filter((m) => m.template === "shift-reminder");
      expect(reminders).toHaveLength(1);
      expect(reminders[0].props).toMatchObject({ when: "day-before", startsAt: later.toISOString() });
      // A person who turned reminders off gets none.
      await db.updateTable("users").set({ notify_second_reminder: false }).where("id", "=", v.id).execute();
      await handler({ applicationId, when: "two-hours", startsAt: later.toISOString(), origin: ctx.origin });
      expect((await emailsTo(db, v.email)).filter((m) => m.template === "shift-reminder")).toHaveLength(1);
    });

    it("removing a shift cancels its applications, tells the people, and keeps the history", async () => {
      const { posting, shifts } = await postingWith(3, { shifts: 2 });
      const v = await createUser(db);
      const r = ok(await apply(v.id, posting.id, [shifts[0].id]));
      const keep = shifts[1];
      expect((await editShifts(posting.id, [{ id: keep.id, startsAt: new Date(keep.starts_at), endsAt: new Date(keep.ends_at), capacity: 3 }])).status).toBe("ok");
      const app = await appRow(r.outcomes[0].applicationId);
      expect(app).toMatchObject({ status: "cancelled", shift_id: null });
      expect((await emailsTo(db, v.email)).at(-1)?.template).toBe("shift-cancelled");
      const groups = await myActivities(db, v.id);
      expect(groups.past.map((g) => g.id)).toContain(app.id);
    });

    it("more places promote the waiting list", async () => {
      const { posting, shifts } = await postingWith(1);
      const [a, b] = [await createUser(db), await createUser(db)];
      ok(await apply(a.id, posting.id, [shifts[0].id]));
      const rb = ok(await apply(b.id, posting.id, [shifts[0].id]));
      const s = shifts[0];
      expect((await editShifts(posting.id, [{ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: 2 }])).status).toBe("ok");
      expect((await appRow(rb.outcomes[0].applicationId)).status).toBe("confirmed");
      expect((await emailsTo(db, b.email)).at(-1)?.template).toBe("application-promoted");
    });

    it("cancelling the posting cancels every application and tells each person once", async () => {
      const { posting, shifts } = await postingWith(3, { shifts: 2 });
      const v = await createUser(db);
      ok(await apply(v.id, posting.id, [shifts[0].id, shifts[1].id]));
      expect(await changePostingStatus(db, orgId, posting.id, "cancel", "雨天のため", ownerId, ctx.ip, ctx.origin)).toBe("ok");
      const rows = await db.selectFrom("applications").select("status").where("posting_id", "=", posting.id).execute();
      expect(rows.map((x) => x.status)).toEqual(["cancelled", "cancelled"]);
      const cancelled = (await emailsTo(db, v.email)).filter((m) => m.template === "posting-cancelled");
      expect(cancelled).toHaveLength(1);
      expect(cancelled[0].props).toMatchObject({ reason: "雨天のため", by: "organisation" });
    });
  });

  it("My activities: upcoming, waiting and past, each with its state", async () => {
    const v = await createUser(db);
    const soon = await postingWith(1, { startsIn: 2 * DAY });
    const full = await postingWith(1, { startsIn: 4 * DAY });
    ok(await apply((await createUser(db)).id, full.posting.id, [full.shifts[0].id]));
    ok(await apply(v.id, soon.posting.id, [soon.shifts[0].id]));
    ok(await apply(v.id, full.posting.id, [full.shifts[0].id]));
    // A past shift the person took part in (inserted directly: applying to the past is refused).
    const past = await postingWith(3, { startsIn: -3 * DAY });
    await db
      .insertInto("applications")
      .values({ shift_id: past.shifts[0].id, posting_id: past.posting.id, user_id: v.id, status: "confirmed", shift_starts_at: past.shifts[0].starts_at, shift_ends_at: past.shifts[0].ends_at, created_at: new Date(), updated_at: new Date() })
      .execute();
    const groups = await myActivities(db, v.id);
    expect(groups.upcoming.map((g) => g.posting_id)).toEqual([soon.posting.id]);
    expect(groups.waiting.map((g) => [g.posting_id, g.status, g.waitlist_position])).toEqual([[full.posting.id, "waitlisted", 1]]);
    expect(groups.past.map((g) => g.posting_id)).toEqual([past.posting.id]);
    expect(groups.upcoming[0].thread_id).toEqual(expect.any(Number));
  });

  it("no-show is recorded only after the shift started, and can be undone", async () => {
    const v = await createUser(db);
    const past = await postingWith(3, { startsIn: -2 * HOUR });
    const inserted = await db
      .insertInto("applications")
      .values({ shift_id: past.shifts[0].id, posting_id: past.posting.id, user_id: v.id, status: "confirmed", shift_starts_at: past.shifts[0].starts_at, shift_ends_at: past.shifts[0].ends_at, created_at: new Date(), updated_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const decide = (decision: "no_show" | "confirm" | "decline") =>
      decideApplication(db, { organisationId: orgId, applicationId: inserted.id, decision, reason: "", actorUserId: ownerId }, ctx);
    expect(await decide("decline")).toBe("started");
    expect(await decide("no_show")).toBe("ok");
    expect((await appRow(inserted.id)).status).toBe("no_show");
    expect(await decide("confirm")).toBe("ok");
    expect((await appRow(inserted.id)).status).toBe("confirmed");
  });
});
