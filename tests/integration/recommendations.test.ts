import { beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { rankPostings, type Person } from "~/modules/recommendations/recommend.rules";
import { reasonTexts } from "~/modules/recommendations/recommend.reasons";
import { forgetCandidateIndex, loadRecommendationsSection, recommendPostings, type RecommendedPosting } from "~/modules/recommendations/recommend.server";
import { inviteVolunteer, recommendVolunteers } from "~/modules/recommendations/volunteers.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createUser, ctx } from "../support/factories";
import { auditRows, emailsTo } from "../support/more-factories";
import {
  allCandidatePostings,
  closeAllPostings,
  createApplicationRow,
  createCivicCentre,
  createRecommendablePosting,
  createVolunteer,
  inDays,
  nextSaturday,
} from "../support/recommend-factories";

const HOUR = 3600_000;
const CHUO = { lat: 33.86, lng: 130.81 };
/** About 1.1 km north of 中央's civic centre. */
const NEAR_CHUO = { lat: 33.87, lng: 130.81 };

const ids = (items: RecommendedPosting[]) => items.map((i) => i.posting.id);
const categoryName = (code: string) => ({ cleanup: "清掃・環境", parks: "公園・緑化", festival: "祭り・イベント" })[code] ?? code;
const words = (item: RecommendedPosting) => reasonTexts(item.reasons, "ja", "volunteer", categoryName, 10);

describe.each(testDatabases())("recommendations on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    await createCivicCentre(db, "chuo", CHUO);
  });
  // Each test starts with no posting on offer, and the candidate index is read again for it.
  beforeEach(async () => {
    await closeAllPostings(db);
    forgetCandidateIndex(db);
  });

  const recommend = async (userId: number, limit = 50) => (await recommendPostings(db, userId, { limit })).items;

  describe("for a volunteer", () => {
    it("ranks postings by fit and gives the reasons in words", async () => {
      const me = await createVolunteer(db, { interests: ["parks"], skills: ["mowing"], availability: ["weekend_morning"], districtCode: "chuo" });
      const parks = await createRecommendablePosting(db, { categoryCode: "parks", tags: ["草刈り"], at: NEAR_CHUO, shifts: [{ startsAt: nextSaturday("09:00", 3), capacity: 5, taken: 2 }] });
      const festival = await createRecommendablePosting(db, { categoryCode: "festival", shifts: [{ startsAt: inDays(5, "18:00") }] });
      const items = await recommend(me.id);
      expect(ids(items)).toEqual([parks.id, festival.id]);
      const [best] = items;
      expect(words(best)).toEqual(expect.arrayContaining(["公園・緑化に関心", "草刈りの経験を活かせます", "土曜の午前", "自宅の地域から1.1km", "あと3人募集中"]));
      expect(best.posting).toMatchObject({ id: parks.id, title: parks.title, categoryCode: "parks", placeName: "桃園公園", placesLeft: 3, distanceKm: 1.1 });
      expect(best.posting.nextStartsAt).toBe(parks.shifts[0].starts_at.toISOString());
      expect(best.score).toBeGreaterThan(items[1].score);
    });

    it("is about the first shift in the person's free time, not simply the first one", async () => {
      const me = await createVolunteer(db, { availability: ["weekend_morning"] });
      const saturday = nextSaturday("09:30", 2);
      const weekdayEvening = inDays(1, "18:00");
      const posting = await createRecommendablePosting(db, { shifts: [{ startsAt: weekdayEvening }, { startsAt: saturday }] });
      const [item] = await recommend(me.id);
      expect(item.posting.id).toBe(posting.id);
      expect(item.posting.nextStartsAt).toBe(saturday.toISOString());
      expect(words(item)).toContain("土曜の午前");
    });

    it("leaves out drafts, groups not verified, full postings, past ones, ones applied to, and ones the person is too young for", async () => {
      const me = await createVolunteer(db, { birthDate: "2007-01-01" });
      const shown = await createRecommendablePosting(db);
      await createRecommendablePosting(db, { status: "draft" });
      await createRecommendablePosting(db, { organisationId: (await createOrganisation(db, { status: "pending" })).id });
      await createRecommendablePosting(db, { shifts: [{ startsAt: inDays(3, "10:00"), capacity: 2, taken: 2 }] });
      await createRecommendablePosting(db, { shifts: [{ startsAt: new Date(Date.now() - HOUR) }] });
      await createRecommendablePosting(db, { minimumAge: 30 });
      const applied = await createRecommendablePosting(db);
      await createApplicationRow(db, { postingId: applied.id, userId: me.id, status: "waitlisted" });
      const withdrawn = await createRecommendablePosting(db);
      await createApplicationRow(db, { postingId: withdrawn.id, userId: me.id, status: "withdrawn" });
      expect(ids(await recommend(me.id)).sort()).toEqual([shown.id, withdrawn.id].sort());
    });

    it("offers a minor only postings reviewed for under-18s, with shifts at hours a minor may take part", async () => {
      const teen = await createVolunteer(db, { volunteerType: "high_school", birthDate: `${new Date().getUTCFullYear() - 16}-04-01` });
      const reviewed = await createRecommendablePosting(db, { welcomesMinors: true, shifts: [{ startsAt: inDays(4, "10:00") }] });
      await createRecommendablePosting(db, { welcomesMinors: true, approvedForMinors: false });
      await createRecommendablePosting(db, { welcomesMinors: false });
      await createRecommendablePosting(db, { welcomesMinors: true, shifts: [{ startsAt: inDays(4, "20:00"), endsAt: inDays(4, "22:00") }] });
      const items = await recommend(teen.id);
      expect(ids(items)).toEqual([reviewed.id]);
      expect(words(items[0])).toContain("高校生歓迎");
      const adult = await createVolunteer(db);
      expect(ids(await recommend(adult.id))).toHaveLength(4);
    });

    it("measures distance from the district's civic centre, or from a park there when it has none", async () => {
      await createCivicCentre(db, "edamitsu", { lat: 33.9, lng: 130.81 }, "park");
      const me = await createVolunteer(db, { districtCode: "edamitsu" });
      await createRecommendablePosting(db, { at: { lat: 33.89, lng: 130.81 } });
      const [item] = await recommend(me.id);
      expect(item.posting.distanceKm).toBe(1.1);
      const nowhere = await createVolunteer(db, { districtCode: null });
      const [far] = await recommend(nowhere.id);
      expect(far.posting.distanceKm).toBeNull();
    });

    it("says when the profile is empty, and gives nothing to an unknown or deleted person", async () => {
      await createRecommendablePosting(db);
      const blank = await createVolunteer(db, { interests: [], availability: [], skills: [], districtCode: null });
      const result = await recommendPostings(db, blank.id);
      expect(result.profileEmpty).toBe(true);
      expect(result.items).toHaveLength(1);
      const keen = await createVolunteer(db, { interests: ["cleanup"] });
      expect((await recommendPostings(db, keen.id)).profileEmpty).toBe(false);
      expect(await recommendPostings(db, 2_000_000_000)).toEqual({ items: [], profileEmpty: true });
      await db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", keen.id).execute();
      expect((await recommendPostings(db, keen.id)).items).toEqual([]);
    });

    it("never shows what changed since the candidate index was read; a new posting waits for the next read", async () => {
      const me = await createVolunteer(db, { interests: ["cleanup"] });
      const first = await createRecommendablePosting(db, { shifts: [{ startsAt: inDays(2, "10:00"), capacity: 3 }] });
      const second = await createRecommendablePosting(db, { shifts: [{ startsAt: inDays(3, "10:00"), capacity: 3 }] });
      expect(ids(await recommend(me.id))).toEqual([first.id, second.id]);

      await db.updateTable("shifts").set({ confirmed_count: 3 }).where("posting_id", "=", first.id).execute();
      await db.updateTable("postings").set({ status: "closed" }).where("id", "=", second.id).execute();
      const later = await createRecommendablePosting(db, { shifts: [{ startsAt: inDays(4, "10:00") }] });
      expect(ids(await recommend(me.id))).toEqual([]);

      forgetCandidateIndex(db);
      expect(ids(await recommend(me.id))).toEqual([later.id]);
      await createApplicationRow(db, { postingId: later.id, userId: me.id });
      expect(ids(await recommend(me.id))).toEqual([]);
    });

    it("gives pages the cards in the reader's language, and nothing to staff", async () => {
      const me = await createVolunteer(db, { interests: ["parks"], districtCode: "chuo" });
      const posting = await createRecommendablePosting(db, { categoryCode: "parks", at: NEAR_CHUO, shifts: [{ startsAt: inDays(3, "10:00"), capacity: 4, taken: 1 }] });
      const en = await loadRecommendationsSection(db, me, "en");
      expect(en?.items).toEqual([
        {
          id: posting.id,
          title: posting.title,
          organisationName: expect.any(String),
          categoryName: "Parks",
          districtName: "Chuo",
          placeName: "桃園公園",
          welcomesMinors: false,
          startsAt: posting.shifts[0].starts_at.toISOString(),
          endsAt: posting.shifts[0].ends_at.toISOString(),
          placesLeft: 3,
          distanceKm: 1.1,
          reasons: ["You are interested in Parks", "1.1 km from your area", "In 3 days", "3 more people needed"],
        },
      ]);
      expect((await loadRecommendationsSection(db, me, "ja"))?.items[0].reasons[0]).toBe("公園・緑化に関心");
      expect(await loadRecommendationsSection(db, { id: me.id, role: "staff" }, "ja")).toBeNull();
    });

    it("gives the same list as ranking every candidate with the rules", async () => {
      const organisation = await createOrganisation(db);
      const categories = ["cleanup", "parks", "festival"];
      const tags = [["草刈り"], ["子ども食堂"], ["受付"], ["English"], []];
      for (let i = 0; i < 40; i++)
        await createRecommendablePosting(db, {
          organisationId: organisation.id,
          categoryCode: categories[i % 3],
          tags: tags[i % 5],
          welcomesMinors: i % 4 === 0,
          at: i % 7 === 0 ? null : { lat: 33.85 + (i % 10) * 0.004, lng: 130.8 + (i % 6) * 0.005 },
          shifts: [
            { startsAt: inDays(1 + (i % 30), `${String(8 + (i % 12)).padStart(2, "0")}:00`), capacity: 4, taken: i % 5 },
            { startsAt: inDays(2 + (i % 17), "10:00"), capacity: 6, taken: i % 3 },
          ],
        });
      const profile = { interests: ["parks"], skills: ["mowing", "cooking"], availability: ["weekend_morning", "weekday_evening"] as const, districtCode: "chuo" };
      const me = await createVolunteer(db, { ...profile, availability: [...profile.availability] });
      const now = new Date();
      const person: Person = { interests: profile.interests, skills: profile.skills, availability: profile.availability, volunteerType: "university", birthDate: "2000-04-01", home: CHUO };
      const expected = rankPostings(person, await allCandidatePostings(db, now), now, 8);
      const got = await recommendPostings(db, me.id, { limit: 8, now });
      expect(got.items.map((i) => [i.posting.id, i.score, i.reasons])).toEqual(expected.map((e) => [e.posting.id, e.score, e.reasons]));
    });
  });

  describe("for an organisation", () => {
    async function scene() {
      const owner = await createUser(db, { displayName: "団体 代表" });
      const organisation = await createOrganisation(db, { ownerId: owner.id });
      const posting = await createRecommendablePosting(db, {
        organisationId: organisation.id,
        title: "桃園公園の草刈り",
        categoryCode: "parks",
        tags: ["草刈り"],
        at: NEAR_CHUO,
        shifts: [{ startsAt: nextSaturday("09:00", 2) }],
      });
      return { owner, organisation, posting };
    }

    it("suggests people who allow invitations and fit, with only what the organisation may see", async () => {
      const { organisation, posting } = await scene();
      const fits = await createVolunteer(db, { displayName: "八幡 さくら", openToInvitations: true, interests: ["parks"], skills: ["mowing"], availability: ["weekend_morning"], districtCode: "chuo" });
      const lukewarm = await createVolunteer(db, { displayName: "Lee", openToInvitations: true });
      const closed = await createVolunteer(db, { openToInvitations: false, interests: ["parks"] });
      const result = await recommendVolunteers(db, organisation.id, posting.id);
      expect(result?.open).toBe(true);
      const people = result!.people;
      expect(people.map((p) => p.userId)).toEqual([fits.id, lukewarm.id]);
      expect(people.map((p) => p.userId)).not.toContain(closed.id);
      expect(people[0]).toMatchObject({ name: "さくら", volunteerType: "university", districtJa: "中央", matching: { interests: ["parks"], skills: ["mowing"], availability: ["weekend_morning"] } });
      expect(Object.keys(people[0]).sort()).toEqual(["districtEn", "districtJa", "matching", "name", "reasons", "score", "userId", "volunteerType"]);
      expect(JSON.stringify(result)).not.toMatch(/@example\.test|2000-04-01/);
      expect(people[0].reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(["interest", "skill", "availability", "distance"]));
      expect(people[0].reasons.map((r) => r.kind)).not.toContain("need");
      expect(reasonTexts(people[0].reasons, "ja", "organisation", categoryName)).toContain("土曜の午前に参加しやすい");
    });

    it("leaves out minors, members, people who applied or were invited, and accounts deleted, disabled or unverified", async () => {
      const { owner, organisation, posting } = await scene();
      const open = { openToInvitations: true, interests: ["parks"] };
      const keep = await createVolunteer(db, open);
      const minor = await createVolunteer(db, { ...open, birthDate: `${new Date().getUTCFullYear() - 16}-04-01` });
      const highSchool = await createVolunteer(db, { ...open, birthDate: null, volunteerType: "high_school" });
      const member = await createVolunteer(db, open);
      await db.insertInto("memberships").values({ organisation_id: organisation.id, user_id: member.id, role: "editor" }).execute();
      const applied = await createVolunteer(db, open);
      await createApplicationRow(db, { postingId: posting.id, userId: applied.id });
      const declined = await createVolunteer(db, open);
      await createApplicationRow(db, { postingId: posting.id, userId: declined.id, status: "declined" });
      const invited = await createVolunteer(db, open);
      await db.insertInto("volunteer_invitations").values({ posting_id: posting.id, user_id: invited.id, invited_by: owner.id }).execute();
      const deleted = await createVolunteer(db, open);
      await db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", deleted.id).execute();
      const disabled = await createVolunteer(db, open);
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.id).execute();
      const unverified = await createVolunteer(db, { ...open, verified: false });
      const people = (await recommendVolunteers(db, organisation.id, posting.id, { limit: 50 }))!.people.map((p) => p.userId);
      expect(people).toContain(keep.id);
      for (const other of [minor, highSchool, member, applied, declined, invited, deleted, disabled, unverified]) expect(people).not.toContain(other.id);
    });

    it("is null for another group's posting and empty for a posting that is not published", async () => {
      const { posting } = await scene();
      const other = await createOrganisation(db);
      expect(await recommendVolunteers(db, other.id, posting.id)).toBeNull();
      await db.updateTable("postings").set({ status: "draft" }).where("id", "=", posting.id).execute();
      const result = await recommendVolunteers(db, posting.organisation_id, posting.id);
      expect(result).toMatchObject({ open: false, people: [] });
    });

    it("invites once: an invitation, a notice in the conversation, an email in the person's language with reasons, and the audit", async () => {
      const { owner, organisation, posting } = await scene();
      const person = await createVolunteer(db, { displayName: "Sakura Yahata", openToInvitations: true, interests: ["parks"], availability: ["weekend_morning"], locale: "en" });
      const result = await inviteVolunteer(db, { organisationId: organisation.id, postingId: posting.id, userId: person.id, invitedBy: owner.id, origin: ctx.origin, ip: ctx.ip });
      expect(result).toMatchObject({ status: "ok", name: "Yahata" });
      if (result.status !== "ok") throw new Error(result.status);

      const invitation = await db.selectFrom("volunteer_invitations").selectAll().where("posting_id", "=", posting.id).where("user_id", "=", person.id).executeTakeFirstOrThrow();
      expect(invitation.invited_by).toBe(owner.id);
      const thread = await db.selectFrom("message_threads").selectAll().where("id", "=", result.threadId).executeTakeFirstOrThrow();
      expect(thread).toMatchObject({ posting_id: posting.id, volunteer_user_id: person.id, organisation_id: organisation.id });
      const messages = await db.selectFrom("messages").selectAll().where("thread_id", "=", result.threadId).execute();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ sender_side: "system", sender_user_id: null });
      expect(messages[0].body).toContain(`"桃園公園の草刈り"`);

      const emails = await emailsTo(db, person.email);
      expect(emails.map((e) => e.template)).toEqual(["volunteer-invitation"]);
      expect(emails[0].locale).toBe("en");
      expect(emails[0].props).toMatchObject({
        postingTitle: "桃園公園の草刈り",
        organisationName: organisation.name,
        postingUrl: `${ctx.origin}/postings/${posting.id}`,
        threadUrl: `${ctx.origin}/messages/${result.threadId}`,
        settingsUrl: `${ctx.origin}/account/profile`,
      });
      expect(emails[0].props.reasons).toEqual(expect.arrayContaining(["You are interested in Parks", "Saturday morning"]));

      const audits = await auditRows(db, { action: "posting.volunteer_invited", subjectId: posting.id });
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_user_id: owner.id, subject_type: "posting" });
      expect(JSON.stringify(audits[0].details)).not.toContain(person.email);

      expect(await inviteVolunteer(db, { organisationId: organisation.id, postingId: posting.id, userId: person.id, invitedBy: owner.id, origin: ctx.origin })).toEqual({
        status: "already-invited",
      });
      expect(await emailsTo(db, person.email)).toHaveLength(1);
      expect((await recommendVolunteers(db, organisation.id, posting.id))!.people.map((p) => p.userId)).not.toContain(person.id);
    });

    it("makes one invitation when two members invite the same person at once", async () => {
      const { owner, organisation, posting } = await scene();
      const person = await createVolunteer(db, { openToInvitations: true });
      const results = await Promise.all(
        [0, 1, 2].map(() => inviteVolunteer(db, { organisationId: organisation.id, postingId: posting.id, userId: person.id, invitedBy: owner.id, origin: ctx.origin })),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["already-invited", "already-invited", "ok"]);
      expect(await emailsTo(db, person.email)).toHaveLength(1);
    });

    it("refuses what may not be invited, writing nothing", async () => {
      const { owner, organisation, posting } = await scene();
      const invite = (userId: number, postingId = posting.id, organisationId = organisation.id) =>
        inviteVolunteer(db, { organisationId, postingId, userId, invitedBy: owner.id, origin: ctx.origin });
      const notOpen = await createVolunteer(db, { openToInvitations: false });
      const minor = await createVolunteer(db, { openToInvitations: true, birthDate: `${new Date().getUTCFullYear() - 15}-04-01` });
      const person = await createVolunteer(db, { openToInvitations: true });
      expect(await invite(notOpen.id)).toEqual({ status: "not-eligible" });
      expect(await invite(minor.id)).toEqual({ status: "not-eligible" });
      expect(await invite(2_000_000_000)).toEqual({ status: "not-eligible" });
      expect(await invite(person.id, posting.id, (await createOrganisation(db)).id)).toEqual({ status: "not-found" });
      await db.updateTable("postings").set({ status: "closed" }).where("id", "=", posting.id).execute();
      expect(await invite(person.id)).toEqual({ status: "not-open" });
      expect(await db.selectFrom("volunteer_invitations").select("id").where("posting_id", "=", posting.id).execute()).toEqual([]);
      for (const p of [notOpen, minor, person]) expect(await emailsTo(db, p.email)).toEqual([]);
    });
  });
});
