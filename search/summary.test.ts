import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { createCatalogue, createOrganisation, createPosting } from "../tests/support/factories";
import { searchTestSetups } from "../tests/support/databases";
import { refreshAllSearchSummaries, refreshScheduleSummaries, refreshStaleSearchSummaries } from "./document.server";
import { createPostgresSearchEngine } from "./postgres.server";
import type { SearchEngine, SearchQuery } from "./types";

/**
 * The search summary (posting_search) follows every write to postings, shifts and organisations, made by any
 * code; and search stays exact when a summary no longer holds (a shift has started since it was computed).
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Tokyo wall-clock times: 2030-06-01 is a Saturday, 2030-06-03 a Monday.
const at = (date: string, hh: number) => new Date(`${date}T${String(hh).padStart(2, "0")}:00:00+09:00`);
const SATURDAY = at("2030-06-01", 9);
const MONDAY = at("2030-06-03", 9);

const q = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({ text: "", filters: {}, sort: "soonest", page: 1, pageSize: 50, ...overrides });

describe.each(searchTestSetups())("search summary ($index) on $name", ({ name, open, index }) => {
  let db: DB;
  let close: () => Promise<void>;
  let engine: SearchEngine;

  beforeAll(async () => {
    ({ db, close } = await open());
    await createCatalogue(db);
    engine = createPostgresSearchEngine(db, { index });
  });
  afterAll(async () => close());

  // The summary's content; changed_xid says which transaction wrote it last, not what it holds.
  const summary = async (postingId: number) => {
    const row = await db.selectFrom("posting_search").selectAll().where("posting_id", "=", postingId).executeTakeFirst();
    if (!row) return row;
    const { changed_xid: _written, ...content } = row;
    return content;
  };
  const ids = async (query: Partial<SearchQuery>, now?: Date) => (await engine.search(q(query), now)).hits.map((h) => h.id);

  it("follows the posting, its shifts and its organisation, whichever code writes them", async () => {
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, {
      shifts: [
        { startsAt: SATURDAY, endsAt: new Date(SATURDAY.getTime() + 2 * HOUR), capacity: 2 },
        { startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + 2 * HOUR), capacity: 1 },
      ],
    });
    let row = await summary(posting.id);
    expect(row).toMatchObject({ searchable: true, organisation_kind: "park_care_association", has_weekday: true, has_weekend: true, has_places_left: true });
    expect(new Date(row!.next_starts_at!).getTime()).toBe(SATURDAY.getTime());
    expect(new Date(row!.next_ends_at!).getTime()).toBe(SATURDAY.getTime() + 2 * HOUR);
    expect(new Date(row!.last_starts_at!).getTime()).toBe(MONDAY.getTime());
    expect(row!.search_vector).not.toBe("");

    // Status written directly, as the posting and staff modules do.
    await db.updateTable("postings").set({ status: "closed" }).where("id", "=", posting.id).execute();
    expect((await summary(posting.id))?.searchable).toBe(false);
    await db.updateTable("postings").set({ status: "published" }).where("id", "=", posting.id).execute();
    expect((await summary(posting.id))?.searchable).toBe(true);

    await db.updateTable("organisations").set({ status: "suspended", kind: "npo" }).where("id", "=", org.id).execute();
    expect(await summary(posting.id)).toMatchObject({ searchable: false, organisation_kind: "npo" });
    await db.updateTable("organisations").set({ status: "verified" }).where("id", "=", org.id).execute();
    expect((await summary(posting.id))?.searchable).toBe(true);

    const { districts } = await createCatalogue(db);
    const other = districts.find((d) => d.code === "edamitsu")!;
    await db.updateTable("postings").set({ district_id: other.id, welcomes_minors: true, latitude: 33.87, longitude: 130.8 }).where("id", "=", posting.id).execute();
    // Welcoming minors is not yet open to them: the summary counts a posting only once its review is approved.
    expect(await summary(posting.id)).toMatchObject({ district_id: other.id, open_to_minors: false, latitude: 33.87, longitude: 130.8 });
    await db.updateTable("postings").set({ safeguarding_status: "approved" }).where("id", "=", posting.id).execute();
    expect(await summary(posting.id)).toMatchObject({ open_to_minors: true });
    await db.updateTable("postings").set({ safeguarding_status: "pending" }).where("id", "=", posting.id).execute();
    expect(await summary(posting.id)).toMatchObject({ open_to_minors: false });

    // Shifts: removing the Saturday leaves only a weekday; filling the Monday leaves no place.
    await db.deleteFrom("shifts").where("posting_id", "=", posting.id).where("starts_at", "=", SATURDAY).execute();
    row = await summary(posting.id);
    expect(row).toMatchObject({ has_weekday: true, has_weekend: false, has_places_left: true });
    expect(new Date(row!.next_starts_at!).getTime()).toBe(MONDAY.getTime());
    await db.updateTable("shifts").set({ confirmed_count: 1 }).where("posting_id", "=", posting.id).execute();
    expect((await summary(posting.id))?.has_places_left).toBe(false);
    expect(await ids({ filters: { hasPlacesLeft: true } })).not.toContain(posting.id);
    await db.updateTable("shifts").set({ confirmed_count: 0 }).where("posting_id", "=", posting.id).execute();
    expect(await ids({ filters: { hasPlacesLeft: true } })).toContain(posting.id);

    await db.deleteFrom("shifts").where("posting_id", "=", posting.id).execute();
    expect(await summary(posting.id)).toMatchObject({ next_starts_at: null, last_starts_at: null, has_weekday: false, has_places_left: false });
    expect(await ids({})).not.toContain(posting.id);

    await db.deleteFrom("postings").where("id", "=", posting.id).execute();
    expect(await summary(posting.id)).toBeUndefined();
  });

  it.runIf(name === "postgres")("counts places left exactly when two transactions fill shifts of one posting at once", async () => {
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, {
      shifts: [
        { startsAt: SATURDAY, endsAt: new Date(SATURDAY.getTime() + HOUR), capacity: 1 },
        { startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + HOUR), capacity: 1 },
      ],
    });
    const fill = (startsAt: Date) => sql`update shifts set confirmed_count = 1 where posting_id = ${posting.id} and starts_at = ${startsAt}`;
    // The first transaction fills one shift and stays open; the second fills the other meanwhile, its trigger
    // starting before the first commits. Computed from the second's first view alone, places would seem left.
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstFilled!: () => void;
    const filled = new Promise<void>((resolve) => (firstFilled = resolve));
    const first = db.transaction().execute(async (trx) => {
      await fill(SATURDAY).execute(trx);
      firstFilled();
      await firstMayCommit;
    });
    await filled;
    const second = db.transaction().execute(async (trx) => {
      await fill(MONDAY).execute(trx);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseFirst();
    await Promise.all([first, second]);
    expect((await summary(posting.id))?.has_places_left).toBe(false);
  });

  it.runIf(name === "postgres")("lets a posting edit and an application to its shift run at once without a deadlock", async () => {
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + HOUR), capacity: 2 }] });
    // The edit changes the posting and then its shifts (as updatePosting does); meanwhile an application takes a
    // place, holding the shift's row. Keeping the summary must not make the edit hold something the
    // application then waits for while the edit waits for the shift.
    let releaseEdit!: () => void;
    const editMayGoOn = new Promise<void>((resolve) => (releaseEdit = resolve));
    let postingChanged!: () => void;
    const changed = new Promise<void>((resolve) => (postingChanged = resolve));
    const edit = db.transaction().execute(async (trx) => {
      await trx.updateTable("postings").set({ welcomes_minors: true, safeguarding_status: "approved" }).where("id", "=", posting.id).execute();
      postingChanged();
      await editMayGoOn;
      await trx.updateTable("shifts").set({ capacity: 3 }).where("posting_id", "=", posting.id).execute();
    });
    await changed;
    const application = db.transaction().execute(async (trx) => {
      await sql`update shifts set confirmed_count = confirmed_count + 1 where posting_id = ${posting.id}`.execute(trx);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseEdit();
    await Promise.all([edit, application]);
    const row = await summary(posting.id);
    expect(row).toMatchObject({ open_to_minors: true, has_places_left: true });
    expect((await db.selectFrom("shifts").select(["capacity", "confirmed_count"]).where("posting_id", "=", posting.id).executeTakeFirst())).toEqual({ capacity: 3, confirmed_count: 1 });
  });

  it("recomputes schedules on request, in the caller's transaction, to the same result", async () => {
    const org = await createOrganisation(db);
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + HOUR), capacity: 3 }] });
    const before = await summary(posting.id);
    await db.transaction().execute(async (trx) => {
      await sql`update posting_search set next_starts_at = null, has_weekday = false, has_places_left = false where posting_id = ${posting.id}`.execute(trx);
      await refreshScheduleSummaries(trx, [posting.id, posting.id, -1]);
    });
    expect(await summary(posting.id)).toEqual(before);
    await refreshScheduleSummaries(db, []);
    expect(await refreshAllSearchSummaries(db)).toBeGreaterThan(0);
    expect(await summary(posting.id)).toEqual(before);
  });

  it("stays exact when a shift has started since the summary was computed, and the refresh catches up", async () => {
    const org = await createOrganisation(db, { kind: "npo" });
    // Computed now, the summary's next shift is the Saturday; searched on the Sunday, only the Monday is left.
    const posting = await createPosting(db, org.id, {
      title: "日曜から見ると月曜だけ",
      shifts: [
        { startsAt: SATURDAY, endsAt: new Date(SATURDAY.getTime() + HOUR), capacity: 1 },
        { startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + 2 * HOUR), capacity: 1 },
      ],
    });
    await db.updateTable("shifts").set({ confirmed_count: 1 }).where("posting_id", "=", posting.id).where("starts_at", "=", MONDAY).execute();
    const sunday = at("2030-06-02", 12);
    const scoped = { organisationKinds: ["npo"] };

    const result = await engine.search(q({ filters: scoped }), sunday);
    const hit = result.hits.find((h) => h.id === posting.id);
    expect(hit?.nextStartsAt).toBe(MONDAY.toISOString());
    expect(hit?.nextEndsAt).toBe(new Date(MONDAY.getTime() + 2 * HOUR).toISOString());
    expect(await ids({ filters: { ...scoped, dayType: "weekend" } }, sunday)).not.toContain(posting.id);
    expect(await ids({ filters: { ...scoped, dayType: "weekday" } }, sunday)).toContain(posting.id);
    expect(await ids({ filters: { ...scoped, hasPlacesLeft: true } }, sunday)).not.toContain(posting.id);
    expect(await ids({ filters: { ...scoped, hasPlacesLeft: true } }, new Date(SATURDAY.getTime() - DAY))).toContain(posting.id);
    const facets = (await engine.search(q({ filters: { organisationKinds: ["npo"] } }), sunday)).facets;
    const onSaturdayEve = (await engine.search(q({ filters: { organisationKinds: ["npo"] } }), new Date(SATURDAY.getTime() - DAY))).facets;
    expect(onSaturdayEve.dayType.weekend - facets.dayType.weekend).toBeGreaterThanOrEqual(1);
    expect(await ids({ filters: scoped }, new Date(MONDAY.getTime() + HOUR))).not.toContain(posting.id);

    // Searched before a shift that had already passed when the summary was computed: that shift counts again.
    const earlier = await createPosting(db, org.id, {
      shifts: [
        { startsAt: new Date(Date.now() - DAY), endsAt: new Date(Date.now() - DAY + HOUR), capacity: 1 },
        { startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + HOUR), capacity: 1 },
      ],
    });
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    const old = (await engine.search(q({ filters: scoped }), twoDaysAgo)).hits.find((h) => h.id === earlier.id);
    expect(new Date(old!.nextStartsAt!).getTime()).toBeLessThan(Date.now());
    expect((await engine.search(q({ filters: scoped, sort: "soonest" }), twoDaysAgo)).hits[0].id).toBe(earlier.id);

    // A summary whose next shift has passed, as one left from before that shift started: search reads the
    // shifts, and the periodic refresh brings the summary up to date.
    await sql`update posting_search set next_starts_at = ${new Date(Date.now() - DAY)}, prev_starts_at = null, has_weekday = false where posting_id = ${earlier.id}`.execute(db);
    expect(await ids({ filters: { ...scoped, dayType: "weekday" } })).toContain(earlier.id);
    expect((await engine.search(q({ filters: scoped }))).hits.find((h) => h.id === earlier.id)?.nextStartsAt).toBe(new Date(MONDAY.getTime()).toISOString());
    expect(await refreshStaleSearchSummaries(db)).toBeGreaterThanOrEqual(1);
    const fixed = await summary(earlier.id);
    expect(new Date(fixed!.next_starts_at!).getTime()).toBe(MONDAY.getTime());
    expect(fixed?.has_weekday).toBe(true);
  });

  it("counts day types over the shifts inside a date range", async () => {
    const org = await createOrganisation(db, { kind: "university" });
    const posting = await createPosting(db, org.id, {
      shifts: [
        { startsAt: SATURDAY, endsAt: new Date(SATURDAY.getTime() + HOUR) },
        { startsAt: MONDAY, endsAt: new Date(MONDAY.getTime() + HOUR) },
      ],
    });
    const saturdayOnly = await engine.search(q({ filters: { organisationKinds: ["university"], from: "2030-06-01", to: "2030-06-01" } }));
    expect(saturdayOnly.hits.map((h) => h.id)).toEqual([posting.id]);
    expect(saturdayOnly.facets.dayType).toEqual({ weekday: 0, weekend: 1 });
    const mondayOnly = await engine.search(q({ filters: { organisationKinds: ["university"], from: "2030-06-02", to: "2030-06-03" } }));
    expect(mondayOnly.facets.dayType).toEqual({ weekday: 1, weekend: 0 });
    expect(mondayOnly.hits[0].nextStartsAt).toBe(MONDAY.toISOString());
    expect((await engine.search(q({ filters: { organisationKinds: ["university"], from: "2030-06-04" } }))).total).toBe(0);
  });

  it("pages soonest first across rows whose summary holds and rows read from their shifts", async () => {
    const org = await createOrganisation(db, { kind: "social_welfare" });
    const made: number[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(MONDAY.getTime() + i * HOUR), endsAt: new Date(MONDAY.getTime() + i * HOUR + HOUR) }] });
      made.push(p.id);
    }
    // Two rows look stale: their (fake) summaries say their next shift has passed.
    await sql`update posting_search set next_starts_at = ${new Date(Date.now() - DAY)} where posting_id = any(${[made[1], made[4]]}::int[])`.execute(db);
    const scoped = { organisationKinds: ["social_welfare"] };
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await engine.search(q({ filters: scoped, pageSize: 2, page }))).hits.map((h) => h.id));
    expect(pages).toEqual(made);
    const newest = (await engine.search(q({ filters: scoped, sort: "newest", pageSize: 50 }))).hits.map((h) => h.id);
    expect(new Set(newest)).toEqual(new Set(made));
    await refreshStaleSearchSummaries(db);
  });
});
