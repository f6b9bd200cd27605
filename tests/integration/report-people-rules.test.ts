import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { VolunteerType } from "#db/schema";
import { listBehind } from "~/modules/reports/behind.server";
import { drillKey } from "~/modules/reports/drill-key";
import { addDays, ageOn, fiscalYearRange, isTokyoDate, monthsOf, previousRange, rangeInstants, tokyoMonthOf } from "~/modules/reports/fiscal-year.rules";
import { monthIn } from "~/modules/reports/grouping.server";
import { figureById, getImpactReport, spanOf } from "~/modules/reports/report.server";
import { ageBandOf, isYoung, percent } from "~/modules/reports/report.rules";
import type { Figure, FigureId, ImpactReport, MonthPoint, ReportRange } from "~/modules/reports/report.types";
import { testDatabases } from "../support/databases";
import { createCatalogue, createOrganisation } from "../support/factories";
import { databaseForSuite } from "../support/suite-database";

/**
 * The report's people figures are classified in SQL (participation.server.ts `peopleInRanges`); the rules in
 * JS (`ageOn`, `ageBandOf`, `isYoung`, `tokyoMonthOf`) are their definition. These tests count a few hundred
 * people at the edges of those rules both ways and fail when the two disagree: ages on leap days and on the
 * last day of a range, instants a millisecond either side of a Tokyo month, and the drill-down behind each figure.
 */

/** A Tokyo wall-clock time 'YYYY-MM-DDTHH:MM:SS.mmm' as an instant. */
const tokyo = (local: string) => new Date(`${local}+09:00`);

const FY = fiscalYearRange(2027); // 2027-04-01 … 2028-03-31, against 年度 2026
const FEB_28: ReportRange = { from: "2028-02-01", to: "2028-02-28" };
const FEB_29: ReportRange = { from: "2028-02-01", to: "2028-02-29" };
const FEB_2027: ReportRange = { from: "2027-02-01", to: "2027-02-28" };
const RANGES = [FY, FEB_28, FEB_29, FEB_2027];

/** Sessions a millisecond before and at a Tokyo month's (or a compared range's) first instant, and a UTC month edge. */
const EDGES: Date[] = [
  ...[
    "2027-01-04",
    "2027-02-01",
    "2027-03-01",
    "2027-04-01",
    "2027-05-01",
    "2027-07-01",
    "2028-01-01",
    "2028-01-03",
    "2028-01-04",
    "2028-02-01",
    "2028-02-29",
    "2028-03-01",
    "2028-04-01",
  ].flatMap((day) => [tokyo(`${addDays(day, -1)}T23:59:59.999`), tokyo(`${day}T00:00:00.000`)]),
  tokyo("2028-02-29T23:59:59.999"),
  // Midnight in UTC is 09:00 in Tokyo: the month is Tokyo's.
  new Date("2027-06-30T23:59:59.999Z"),
  new Date("2027-07-01T00:00:00.000Z"),
  new Date("2027-07-31T15:00:00.000Z"),
];
const MIDDLES: Date[] = ["2025-06-15", "2026-10-10", "2027-02-10", "2027-09-09", "2028-01-15", "2028-02-10"].map((d) => tokyo(`${d}T10:00:00.000`));

/** Birth dates at the edges of every age band and of the young age, on each range's last day and its comparison's. */
function edgeBirthDates(): (string | null)[] {
  const lastDays = [...new Set(RANGES.flatMap((r) => [r.to, previousRange(r).to]))];
  const out = new Set<string>();
  for (const last of lastDays) {
    for (const age of [0, 18, 23, 30, 40, 65]) {
      const [y, md] = [Number(last.slice(0, 4)) - age, last.slice(4)];
      // The birthday `age` years before the last day; a 29 February that year lacks is either side of it.
      const birthdays = isTokyoDate(`${y}${md}`) ? [`${y}${md}`] : [`${y}-02-28`, `${y}-03-01`];
      for (const b of birthdays) for (const d of [-1, 0, 1]) out.add(addDays(b, d));
    }
    // Born after the range's last day: no age band, but young by age.
    out.add(addDays(last, 1));
  }
  for (let y = 1956; y <= 2028; y += 4) out.add(`${y}-02-29`);
  for (const d of ["2027-04-01", "2028-04-01", "2029-02-28"]) out.add(d);
  return [...out, null, null, null, null];
}

