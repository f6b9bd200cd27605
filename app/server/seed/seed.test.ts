import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "#db/client.server";
import { CATEGORIES, DEMO_TOTP_SECRET, POSTING_TEMPLATES } from "./data";
import { seedDemo, tokyoDateTime, type SeedSummary } from "./seed";
import { removeDemoData } from "./remove";

/** Minutes since midnight of an instant, on the Asia/Tokyo wall clock. */
function tokyoMinutes(at: Date): number {
  const tokyo = new Date(at.getTime() + 9 * 60 * 60 * 1000);
  return tokyo.getUTCHours() * 60 + tokyo.getUTCMinutes();
}

function tokyoDate(at: Date): string {
  return new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe("tokyoDateTime", () => {
  it("counts days from the Tokyo date of now", () => {
    // 20:00Z on the 24th is already 05:00 on the 25th in Tokyo, so one day later is the 26th.
    expect(tokyoDateTime(new Date("2026-11-24T20:00:00Z"), 1, "09:00").toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });

  it("crosses month and year ends", () => {
    expect(tokyoDateTime(new Date("2026-12-31T01:00:00Z"), 1, "18:30").toISOString()).toBe("2027-01-01T09:30:00.000Z");
  });

  it("rejects malformed times", () => {
    expect(() => tokyoDateTime(new Date(), 1, "9:00")).toThrow();
    expect(() => tokyoDateTime(new Date(), 1, "24:00")).toThrow();
  });
});

describe("seedDemo", () => {
  let handle: DatabaseHandle;
  let summary: SeedSummary;
  let startedAt: Date;

  beforeAll(async () => {
    handle = openDatabase({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
    startedAt = new Date();
    summary = await seedDemo(handle.db);
    // Migrating and seeding an in-memory database takes over a minute on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("reports what it inserted", async () => {
    const count = async (table: "users" | "organisations" | "postings" | "shifts") =>
      Number((await handle.db.selectFrom(table).select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);
    expect(summary).toEqual({
      users: await count("users"),
      organisations: await count("organisations"),
      postings: await count("postings"),
      shifts: await count("shifts"),
    });
    expect(summary.postings).toBe(POSTING_TEMPLATES.length);
    expect(summary.postings).toBeGreaterThanOrEqual(44);
  });

  it("publishes at least 40 postings, each with a shift in the future", async () => {
    const published = await handle.db
      .selectFrom("postings")
      .select(["id", "published_at"])
      .where("status", "=", "published")
      .execute();
    expect(published.length).toBeGreaterThanOrEqual(40);
    const future = await handle.db
      .selectFrom("shifts")
      .select("posting_id")
      .distinct()
      .where("starts_at", ">", startedAt)
      .execute();
    const withFutureShift = new Set(future.map((r) => r.posting_id));
    for (const p of published) {
      expect(p.published_at).toBeInstanceOf(Date);
      expect(withFutureShift.has(p.id)).toBe(true);
    }
  });

  it("shows every posting state on dashboards", async () => {
    const rows = await handle.db
      .selectFrom("postings")
      .select(["status", sql<string>`count(*)`.as("n")])
      .groupBy("status")
      .execute();
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(byStatus.draft).toBe(2);
    expect(byStatus.closed).toBe(1);
  });

  it("uses all 10 categories, in order", async () => {
    const categories = await handle.db.selectFrom("categories").select(["id", "code"]).orderBy("sort_order").execute();
    expect(categories.map((c) => c.code)).toEqual(CATEGORIES.map((c) => c.code));
    expect(categories).toHaveLength(10);
    const used = await handle.db
      .selectFrom("postings")
      .select("category_id")
      .distinct()
      .where("status", "=", "published")
      .execute();
    expect(new Set(used.map((r) => r.category_id)).size).toBe(10);
  });

  it("leaves at least two organisations pending verification, without postings", async () => {
    const pending = await handle.db
      .selectFrom("organisations")
      .select(["id", "status_changed_by"])
      .where("status", "=", "pending")
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(2);
    for (const org of pending) expect(org.status_changed_by).toBeNull();
    const postings = await handle.db
      .selectFrom("postings")
      .select("id")
      .where(
        "organisation_id",
        "in",
        pending.map((o) => o.id),
      )
      .execute();
    expect(postings).toHaveLength(0);
  });

  it("marks every organisation and posting as demo", async () => {
    const orgs = await handle.db.selectFrom("organisations").select(["name", "is_demo"]).execute();
    for (const org of orgs) {
      expect(org.is_demo).toBe(true);
      expect(org.name.startsWith("（デモ）")).toBe(true);
    }
    const notDemo = await handle.db.selectFrom("postings").select("id").where("is_demo", "=", false).execute();
    expect(notDemo).toHaveLength(0);
  });

  it("keeps minors' shifts within the day and nothing between 23:00 and 04:00", async () => {
    const shifts = await handle.db
      .selectFrom("shifts")
      .innerJoin("postings", "postings.id", "shifts.posting_id")
      .select(["shifts.starts_at", "shifts.ends_at", "postings.welcomes_minors", "postings.title"])
      .execute();
    for (const s of shifts) {
      const start = tokyoMinutes(s.starts_at);
      const end = tokyoMinutes(s.ends_at);
      expect(tokyoDate(s.starts_at), s.title).toBe(tokyoDate(s.ends_at));
      expect(start, s.title).toBeGreaterThanOrEqual(4 * 60);
      expect(end, s.title).toBeLessThanOrEqual(23 * 60);
      if (s.welcomes_minors) expect(end, s.title).toBeLessThanOrEqual(21 * 60);
    }
  });

  it("gives staff and admin a second factor and verifies every account's email", async () => {
    const users = await handle.db
      .selectFrom("users")
      .select(["email", "role", "totp_secret", "totp_enabled_at", "email_verified_at", "password_hash", "birth_date"])
      .execute();
    expect(DEMO_TOTP_SECRET).toMatch(/^[A-Z2-7]{32}$/);
    for (const u of users) {
      expect(u.email_verified_at).toBeInstanceOf(Date);
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      if (u.role === "staff" || u.role === "admin") {
        expect(u.totp_secret).toBe(DEMO_TOTP_SECRET);
        expect(u.totp_enabled_at).toBeInstanceOf(Date);
      } else {
        expect(u.totp_secret).toBeNull();
      }
    }
    expect(users.find((u) => u.email === "highschool@demo.tsunagu.example")?.birth_date).toBe("2010-01-15");
  });

  it("gives the owner and editor their memberships", async () => {
    const rows = await handle.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
      .select(["users.email", "memberships.role", "organisations.kind"])
      .execute();
    const owner = rows.filter((r) => r.email === "owner@demo.tsunagu.example");
    expect(owner.map((r) => r.kind).sort()).toEqual(["machizukuri_council", "park_care_association"]);
    expect(owner.every((r) => r.role === "owner")).toBe(true);
    expect(rows.filter((r) => r.email === "editor@demo.tsunagu.example")).toEqual([
      { email: "editor@demo.tsunagu.example", role: "editor", kind: "civic_centre" },
    ]);
  });

  it("copies the place onto postings that name one", async () => {
    const rows = await handle.db
      .selectFrom("postings")
      .innerJoin("places", "places.id", "postings.place_id")
      .select(["postings.place_name", "places.name_ja", "postings.latitude", "places.latitude as place_latitude"])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.place_name).toBe(r.name_ja);
      expect(r.latitude).toBe(r.place_latitude);
    }
  });

  it("refuses to seed twice", async () => {
    await expect(seedDemo(handle.db)).rejects.toThrow(/already seeded/);
    const districts = await handle.db.selectFrom("districts").select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(districts.n)).toBeGreaterThan(0);
    const postings = await handle.db.selectFrom("postings").select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(postings.n)).toBe(summary.postings);
  });

  // Last: it empties what the tests above read.
  it("removes the demo's recruitment data, the illustrative seat board included, and keeps the districts", async () => {
    const count = async (table: "recruitment_areas" | "recruitment_campaigns" | "recruitment_channels" | "recruitment_people" | "recruitment_district_chairs" | "districts") =>
      Number((await handle.db.selectFrom(table).select(sql<string>`count(*)`.as("n")).executeTakeFirstOrThrow()).n);
    expect(await count("recruitment_areas")).toBeGreaterThan(0);
    const seats = await handle.db.selectFrom("recruitment_areas").select(sql<string>`sum(seats)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(seats.n)).toBe(138);
    const districts = await count("districts");

    const removed = await removeDemoData(handle.db);
    expect(removed.seatAreas).toBeGreaterThan(0);
    expect(removed.accounts).toBe(summary.users);
    for (const table of ["recruitment_areas", "recruitment_campaigns", "recruitment_channels", "recruitment_people", "recruitment_district_chairs"] as const) {
      expect(await count(table), table).toBe(0);
    }
    expect(await count("districts")).toBe(districts);
  });
});
