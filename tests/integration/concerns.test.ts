import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { authenticate } from "~/modules/accounts/accounts.server";
import { parseAuditParams, searchAuditLog } from "~/modules/concerns/audit-search.server";
import { POSTING_SUSPENDED_REASON } from "~/modules/concerns/concerns.rules";
import { getConcernDetail, listConcerns, reportConcern, reportSubject } from "~/modules/concerns/concerns.server";
import { addConcernNote, closeConcern, reopenConcern } from "~/modules/concerns/handling.server";
import { liftPostingSuspension, suspendFromConcern } from "~/modules/concerns/suspensions.server";
import { reviewOrganisation } from "~/modules/organisations/organisations.server";
import { changePostingStatus } from "~/modules/postings/postings.server";
import { registerRetentionStep, runRetention } from "~/modules/safeguarding/retention.server";
import { getSafeguardingSettings, updateSafeguardingSettings } from "~/modules/safeguarding/settings.server";
import { createSession } from "~/utils/session.server";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { applicant, foundInSearch, pastApplication, personBorn, postingWithShifts, report } from "../support/concern-factories";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx, TEST_PASSWORD } from "../support/factories";
import { auditRows, emailsTo, uniqueEmail, uniqueKey } from "../support/more-factories";

const SCRIPT_REPORT = '<script>alert("x")</script> 作業中、大人が子どもを一人きりにしていました。';