interface Person {
  id: number;
  type: VolunteerType | null;
  birth: string | null;
  district: number | null;
  school: number | null;
}
interface Took {
  userId: number;
  shiftId: number;
  startsAt: Date;
  park: boolean;
  counts: boolean;
}
/** What a person counts as in one range, by the JS rules. */
interface Counted {
  id: number;
  type: string;
  ageBand: string;
  district: string;
  school: string | null;
  young: boolean;
  park: boolean;
  firstTime: boolean;
  returning: boolean;
  firstMonth: string | null;
  months: Set<string>;
  sessions: Took[];
}

const TYPES: (VolunteerType | null)[] = ["high_school", "university", "working", "other", null];
const NOT_YOUNG_TYPES: (VolunteerType | null)[] = ["working", "other", null];

describe.each(testDatabases())("the report's people figures agree with the JS rules on $name", ({ open }) => {
  let db: DB;
  let people: Person[] = [];
  let took: Took[] = [];
  let chuo = 0;
  let schools: number[] = [];

  databaseForSuite(open, async (opened) => {
    db = opened;
    const cat = await createCatalogue(db);
    chuo = cat.districts.find((d) => d.code === "chuo")!.id;
    const districts = [chuo, cat.districts.find((d) => d.code === "edamitsu")!.id, null];
    const org = await createOrganisation(db, { kind: "npo" });
    schools = [(await createOrganisation(db, { kind: "high_school" })).id, (await createOrganisation(db, { kind: "university" })).id];
    const park = (await db.insertInto("places").values({ kind: "park", name_ja: "テスト公園", district_id: chuo }).returning("id").executeTakeFirstOrThrow()).id;
    const posting = async (placeId: number | null) =>
      (
        await db
          .insertInto("postings")
          .values({ organisation_id: org.id, title: "人数の規則", description: "規則の照合", category_id: cat.categories[0].id, district_id: chuo, place_id: placeId, status: "published", published_at: tokyo("2025-01-01T09:00:00.000") })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const [atPark, elsewhere] = [await posting(park), await posting(null)];
    const instants = [...EDGES, ...MIDDLES];
    const shiftRows = await db
      .insertInto("shifts")
      .values(instants.flatMap((t) => [atPark, elsewhere].map((posting_id) => ({ posting_id, starts_at: t, ends_at: new Date(t.getTime() + 2 * 3600_000), capacity: 50 }))))
      .returning(["id", "posting_id", "starts_at"])
      .execute();
    const shiftAt = (t: Date, atAPark: boolean) => shiftRows.find((s) => new Date(s.starts_at).getTime() === t.getTime() && s.posting_id === (atAPark ? atPark : elsewhere))!;

    // Each birth date twice: with a type of the list in turn, and with a type that is not young by itself.
    const births = edgeBirthDates();
    const wanted = births.flatMap((birth, d) => [TYPES[d % TYPES.length], NOT_YOUNG_TYPES[d % NOT_YOUNG_TYPES.length]].map((type) => ({ birth, type })));
    const users = await db
      .insertInto("users")
      .values(
        wanted.map((w, j) => ({
          email: `people-rules-${j}@example.test`,
          password_hash: null,
          email_verified_at: new Date(),
          birth_date: w.birth,
          volunteer_type: w.type,
          district_id: districts[j % districts.length],
          school_organisation_id: [schools[0], schools[1], null, null][j % 4],
        })),
      )
      .returning(["id", "birth_date", "volunteer_type", "district_id", "school_organisation_id"])
      .execute();
    people = users.map((u, j) => ({ id: u.id, type: wanted[j].type, birth: wanted[j].birth, district: u.district_id, school: u.school_organisation_id }));

    let seed = 2028;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const fyFrom = rangeInstants(FY).from;
    const rows: { shift_id: number; user_id: number; status: "present" | "late" | "absent"; source: "group" }[] = [];
    took = [];
    const session = (local: string) => [...EDGES, ...MIDDLES].find((t) => t.getTime() === tokyo(local).getTime())!;
    const pick = (...local: string[]) => session(local[Math.floor(rand() * local.length)]);
    people.forEach((p, j) => {
      const at = new Set<Date>();
      if (j % 2 === 0) {
        // First at an edge instant in turn, and now and then at later sessions.
        const first = EDGES[(j / 2) % EDGES.length];
        at.add(first);
        for (const t of MIDDLES) if (t > first && rand() < 0.3) at.add(t);
        const later = EDGES.filter((t) => t > first);
        // Every other one comes back at the next edge too (a returning newcomer when that is in the same range).
        if (later.length && (j / 2) % (2 * EDGES.length) >= EDGES.length) at.add(later[0]);
        else if (later.length && rand() < 0.5) at.add(later[Math.floor(rand() * later.length)]);
        if (![...at].some((t) => t >= fyFrom && t < tokyo("2028-04-01T00:00:00.000"))) at.add(session("2028-02-10T10:00:00.000"));
      } else {
        // In every range and every range compared with, so that each birth date is counted in each.
        at.add(pick("2027-01-04T00:00:00.000", "2027-01-31T23:59:59.999"));
        at.add(pick("2027-02-01T00:00:00.000", "2027-02-10T10:00:00.000", "2027-02-28T23:59:59.999"));
        at.add(pick("2028-01-04T00:00:00.000", "2028-01-15T10:00:00.000", "2028-01-31T23:59:59.999"));
        at.add(pick("2028-02-01T00:00:00.000", "2028-02-10T10:00:00.000", "2028-02-28T23:59:59.999"));
        if (rand() < 0.3) at.add(EDGES[Math.floor(rand() * EDGES.length)]);
      }
      for (const t of at) {
        const s = shiftAt(t, rand() < 0.4);
        const status = rand() < 0.1 ? "absent" : rand() < 0.2 ? "late" : "present";
        rows.push({ shift_id: s.id, user_id: p.id, status, source: "group" });
        took.push({ userId: p.id, shiftId: s.id, startsAt: t, park: s.posting_id === atPark, counts: status !== "absent" });
      }
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto("attendance").values(rows.slice(i, i + 500)).execute();
  });

  /** Everyone who took part in a range, with what they count as there, by the JS rules. */
  function countedIn(range: ReportRange): Counted[] {
    const { from, to } = rangeInstants(range);
    const inRange = (t: Date) => t >= from && t < to;
    const out: Counted[] = [];
    for (const p of people) {
      const all = took.filter((a) => a.userId === p.id && a.counts);
      const sessions = all.filter((a) => inRange(a.startsAt));
      if (!sessions.length) continue;
      const first = new Date(Math.min(...all.map((a) => a.startsAt.getTime())));
      const age = ageOn(p.birth, range.to);
      const firstTime = inRange(first);
      out.push({
        id: p.id,
        type: p.type ?? "none",
        ageBand: ageBandOf(age),
        district: p.district === null ? "none" : String(p.district),
        school: p.school === null ? null : String(p.school),
        young: isYoung(p.type, age),
        park: sessions.some((a) => a.park),
        firstTime,
        returning: firstTime && sessions.length >= 2,
        firstMonth: firstTime ? tokyoMonthOf(first) : null,
        months: new Set(sessions.map((a) => tokyoMonthOf(a.startsAt))),
        sessions,
      });
    }
    return out;
  }

  const figure = (r: ImpactReport, id: FigureId) => figureById(r, id)!;
  const rowsOf = (f: Figure, breakdown: string) => Object.fromEntries(f.breakdowns.find((b) => b.id === breakdown)!.rows.map((r) => [r.key, [r.value, r.previous]]));
  /** The rows a breakdown should have: each key the report shows or the people have, with `measure` of its people then and before. */
  function expectedRows(f: Figure, breakdown: string, cur: Counted[], prev: Counted[], keyOf: (c: Counted) => string | null, measure: (xs: Counted[]) => number | null, shown = (xs: Counted[]) => (measure(xs) ?? 0) > 0) {
    // A key without a label is shown only when it has a figure then or before (for a share: people to divide by).
    const found = [...cur, ...prev].map(keyOf).filter((k): k is string => k !== null && [cur, prev].some((xs) => shown(xs.filter((c) => keyOf(c) === k))));
    const keys = new Set([...Object.keys(rowsOf(f, breakdown)), ...found]);
    return Object.fromEntries([...keys].map((k) => [k, [measure(cur.filter((c) => keyOf(c) === k)), measure(prev.filter((c) => keyOf(c) === k))]]));
  }
  const seriesOf = (months: { cur: string[]; prev: string[] }, cur: Counted[], prev: Counted[], inMonth: (c: Counted, m: string) => boolean): MonthPoint[] =>
    months.cur.map((month, i) => ({ month, value: cur.filter((c) => inMonth(c, month)).length, previous: i < months.prev.length ? prev.filter((c) => inMonth(c, months.prev[i])).length : null }));

  it("has the edge cases it is about: someone of every age band, young by age alone, first at each side of a month's edge", () => {
    const fy = countedIn(FY);
    expect(people.length).toBeGreaterThanOrEqual(250);
    expect(new Set(fy.map((c) => c.ageBand))).toEqual(new Set(["under_18", "18_22", "23_29", "30_39", "40_64", "65_plus", "none"]));
    // Exactly 18 / 30 on the last day, and a day short of it.
    const ages = new Set(fy.map((c) => ageOn(people.find((p) => p.id === c.id)!.birth, FY.to)));
    for (const a of [17, 18, 29, 30, 39, 40, 64, 65, -1]) expect(ages).toContain(a);
    expect(fy.filter((c) => c.young && ["working", "other", "none"].includes(c.type)).length).toBeGreaterThan(0);
    const firstAt = (local: string) => fy.filter((c) => c.firstTime && Math.min(...c.sessions.map((a) => a.startsAt.getTime())) === tokyo(local).getTime()).length;
    expect(firstAt("2027-04-30T23:59:59.999")).toBeGreaterThan(0);
    expect(firstAt("2027-05-01T00:00:00.000")).toBeGreaterThan(0);
    expect(countedIn(previousRange(FY)).filter((c) => c.firstTime).length).toBeGreaterThan(0);
    expect(countedIn(FEB_29).filter((c) => people.find((p) => p.id === c.id)!.birth?.endsWith("-02-29")).length).toBeGreaterThan(0);
  });

  it.each(RANGES.map((range) => ({ range, name: `${range.from} – ${range.to}` })))("counts each age band, young share, newcomer and month of $name as the JS rules do", async ({ range }) => {
    const r = await getImpactReport(db, range, tokyo("2030-01-01T00:00:00.000"));
    const cur = countedIn(range);
    const prev = countedIn(previousRange(range));
    expect(cur.length).toBeGreaterThan(0);
    const months = { cur: monthsOf(range), prev: monthsOf(previousRange(range)) };
    const n = (xs: Counted[]) => xs.length;
    const where = (pred: (c: Counted) => boolean) => (xs: Counted[]) => xs.filter(pred).length;
    const keys = { type: (c: Counted) => c.type, ageBand: (c: Counted) => c.ageBand, district: (c: Counted) => c.district };

    const checks: [FigureId, (xs: Counted[]) => number, ((c: Counted, m: string) => boolean) | null][] = [
      ["newcomers.participants", n, (c, m) => c.months.has(m)],
      ["newcomers.firstTime", where((c) => c.firstTime), (c, m) => c.firstMonth === m],
      ["newcomers.returning", where((c) => c.returning), (c, m) => c.returning && c.firstMonth === m],
    ];
    for (const [id, measure, inMonth] of checks) {
      const f = figure(r, id);
      expect([id, f.value, f.previous]).toEqual([id, measure(cur), measure(prev)]);
      for (const [b, keyOf] of Object.entries(keys)) expect([id, b, rowsOf(f, b)]).toEqual([id, b, expectedRows(f, b, cur, prev, keyOf, measure)]);
      if (inMonth) expect([id, f.series]).toEqual([id, seriesOf(months, cur, prev, inMonth)]);
    }

    const share = (xs: Counted[]) => percent(xs.filter((c) => c.young).length, xs.length);
    const young = figure(r, "newcomers.youngShare");
    expect([young.value, young.previous]).toEqual([share(cur), share(prev)]);
    expect(rowsOf(young, "district")).toEqual(expectedRows(young, "district", cur, prev, keys.district, share, (xs) => xs.length > 0));

    const parks = figure(r, "parks.youngPeople");
    expect([parks.value, parks.previous]).toEqual([where((c) => c.young && c.park)(cur), where((c) => c.young && c.park)(prev)]);

    const students = figure(r, "schools.students");
    expect([students.value, students.previous]).toEqual([where((c) => c.school !== null)(cur), where((c) => c.school !== null)(prev)]);
    expect(rowsOf(students, "school")).toEqual(expectedRows(students, "school", cur, prev, (c) => c.school, n));
  });

  it("sorts instants a millisecond either side of a Tokyo month's first instant into the month tokyoMonthOf names", async () => {
    const { span } = spanOf(FY);
    const instants = [...EDGES, ...MIDDLES].filter((t) => t >= span.prevFrom && t < span.curTo);
    const { rows } = await sql<{ t: Date; m: string | null }>`
      select t, ${monthIn(span, sql`t`)} as m from unnest(${`{${instants.map((t) => t.toISOString()).join(",")}}`}::timestamptz[]) as t order by t`.execute(db);
    expect(rows.map((x) => [new Date(x.t).toISOString(), x.m])).toEqual(instants.sort((a, b) => a.getTime() - b.getTime()).map((t) => [t.toISOString(), tokyoMonthOf(t)]));
    // And Tokyo dates: the last day of a month and the 1st of the next.
    const days = monthsOf({ from: "2026-04-01", to: "2028-03-31" }).flatMap((m) => [`${m}-01`, addDays(`${m}-01`, -1)]).filter((d) => d >= "2026-04-01");
    const byDate = await sql<{ d: string; m: string | null }>`
      select d::text as d, ${monthIn(span, sql`d`, "date")} as m from unnest(${`{${days.join(",")}}`}::date[]) as d order by d`.execute(db);
    expect(byDate.rows.map((x) => [x.d, x.m])).toEqual(days.sort().map((d) => [d, d.slice(0, 7)]));
  });

  it.each([FY, FEB_29].map((range) => ({ range, name: `${range.from} – ${range.to}` })))("lists behind each people figure of $name the sessions of exactly the people it counts", async ({ range }) => {
    const r = await getImpactReport(db, range, tokyo("2030-01-01T00:00:00.000"));
    const cur = countedIn(range);
    const school = String(schools[0]);
    const cases: [FigureId, string | null, (c: Counted) => boolean, number | null][] = [
      ["newcomers.participants", null, () => true, figure(r, "newcomers.participants").value],
      ["newcomers.participants", drillKey("type", "high_school"), (c) => c.type === "high_school", rowsOf(figure(r, "newcomers.participants"), "type").high_school[0]],
      ["newcomers.participants", drillKey("ageBand", "18_22"), (c) => c.ageBand === "18_22", rowsOf(figure(r, "newcomers.participants"), "ageBand")["18_22"][0]],
      ["newcomers.participants", drillKey("district", String(chuo)), (c) => c.district === String(chuo), rowsOf(figure(r, "newcomers.participants"), "district")[String(chuo)][0]],
      ["newcomers.firstTime", null, (c) => c.firstTime, figure(r, "newcomers.firstTime").value],
      ["newcomers.firstTime", drillKey("ageBand", "under_18"), (c) => c.firstTime && c.ageBand === "under_18", rowsOf(figure(r, "newcomers.firstTime"), "ageBand").under_18[0]],
      ["newcomers.returning", null, (c) => c.returning, figure(r, "newcomers.returning").value],
      ["newcomers.returning", drillKey("type", "high_school"), (c) => c.returning && c.type === "high_school", rowsOf(figure(r, "newcomers.returning"), "type").high_school[0]],
      ["newcomers.youngShare", null, (c) => c.young, null],
      ["newcomers.youngShare", drillKey("district", String(chuo)), (c) => c.young && c.district === String(chuo), null],
      ["parks.youngPeople", null, (c) => c.young && c.park, figure(r, "parks.youngPeople").value],
      ["schools.students", drillKey("school", school), (c) => c.school === school, rowsOf(figure(r, "schools.students"), "school")[school][0]],
    ];
    for (const [id, key, counts, shown] of cases) {
      const behind = cur.filter(counts);
      // The figure (or its row) counts these people …
      if (shown !== null) expect([id, key, shown]).toEqual([id, key, behind.length]);
      else expect([id, key, percent(behind.length, key ? cur.filter((c) => c.district === String(chuo)).length : cur.length)]).toEqual([id, key, key ? rowsOf(figure(r, id), "district")[String(chuo)][0] : figure(r, id).value]);
      expect([id, key, behind.length > 0]).toEqual([id, key, true]);
      // … and the list behind it has each session they took part in, with how many of them came.
      const perShift = new Map<number, number>();
      for (const c of behind) for (const a of c.sessions) if (id !== "parks.youngPeople" || a.park) perShift.set(a.shiftId, (perShift.get(a.shiftId) ?? 0) + 1);
      const list = (await listBehind(db, id, range, key, { limit: 10_000 }))!;
      expect(list.truncated).toBe(false);
      expect([id, key, list.rows.map((x) => [x.id, x.count]).sort((a, b) => a[0] - b[0])]).toEqual([id, key, [...perShift].sort((a, b) => a[0] - b[0])]);
    }

    // The schools behind schools.students: each with its students, adding up to the figure.
    const students = figure(r, "schools.students");
    const list = (await listBehind(db, "schools.students", range, null, { limit: 10_000 }))!;
    const bySchool = new Map<string, number>();
    for (const c of cur) if (c.school !== null) bySchool.set(c.school, (bySchool.get(c.school) ?? 0) + 1);
    expect(list.rows.map((x) => [String(x.id), x.count]).sort()).toEqual([...bySchool].sort());
    expect(list.rows.reduce((t, x) => t + x.count, 0)).toBe(students.value);
    for (const x of list.rows) expect(rowsOf(students, "school")[String(x.id)][0]).toBe(x.count);
  });
});
