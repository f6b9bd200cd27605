import { describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DB } from "#db/client.server";
import { loadPostingDocuments } from "#search/meilisearch.server";
import { applyToShifts, myActivities, reminderJobHandler, withdrawApplication } from "~/modules/applications/applications.server";
import { applicationCalendar } from "~/modules/calendar/calendar.server";
import { createPosting, getOrganisationPosting, getPublicPosting, updatePosting } from "~/modules/postings/postings.server";
import { loader as apiSearch } from "~/routes/api.postings.search";
import { loader as postingPage } from "~/routes/postings.$id";
import { createSession } from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { createOrganisation, createUser, ctx } from "../support/factories";
import { createPerson } from "../support/minor-factories";
import { emailsTo, postingInput, requestWithSession } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/** The route loaders read the process's database: here, the suite's. */
function useDatabase(db: DB) {
  const store = globalThis as unknown as { __tsunaguSingletons?: Map<string, unknown> };
  store.__tsunaguSingletons ??= new Map();
  store.__tsunaguSingletons.set("database", { db });
}

const POINT = "zebracrossing 南側入口の時計台の前";

describe.each(testDatabases())("the meeting point on $name", ({ open }) => {
  let db: DB;
  databaseForSuite(open, (opened) => {
    db = opened;
    useDatabase(opened);
  });

  /** A published posting with one session of one place, its meeting point written through the owner's form. */
  async function scene() {
    const owner = await createUser(db, { displayName: "代表 花子" });
    const organisation = await createOrganisation(db, { ownerId: owner.id });
    const created = await createPosting(db, organisation.id, owner.id, await postingInput(db, { meetingPoint: POINT, shifts: [{ id: null, startsAt: new Date(Date.now() + 3 * 86400_000), endsAt: new Date(Date.now() + 3 * 86400_000 + 7200_000), capacity: 1 }] }), ctx.ip);
    if (created.status !== "ok") throw new Error("posting not created");
    await db.updateTable("postings").set({ status: "published", published_at: new Date() }).where("id", "=", created.id).execute();
    const shift = await db.selectFrom("shifts").select(["id", "starts_at"]).where("posting_id", "=", created.id).executeTakeFirstOrThrow();
    const apply = async (userId: number) => {
      const r = await applyToShifts(db, { userId, postingId: created.id, shiftIds: [shift.id], message: "", acknowledgeOverlap: true }, ctx);
      if (r.status !== "ok") throw new Error(`apply failed: ${JSON.stringify(r)}`);
      return r.outcomes[0];
    };
    return { owner, organisation, postingId: created.id, shift, apply };
  }

  async function pageFor(postingId: number, user: { id: number; email: string } | null, options: { secondFactor?: boolean } = {}) {
    const url = `http://localhost/postings/${postingId}`;
    const request = user ? requestWithSession(await createSession(db, user as never, { ip: ctx.ip, userAgent: "test", secondFactor: options.secondFactor ?? false }), url) : new Request(url);
    const result = (await postingPage({ request, params: { id: String(postingId) }, context: { nonce: "", clientIp: ctx.ip, socketIp: ctx.ip } } as unknown as LoaderFunctionArgs)) as unknown as {
      data: { meetingPoint: string | null; posting: { has_meeting_point: boolean } };
      init?: { headers?: Record<string, string> } | null;
    };
    return result;
  }

  it("is saved from the owner's form, and cleared again", async () => {
    const { owner, organisation, postingId } = await scene();
    expect((await getOrganisationPosting(db, organisation.id, postingId))?.meeting_point).toBe(POINT);
    const input = await postingInput(db, { meetingPoint: undefined });
    const shifts = await db.selectFrom("shifts").select(["id", "starts_at", "ends_at", "capacity"]).where("posting_id", "=", postingId).execute();
    const kept = shifts.map((s) => ({ id: s.id, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), capacity: s.capacity }));
    expect((await updatePosting(db, organisation.id, postingId, owner.id, { ...input, shifts: kept }, ctx.ip)).status).toBe("ok");
    expect((await getOrganisationPosting(db, organisation.id, postingId))?.meeting_point).toBe("");
    expect((await getPublicPosting(db, postingId))?.has_meeting_point).toBe(false);
  });

  it("is shown on the posting page only to the confirmed person, the group and staff; others are told it will be emailed", async () => {
    const { owner, postingId, apply } = await scene();
    const confirmed = await createPerson(db, { age: 30, name: "確定 一郎" });
    const waiting = await createPerson(db, { age: 30, name: "待機 二郎" });
    const stranger = await createPerson(db, { age: 30, name: "通りすがり 三郎" });
    const staff = await createUser(db, { role: "staff", displayName: "区職員 鈴木" });
    expect((await apply(confirmed.id)).status).toBe("confirmed");
    expect((await apply(waiting.id)).status).toBe("waitlisted");

    const anonymous = await pageFor(postingId, null);
    expect(anonymous.data.meetingPoint).toBeNull();
    expect(anonymous.data.posting.has_meeting_point).toBe(true);
    // Nothing of it in what the shared cache may keep for anonymous visitors.
    expect(JSON.stringify(anonymous.data)).not.toContain("zebracrossing");
    for (const person of [waiting, stranger]) {
      const page = await pageFor(postingId, person);
      expect(page.data.meetingPoint, person.email).toBeNull();
      expect(JSON.stringify(page.data)).not.toContain("zebracrossing");
    }
    for (const [person, secondFactor] of [[confirmed, false], [owner, false], [staff, true]] as const) {
      const page = await pageFor(postingId, person, { secondFactor });
      expect(page.data.meetingPoint, person.email).toBe(POINT);
      expect(page.init?.headers?.["Cache-Control"]).toBe("private, no-store");
    }
    // My activities: the confirmed person's entry carries it, the waiting one's does not.
    expect((await myActivities(db, confirmed.id)).upcoming.map((a) => a.meeting_point)).toEqual([POINT]);
    expect((await myActivities(db, waiting.id)).waiting.map((a) => a.meeting_point)).toEqual([""]);
  });

  it("is never in the search documents, the search index or the public API", async () => {
    const { postingId } = await scene();
    expect(JSON.stringify(await loadPostingDocuments(db, [postingId]))).not.toContain("zebracrossing");
    const vector = await db.selectFrom("posting_search").select((eb) => eb.cast<string>("search_vector", "text").as("v")).where("posting_id", "=", postingId).executeTakeFirstOrThrow();
    expect(vector.v).toContain("桃園");
    expect(vector.v).not.toContain("zebracrossing");
    const call = async (query: string) => (await apiSearch({ request: new Request(`http://localhost/api/postings/search?${query}`), params: {}, context: {} } as unknown as LoaderFunctionArgs)) as Response;
    const found = await call("q=zebracrossing");
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ total: 0 });
    const all = await (await call("")).text();
    expect(all).toContain(String(postingId));
    expect(all).not.toContain("zebracrossing");
  });

  it("goes to the confirmed person in the confirmation, the promotion and the reminder, and into their .ics; not to the waiting list", async () => {
    const { shift, apply } = await scene();
    const first = await createPerson(db, { age: 30, name: "先着 一郎" });
    const second = await createPerson(db, { age: 30, name: "待機 二郎" });
    const a = await apply(first.id);
    const b = await apply(second.id);
    const confirmation = (await emailsTo(db, first.email)).find((e) => e.template === "application-confirmed");
    expect(confirmation?.props.meetingPoint).toBe(POINT);
    const waitlisted = (await emailsTo(db, second.email)).find((e) => e.template === "application-waitlisted");
    expect(waitlisted?.props.meetingPoint).toBeUndefined();
    expect(await applicationCalendar(db, second.id, b.applicationId, ctx.origin, "ja")).not.toContain("zebracrossing");
    expect((await applicationCalendar(db, first.id, a.applicationId, ctx.origin, "ja"))?.replace(/\r\n[ \t]/g, "")).toContain(`集合場所：${POINT}`);

    // The first withdraws: the second moves up and is told where to meet.
    expect((await withdrawApplication(db, first.id, a.applicationId, ctx)) as unknown).toBeTruthy();
    const promoted = (await emailsTo(db, second.email)).find((e) => e.template === "application-promoted");
    expect(promoted?.props.meetingPoint).toBe(POINT);
    expect(await applicationCalendar(db, first.id, a.applicationId, ctx.origin, "ja")).not.toContain("zebracrossing");

    await reminderJobHandler(db)({ applicationId: b.applicationId, when: "day-before", startsAt: new Date(shift.starts_at).toISOString(), origin: ctx.origin });
    const reminder = (await emailsTo(db, second.email)).find((e) => e.template === "shift-reminder");
    expect(reminder?.props.meetingPoint).toBe(POINT);
  });
});
