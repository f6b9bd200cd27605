import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { User } from "#db/schema";
import { renderEmail } from "#emails/render";
import { bulkMessage, ensureThread, postMessage, replyToThread } from "~/modules/messages/messages.server";
import { accessToThread, getThread, organisationThreads, unreadMessageCount, volunteerThreads } from "~/modules/messages/thread-reading.server";
import { loadThreadPage } from "~/modules/messages/thread-page.server";
import { createApplication, createMatchingScene } from "../support/application-factories";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { emailsTo, uniqueKey } from "../support/more-factories";

const MINUTE = 60_000;

describe.each(testDatabases())("message threads on $name", ({ open }) => {
  let db: DB;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
  });

  const newMessageEmails = async (user: { email: string }) => (await emailsTo(db, user.email)).filter((e) => e.template === "new-message");
  const post = (input: Parameters<typeof postMessage>[1]) => db.transaction().execute((trx) => postMessage(trx, { origin: ctx.origin, ...input }));

  describe("threads", () => {
    it("keeps one thread per volunteer per posting, belonging to the posting's organisation", async () => {
      const { volunteer, organisation, posting } = await createMatchingScene(db);
      const first = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      const again = await db.transaction().execute((trx) => ensureThread(trx, { postingId: posting.id, volunteerUserId: volunteer.id }));
      expect(again).toBe(first);
      const rows = await db.selectFrom("message_threads").selectAll().where("posting_id", "=", posting.id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ organisation_id: organisation.id, volunteer_user_id: volunteer.id });

      const other = await createUser(db);
      expect(await ensureThread(db, { postingId: posting.id, volunteerUserId: other.id })).not.toBe(first);
    });

    it("makes exactly one thread when many transactions ask at once", async () => {
      const { volunteer, posting } = await createMatchingScene(db);
      const ids = await Promise.all(
        Array.from({ length: 8 }, () => db.transaction().execute((trx) => ensureThread(trx, { postingId: posting.id, volunteerUserId: volunteer.id }))),
      );
      expect(new Set(ids).size).toBe(1);
      expect(await db.selectFrom("message_threads").select("id").where("posting_id", "=", posting.id).execute()).toHaveLength(1);
    });

    it("refuses a posting that does not exist", async () => {
      const volunteer = await createUser(db);
      await expect(ensureThread(db, { postingId: 2_000_000_000, volunteerUserId: volunteer.id })).rejects.toThrow(/does not exist/);
    });
  });

  describe("posting a message", () => {
    it("emails every member of the organisation when the volunteer writes, not the volunteer; marks it read for the sender", async () => {
      const { volunteer, owner, editor, organisation, posting } = await createMatchingScene(db, { title: "桃園公園の花壇づくり" });
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      const before = (await db.selectFrom("message_threads").select("last_message_at").where("id", "=", threadId).executeTakeFirstOrThrow()).last_message_at;
      const { id } = await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "軍手は持っていけばいいですか？" });

      for (const member of [owner, editor]) {
        const emails = await newMessageEmails(member);
        expect(emails).toHaveLength(1);
        expect(emails[0].props).toEqual({
          postingTitle: "桃園公園の花壇づくり",
          senderLabel: "学生 一郎",
          threadUrl: `${ctx.origin}/orgs/${organisation.id}/messages/${threadId}`,
          settingsUrl: `${ctx.origin}/account#notifications`,
        });
      }
      expect(await newMessageEmails(volunteer)).toEqual([]);
      // The queued email renders: its links are absolute and it never contains the message itself.
      const [queued] = await newMessageEmails(owner);
      const rendered = await renderEmail({ template: "new-message", to: queued.to, locale: "ja", props: queued.props as never });
      expect(rendered.subject).toContain("桃園公園の花壇づくり");
      expect(rendered.text).not.toContain("軍手は持っていけばいいですか");
      const read = await db.selectFrom("thread_reads").selectAll().where("thread_id", "=", threadId).execute();
      expect(read).toEqual([{ thread_id: threadId, user_id: volunteer.id, last_read_message_id: id }]);
      const after = (await db.selectFrom("message_threads").select("last_message_at").where("id", "=", threadId).executeTakeFirstOrThrow()).last_message_at;
      expect(new Date(after).getTime()).toBeGreaterThanOrEqual(new Date(before).getTime());
    });

    it("emails the volunteer, with the organisation's name and the volunteer's own link, when a member writes", async () => {
      const { volunteer, owner, editor, organisation, posting } = await createMatchingScene(db);
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await post({ threadId, senderUserId: editor.id, side: "organisation", body: "はい、軍手をお持ちください。" });
      const emails = await newMessageEmails(volunteer);
      expect(emails).toHaveLength(1);
      expect(emails[0].props).toMatchObject({ senderLabel: organisation.name, threadUrl: `${ctx.origin}/messages/${threadId}` });
      expect(await newMessageEmails(owner)).toEqual([]);
      expect(await newMessageEmails(editor)).toEqual([]);
    });

    it("sends at most one email per recipient per thread in 15 minutes", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      const t0 = new Date();
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "1", now: t0 });
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "2", now: new Date(t0.getTime() + 5 * MINUTE) });
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "3", now: new Date(t0.getTime() + 14 * MINUTE) });
      expect(await newMessageEmails(owner)).toHaveLength(1);
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "4", now: new Date(t0.getTime() + 16 * MINUTE) });
      expect(await newMessageEmails(owner)).toHaveLength(2);
      // Another thread of the same person is told about separately.
      const { posting: other } = await createMatchingScene(db);
      await db.insertInto("memberships").values({ organisation_id: other.organisation_id, user_id: owner.id, role: "owner" }).execute();
      const otherThread = await ensureThread(db, { postingId: other.id, volunteerUserId: volunteer.id });
      await post({ threadId: otherThread, senderUserId: volunteer.id, side: "volunteer", body: "別件です" });
      expect(await newMessageEmails(owner)).toHaveLength(3);
    });

    it("respects the recipient's choice to receive no message emails, and skips deleted or disabled accounts", async () => {
      const { volunteer, owner, editor, posting } = await createMatchingScene(db);
      await db.updateTable("users").set({ notify_messages: false }).where("id", "=", volunteer.id).execute();
      await db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", editor.id).execute();
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await post({ threadId, senderUserId: owner.id, side: "organisation", body: "当日は雨天決行です。" });
      expect(await newMessageEmails(volunteer)).toEqual([]);

      const disabled = await createUser(db);
      await db.insertInto("memberships").values({ organisation_id: posting.organisation_id, user_id: disabled.id, role: "editor" }).execute();
      await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.id).execute();
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "わかりました" });
      expect(await newMessageEmails(owner)).toHaveLength(1);
      expect(await newMessageEmails(editor)).toEqual([]);
      expect(await newMessageEmails(disabled)).toEqual([]);
    });

    it("emails nobody for a system notice (its poster sends its own email)", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await post({ threadId, senderUserId: null, side: "system", body: `applications.system.withdrawn?when=${new Date().toISOString()}` });
      expect(await newMessageEmails(owner)).toEqual([]);
      expect(await newMessageEmails(volunteer)).toEqual([]);
      expect(await db.selectFrom("thread_reads").selectAll().where("thread_id", "=", threadId).execute()).toEqual([]);
    });

    it("tells both sides about a message from listed ward staff, never the staff member", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      const staff = await createUser(db, { role: "staff" });
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await db.insertInto("thread_participants").values({ thread_id: threadId, user_id: staff.id, role: "staff" }).execute();
      await post({ threadId, senderUserId: staff.id, side: "staff", body: "区役所から補足します。" });
      expect((await newMessageEmails(volunteer))[0].props.senderLabel).toBe("八幡東区役所");
      expect(await newMessageEmails(owner)).toHaveLength(1);
      expect(await newMessageEmails(staff)).toEqual([]);
    });

    it("posts once when the same form is submitted twice, and refuses a key from another thread", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      const submissionKey = uniqueKey("msg");
      const input = { threadId, senderUserId: volunteer.id, side: "volunteer" as const, body: "二度押し", submissionKey, origin: ctx.origin };
      const [a, b] = await Promise.all([replyToThread(db, input), replyToThread(db, input)]);
      expect(a.id).toBe(b.id);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(await db.selectFrom("messages").select("id").where("thread_id", "=", threadId).execute()).toHaveLength(1);
      expect(await newMessageEmails(owner)).toHaveLength(1);

      const { posting: other } = await createMatchingScene(db);
      const otherThread = await ensureThread(db, { postingId: other.id, volunteerUserId: volunteer.id });
      await expect(replyToThread(db, { ...input, threadId: otherThread })).rejects.toThrow(/submission key/);
    });

    it("leaves nothing behind when the caller's transaction rolls back", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      await expect(
        db.transaction().execute(async (trx) => {
          const threadId = await ensureThread(trx, { postingId: posting.id, volunteerUserId: volunteer.id });
          await postMessage(trx, { threadId, senderUserId: volunteer.id, side: "volunteer", body: "消える", origin: ctx.origin });
          throw new Error("the caller failed");
        }),
      ).rejects.toThrow("the caller failed");
      expect(await db.selectFrom("message_threads").select("id").where("posting_id", "=", posting.id).execute()).toEqual([]);
      expect(await newMessageEmails(owner)).toEqual([]);
    });
  });

  describe("reading", () => {
    it("lists conversations newest first with unread counts, per member of the organisation", async () => {
      const { volunteer, owner, editor, organisation, posting } = await createMatchingScene(db);
      const second = await createPosting(db, organisation.id, { title: "二つ目の募集" });
      const older = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await post({ threadId: older, senderUserId: volunteer.id, side: "volunteer", body: "最初の質問" });
      await post({ threadId: older, senderUserId: volunteer.id, side: "volunteer", body: "追加の質問" });
      const newer = await ensureThread(db, { postingId: second.id, volunteerUserId: volunteer.id });
      await db.updateTable("message_threads").set({ last_message_at: new Date(Date.now() - 3600_000) }).where("id", "=", older).execute();
      await post({ threadId: newer, senderUserId: owner.id, side: "organisation", body: "ご応募ありがとうございます" });

      const mine = await volunteerThreads(db, volunteer.id);
      expect(mine.map((t) => [t.id, t.unread, t.as])).toEqual([
        [newer, 1, "volunteer"],
        [older, 0, "volunteer"],
      ]);
      expect(mine[0]).toMatchObject({ postingTitle: "二つ目の募集", organisationName: organisation.name, lastSide: "organisation", lastBody: "ご応募ありがとうございます" });

      const forOwner = await organisationThreads(db, organisation.id, owner.id);
      expect(forOwner.map((t) => [t.id, t.unread])).toEqual([
        [newer, 0],
        [older, 2],
      ]);
      expect(forOwner[1]).toMatchObject({ volunteerName: "学生 一郎", volunteerGone: false });
      // The owner reads the older thread: the editor's count is untouched.
      const page = await loadThreadPage(db, owner, older, "organisation", organisation.id);
      expect(page.status).toBe("ok");
      if (page.status === "ok") expect(page.page.thread.messages.map((m) => m.isNew)).toEqual([true, true]);
      expect((await organisationThreads(db, organisation.id, owner.id)).find((t) => t.id === older)?.unread).toBe(0);
      expect((await organisationThreads(db, organisation.id, editor.id)).find((t) => t.id === older)?.unread).toBe(2);
      expect(await unreadMessageCount(db, editor.id)).toBe(2);
      expect(await unreadMessageCount(db, volunteer.id)).toBe(1);
      // A second view shows nothing new.
      const again = await loadThreadPage(db, owner, older, "organisation", organisation.id);
      if (again.status === "ok") expect(again.page.thread.messages.map((m) => m.isNew)).toEqual([false, false]);
    });

    it("shows a deleted account as a former user and lists who else can read", async () => {
      const { volunteer, owner, posting } = await createMatchingScene(db);
      // A guardian follows the thread as listed (a coordinator reads only while their school allows it: thread-access.test.ts).
      const coordinator = await createUser(db, { displayName: "高校 先生" });
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      await db.insertInto("thread_participants").values({ thread_id: threadId, user_id: coordinator.id, role: "guardian" }).execute();
      await post({ threadId, senderUserId: volunteer.id, side: "volunteer", body: "よろしくお願いします" });
      await post({ threadId, senderUserId: owner.id, side: "organisation", body: "こちらこそ" });
      await db.updateTable("users").set({ deleted_at: new Date(), display_name: "", email: `deleted-${volunteer.id}@invalid` }).where("id", "=", volunteer.id).execute();

      const thread = (await getThread(db, threadId))!;
      expect(thread.volunteerGone).toBe(true);
      expect(thread.messages.map((m) => [m.side, m.senderGone])).toEqual([
        ["volunteer", true],
        ["organisation", false],
      ]);
      expect(thread.participants).toEqual([{ userId: coordinator.id, role: "guardian", name: "高校 先生", gone: false }]);
      // Nothing on the page carries an email address.
      expect(JSON.stringify(thread)).not.toMatch(/@/);
    });

    it("opens a thread only to its volunteer, its organisation's members and listed participants", async () => {
      const { volunteer, owner, organisation, posting } = await createMatchingScene(db);
      const stranger = await createUser(db);
      const staff = await createUser(db, { role: "staff" });
      const otherOrgOwner = await createUser(db);
      const otherOrg = await createOrganisation(db, { ownerId: otherOrgOwner.id });
      const threadId = await ensureThread(db, { postingId: posting.id, volunteerUserId: volunteer.id });
      const thread = { id: threadId, volunteerUserId: volunteer.id, organisationId: organisation.id };

      expect((await accessToThread(db, volunteer, thread)).as).toBe("volunteer");
      expect((await accessToThread(db, owner, thread)).as).toBe("organisation");
      expect((await accessToThread(db, stranger, thread)).canRead).toBe(false);
      expect((await accessToThread(db, otherOrgOwner, thread)).canRead).toBe(false);
      expect((await accessToThread(db, staff, thread)).canRead).toBe(false);

      expect((await loadThreadPage(db, stranger, threadId, "personal")).status).toBe("not-found");
      expect(await loadThreadPage(db, owner, threadId, "personal")).toEqual({ status: "organisation", organisationId: organisation.id });
      // The organisation's route with another organisation's id in the URL finds nothing.
      expect((await loadThreadPage(db, otherOrgOwner, threadId, "organisation", otherOrg.id)).status).toBe("not-found");

      await db.insertInto("thread_participants").values({ thread_id: threadId, user_id: staff.id, role: "staff" }).execute();
      expect(await accessToThread(db, staff as User, thread)).toMatchObject({ canRead: true, side: "staff" });
      expect((await volunteerThreads(db, staff.id)).map((t) => [t.id, t.as])).toEqual([[threadId, "staff"]]);
    });
  });

  describe("bulk message to a shift", () => {
    it("writes to everyone confirmed on the shift, in their own threads, and to nobody else", async () => {
      const start = Date.now() + 10 * 86400_000;
      const { owner, organisation, posting, shifts } = await createMatchingScene(db, {
        shifts: [
          { startsAt: new Date(start), endsAt: new Date(start + 2 * 3600_000), capacity: 5 },
          { startsAt: new Date(start + 86400_000), endsAt: new Date(start + 86400_000 + 2 * 3600_000), capacity: 5 },
        ],
      });
      const people = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser(db, { displayName: `参加者 ${i}` })));
      await createApplication(db, { shiftId: shifts[0].id, userId: people[0].id });
      await createApplication(db, { shiftId: shifts[0].id, userId: people[1].id });
      await createApplication(db, { shiftId: shifts[0].id, userId: people[2].id, status: "waitlisted" });
      await createApplication(db, { shiftId: shifts[0].id, userId: people[3].id, status: "withdrawn" });
      await createApplication(db, { shiftId: shifts[1].id, userId: people[4].id });
      // people[0] already has a thread about this posting: the message goes into it.
      const existing = await ensureThread(db, { postingId: posting.id, volunteerUserId: people[0].id });

      const sent = await bulkMessage(db, { organisationId: organisation.id, shiftId: shifts[0].id, senderUserId: owner.id, body: "集合場所が変わりました。", origin: ctx.origin });
      expect(sent).toBe(2);
      const written = await db
        .selectFrom("messages as m")
        .innerJoin("message_threads as t", "t.id", "m.thread_id")
        .select(["t.id", "t.volunteer_user_id", "m.sender_side", "m.sender_user_id"])
        .where("t.posting_id", "=", posting.id)
        .orderBy("t.volunteer_user_id")
        .execute();
      expect(written.map((w) => w.volunteer_user_id)).toEqual([people[0].id, people[1].id].sort((a, b) => a - b));
      expect(written.every((w) => w.sender_side === "organisation" && w.sender_user_id === owner.id)).toBe(true);
      expect(written.find((w) => w.volunteer_user_id === people[0].id)?.id).toBe(existing);
      expect(await newMessageEmails(people[1])).toHaveLength(1);
      expect(await newMessageEmails(people[2])).toEqual([]);
    });

    it("writes nothing for a shift of another organisation", async () => {
      const { shifts } = await createMatchingScene(db);
      const person = await createUser(db);
      await createApplication(db, { shiftId: shifts[0].id, userId: person.id });
      const intruder = await createUser(db);
      const intruderOrg = await createOrganisation(db, { ownerId: intruder.id });
      expect(await bulkMessage(db, { organisationId: intruderOrg.id, shiftId: shifts[0].id, senderUserId: intruder.id, body: "なりすまし" })).toBe(0);
      expect(await db.selectFrom("messages").select("id").where("body", "=", "なりすまし").execute()).toEqual([]);
    });
  });
});
