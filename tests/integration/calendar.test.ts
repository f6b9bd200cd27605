import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import {
  applicationCalendar,
  calendarFeedStatus,
  enableCalendarFeed,
  feedFor,
  feedUrls,
  myConfirmedShifts,
  revokeCalendarFeed,
} from "~/modules/calendar/calendar.server";
import { hashToken } from "~/utils/tokens.server";
import { createApplication, createMatchingScene } from "../support/application-factories";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createUser, ctx } from "../support/factories";
import { auditRows, DAY, HOUR } from "../support/more-factories";

/** The VEVENTs of a calendar as maps of property → value (unfolded; enough to check what was written). */
function events(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      out.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(":");
      current[line.slice(0, colon).split(";")[0]] = line.slice(colon + 1);
    }
  }
  return out;
}

const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");

describe.each(testDatabases())("calendar on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  /** A posting with three shifts, in time order: 90 days ago, next week, and the week after. */
  async function scene() {
    const base = Math.floor(Date.now() / HOUR) * HOUR;
    const s = await createMatchingScene(db, {
      title: "桃園公園の花壇づくり",
      shifts: [
        { startsAt: new Date(base + 7 * DAY), endsAt: new Date(base + 7 * DAY + 2 * HOUR) },
        { startsAt: new Date(base + 14 * DAY), endsAt: new Date(base + 14 * DAY + 3 * HOUR) },
        { startsAt: new Date(base - 90 * DAY), endsAt: new Date(base - 90 * DAY + 2 * HOUR) },
      ],
    });
    const [past, soon, later] = s.shifts;
    expect(new Date(past.starts_at).getTime()).toBeLessThan(Date.now());
    // Upcoming shifts first, as most tests use them; the past one last.
    return { ...s, shifts: [soon, later, past] };
  }

  describe("confirmed shifts", () => {
    it("lists the person's confirmed shifts, soonest first, without old ones, others' or unconfirmed ones", async () => {
      const { volunteer, shifts } = await scene();
      const other = await createUser(db);
      const soon = await createApplication(db, { shiftId: shifts[0].id, userId: volunteer.id });
      const later = await createApplication(db, { shiftId: shifts[1].id, userId: volunteer.id });
      await createApplication(db, { shiftId: shifts[2].id, userId: volunteer.id });
      await createApplication(db, { shiftId: shifts[0].id, userId: other.id });

      const mine = await myConfirmedShifts(db, volunteer.id);
      expect(mine.map((s) => s.applicationId)).toEqual([soon.id, later.id]);
      expect(mine[0]).toMatchObject({ postingTitle: "桃園公園の花壇づくり", status: "confirmed", startsAt: new Date(shifts[0].starts_at) });

      await db.updateTable("applications").set({ status: "waitlisted" }).where("id", "=", later.id).execute();
      expect((await myConfirmedShifts(db, volunteer.id)).map((s) => s.applicationId)).toEqual([soon.id]);
      await db.updateTable("applications").set({ status: "cancelled" }).where("id", "=", soon.id).execute();
      expect(await myConfirmedShifts(db, volunteer.id)).toEqual([]);
      expect((await myConfirmedShifts(db, volunteer.id, { includeCancelled: true })).map((s) => [s.applicationId, s.status])).toEqual([[soon.id, "cancelled"]]);
    });

    it("keeps a shift's times when the shift itself was removed from the posting", async () => {
      const { volunteer, shifts } = await scene();
      const app = await createApplication(db, { shiftId: shifts[1].id, userId: volunteer.id, status: "cancelled" });
      await db.deleteFrom("shifts").where("id", "=", shifts[1].id).execute();
      const [shift] = await myConfirmedShifts(db, volunteer.id, { includeCancelled: true });
      expect(shift).toMatchObject({ applicationId: app.id, startsAt: new Date(shifts[1].starts_at), endsAt: new Date(shifts[1].ends_at) });
    });
  });

  describe("one shift as .ics", () => {
    it("gives the person's own application as an event with its UTC times, and nothing for anyone else", async () => {
      const { volunteer, organisation, posting, shifts } = await scene();
      const app = await createApplication(db, { shiftId: shifts[0].id, userId: volunteer.id });
      const ics = (await applicationCalendar(db, volunteer.id, app.id, ctx.origin, "ja"))!;
      expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
      const [event] = events(ics);
      expect(event).toMatchObject({
        UID: `application-${app.id}@tsunagu-yahatahigashi`,
        DTSTART: utc(new Date(shifts[0].starts_at)),
        DTEND: utc(new Date(shifts[0].ends_at)),
        SUMMARY: "桃園公園の花壇づくり",
        STATUS: "CONFIRMED",
        URL: `${ctx.origin}/postings/${posting.id}`,
      });
      expect(event.DESCRIPTION).toContain(`団体：${organisation.name}`);
      // No one's email address travels in the file.
      expect(ics).not.toMatch(/@example\.test/);

      const stranger = await createUser(db);
      expect(await applicationCalendar(db, stranger.id, app.id, ctx.origin, "ja")).toBeNull();
      expect(await applicationCalendar(db, volunteer.id, 2_000_000_000, ctx.origin, "ja")).toBeNull();
    });

    it("marks a waiting application tentative and a withdrawn one cancelled, in the reader's language", async () => {
      const { volunteer, shifts } = await scene();
      const waiting = await createApplication(db, { shiftId: shifts[0].id, userId: volunteer.id, status: "waitlisted" });
      const withdrawn = await createApplication(db, { shiftId: shifts[1].id, userId: volunteer.id, status: "withdrawn" });
      expect(events((await applicationCalendar(db, volunteer.id, waiting.id, ctx.origin, "en"))!)[0]).toMatchObject({
        STATUS: "TENTATIVE",
        SUMMARY: "[Not confirmed] 桃園公園の花壇づくり",
      });
      expect(events((await applicationCalendar(db, volunteer.id, withdrawn.id, ctx.origin, "ja"))!)[0]).toMatchObject({
        STATUS: "CANCELLED",
        SUMMARY: "【中止】桃園公園の花壇づくり",
      });
    });
  });

  describe("private feed", () => {
    it("stores only the token's hash, serves the person's shifts by token, and audits", async () => {
      const { volunteer, shifts } = await scene();
      const app = await createApplication(db, { shiftId: shifts[0].id, userId: volunteer.id });
      expect(await calendarFeedStatus(db, volunteer.id)).toEqual({ enabled: false, createdAt: null });

      const token = await enableCalendarFeed(db, volunteer.id, { ip: "127.0.0.1" });
      const row = await db.selectFrom("users").select(["calendar_token_hash", "calendar_token_created_at"]).where("id", "=", volunteer.id).executeTakeFirstOrThrow();
      expect(row.calendar_token_hash).toBe(hashToken(token));
      expect(row.calendar_token_hash).not.toContain(token);
      expect((await calendarFeedStatus(db, volunteer.id)).enabled).toBe(true);

      const feed = (await feedFor(db, token, ctx.origin))!;
      expect(feed).toContain("X-WR-CALNAME:つなぐ八幡東 活動予定");
      expect(events(feed).map((e) => [e.UID, e.DTSTART])).toEqual([[`application-${app.id}@tsunagu-yahatahigashi`, utc(new Date(shifts[0].starts_at))]]);
      const entries = await auditRows(db, { action: "calendar.feed_enabled", actorUserId: volunteer.id });
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toContain(token);
    });

    it("stops the old address when a new one is made, and every address when revoked", async () => {
      const { volunteer } = await scene();
      const first = await enableCalendarFeed(db, volunteer.id);
      const second = await enableCalendarFeed(db, volunteer.id);
      expect(second).not.toBe(first);
      expect(await feedFor(db, first, ctx.origin)).toBeNull();
      expect(await feedFor(db, second, ctx.origin)).not.toBeNull();

      expect(await revokeCalendarFeed(db, volunteer.id, { ip: "127.0.0.1" })).toBe(true);
      expect(await feedFor(db, second, ctx.origin)).toBeNull();
      expect(await calendarFeedStatus(db, volunteer.id)).toEqual({ enabled: false, createdAt: null });
      expect(await auditRows(db, { action: "calendar.feed_revoked", actorUserId: volunteer.id })).toHaveLength(1);
      // Nothing to stop: no second audit entry.
      expect(await revokeCalendarFeed(db, volunteer.id)).toBe(false);
      expect(await auditRows(db, { action: "calendar.feed_revoked", actorUserId: volunteer.id })).toHaveLength(1);
    });

    it("shows cancelled shifts as cancelled and answers nothing for malformed tokens or closed accounts", async () => {
      const { volunteer, shifts } = await scene();
      const app = await createApplication(db, { shiftId: shifts[0].id, userId: volunteer.id });
      await db.updateTable("applications").set({ status: "cancelled" }).where("id", "=", app.id).execute();
      const token = await enableCalendarFeed(db, volunteer.id);
      expect(events((await feedFor(db, token, ctx.origin))!).map((e) => e.STATUS)).toEqual(["CANCELLED"]);

      for (const bad of ["", "short", `${token}x`, token.replace(/.$/, "!"), "' or 1=1 --"]) expect(await feedFor(db, bad, ctx.origin), bad).toBeNull();
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", volunteer.id).execute();
      expect(await feedFor(db, token, ctx.origin)).toBeNull();
    });

    it("gives an empty calendar to a person with nothing confirmed yet", async () => {
      const person = await createUser(db);
      const token = await enableCalendarFeed(db, person.id);
      const feed = (await feedFor(db, token, ctx.origin))!;
      expect(feed).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
      expect(events(feed)).toEqual([]);
    });

    it("makes https and webcal addresses from the same token", () => {
      expect(feedUrls("https://tsunagu.example.jp", "abc")).toEqual({ https: "https://tsunagu.example.jp/calendar/abc.ics", webcal: "webcal://tsunagu.example.jp/calendar/abc.ics" });
    });
  });
});
