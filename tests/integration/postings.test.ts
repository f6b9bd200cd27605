import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { PostingStatus } from "#db/schema";
import { reviewOrganisation } from "~/modules/organisations/organisations.server";
import { postingSchema } from "~/modules/postings/postings.schema";
import {
  browsePostings,
  changePostingStatus,
  createPosting,
  getOrganisationPosting,
  getPublicPosting,
  updatePosting,
  type StatusIntent,
} from "~/modules/postings/postings.server";
import { parseForm } from "~/utils/form";
import { tokyoDateString } from "~/utils/format";
import { testDatabases } from "../support/databases";
import { databaseForSuite } from "../support/suite-database";
import { createCatalogue, createOrganisation, createPosting as insertPosting, createUser, ctx } from "../support/factories";
import { auditRows, DAY, futureShift, HOUR, postingInput, uniqueKey } from "../support/more-factories";

describe.each(testDatabases())("postings on $name", ({ open }) => {
  let db: DB;
  let userId: number;

  databaseForSuite(open, async (opened) => {
    db = opened;
    await createCatalogue(db);
    userId = (await createUser(db)).id;
  });

  const postingRow = (id: number) => db.selectFrom("postings").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const shiftsOf = (id: number) => db.selectFrom("shifts").selectAll().where("posting_id", "=", id).orderBy("starts_at").execute();

  async function draftIn(organisationId: number, overrides: Parameters<typeof postingInput>[1] = {}) {
    const result = await createPosting(db, organisationId, userId, await postingInput(db, overrides), ctx.ip);
    if (result.status !== "ok") throw new Error(`could not create the draft: ${JSON.stringify(result)}`);
    return result.id;
  }

  const move = (organisationId: number, postingId: number, intent: StatusIntent) =>
    changePostingStatus(db, organisationId, postingId, intent, "", userId, ctx.ip);

  describe("creating", () => {
    it("creates a draft with its shifts and an audit entry", async () => {
      const org = await createOrganisation(db, { status: "pending" });
      const shifts = [futureShift(3 * DAY, { capacity: 4 }), futureShift(4 * DAY, { capacity: 6 })];
      const id = await draftIn(org.id, { title: "公園清掃", shifts });

      expect(await postingRow(id)).toMatchObject({ title: "公園清掃", status: "draft", organisation_id: org.id, created_by: userId, published_at: null });
      expect((await shiftsOf(id)).map((s) => [s.starts_at.getTime(), s.capacity])).toEqual(shifts.map((s) => [s.startsAt.getTime(), s.capacity]));
      expect(await auditRows(db, { action: "posting.created", subjectId: id })).toHaveLength(1);
    });

    it("the same submission key twice creates one posting (R2)", async () => {
      const org = await createOrganisation(db);
      const input = await postingInput(db, { submissionKey: uniqueKey() });
      const first = await createPosting(db, org.id, userId, input, ctx.ip);
      const second = await createPosting(db, org.id, userId, input, ctx.ip);
      expect(second).toEqual(first);
      expect(await db.selectFrom("postings").select("id").where("organisation_id", "=", org.id).execute()).toHaveLength(1);
      expect(await db.selectFrom("shifts").select("id").where("posting_id", "=", first.status === "ok" ? first.id : -1).execute()).toHaveLength(1);
    });

    it("the same submission key sent several times at once creates one posting and no error (R2)", async () => {
      // A few rounds, so the requests really overlap once the connection pool is warm.
      for (let round = 0; round < 3; round++) {
        const org = await createOrganisation(db);
        const input = await postingInput(db, { submissionKey: uniqueKey() });
        const results = await Promise.allSettled(Array.from({ length: 4 }, () => createPosting(db, org.id, userId, input, ctx.ip)));
        expect(results.filter((r) => r.status === "rejected")).toEqual([]);
        const postings = await db.selectFrom("postings").select("id").where("organisation_id", "=", org.id).execute();
        expect(postings).toHaveLength(1);
        expect(results.every((r) => r.status === "fulfilled" && r.value.status === "ok" && r.value.id === postings[0].id)).toBe(true);
        expect(await shiftsOf(postings[0].id)).toHaveLength(1);
      }
    });

    it("refuses an unknown or inactive category, an unknown district and an unknown place", async () => {
      const org = await createOrganisation(db);
      const inactive = await db.insertInto("categories").values({ code: uniqueKey("old"), name_ja: "旧", name_en: "Old", active: false }).returning("id").executeTakeFirstOrThrow();
      expect(await createPosting(db, org.id, userId, await postingInput(db, { categoryId: 999_999 }), ctx.ip)).toMatchObject({ status: "invalid", field: "categoryId" });
      expect(await createPosting(db, org.id, userId, await postingInput(db, { categoryId: inactive.id }), ctx.ip)).toMatchObject({ status: "invalid", field: "categoryId" });
      expect(await createPosting(db, org.id, userId, await postingInput(db, { districtId: 999_999 }), ctx.ip)).toMatchObject({ status: "invalid", field: "districtId" });
      expect(await createPosting(db, org.id, userId, await postingInput(db, { placeId: 999_999 }), ctx.ip)).toMatchObject({ status: "invalid", field: "placeId" });
      expect(await db.selectFrom("postings").select("id").where("organisation_id", "=", org.id).execute()).toHaveLength(0);
    });

    it("takes the place's name, address and coordinates from the catalogue", async () => {
      const { places } = await createCatalogue(db);
      const org = await createOrganisation(db);
      const id = await draftIn(org.id, { placeId: places[0].id, placeName: "typed name", latitude: 33.9, longitude: 130.9 });
      expect(await postingRow(id)).toMatchObject({ place_id: places[0].id, place_name: "桃園公園", place_address: "八幡東区", latitude: 33.86, longitude: 130.81 });
    });

    it("a form that also sends status and organisation fields still creates a draft of the right organisation (C3)", async () => {
      const { categories, districts } = await createCatalogue(db);
      const org = await createOrganisation(db);
      const other = await createOrganisation(db);
      const day = tokyoDateString(new Date(Date.now() + 5 * DAY));
      const form = new FormData();
      for (const [key, value] of Object.entries({
        title: "夏祭りの設営",
        description: "やぐらの組み立てと提灯の飾り付けを手伝ってください。",
        categoryId: String(categories[0].id),
        districtId: String(districts[0].id),
        placeName: "中央公園",
        contactName: "祭り 係",
        status: "published",
        organisationId: String(other.id),
        organisation_id: String(other.id),
        published_at: new Date().toISOString(),
      }))
        form.append(key, value);
      for (const [start, end] of [["09:00", "11:00"], ["13:00", "15:00"]]) {
        form.append("shiftDate", day);
        form.append("shiftStart", start);
        form.append("shiftEnd", end);
        form.append("shiftCapacity", "3");
      }
      const parsed = parseForm(postingSchema(new Date()), form);
      expect(parsed.success).toBe(true);
      if (!parsed.success) return;

      const result = await createPosting(db, org.id, userId, parsed.data, ctx.ip);
      expect(result.status).toBe("ok");
      const row = await postingRow(result.status === "ok" ? result.id : -1);
      expect(row).toMatchObject({ organisation_id: org.id, status: "draft", published_at: null, title: "夏祭りの設営" });
      const shifts = await shiftsOf(row.id);
      expect(shifts.map((s) => s.starts_at.toISOString())).toEqual([new Date(`${day}T09:00:00+09:00`).toISOString(), new Date(`${day}T13:00:00+09:00`).toISOString()]);
    });
  });

  describe("workflow", () => {
    it("a draft of an organisation still pending verification cannot be published (C4)", async () => {
      const org = await createOrganisation(db, { status: "pending" });
      const id = await draftIn(org.id);
      expect(await move(org.id, id, "publish")).toBe("organisation-not-verified");
      expect(await postingRow(id)).toMatchObject({ status: "draft", published_at: null });

      const staff = await createUser(db, { role: "staff" });
      expect(await reviewOrganisation(db, staff.id, org.id, "verify", "", ctx)).toBe("ok");
      expect(await move(org.id, id, "publish")).toBe("ok");
    });

    it.each(["rejected", "suspended"] as const)("a %s organisation cannot publish", async (status) => {
      const org = await createOrganisation(db, { status });
      const id = (await insertPosting(db, org.id, { status: "draft" })).id;
      expect(await move(org.id, id, "publish")).toBe("organisation-not-verified");
      expect((await postingRow(id)).status).toBe("draft");
    });

    it("a draft whose shifts are all past cannot be published", async () => {
      const org = await createOrganisation(db);
      const past = new Date(Date.now() - 2 * DAY);
      const posting = await insertPosting(db, org.id, { status: "draft", shifts: [{ startsAt: past, endsAt: new Date(past.getTime() + 2 * HOUR) }] });
      expect(await move(org.id, posting.id, "publish")).toBe("no-upcoming-shift");
      const none = await insertPosting(db, org.id, { status: "draft", shifts: [] });
      expect(await move(org.id, none.id, "publish")).toBe("no-upcoming-shift");
      expect((await postingRow(posting.id)).status).toBe("draft");
    });

    it("publishes, closes, reopens and cancels a posting of a verified organisation, auditing each step", async () => {
      const org = await createOrganisation(db, { status: "verified" });
      const id = await draftIn(org.id);

      expect(await move(org.id, id, "publish")).toBe("ok");
      const published = await postingRow(id);
      expect(published.status).toBe("published");
      expect(published.published_at).toBeInstanceOf(Date);
      expect(await move(org.id, id, "publish")).toBe("not-allowed");
      expect(await move(org.id, id, "reopen")).toBe("not-allowed");

      expect(await move(org.id, id, "close")).toBe("ok");
      expect(await postingRow(id)).toMatchObject({ status: "closed" });
      expect(await move(org.id, id, "reopen")).toBe("ok");
      const reopened = await postingRow(id);
      expect(reopened.status).toBe("published");
      expect(reopened.published_at!.getTime()).toBe(published.published_at!.getTime());

      expect(await changePostingStatus(db, org.id, id, "cancel", "雨天のため中止", userId, ctx.ip)).toBe("ok");
      expect(await postingRow(id)).toMatchObject({ status: "cancelled", status_reason: "雨天のため中止" });
      expect((await auditRows(db, { subjectType: "posting", subjectId: id })).map((a) => a.action)).toEqual([
        "posting.created",
        "posting.publish",
        "posting.close",
        "posting.reopen",
        "posting.cancel",
      ]);
    });

    it("cancelled is final: no move and no edit is allowed", async () => {
      const org = await createOrganisation(db);
      const id = await draftIn(org.id);
      expect(await move(org.id, id, "cancel")).toBe("ok");
      for (const intent of ["publish", "close", "reopen", "cancel"] as const) {
        expect(await move(org.id, id, intent)).toBe("not-allowed");
      }
      expect(await updatePosting(db, org.id, id, userId, await postingInput(db, { title: "復活" }), ctx.ip)).toMatchObject({ status: "invalid", field: "form" });
      expect(await postingRow(id)).toMatchObject({ status: "cancelled" });
      expect((await postingRow(id)).title).not.toBe("復活");
    });

    it("a draft cannot be closed or reopened", async () => {
      const org = await createOrganisation(db);
      const id = await draftIn(org.id);
      expect(await move(org.id, id, "close")).toBe("not-allowed");
      expect(await move(org.id, id, "reopen")).toBe("not-allowed");
    });

    it("another organisation cannot move or edit the posting", async () => {
      const org = await createOrganisation(db);
      const other = await createOrganisation(db);
      const id = await draftIn(org.id);
      expect(await move(other.id, id, "publish")).toBe("not-found");
      expect(await move(other.id, id, "cancel")).toBe("not-found");
      expect(await updatePosting(db, other.id, id, userId, await postingInput(db), ctx.ip)).toEqual({ status: "not-found" });
      expect(await getOrganisationPosting(db, other.id, id)).toBeNull();
      expect((await getOrganisationPosting(db, org.id, id))!.status).toBe("draft");
    });
  });

  describe("editing", () => {
    async function postingWithHistory() {
      const org = await createOrganisation(db);
      const past = new Date(Date.now() - 3 * DAY);
      const soon = new Date(Date.now() + 5 * DAY);
      const later = new Date(Date.now() + 6 * DAY);
      const posting = await insertPosting(db, org.id, {
        status: "published",
        shifts: [
          { startsAt: past, endsAt: new Date(past.getTime() + 2 * HOUR), capacity: 3 },
          { startsAt: soon, endsAt: new Date(soon.getTime() + 2 * HOUR), capacity: 4 },
          { startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR), capacity: 5 },
        ],
      });
      const [pastShift, soonShift, laterShift] = await shiftsOf(posting.id);
      return { org, posting, pastShift, soonShift, laterShift };
    }

    it("keeps past shifts, keeps future shifts named by id, and replaces the other future ones", async () => {
      const { org, posting, pastShift, soonShift, laterShift } = await postingWithHistory();
      const added = futureShift(9 * DAY, { capacity: 7 });
      const input = await postingInput(db, {
        title: "変更後のタイトル",
        shifts: [{ id: soonShift.id, startsAt: soonShift.starts_at, endsAt: new Date(soonShift.starts_at.getTime() + 3 * HOUR), capacity: 8 }, added],
      });

      expect(await updatePosting(db, org.id, posting.id, userId, input, ctx.ip)).toEqual({ status: "ok", id: posting.id });

      const shifts = await shiftsOf(posting.id);
      expect(shifts).toHaveLength(3);
      expect(shifts[0]).toMatchObject({ id: pastShift.id, capacity: 3, starts_at: pastShift.starts_at, ends_at: pastShift.ends_at });
      expect(shifts[1]).toMatchObject({ id: soonShift.id, capacity: 8 });
      expect(shifts[1].ends_at.getTime() - shifts[1].starts_at.getTime()).toBe(3 * HOUR);
      expect(shifts[2]).toMatchObject({ capacity: 7, starts_at: added.startsAt });
      expect(shifts.some((s) => s.id === laterShift.id)).toBe(false);
      expect(await postingRow(posting.id)).toMatchObject({ title: "変更後のタイトル", status: "published" });
      expect(await auditRows(db, { action: "posting.updated", subjectId: posting.id })).toHaveLength(1);
    });

    it("a past shift cannot be rewritten by naming its id", async () => {
      const { org, posting, pastShift } = await postingWithHistory();
      const rewritten = futureShift(10 * DAY, { id: pastShift.id, capacity: 99 });
      expect(await updatePosting(db, org.id, posting.id, userId, await postingInput(db, { shifts: [rewritten] }), ctx.ip)).toMatchObject({ status: "ok" });

      const shifts = await shiftsOf(posting.id);
      expect(shifts.find((s) => s.id === pastShift.id)).toMatchObject({ starts_at: pastShift.starts_at, ends_at: pastShift.ends_at, capacity: 3 });
      expect(shifts.filter((s) => s.starts_at.getTime() === rewritten.startsAt.getTime())).toHaveLength(1);
    });

    it("a shift id of another posting is not touched; the row is added as a new shift", async () => {
      const { org, posting } = await postingWithHistory();
      const foreign = await postingWithHistory();
      const input = await postingInput(db, { shifts: [futureShift(12 * DAY, { id: foreign.soonShift.id, capacity: 42 })] });
      expect(await updatePosting(db, org.id, posting.id, userId, input, ctx.ip)).toMatchObject({ status: "ok" });
      expect((await shiftsOf(foreign.posting.id)).find((s) => s.id === foreign.soonShift.id)).toMatchObject({ capacity: 4 });
      expect((await shiftsOf(posting.id)).filter((s) => s.capacity === 42)).toHaveLength(1);
    });

    it("refuses an unknown category and saves nothing", async () => {
      const { org, posting } = await postingWithHistory();
      const before = await shiftsOf(posting.id);
      expect(await updatePosting(db, org.id, posting.id, userId, await postingInput(db, { categoryId: 999_999, title: "x", shifts: [futureShift(20 * DAY)] }), ctx.ip)).toMatchObject({
        status: "invalid",
        field: "categoryId",
      });
      expect((await postingRow(posting.id)).title).toBe(posting.title);
      expect(await shiftsOf(posting.id)).toEqual(before);
    });
  });

  describe("public view", () => {
    it("shows a published posting of a verified organisation with its shifts", async () => {
      const org = await createOrganisation(db, { status: "verified" });
      const posting = await insertPosting(db, org.id, { status: "published", categoryCode: "cleanup" });
      const view = await getPublicPosting(db, posting.id);
      expect(view).toMatchObject({ id: posting.id, title: posting.title, organisation_id: org.id, organisation_name: org.name, category_code: "cleanup", status: "published" });
      expect(view!.shifts).toHaveLength(1);
      expect(view).not.toHaveProperty("organisation_contact_email");
    });

    it.each(["closed", "cancelled"] as const)("still shows a %s posting, so the page can say so", async (status) => {
      const org = await createOrganisation(db, { status: "verified" });
      const posting = await insertPosting(db, org.id, { status });
      expect((await getPublicPosting(db, posting.id))!.status).toBe(status);
    });

    it("hides drafts", async () => {
      const org = await createOrganisation(db, { status: "verified" });
      const posting = await insertPosting(db, org.id, { status: "draft" });
      expect(await getPublicPosting(db, posting.id)).toBeNull();
    });

    it.each(["pending", "rejected", "suspended"] as const)("hides the postings of a %s organisation", async (status) => {
      const org = await createOrganisation(db, { status });
      const posting = await insertPosting(db, org.id, { status: "published" });
      expect(await getPublicPosting(db, posting.id)).toBeNull();
    });

    it("hides a posting once its organisation is suspended", async () => {
      const org = await createOrganisation(db, { status: "verified" });
      const posting = await insertPosting(db, org.id, { status: "published" });
      expect(await getPublicPosting(db, posting.id)).not.toBeNull();
      const staff = await createUser(db, { role: "staff" });
      await reviewOrganisation(db, staff.id, org.id, "suspend", "確認中", ctx);
      expect(await getPublicPosting(db, posting.id)).toBeNull();
    });

    it("answers null for a posting that does not exist", async () => {
      expect(await getPublicPosting(db, 999_999)).toBeNull();
    });
  });
});

