import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { renderEmail, type EmailMessage } from "#emails/render";
import { applyToShifts, withdrawApplication } from "~/modules/applications/applications.server";
import { createPosting, updatePosting } from "~/modules/postings/postings.server";
import { testDatabases } from "../support/databases";
import { createOrganisation, createUser, ctx } from "../support/factories";
import { createPerson } from "../support/minor-factories";
import { emailsTo, postingInput } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

const DAY = 86400_000;
const OLD = "桃園公園 正門の掲示板の前";
const NEW = "桃園公園 東口の時計台の前";

describe.each(testDatabases())("a changed meeting point on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
  });

  /**
   * A published posting with two sessions to come (two places, then one) and one already past, its meeting point
   * OLD: one person confirmed on both sessions to come, one on the first only, one waiting for the second, one
   * who withdrew, and one confirmed on the session that has since taken place.
   */
  async function scene() {
    const owner = await createUser(db, { displayName: "代表 花子" });
    const organisation = await createOrganisation(db, { ownerId: owner.id });
    const at = (days: number, capacity: number) => ({ id: null, startsAt: new Date(Date.now() + days * DAY), endsAt: new Date(Date.now() + days * DAY + 7200_000), capacity });
    const input = await postingInput(db, { meetingPoint: OLD, shifts: [at(3, 2), at(10, 1), at(5, 5)] });
    const created = await createPosting(db, organisation.id, owner.id, input, ctx.ip);
    if (created.status !== "ok") throw new Error("posting not created");
    const postingId = created.id;
    await db.updateTable("postings").set({ status: "published", published_at: new Date() }).where("id", "=", postingId).execute();
    const shifts = await db.selectFrom("shifts").select(["id", "capacity"]).where("posting_id", "=", postingId).orderBy("starts_at").execute();
    const [first, past, second] = [shifts[0], shifts[1], shifts[2]];
    const apply = async (userId: number, shiftIds: number[]) => {
      const r = await applyToShifts(db, { userId, postingId, shiftIds, message: "", acknowledgeOverlap: true }, ctx);
      if (r.status !== "ok") throw new Error(`apply failed: ${JSON.stringify(r)}`);
      return r.outcomes;
    };
    const both = await createPerson(db, { age: 30, name: "両日 一郎" });
    const firstOnly = await createPerson(db, { age: 30, name: "初回 二郎" });
    const waiting = await createPerson(db, { age: 30, name: "待機 三郎" });
    const withdrew = await createPerson(db, { age: 30, name: "辞退 四郎" });
    const attended = await createPerson(db, { age: 30, name: "参加済 五郎" });
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", firstOnly.id).execute();
    expect((await apply(both.id, [first.id, second.id])).map((o) => o.status)).toEqual(["confirmed", "confirmed"]);
    expect((await apply(firstOnly.id, [first.id])).map((o) => o.status)).toEqual(["confirmed"]);
    expect((await apply(waiting.id, [second.id])).map((o) => o.status)).toEqual(["waitlisted"]);
    const [gone] = await apply(withdrew.id, [past.id]);
    expect(await withdrawApplication(db, withdrew.id, gone.applicationId, ctx)).toBeTruthy();
    expect((await apply(attended.id, [past.id])).map((o) => o.status)).toEqual(["confirmed"]);
    // That session has taken place since.
    const earlier = { starts_at: new Date(Date.now() - 2 * DAY), ends_at: new Date(Date.now() - 2 * DAY + 7200_000) };
    await db.updateTable("shifts").set(earlier).where("id", "=", past.id).execute();
    await db.updateTable("applications").set({ shift_starts_at: earlier.starts_at, shift_ends_at: earlier.ends_at }).where("shift_id", "=", past.id).execute();
    const upcoming = await db.selectFrom("shifts").select(["id", "starts_at", "ends_at", "capacity"]).where("posting_id", "=", postingId).where("starts_at", ">", new Date()).orderBy("starts_at").execute();
    /** The owner saves the form with the sessions to come unchanged and this meeting point. */
    const save = async (meetingPoint: string | undefined) => {
      const form = { ...input, meetingPoint, shifts: upcoming.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: s.capacity })) };
      expect((await updatePosting(db, organisation.id, postingId, owner.id, form, ctx.ip, ctx.origin)).status).toBe("ok");
    };
    return { owner, postingId, save, people: { both, firstOnly, waiting, withdrew, attended }, sessions: { first, second } };
  }

  const told = async (person: { email: string }) => (await emailsTo(db, person.email)).filter((e) => e.template === "meeting-point-changed");

  it("a changed meeting point sends one email to each person confirmed on a session to come, and to nobody else", async () => {
    const { owner, save, people } = await scene();
    await save(NEW);
    const both = await told(people.both);
    expect(both).toHaveLength(1);
    expect(both[0].locale).toBe("ja");
    expect(both[0].props).toMatchObject({ meetingPoint: NEW, previousMeetingPoint: OLD });
    // One email for both dates: the second is listed in it.
    expect(both[0].props.otherSessions).toHaveLength(1);
    const firstOnly = await told(people.firstOnly);
    expect(firstOnly).toHaveLength(1);
    expect(firstOnly[0].locale).toBe("en");
    expect(firstOnly[0].props.otherSessions).toBeUndefined();
    for (const person of [people.waiting, people.withdrew, people.attended, owner]) expect(await told(person), person.email).toEqual([]);
    // What was queued renders (absolute links, dates), in the person's language.
    const rendered = await renderEmail({ template: "meeting-point-changed", to: people.firstOnly.email, locale: "en", props: firstOnly[0].props } as unknown as EmailMessage);
    expect(rendered.subject).toContain("meeting point");
    expect(rendered.text).toContain(NEW);
  });

  it("saving the form with the same meeting point sends nothing", async () => {
    const { save, people } = await scene();
    await save(OLD);
    for (const person of Object.values(people)) expect(await told(person), person.email).toEqual([]);
  });

  it("a removed meeting point is told too, and a first one after that", async () => {
    const { save, people } = await scene();
    await save(undefined);
    expect((await told(people.both)).map((e) => [e.props.meetingPoint, e.props.previousMeetingPoint])).toEqual([["", OLD]]);
    await save(NEW);
    expect((await told(people.both)).map((e) => [e.props.meetingPoint, e.props.previousMeetingPoint])).toEqual([
      ["", OLD],
      [NEW, ""],
    ]);
    expect(await told(people.waiting)).toEqual([]);
  });

  it("the email is written with the edit: an edit refused for its sessions sends none", async () => {
    const { owner, postingId, people, sessions } = await scene();
    const organisation = await db.selectFrom("postings").select("organisation_id").where("id", "=", postingId).executeTakeFirstOrThrow();
    const rows = await db.selectFrom("shifts").select(["id", "starts_at", "ends_at", "capacity"]).where("posting_id", "=", postingId).where("starts_at", ">", new Date()).orderBy("starts_at").execute();
    // Fewer places than the two people confirmed on the first session: refused, rolled back whole.
    const shifts = rows.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: s.id === sessions.first.id ? 1 : s.capacity }));
    const input = await postingInput(db, { meetingPoint: NEW, shifts });
    const result = await updatePosting(db, organisation.organisation_id, postingId, owner.id, input, ctx.ip, ctx.origin);
    expect(result.status).toBe("invalid");
    expect(await told(people.both)).toEqual([]);
    expect((await db.selectFrom("postings").select("meeting_point").where("id", "=", postingId).executeTakeFirstOrThrow()).meeting_point).toBe(OLD);
  });
});