describe.each(testDatabases())("concerns, suspensions, audit search and retention on $name", ({ open }) => {
  let db: DB;
  let staff: Awaited<ReturnType<typeof createUser>>;
  let admin: Awaited<ReturnType<typeof createUser>>;
  let disabledStaff: Awaited<ReturnType<typeof createUser>>;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    staff = await createUser(db, { role: "staff", email: uniqueEmail("staff"), displayName: "区職員 一郎" });
    admin = await createUser(db, { role: "admin", email: uniqueEmail("admin") });
    disabledStaff = await createUser(db, { role: "staff", email: uniqueEmail("gone") });
    await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabledStaff.id).execute();
  });

  const concernRow = (id: number) => db.selectFrom("concerns").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const applicationsOf = (postingId: number) =>
    db.selectFrom("applications").select(["id", "user_id", "status", "shift_id"]).where("posting_id", "=", postingId).orderBy("id").execute();

  describe("reporting a concern", () => {
    it("anyone can report a posting: the text is kept as typed, every active staff account is emailed a notice without it, and it is audited", async () => {
      const { posting, organisation } = await postingWithShifts(db);
      const result = await reportConcern(
        db,
        { subjectType: "posting", subjectId: posting.id, category: "child_safety", description: SCRIPT_REPORT, contactEmail: "parent@example.jp" },
        null,
        { ...ctx, ip: "203.0.113.9" },
      );
      expect(result.status).toBe("ok");
      const reference = result.status === "ok" ? result.reference : "";
      expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

      const concern = await db.selectFrom("concerns").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();
      expect(concern).toMatchObject({
        subject_type: "posting",
        posting_id: posting.id,
        organisation_id: organisation.id,
        category: "child_safety",
        description: SCRIPT_REPORT,
        contact_email: "parent@example.jp",
        reporter_user_id: null,
        status: "open",
      });

      for (const person of [staff, admin]) {
        const emails = (await emailsTo(db, person.email)).filter((e) => e.props.reference === reference);
        expect(emails.map((e) => e.template), person.email).toEqual(["concern-received"]);
        expect(emails[0].props).toEqual({
          reference,
          category: "child_safety",
          subjectType: "posting",
          subjectName: posting.title,
          concernUrl: `${ctx.origin}/staff/concerns/${concern.id}`,
        });
        expect(JSON.stringify(emails[0].props)).not.toContain("一人きり");
      }
      expect(await emailsTo(db, disabledStaff.email)).toEqual([]);
      expect(await emailsTo(db, "parent@example.jp")).toEqual([]);

      const [entry] = await auditRows(db, { action: "concern.reported", subjectId: concern.id });
      expect(entry).toMatchObject({ actor_user_id: null, subject_type: "concern", ip: "203.0.113.9" });
      expect(entry.details).toMatchObject({ reference, category: "child_safety", about: "posting", postingId: posting.id });
    });

    it("a signed-in reporter is recorded; a report about a person names the account, about an organisation the organisation", async () => {
      const reporter = await createUser(db);
      const subject = await createUser(db);
      const organisation = await createOrganisation(db);
      const aboutPerson = await report(db, { subjectType: "user", subjectId: subject.id, category: "harassment" }, reporter.id);
      expect(aboutPerson).toMatchObject({ subject_type: "user", subject_user_id: subject.id, posting_id: null, organisation_id: null, reporter_user_id: reporter.id });
      const aboutGroup = await report(db, { subjectType: "organisation", subjectId: organisation.id, category: "fraud_misuse" });
      expect(aboutGroup).toMatchObject({ subject_type: "organisation", organisation_id: organisation.id });
      // The staff notice never carries a person's name.
      const notice = (await emailsTo(db, staff.email)).find((e) => e.props.reference === aboutPerson.reference);
      expect(notice?.props).toMatchObject({ subjectType: "user", subjectName: "" });
    });

    it("the same form sent twice gives one report, one reference and one notice per staff account", async () => {
      const input = { subjectType: "general" as const, category: "other" as const, description: "二度押し", submissionKey: uniqueKey() };
      const [first, second] = await Promise.all([reportConcern(db, input, null, ctx), reportConcern(db, input, null, ctx)]);
      expect(second).toEqual(first);
      expect(await db.selectFrom("concerns").select("id").where("submission_key", "=", input.submissionKey).execute()).toHaveLength(1);
      const reference = first.status === "ok" ? first.reference : "";
      expect((await emailsTo(db, staff.email)).filter((e) => e.props.reference === reference)).toHaveLength(1);
    });

    it("a subject that does not exist is refused, not stored", async () => {
      const before = await db.selectFrom("concerns").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      expect(await reportConcern(db, { subjectType: "posting", subjectId: 999_999, category: "other", description: "x" }, null, ctx)).toEqual({ status: "subject-gone" });
      expect(await reportConcern(db, { subjectType: "user", subjectId: 999_999, category: "other", description: "x" }, null, ctx)).toEqual({ status: "subject-gone" });
      const after = await db.selectFrom("concerns").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it("the form names public postings and verified organisations only, and never a person", async () => {
      const { posting } = await postingWithShifts(db);
      expect(await reportSubject(db, "posting", posting.id)).toEqual({ type: "posting", id: posting.id, label: posting.title });
      const pending = await createOrganisation(db, { status: "pending" });
      const draft = await createPosting(db, pending.id, { status: "draft" });
      expect(await reportSubject(db, "posting", draft.id)).toEqual({ type: "posting", id: draft.id, label: null });
      expect(await reportSubject(db, "organisation", pending.id)).toEqual({ type: "organisation", id: pending.id, label: null });
      const person = await createUser(db, { displayName: "秘密 の名前" });
      expect(await reportSubject(db, "user", person.id)).toEqual({ type: "user", id: person.id, label: null });
      expect(await reportSubject(db, "posting", 999_999)).toBeNull();
    });
  });

  describe("the staff queue", () => {
    it("shows open reports with a child's safety first, then the longest waiting, with the report as text", async () => {
      const older = await report(db, { category: "harassment", description: "古い報告" });
      const newer = await report(db, { category: "other", description: "新しい報告" });
      const urgent = await report(db, { category: "child_safety", description: SCRIPT_REPORT });
      await db.updateTable("concerns").set({ created_at: new Date(Date.now() - 3 * 86400_000) }).where("id", "=", older.id).execute();
      const { items, total } = await listConcerns(db, { status: "open", page: 1 }, 500);
      const ids = items.map((i) => i.id);
      expect(total).toBeGreaterThanOrEqual(3);
      // All urgent ones precede the others; among the others, the older comes first.
      const firstOther = items.findIndex((i) => i.category !== "child_safety");
      expect(items.slice(firstOther).some((i) => i.category === "child_safety")).toBe(false);
      expect(ids.indexOf(urgent.id)).toBeLessThan(firstOther);
      expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
      expect(items.find((i) => i.id === urgent.id)?.excerpt).toContain('<script>alert("x")</script>');
    });

    it("filters by state, kind, subject and reference", async () => {
      const { posting } = await postingWithShifts(db);
      const target = await report(db, { subjectType: "posting", subjectId: posting.id, category: "dangerous_activity" });
      const byReference = await listConcerns(db, { status: "all", reference: target.reference, page: 1 });
      expect(byReference.items.map((i) => i.id)).toEqual([target.id]);
      expect(byReference.items[0]).toMatchObject({ posting_title: posting.title, subject_type: "posting" });
      const dangerous = await listConcerns(db, { status: "open", category: "dangerous_activity", subjectType: "posting", page: 1 }, 500);
      expect(dangerous.items.every((i) => i.category === "dangerous_activity" && i.subject_type === "posting")).toBe(true);
      expect(dangerous.items.map((i) => i.id)).toContain(target.id);
      await closeConcern(db, staff.id, target.id, { outcome: "no_action" }, ctx.ip);
      expect((await listConcerns(db, { status: "open", reference: target.reference, page: 1 })).items).toEqual([]);
      expect((await listConcerns(db, { status: "closed", reference: target.reference, page: 1 })).items.map((i) => i.outcome)).toEqual(["no_action"]);
    });

    it("notes, closing with an outcome and reopening are recorded on the report and in the audit log", async () => {
      const concern = await report(db);
      expect(await addConcernNote(db, staff.id, concern.id, "保護者に電話で確認した。", ctx.ip)).toBe("ok");
      expect(await closeConcern(db, staff.id, concern.id, { outcome: "advice_given", note: "団体に助言" }, ctx.ip)).toBe("ok");
      expect(await closeConcern(db, staff.id, concern.id, { outcome: "no_action" }, ctx.ip)).toBe("not-allowed");
      expect(await concernRow(concern.id)).toMatchObject({ status: "closed", outcome: "advice_given", closed_by: staff.id });
      expect(await reopenConcern(db, staff.id, concern.id, ctx.ip)).toBe("ok");
      expect(await concernRow(concern.id)).toMatchObject({ status: "open", outcome: null, closed_at: null });
      expect(await addConcernNote(db, staff.id, 999_999, "x", ctx.ip)).toBe("not-found");

      const detail = await getConcernDetail(db, concern.id);
      expect(detail?.notes.map((n) => [n.kind, n.body, n.author_name])).toEqual([
        ["note", "保護者に電話で確認した。", "区職員 一郎"],
        ["closed", "団体に助言", "区職員 一郎"],
        ["reopened", "", "区職員 一郎"],
      ]);
      const actions = (await auditRows(db, { subjectType: "concern", subjectId: concern.id })).map((r) => r.action);
      expect(actions).toEqual(["concern.reported", "concern.note_added", "concern.closed", "concern.reopened"]);
    });
  });

  describe("suspending from a report", () => {
    it("a posting: closed at once, gone from search, applications to coming shifts cancelled and each person emailed once", async () => {
      const { posting, shifts, word, organisation } = await postingWithShifts(db, { capacity: 1 });
      const both = await applicant(db, posting.id, [shifts[0].id, shifts[1].id], "両方 申込");
      const waiting = await applicant(db, posting.id, [shifts[0].id], "待ち 花子");
      expect(waiting.outcomes[0].status).toBe("waitlisted");
      expect(await foundInSearch(db, word, posting.id)).toBe(true);
      const concern = await report(db, { subjectType: "posting", subjectId: posting.id, category: "child_safety", description: SCRIPT_REPORT });

      const before = await getConcernDetail(db, concern.id);
      expect(before?.suspensions).toEqual(["posting", "organisation"]);
      expect(before?.posting?.impact).toEqual({ applications: 3, people: 2 });

      expect(await suspendFromConcern(db, staff.id, concern.id, "posting", "安全が確認できるまで停止", ctx)).toBe("ok");

      const row = await db.selectFrom("postings").select(["status", "status_reason"]).where("id", "=", posting.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "closed", status_reason: POSTING_SUSPENDED_REASON });
      expect(await foundInSearch(db, word, posting.id)).toBe(false);
      expect((await applicationsOf(posting.id)).map((a) => a.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
      expect(await db.selectFrom("shifts").select("confirmed_count").where("posting_id", "=", posting.id).execute()).toEqual([{ confirmed_count: 0 }, { confirmed_count: 0 }]);
      for (const person of [both.user, waiting.user]) {
        const cancelled = (await emailsTo(db, person.email)).filter((e) => e.template === "posting-cancelled");
        expect(cancelled, person.email).toHaveLength(1);
        // The neutral notice: nothing of what was reported or of staff's reason.
        expect(cancelled[0].props).toMatchObject({ postingTitle: posting.title, organisationName: organisation.name, reason: "", by: "staff" });
      }

      const detail = await getConcernDetail(db, concern.id);
      expect(detail?.posting?.suspended).toBe(true);
      expect(detail?.suspensions).toEqual(["organisation"]);
      expect(detail?.notes.map((n) => [n.kind, n.body])).toEqual([["suspended_posting", "安全が確認できるまで停止"]]);
      expect((await auditRows(db, { action: "posting.suspended", subjectId: posting.id }))[0]).toMatchObject({ actor_user_id: staff.id, subject_type: "posting" });
      expect((await auditRows(db, { action: "concern.suspended", subjectId: concern.id }))[0].details).toMatchObject({ target: "posting", targetId: posting.id });

      // Once is enough; and the group cannot reopen it while it is suspended.
      expect(await suspendFromConcern(db, staff.id, concern.id, "posting", "もう一度", ctx)).toBe("not-allowed");
      const reopened = await changePostingStatus(db, organisation.id, posting.id, "reopen", "", organisation.created_by ?? staff.id, ctx.ip).catch(() => "refused");
      expect(reopened).not.toBe("ok");
      expect((await db.selectFrom("postings").select("status").where("id", "=", posting.id).executeTakeFirstOrThrow()).status).toBe("closed");

      // Lifting the suspension lets the group reopen it.
      expect(await liftPostingSuspension(db, staff.id, concern.id, ctx.ip)).toBe("ok");
      expect(await changePostingStatus(db, organisation.id, posting.id, "reopen", "", staff.id, ctx.ip)).toBe("ok");
      expect(await foundInSearch(db, word, posting.id)).toBe(true);
      expect(await liftPostingSuspension(db, staff.id, concern.id, ctx.ip)).toBe("not-allowed");
    });

    it("an organisation: suspended as from its review page, its postings closed and their applicants told, its owners emailed the reason", async () => {
      const { posting, shifts, word, organisation, owner } = await postingWithShifts(db);
      const person = await applicant(db, posting.id, [shifts[1].id]);
      const concern = await report(db, { subjectType: "posting", subjectId: posting.id, category: "fraud_misuse" });
      expect(await suspendFromConcern(db, staff.id, concern.id, "organisation", "会費の不正な徴収の疑い", ctx)).toBe("ok");

      expect((await db.selectFrom("organisations").select("status").where("id", "=", organisation.id).executeTakeFirstOrThrow()).status).toBe("suspended");
      expect((await db.selectFrom("postings").select("status").where("id", "=", posting.id).executeTakeFirstOrThrow()).status).toBe("closed");
      expect(await foundInSearch(db, word, posting.id)).toBe(false);
      expect((await applicationsOf(posting.id)).map((a) => a.status)).toEqual(["cancelled"]);
      const told = (await emailsTo(db, person.user.email)).filter((e) => e.template === "posting-cancelled");
      expect(told).toHaveLength(1);
      expect(told[0].props).toMatchObject({ reason: "", by: "staff" });
      const ownerMail = (await emailsTo(db, owner.email)).filter((e) => e.template === "organisation-suspended");
      expect(ownerMail.map((e) => e.props.reason)).toEqual(["会費の不正な徴収の疑い"]);
      expect(await auditRows(db, { action: "organisation.suspend", subjectId: organisation.id })).toHaveLength(1);
      expect((await auditRows(db, { action: "concern.suspended", subjectId: concern.id }))[0].details).toMatchObject({ target: "organisation", targetId: organisation.id });
      expect(await suspendFromConcern(db, staff.id, concern.id, "organisation", "again", ctx)).toBe("not-allowed");
    });

    it("the staff review page's suspension also cancels the applications to the organisation's postings", async () => {
      const { posting, shifts, organisation } = await postingWithShifts(db);
      const person = await applicant(db, posting.id, [shifts[0].id]);
      expect(await reviewOrganisation(db, staff.id, organisation.id, "suspend", "確認のため", ctx)).toBe("ok");
      expect((await applicationsOf(posting.id)).map((a) => a.status)).toEqual(["cancelled"]);
      const told = (await emailsTo(db, person.user.email)).filter((e) => e.template === "posting-cancelled");
      expect(told.map((e) => e.props.by)).toEqual(["staff"]);
      expect(JSON.stringify(told[0].props)).not.toContain("確認のため");
    });

    it("an account: disabled, every session gone, login refused, and its places passed to the waiting list", async () => {
      const { posting, shifts } = await postingWithShifts(db, { capacity: 1 });
      const suspect = await applicant(db, posting.id, [shifts[0].id], "対象 次郎");
      const waiting = await applicant(db, posting.id, [shifts[0].id], "待ち 三郎");
      expect(suspect.outcomes[0].status).toBe("confirmed");
      expect(waiting.outcomes[0].status).toBe("waitlisted");
      await createSession(db, suspect.user, { ip: "198.51.100.1", userAgent: "test", secondFactor: false });
      await createSession(db, suspect.user, { ip: "198.51.100.2", userAgent: "test", secondFactor: false });
      expect((await authenticate(db, { email: suspect.user.email, password: TEST_PASSWORD }, ctx)).status).toBe("ok");
      const concern = await report(db, { subjectType: "user", subjectId: suspect.user.id, category: "harassment" });

      expect((await getConcernDetail(db, concern.id))?.suspensions).toEqual(["user"]);
      expect(await suspendFromConcern(db, staff.id, concern.id, "user", "参加者へのいやがらせ", ctx)).toBe("ok");

      const user = await db.selectFrom("users").select("disabled_at").where("id", "=", suspect.user.id).executeTakeFirstOrThrow();
      expect(user.disabled_at).not.toBeNull();
      expect(await db.selectFrom("sessions").select("id").where("user_id", "=", suspect.user.id).execute()).toEqual([]);
      expect((await authenticate(db, { email: suspect.user.email, password: TEST_PASSWORD }, ctx)).status).toBe("invalid");

      const statuses = Object.fromEntries((await applicationsOf(posting.id)).map((a) => [a.user_id, a.status]));
      expect(statuses).toEqual({ [suspect.user.id]: "cancelled", [waiting.user.id]: "confirmed" });
      expect((await emailsTo(db, waiting.user.email)).map((e) => e.template)).toContain("application-promoted");
      expect((await db.selectFrom("shifts").select("confirmed_count").where("id", "=", shifts[0].id).executeTakeFirstOrThrow()).confirmed_count).toBe(1);
      // The group is told in its conversation with the person, as a notice.
      const notices = await db
        .selectFrom("messages as m")
        .innerJoin("message_threads as t", "t.id", "m.thread_id")
        .select(["m.body", "m.sender_side"])
        .where("t.posting_id", "=", posting.id)
        .where("t.volunteer_user_id", "=", suspect.user.id)
        .where("m.body", "like", "concerns.system.%")
        .execute();
      expect(notices).toEqual([{ body: `concerns.system.applicationCancelled?when=${new Date(shifts[0].starts_at).toISOString()}`, sender_side: "system" }]);
      expect((await auditRows(db, { action: "account.suspended", subjectId: suspect.user.id }))[0]).toMatchObject({ actor_user_id: staff.id, subject_type: "user" });
      expect((await auditRows(db, { action: "account.suspended", subjectId: suspect.user.id }))[0].details).toMatchObject({ cancelledApplications: 1 });
      expect(await suspendFromConcern(db, staff.id, concern.id, "user", "again", ctx)).toBe("not-allowed");
    });

    it("never a staff or admin account, and nothing a report does not name", async () => {
      const aboutStaff = await report(db, { subjectType: "user", subjectId: admin.id, category: "other" });
      expect((await getConcernDetail(db, aboutStaff.id))?.suspensions).toEqual([]);
      expect(await suspendFromConcern(db, staff.id, aboutStaff.id, "user", "x", ctx)).toBe("not-allowed");
      expect((await db.selectFrom("users").select("disabled_at").where("id", "=", admin.id).executeTakeFirstOrThrow()).disabled_at).toBeNull();
      const general = await report(db);
      for (const target of ["posting", "organisation", "user"] as const) expect(await suspendFromConcern(db, staff.id, general.id, target, "x", ctx)).toBe("not-allowed");
      expect(await suspendFromConcern(db, staff.id, 999_999, "posting", "x", ctx)).toBe("not-found");
    });
  });

  describe("audit log search", () => {
    let actor: Awaited<ReturnType<typeof createUser>>;
    const subjectId = uniqueKey("s");
    beforeAll(async () => {
      actor = await createUser(db, { email: uniqueEmail("auditor"), displayName: "監査 テスト" });
      // Entries around the Tokyo midnight that starts 2031-05-02 (15:00 UTC the day before).
      const entries: [string, string, number | null][] = [
        ["2031-05-01T14:59:59Z", "audittest.alpha", actor.id],
        ["2031-05-01T15:00:00Z", "audittest.beta", actor.id],
        ["2031-05-02T03:00:00Z", "audittest.alpha", null],
        ["2031-05-02T15:00:00Z", "audittest_other.alpha", actor.id],
      ];
      // In time order, so that ids (the paging key) follow the times as they do in real life.
      for (const [at, action, actorUserId] of entries)
        await db
          .insertInto("audit_log")
          .values({
            at: new Date(at),
            actor_user_id: actorUserId,
            action,
            subject_type: "testsubject",
            subject_id: `${subjectId}-t`,
            ip: "192.0.2.7",
            details: sql<string>`cast(${JSON.stringify({ note: "<b>x</b>" })} as text)::jsonb`,
          })
          .execute();
    });
    const search = (params: string) => {
      const parsed = parseAuditParams(new URLSearchParams(params));
      expect(parsed.errors).toEqual({});
      return searchAuditLog(db, parsed.query);
    };
    const actions = async (params: string) => (await search(params)).entries.map((e) => e.action);

    it("finds by action prefix, newest first, with who, from where and the details as text", async () => {
      const result = await search(`action=audittest.&subjectId=${subjectId}-t`);
      expect(result.entries.map((e) => e.action)).toEqual(["audittest.alpha", "audittest.beta", "audittest.alpha"]);
      expect(result.entries.map((e) => e.at.toISOString())).toEqual(["2031-05-02T03:00:00.000Z", "2031-05-01T15:00:00.000Z", "2031-05-01T14:59:59.000Z"]);
      expect(result.entries[1]).toMatchObject({ ip: "192.0.2.7", subjectType: "testsubject", actor: { id: actor.id, name: "監査 テスト", email: actor.email, deleted: false } });
      expect(result.entries[0].actor).toBeNull();
      expect(JSON.parse(result.entries[0].details)).toEqual({ note: "<b>x</b>" });
      // `_` in a prefix is a character, not a wildcard.
      expect(await actions(`action=audittest_&subjectId=${subjectId}-t`)).toEqual(["audittest_other.alpha"]);
    });

    it("finds by actor: an id, part of an email or name, or system", async () => {
      const mine = `subjectId=${subjectId}-t&subjectType=testsubject`;
      expect(await actions(`${mine}&actor=${actor.id}`)).toEqual(["audittest_other.alpha", "audittest.beta", "audittest.alpha"]);
      expect(await actions(`${mine}&actor=${encodeURIComponent(actor.email.slice(0, 12).toUpperCase())}`)).toHaveLength(3);
      expect(await actions(`${mine}&actor=${encodeURIComponent("監査")}`)).toHaveLength(3);
      expect(await actions(`${mine}&actor=system`)).toEqual(["audittest.alpha"]);
      expect(await actions(`${mine}&actor=nobody-at-all`)).toEqual([]);
    });

    it("filters by Tokyo dates, inclusive", async () => {
      const mine = `subjectId=${subjectId}-t`;
      expect(await actions(`${mine}&from=2031-05-02&to=2031-05-02`)).toEqual(["audittest.alpha", "audittest.beta"]);
      expect(await actions(`${mine}&to=2031-05-01`)).toEqual(["audittest.alpha"]);
      expect(await actions(`${mine}&from=2031-05-03`)).toEqual(["audittest_other.alpha"]);
    });

    it("pages newest first by id, both ways", async () => {
      const mine = parseAuditParams(new URLSearchParams(`subjectId=${subjectId}-t`)).query;
      const first = await searchAuditLog(db, mine, 2);
      expect(first.entries.map((e) => e.action)).toEqual(["audittest_other.alpha", "audittest.alpha"]);
      expect([first.hasNewer, first.hasOlder]).toEqual([false, true]);
      const second = await searchAuditLog(db, { ...mine, before: first.oldest }, 2);
      expect(second.entries.map((e) => e.action)).toEqual(["audittest.beta", "audittest.alpha"]);
      expect([second.hasNewer, second.hasOlder]).toEqual([true, false]);
      const back = await searchAuditLog(db, { ...mine, after: second.newest }, 2);
      expect(back.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
      expect([back.hasNewer, back.hasOlder]).toEqual([false, true]);
    });

    it("bad filters get a message each and are left out", () => {
      const { query, errors } = parseAuditParams(new URLSearchParams("action=DROP TABLE;&subjectType=Posting!&from=2031-02-30&to=yesterday&before=abc"));
      // A paging cursor that is not an id (before=abc) is a message too, as is one out of PostgreSQL's integer range.
      expect(Object.keys(errors).sort()).toEqual(["action", "before", "from", "subjectType", "to"]);
      expect(query).toEqual({});
      expect(parseAuditParams(new URLSearchParams("actor=2147483648&after=99999999999999999999")).errors).toEqual({ actor: ["v.idRange"], after: ["v.idRange"] });
      expect(parseAuditParams(new URLSearchParams("actor=2147483647&before=12")).query).toEqual({ actor: "2147483647", before: 12 });
      expect(parseAuditParams(new URLSearchParams("from=2031-05-03&to=2031-05-01")).errors).toEqual({ to: ["v.dateRange"] });
    });

    it("nobody can change or remove an entry: the table refuses, and the staff page has no action", async () => {
      const [row] = await auditRows(db, { subjectId: `${subjectId}-t` });
      await expect(db.updateTable("audit_log").set({ action: "forged" }).where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom("audit_log").where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
      expect((await auditRows(db, { subjectId: `${subjectId}-t` })).map((r) => r.action)).toContain(row.action);
      const route = await import("~/routes/staff.audit");
      expect(Object.keys(route)).not.toContain("action");
      expect(Object.keys(route)).toContain("loader");
    });
  });

  describe("retention of minors' data", () => {
    const NOW = new Date("2031-06-15T03:00:00Z");

    it("clears the texts of minors' applications from school years now due, keeps adults' and recent ones, and counts them anonymously", async () => {
      // With 12 months, on 15 June 2031 activities before 1 April 2030 (Tokyo) are due.
      const minor = await personBorn(db, "2013-06-01");
      const adult = await personBorn(db, "2000-01-01");
      const turns18 = await personBorn(db, "2011-03-31");
      const noBirthDate = await createUser(db);
      const due = await pastApplication(db, { userId: minor.id, startsAt: new Date("2029-09-01T01:00:00Z"), decisionReason: "雨天のため" });
      const lastDay = await pastApplication(db, { userId: minor.id, startsAt: new Date("2030-03-31T10:00:00Z"), status: "no_show" });
      const nextYear = await pastApplication(db, { userId: minor.id, startsAt: new Date("2030-03-31T15:30:00Z") });
      const grownUp = await pastApplication(db, { userId: adult.id, startsAt: new Date("2029-09-01T01:00:00Z") });
      // On 31 March 2029 (Tokyo) the person turned 18: an adult that day.
      const birthday = await pastApplication(db, { userId: turns18.id, startsAt: new Date("2029-03-31T01:00:00Z") });
      const dayBefore = await pastApplication(db, { userId: turns18.id, startsAt: new Date("2029-03-30T01:00:00Z") });
      const unknownAge = await pastApplication(db, { userId: noBirthDate.id, startsAt: new Date("2029-09-01T01:00:00Z") });

      const summary = await runRetention(db, { now: NOW, settings: { months: 12, minorAge: 18 } });
      expect(summary.cutoff.toISOString()).toBe("2030-03-31T15:00:00.000Z");
      expect(summary.handled.applications).toBeGreaterThanOrEqual(3);

      const rows = await db
        .selectFrom("applications")
        .select(["id", "message", "decision_reason", "retention_purged_at", "status"])
        .where("id", "in", [due.id, lastDay.id, nextYear.id, grownUp.id, birthday.id, dayBefore.id, unknownAge.id])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const cleared of [due, lastDay, dayBefore]) expect(byId.get(cleared.id), `application ${cleared.id}`).toMatchObject({ message: "", decision_reason: "" });
      for (const cleared of [due, lastDay, dayBefore]) expect(byId.get(cleared.id)?.retention_purged_at).not.toBeNull();
      for (const kept of [nextYear, grownUp, birthday, unknownAge]) {
        expect(byId.get(kept.id)?.message, `application ${kept.id}`).toBe("参加します。電話は090-0000-0000です。");
        expect(byId.get(kept.id)?.retention_purged_at).toBeNull();
      }
      // The application itself stays, with its state, for the person's own history.
      expect(byId.get(lastDay.id)?.status).toBe("no_show");

      const counts = await db.selectFrom("retention_counts").select(["school_year", "subject", "category_code", "status", "count"]).where("counted_at", "=", NOW).execute();
      const total = (year: number, status: string) => counts.filter((c) => c.school_year === year && c.status === status).reduce((n, c) => n + c.count, 0);
      expect(total(2029, "confirmed")).toBeGreaterThanOrEqual(1);
      expect(total(2029, "no_show")).toBeGreaterThanOrEqual(1);
      expect(total(2028, "confirmed")).toBeGreaterThanOrEqual(1);
      // (Conversations of minors that other tests left in this database are due at NOW as well: counted as threads.)
      expect(counts.every((c) => ["minor_application", "minor_thread"].includes(c.subject) && c.category_code !== "")).toBe(true);
      expect(counts.some((c) => c.subject === "minor_application")).toBe(true);
      expect(await auditRows(db, { action: "retention.purged", subjectId: "applications" })).not.toHaveLength(0);

      // A second run finds nothing more to do.
      const again = await runRetention(db, { now: NOW, settings: { months: 12, minorAge: 18 } });
      expect(again.handled.applications).toBe(0);
    });

    it("deletes a minor's conversation with the group once it and their shifts are due; adults' and recent ones stay", async () => {
      const thread = async (app: { posting_id: number; user_id: number }, lastMessageAt: Date) => {
        const organisation = await db.selectFrom("postings").select("organisation_id").where("id", "=", app.posting_id).executeTakeFirstOrThrow();
        const t = await db
          .insertInto("message_threads")
          .values({ posting_id: app.posting_id, organisation_id: organisation.organisation_id, volunteer_user_id: app.user_id, created_at: lastMessageAt, last_message_at: lastMessageAt })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db.insertInto("messages").values({ thread_id: t.id, sender_user_id: app.user_id, sender_side: "volunteer", body: "電話は090-0000-0000です。", created_at: lastMessageAt }).execute();
        return t.id;
      };
      const minor = await personBorn(db, "2013-06-01");
      const adult = await personBorn(db, "2000-01-01");
      const dueApp = await pastApplication(db, { userId: minor.id, startsAt: new Date("2029-09-01T01:00:00Z") });
      const due = await thread(dueApp, new Date("2029-09-02T01:00:00Z"));
      // Written to after the cutoff (the person asked something later): not due yet.
      const lateApp = await pastApplication(db, { userId: minor.id, startsAt: new Date("2029-09-01T01:00:00Z") });
      const late = await thread(lateApp, new Date("2030-05-01T01:00:00Z"));
      const adultApp = await pastApplication(db, { userId: adult.id, startsAt: new Date("2029-09-01T01:00:00Z") });
      const adults = await thread(adultApp, new Date("2029-09-02T01:00:00Z"));

      const summary = await runRetention(db, { now: NOW, settings: { months: 12, minorAge: 18 } });
      expect(summary.handled.threads).toBeGreaterThanOrEqual(1);
      const left = (await db.selectFrom("message_threads").select("id").where("id", "in", [due, late, adults]).execute()).map((r) => r.id);
      expect(left.sort()).toEqual([late, adults].sort());
      expect(await db.selectFrom("messages").select("id").where("thread_id", "=", due).execute()).toEqual([]);
      const counted = await db.selectFrom("retention_counts").select(["school_year", "count"]).where("counted_at", "=", NOW).where("subject", "=", "minor_thread").execute();
      expect(counted.filter((c) => c.school_year === 2029).reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(1);
      expect(await auditRows(db, { action: "retention.purged", subjectId: "threads" })).not.toHaveLength(0);
    });

    it("takes the minor age from the safeguarding settings staff set", async () => {
      // 19 on the day: an adult under the default, a minor once staff set the age to 20.
      const nineteen = await personBorn(db, "2010-08-01");
      const app = await pastApplication(db, { userId: nineteen.id, startsAt: new Date("2029-09-01T01:00:00Z") });
      const before = await getSafeguardingSettings(db);
      try {
        await updateSafeguardingSettings(db, { ...before, minorAge: 20 }, { userId: staff.id, ip: ctx.ip });
        await runRetention(db, { now: NOW });
        const row = await db.selectFrom("applications").select(["message", "retention_purged_at"]).where("id", "=", app.id).executeTakeFirstOrThrow();
        expect(row.message).toBe("");
        expect(row.retention_purged_at).not.toBeNull();
      } finally {
        await updateSafeguardingSettings(db, before, { userId: staff.id, ip: ctx.ip });
      }
    });

    it("a longer period keeps more; registered steps run with the same cutoff in the same run", async () => {
      const minor = await personBorn(db, "2015-01-01");
      const app = await pastApplication(db, { userId: minor.id, startsAt: new Date("2029-10-01T01:00:00Z") });
      const later = new Date("2032-06-15T03:00:00Z");
      const seen: string[] = [];
      registerRetentionStep("consent-records-test", async (_trx, context) => {
        seen.push(context.cutoff.toISOString());
        return 0;
      });
      const long = await runRetention(db, { now: later, settings: { months: 36, minorAge: 18 } });
      expect(long.cutoff.toISOString()).toBe("2029-03-31T15:00:00.000Z");
      expect((await db.selectFrom("applications").select("message").where("id", "=", app.id).executeTakeFirstOrThrow()).message).not.toBe("");
      expect(seen).toEqual(["2029-03-31T15:00:00.000Z"]);
      expect(long.handled["consent-records-test"]).toBe(0);

      await runRetention(db, { now: later, settings: { months: 12, minorAge: 18 } });
      expect((await db.selectFrom("applications").select("message").where("id", "=", app.id).executeTakeFirstOrThrow()).message).toBe("");
    });
  });
});