describe.each(testDatabases())("browsing postings on $name", ({ open }) => {
  let db: DB;
  let close: () => Promise<void>;
  const now = new Date();
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    const verified = await createOrganisation(db, { status: "verified" });
    const add = async (
      name: string,
      organisationId: number,
      options: { status?: PostingStatus; startsIn: number[]; categoryCode?: string; districtCode?: string; welcomesMinors?: boolean },
    ) => {
      const posting = await insertPosting(db, organisationId, {
        status: options.status ?? "published",
        title: name,
        categoryCode: options.categoryCode ?? "parks",
        districtCode: options.districtCode ?? "chuo",
        welcomesMinors: options.welcomesMinors ?? false,
        shifts: options.startsIn.map((d) => ({ startsAt: at(d), endsAt: new Date(at(d).getTime() + 2 * HOUR) })),
      });
      ids[name] = posting.id;
    };
    await add("parks-chuo-soon", verified.id, { startsIn: [3] });
    await add("cleanup-edamitsu-minors", verified.id, { startsIn: [10], categoryCode: "cleanup", districtCode: "edamitsu", welcomesMinors: true });
    await add("festival-with-history", verified.id, { startsIn: [-5, 20], categoryCode: "festival" });
    await add("draft", verified.id, { status: "draft", startsIn: [4] });
    await add("closed", verified.id, { status: "closed", startsIn: [4] });
    await add("cancelled", verified.id, { status: "cancelled", startsIn: [4] });
    await add("only-past", verified.id, { startsIn: [-2] });
    await add("pending-org", (await createOrganisation(db, { status: "pending" })).id, { startsIn: [4] });
    await add("suspended-org", (await createOrganisation(db, { status: "suspended" })).id, { startsIn: [4] });
    await add("rejected-org", (await createOrganisation(db, { status: "rejected" })).id, { startsIn: [4] });
  });
  afterAll(async () => {
    await close?.();
  });

  const titles = (result: Awaited<ReturnType<typeof browsePostings>>) => result.items.map((i) => i.title);

  it("lists only published postings of verified organisations with a shift to come, soonest first", async () => {
    const result = await browsePostings(db, {}, now);
    expect(titles(result)).toEqual(["parks-chuo-soon", "cleanup-edamitsu-minors", "festival-with-history"]);
    expect(result.total).toBe(3);
    expect(result.page).toBe(1);
  });

  it("gives the next shift still to come, not a past one", async () => {
    const result = await browsePostings(db, { category: "festival" }, now);
    expect(result.items).toHaveLength(1);
    expect(result.items[0].next_starts_at).toEqual(at(20));
    expect(result.items[0].next_ends_at).toEqual(new Date(at(20).getTime() + 2 * HOUR));
  });

  it("filters by category, district and minors", async () => {
    expect(titles(await browsePostings(db, { category: "cleanup" }, now))).toEqual(["cleanup-edamitsu-minors"]);
    expect(titles(await browsePostings(db, { district: "chuo" }, now))).toEqual(["parks-chuo-soon", "festival-with-history"]);
    // "minors" means an under-18 can apply now: not while the safeguarding review is still under way.
    expect(titles(await browsePostings(db, { minors: "1" }, now))).toEqual([]);
    await db.updateTable("postings").set({ safeguarding_status: "approved" }).where("id", "=", ids["cleanup-edamitsu-minors"]).execute();
    expect(titles(await browsePostings(db, { minors: "1" }, now))).toEqual(["cleanup-edamitsu-minors"]);
    expect(titles(await browsePostings(db, { category: "parks", district: "edamitsu" }, now))).toEqual([]);
    expect((await browsePostings(db, { category: "no-such-category" }, now)).total).toBe(0);
  });

  it("filters by Tokyo calendar dates, both ends included", async () => {
    const day = (days: number) => tokyoDateString(at(days));
    expect(titles(await browsePostings(db, { from: day(9), to: day(11) }, now))).toEqual(["cleanup-edamitsu-minors"]);
    expect(titles(await browsePostings(db, { from: day(10), to: day(10) }, now))).toEqual(["cleanup-edamitsu-minors"]);
    expect(titles(await browsePostings(db, { from: day(15) }, now))).toEqual(["festival-with-history"]);
    expect(titles(await browsePostings(db, { to: day(5) }, now))).toEqual(["parks-chuo-soon"]);
    // A range in the past still shows nothing already started.
    expect((await browsePostings(db, { from: day(-6), to: day(-1) }, now)).total).toBe(0);
  });

  it("paginates with the total of all pages", async () => {
    const first = await browsePostings(db, { page: 1 }, now, 2);
    const second = await browsePostings(db, { page: 2 }, now, 2);
    const third = await browsePostings(db, { page: 3 }, now, 2);
    expect(titles(first)).toEqual(["parks-chuo-soon", "cleanup-edamitsu-minors"]);
    expect(titles(second)).toEqual(["festival-with-history"]);
    expect(titles(third)).toEqual([]);
    expect([first.total, second.total, third.total]).toEqual([3, 3, 3]);
    expect(second).toMatchObject({ page: 2, pageSize: 2 });
  });

  it("drops a posting as soon as its last shift has started", async () => {
    const later = new Date(now.getTime() + 4 * DAY);
    expect(titles(await browsePostings(db, {}, later))).toEqual(["cleanup-edamitsu-minors", "festival-with-history"]);
  });
});
