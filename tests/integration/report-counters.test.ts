import { sql, type Insertable } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { ApplicationStatus, AttendanceTable } from "#db/schema";
import { applyToShifts } from "~/modules/applications/applications.server";
import { compactReportCounts } from "~/modules/reports/counters.server";
import { testDatabases } from "../support/databases";
import { createCatalogue, createOrganisation, createPosting, createUser, ctx } from "../support/factories";
import { DAY, HOUR } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * The impact report's counters (db/migrations/0023_report_counters.ts, ADR 040) must equal a recount from the
 * applications and attendance after any write of any kind, committed one by one or side by side, before and
 * after the maintenance folds them; and so must what each attendance row copies of its shift and application
 * (db/migrations/0027_attendance_report_columns.ts, ADR 045).
 */

interface Counted {
  days: string[];
  shifts: string[];
}

/** What the counters say, per key (keys of postings and shifts that still exist, and not zero). */
async function counters(db: DB): Promise<Counted> {
  const days = await sql<{ k: string }>`
    select posting_id || ' ' || day || ' ' || sum(applications) || ' ' || sum(minor_applications) as k
    from report_application_days c where exists (select 1 from postings p where p.id = c.posting_id)
    group by posting_id, day having sum(applications) <> 0 or sum(minor_applications) <> 0 order by 1`.execute(db);
  const shifts = await sql<{ k: string }>`
    select shift_id || ' ' || sum(places_held) || ' ' || sum(marked_no_show) || ' ' || sum(confirmed_minutes) as k
    from report_shift_counts c where exists (select 1 from shifts s where s.id = c.shift_id)
    group by shift_id having sum(places_held) <> 0 or sum(marked_no_show) <> 0 or sum(confirmed_minutes) <> 0 order by 1`.execute(db);
  return { days: days.rows.map((r) => r.k), shifts: shifts.rows.map((r) => r.k) };
}

/** The same, counted straight from the rows: the definitions of ADR 031 (places held, no-shows marked, the hours rule). */
async function recount(db: DB): Promise<Counted> {
  const days = await sql<{ k: string }>`
    select posting_id || ' ' || day || ' ' || count(*) || ' ' || count(*) filter (where minor) as k
    from (select posting_id, minor, (created_at at time zone 'Asia/Tokyo')::date as day from applications) a
    group by posting_id, day order by 1`.execute(db);
  const shifts = await sql<{ k: string }>`
    select s.id || ' ' || coalesce(h.held, 0) || ' ' || coalesce(h.marked, 0) || ' ' || coalesce(m.minutes, 0) as k
    from shifts s
    left join (select shift_id, count(*) filter (where status in ('confirmed', 'no_show')) as held, count(*) filter (where status = 'no_show') as marked
      from applications group by 1) h on h.shift_id = s.id
    left join (select shift_id, sum(confirmed_minutes) as minutes from attendance
      where confirmed_minutes is not null and status <> 'absent' and user_id is not null and (source <> 'walk_in' or walk_in_confirmed_at is not null)
      group by 1) m on m.shift_id = s.id
    where coalesce(h.held, 0) <> 0 or coalesce(h.marked, 0) <> 0 or coalesce(m.minutes, 0) <> 0 order by 1`.execute(db);
  return { days: days.rows.map((r) => r.k), shifts: shifts.rows.map((r) => r.k) };
}

/**
 * Attendance rows whose copies (db/migrations/0027_attendance_report_columns.ts, ADR 045) differ from their shift's
 * start and posting, or from whether their application has ended: none, ever.
 */
async function stale(db: DB): Promise<string[]> {
  const { rows } = await sql<{ k: string }>`
    select a.id || ' ' || a.shift_starts_at || ' ' || a.posting_id || ' ' || a.application_ended as k
    from attendance a join shifts s on s.id = a.shift_id
    where a.shift_starts_at is distinct from s.starts_at or a.posting_id is distinct from s.posting_id
      or a.application_ended is distinct from exists (select 1 from applications ap where ap.id = a.application_id and ap.status in ('withdrawn', 'cancelled', 'declined'))
    order by a.id`.execute(db);
  return rows.map((r) => r.k);
}

/** Checks the counters against a recount, and the attendance rows' copies; returns how many keys the counters hold. */
async function expectExact(db: DB, when: string): Promise<number> {
  const expected = await recount(db);
  expect(await counters(db), when).toEqual(expected);
  expect(await stale(db), `attendance copies ${when}`).toEqual([]);
  return expected.days.length + expected.shifts.length;
}

describe.each(testDatabases())("the report counters on $name", ({ name, open }) => {
  let db: DB;
  let cat: Awaited<ReturnType<typeof createCatalogue>>;
  databaseForSuite(open, async (opened) => {
    db = opened;
    cat = await createCatalogue(db);
  });

  it("equal a recount after random writes of every kind, and after the maintenance folds them", async () => {
    let seed = 40;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const org = await createOrganisation(db, { kind: "npo" });
    const people: number[] = [];
    for (let i = 0; i < 12; i++) people.push((await createUser(db)).id);
    const base = new Date("2025-03-20T09:00:00+09:00").getTime();
    const newPosting = async () =>
      (
        await db
          .insertInto("postings")
          .values({ organisation_id: org.id, title: "集計", description: "集計", category_id: pick(cat.categories).id, district_id: null, status: "published", published_at: new Date(base) })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const newShift = async (postingId: number) =>
      (
        await db
          .insertInto("shifts")
          .values({ posting_id: postingId, starts_at: new Date(base + Math.floor(rand() * 40) * DAY), ends_at: new Date(base + 41 * DAY), capacity: 5 + Math.floor(rand() * 5) })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    for (let i = 0; i < 3; i++) {
      const p = await newPosting();
      for (let j = 0; j < 3; j++) await newShift(p);
    }
    const statuses: ApplicationStatus[] = ["pending", "confirmed", "waitlisted", "declined", "withdrawn", "cancelled", "no_show"];
    const anyShift = async () => (await sql<{ id: number; posting_id: number; starts_at: Date; ends_at: Date }>`select id, posting_id, starts_at, ends_at from shifts order by id`.execute(db)).rows;
    const anyApplication = async () => (await sql<{ id: number; shift_id: number | null; user_id: number }>`select id, shift_id, user_id from applications order by id`.execute(db)).rows;
    const anyAttendance = async () => (await sql<{ id: number }>`select id from attendance order by id`.execute(db)).rows;
    // Around midnight in Tokyo, so that the Tokyo day of an application is tested where UTC's differs.
    const createdAt = () => new Date(base - 20 * DAY + Math.floor(rand() * 30) * DAY + (rand() < 0.5 ? 14.5 : 15.5) * HOUR);

    const kinds: Record<string, () => Promise<unknown>> = {
      async apply() {
        const s = pick(await anyShift());
        if (!s) return;
        await sql`insert into applications (shift_id, shift_starts_at, shift_ends_at, posting_id, user_id, status, created_at, updated_at, minor)
          values (${s.id}, ${s.starts_at}, ${s.ends_at}, ${s.posting_id}, ${pick(people)}, ${pick(statuses)}, ${createdAt()}, now(), ${rand() < 0.3})
          on conflict (shift_id, user_id) do update set status = 'pending', created_at = now(), minor = excluded.minor
          where applications.status in ('withdrawn', 'cancelled')`.execute(db);
      },
      async decide() {
        const a = pick(await anyApplication());
        if (a) await db.updateTable("applications").set({ status: pick(statuses), decided_at: new Date() }).where("id", "=", a.id).execute();
      },
      async withdrawOrCancel() {
        const a = pick(await anyApplication());
        if (a) await db.updateTable("applications").set({ status: pick(["withdrawn", "cancelled"] as const) }).where("id", "=", a.id).execute();
      },
      async cancelShift() {
        // Several rows in one statement, as cancelling a session does.
        const s = pick(await anyShift());
        if (s) await db.updateTable("applications").set({ status: "cancelled" }).where("shift_id", "=", s.id).where("status", "in", ["pending", "confirmed", "waitlisted"]).execute();
      },
      async editApplication() {
        // A retention purge of texts, or a minor's flag corrected: counted only when the flag changes.
        const a = pick(await anyApplication());
        if (a) await db.updateTable("applications").set({ message: "", minor: rand() < 0.5 }).where("id", "=", a.id).execute();
      },
      async attend() {
        const a = pick(await anyApplication());
        if (!a || a.shift_id === null) return;
        const walkIn = rand() < 0.2;
        await sql`insert into attendance (shift_id, application_id, user_id, status, source, confirmed_minutes, walk_in_confirmed_at)
          values (${a.shift_id}, ${walkIn ? null : a.id}, ${a.user_id}, ${pick(["present", "late", "absent"])}, ${walkIn ? "walk_in" : "group"},
            ${rand() < 0.7 ? Math.floor(rand() * 200) : null}, ${walkIn && rand() < 0.5 ? new Date() : null})
          on conflict do nothing`.execute(db);
      },
      async correctAttendance() {
        const x = pick(await anyAttendance());
        if (!x) return;
        const change = pick([{ status: pick(["present", "late", "absent"] as const) }, { confirmed_minutes: rand() < 0.2 ? null : Math.floor(rand() * 200) }, { walk_in_confirmed_at: new Date() }, { user_id: null }]);
        await db.updateTable("attendance").set(change).where("id", "=", x.id).execute();
      },
      async removeAttendance() {
        const x = pick(await anyAttendance());
        if (x) await db.deleteFrom("attendance").where("id", "=", x.id).execute();
      },
      async editShift() {
        const s = pick(await anyShift());
        if (s) await db.updateTable("shifts").set({ starts_at: new Date(s.starts_at.getTime() + DAY), capacity: 9 }).where("id", "=", s.id).execute();
      },
      async addShift() {
        const p = pick(await anyShift());
        await newShift(p ? p.posting_id : await newPosting());
      },
      async removeShift() {
        // Its applications stay as history without a shift; its attendance goes with it.
        const s = pick(await anyShift());
        if (s && rand() < 0.5 && (await anyShift()).length > 6) await db.deleteFrom("shifts").where("id", "=", s.id).execute();
      },
      async publishOrUnpublish() {
        const s = pick(await anyShift());
        if (s) await db.updateTable("postings").set(rand() < 0.5 ? { status: "draft", published_at: null } : { status: "published", published_at: new Date() }).where("id", "=", s.posting_id).execute();
      },
      async removePosting() {
        const s = pick(await anyShift());
        if (s && rand() < 0.3 && new Set((await anyShift()).map((x) => x.posting_id)).size > 2) await db.deleteFrom("postings").where("id", "=", s.posting_id).execute();
      },
      async retentionDelete() {
        // Deletes by retention and account deletion: applications of a person, several at once.
        if (rand() < 0.5) await db.deleteFrom("applications").where("user_id", "=", pick(people)).where("status", "in", ["withdrawn", "declined", "cancelled"]).execute();
        else await db.deleteFrom("applications").where("id", "in", (await anyApplication()).slice(0, 2).map((a) => a.id).concat(0)).execute();
      },
    };
    const names = Object.keys(kinds);
    // More applications and check-ins than anything else, as in life.
    const weighted = [...names, "apply", "apply", "apply", "apply", "apply", "attend", "attend", "attend", "decide", "decide"];
    const seen = new Set<string>();
    let most = 0;
    for (let i = 0; i < 240; i++) {
      const kind = pick(weighted);
      seen.add(kind);
      await kinds[kind]();
      if (i % 40 === 39) most = Math.max(most, await expectExact(db, `after ${i + 1} writes`));
      if (i === 119) {
        await compactReportCounts(db);
        await expectExact(db, "after folding");
      }
    }
    expect(seen.size).toBe(names.length);
    // Not a comparison of nothing with nothing.
    expect(most).toBeGreaterThan(10);
    await compactReportCounts(db);
    await expectExact(db, "after folding at the end");
    // Folded: one row per key, none of deleted postings or shifts, none that sums to nothing.
    const spread = await sql<{ n: number }>`
      select ((select count(*) from report_application_days) - (select count(*) from (select distinct posting_id, day from report_application_days) d)
        + (select count(*) from report_shift_counts) - (select count(distinct shift_id) from report_shift_counts)
        + (select count(*) from report_shift_counts c where not exists (select 1 from shifts s where s.id = c.shift_id))
        + (select count(*) from report_application_days c where not exists (select 1 from postings p where p.id = c.posting_id)))::int as n`.execute(db);
    expect(spread.rows[0].n).toBe(0);
  });

  it("equal a recount after applications, withdrawals and check-ins to one shift at the same moment", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const start = Date.now() + 5 * DAY;
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR), capacity: 4 }] });
    const shift = await db.selectFrom("shifts").select("id").where("posting_id", "=", posting.id).executeTakeFirstOrThrow();
    // PGlite runs them one after another: fewer suffice there.
    const n = name === "postgres" ? 40 : 10;
    const people = [];
    for (let i = 0; i < n; i++) people.push(await createUser(db));
    await db.updateTable("users").set({ birth_date: "1990-04-01" }).where("id", "in", people.map((p) => p.id)).execute();
    const results = await Promise.all(people.map((p) => applyToShifts(db, { userId: p.id, postingId: posting.id, shiftIds: [shift.id], message: "", acknowledgeOverlap: true }, ctx)));
    expect(results.every((r) => r.status === "ok")).toBe(true);
    await expectExact(db, "after the applications");

    // Side by side: half withdraw, everyone is checked in (some absent, with minutes), some are marked no-show.
    const apps = await db.selectFrom("applications").select(["id", "user_id"]).where("shift_id", "=", shift.id).orderBy("id").execute();
    await Promise.all(
      apps.map((a, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto("attendance")
            .values({ shift_id: shift.id, application_id: a.id, user_id: a.user_id, status: i % 3 === 0 ? "absent" : "present", source: "group", confirmed_minutes: i % 3 === 0 ? null : 60 + i })
            .execute();
          if (i % 2 === 0) await trx.updateTable("applications").set({ status: "withdrawn" }).where("id", "=", a.id).execute();
          else if (i % 5 === 1) await trx.updateTable("applications").set({ status: "confirmed" }).where("id", "=", a.id).execute();
          else if (i % 7 === 3) await trx.updateTable("applications").set({ status: "no_show" }).where("id", "=", a.id).where("status", "=", "confirmed").execute();
        }),
      ),
    );
    await expectExact(db, "after the concurrent writes");
    const [{ held }] = (await sql<{ held: number }>`select coalesce(sum(places_held), 0)::int as held from report_shift_counts where shift_id = ${shift.id}`.execute(db)).rows;
    expect(held).toBeGreaterThan(0);
    await Promise.all([compactReportCounts(db), compactReportCounts(db)]);
    await expectExact(db, "after two foldings at once");
  });

  // The write skew the row locks of migration 0027 close: attendance recorded in a transaction still open while its
  // session moves, or its application is withdrawn, in another. Without the locks the other's trigger would not
  // see the uncommitted row, and the row would keep the old copy.
  it.runIf(name === "postgres")("keep attendance's copies exact when a session moves or an application is withdrawn while attendance is being recorded", async () => {
    const owner = await createUser(db);
    const org = await createOrganisation(db, { ownerId: owner.id });
    const start = Date.now() + 3 * DAY;
    const posting = await createPosting(db, org.id, { shifts: [{ startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR), capacity: 4 }] });
    const shift = await db.selectFrom("shifts").select("id").where("posting_id", "=", posting.id).executeTakeFirstOrThrow();
    const [mover, leaver] = [await createUser(db), await createUser(db)];
    const application = await db
      .insertInto("applications")
      .values({ shift_id: shift.id, posting_id: posting.id, user_id: leaver.id, status: "confirmed", shift_starts_at: new Date(start), shift_ends_at: new Date(start + 2 * HOUR) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const waiting = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db)).rows[0].n;

    /** Records `values` in a transaction kept open until `other` is waiting on it, then commits both. */
    const race = async (values: Insertable<AttendanceTable>, other: () => Promise<unknown>) => {
      let release!: () => void;
      let recorded!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const inserted = new Promise<void>((r) => (recorded = r));
      const recording = db.transaction().execute(async (trx) => {
        await trx.insertInto("attendance").values(values).execute();
        recorded();
        await held;
      });
      await inserted;
      const changing = other();
      let tries = 0;
      while ((await waiting()) === 0) {
        if (++tries > 200) throw new Error("the change did not wait for the open recording");
        await new Promise((r) => setTimeout(r, 10));
      }
      release();
      await Promise.all([recording, changing]);
    };

    await race({ shift_id: shift.id, user_id: mover.id, status: "present", source: "group" }, () =>
      db.updateTable("shifts").set({ starts_at: new Date(start + DAY), ends_at: new Date(start + DAY + 2 * HOUR) }).where("id", "=", shift.id).execute(),
    );
    await race({ shift_id: shift.id, application_id: application.id, user_id: leaver.id, status: "present", source: "group" }, () =>
      db.updateTable("applications").set({ status: "withdrawn" }).where("id", "=", application.id).execute(),
    );
    const rows = await db.selectFrom("attendance").select(["user_id", "shift_starts_at", "application_ended"]).where("shift_id", "=", shift.id).orderBy("user_id").execute();
    expect(rows.map((r) => [r.user_id, new Date(r.shift_starts_at).getTime(), r.application_ended])).toEqual([
      [mover.id, start + DAY, false],
      [leaver.id, start + DAY, true],
    ]);
    expect(await stale(db)).toEqual([]);
  });
});
