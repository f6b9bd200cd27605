import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import type { ApplicationStatus, VolunteerType } from "#db/schema";
import { catalogues } from "~/locales/catalogues";
import { listBehind } from "~/modules/reports/behind.server";
import { drillKey } from "~/modules/reports/drill-key";
import { ageOn, fiscalYearRange } from "~/modules/reports/fiscal-year.rules";
import { figureById, getImpactReport } from "~/modules/reports/report.server";
import { MONTHLY_SUMMARY_QUEUE, monthRange, scheduleMonthlySummary, sendMonthlySummary } from "~/modules/reports/monthly.server";
import { ageBandOf, isYoung, percent } from "~/modules/reports/report.rules";
import type { Figure, FigureId, ImpactReport } from "~/modules/reports/report.types";
import { testDatabases } from "../support/databases";
import { createCatalogue, createOrganisation, createUser } from "../support/factories";
import { databaseForSuite } from "../support/suite-database";
import { emailsTo } from "../support/more-factories";

const at = (local: string) => new Date(`${local}:00+09:00`);

async function person(db: DB, type: VolunteerType | null, birthDate: string | null, districtId: number | null, schoolId: number | null = null) {
  const u = await createUser(db);
  await db.updateTable("users").set({ volunteer_type: type, birth_date: birthDate, district_id: districtId, school_organisation_id: schoolId }).where("id", "=", u.id).execute();
  return u.id;
}

async function posting(db: DB, organisationId: number, input: { categoryId: number; districtId: number | null; placeId?: number | null; publishedAt: Date }) {
  const p = await db
    .insertInto("postings")
    .values({ organisation_id: organisationId, title: "集計テスト", description: "集計のための募集", category_id: input.categoryId, district_id: input.districtId, place_id: input.placeId ?? null, status: "published", published_at: input.publishedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return p.id;
}

async function shift(db: DB, postingId: number, startsAt: Date, capacity: number) {
  const s = await db.insertInto("shifts").values({ posting_id: postingId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3600_000), capacity }).returning(["id", "starts_at", "ends_at", "posting_id"]).executeTakeFirstOrThrow();
  return s;
}

async function apply(db: DB, s: { id: number; starts_at: Date; ends_at: Date; posting_id: number }, userId: number, status: ApplicationStatus, createdAt: Date, minor = false) {
  const a = await db
    .insertInto("applications")
    .values({ shift_id: s.id, shift_starts_at: s.starts_at, shift_ends_at: s.ends_at, posting_id: s.posting_id, user_id: userId, status, created_at: createdAt, updated_at: createdAt, minor })
    .returning("id")
    .executeTakeFirstOrThrow();
  return a.id;
}

async function attend(db: DB, shiftId: number, applicationId: number | null, userId: number, status: "present" | "late" | "absent", minutes: number | null) {
  await db.insertInto("attendance").values({ shift_id: shiftId, application_id: applicationId, user_id: userId, status, source: "group", confirmed_minutes: minutes }).execute();
}

const value = (r: ImpactReport, id: FigureId) => figureById(r, id)!;
const row = (f: Figure, breakdown: string, key: string) => f.breakdowns.find((b) => b.id === breakdown)!.rows.find((r) => r.key === key);

describe.each(testDatabases())("impact report figures on $name", ({ open }) => {
  let db: DB;
  let cat: Awaited<ReturnType<typeof createCatalogue>>;
  databaseForSuite(open, async (opened) => {
    db = opened;
    cat = await createCatalogue(db);
  });

  it("counts a hand-made 年度 (2024 against 2023) as worked out by hand", async () => {
    const chuo = cat.districts.find((d) => d.code === "chuo")!.id;
    const org = await createOrganisation(db, { kind: "npo" });
    const school = await createOrganisation(db, { kind: "high_school" });
    const centre = (await db.insertInto("places").values({ kind: "civic_centre", name_ja: "テスト市民センター", district_id: chuo }).returning("id").executeTakeFirstOrThrow()).id;
    const p1 = await posting(db, org.id, { categoryId: cat.categories[0].id, districtId: chuo, placeId: centre, publishedAt: at("2024-05-10T09:00") });
    const s0 = await shift(db, p1, at("2023-09-01T10:00"), 2);
    const s1 = await shift(db, p1, at("2024-06-01T10:00"), 3);
    const s2 = await shift(db, p1, at("2024-07-01T10:00"), 2);
    const u1 = await person(db, "high_school", "2008-01-01", chuo, school.id); // 17 on 2025-03-31
    const u2 = await person(db, "working", "1980-05-05", chuo); // 44
    const u3 = await person(db, "university", "2004-06-01", null); // 20; first came in 2023
    const u4 = await person(db, "other", null, chuo); // withdrew: not participation
    const u5 = await person(db, "working", "1990-01-01", chuo); // confirmed, absent: a no-show
    const made = at("2024-05-20T12:00");
    await attend(db, s0.id, await apply(db, s0, u3, "confirmed", at("2023-08-20T12:00")), u3, "present", 120);
    await attend(db, s1.id, await apply(db, s1, u1, "confirmed", made, true), u1, "present", 120);
    await attend(db, s1.id, await apply(db, s1, u2, "confirmed", made), u2, "late", 90);
    await attend(db, s1.id, await apply(db, s1, u3, "confirmed", made), u3, "present", 120);
    await attend(db, s1.id, await apply(db, s1, u4, "withdrawn", made), u4, "present", null);
    await attend(db, s2.id, await apply(db, s2, u1, "confirmed", made, true), u1, "present", 60);
    await attend(db, s2.id, await apply(db, s2, u5, "confirmed", made), u5, "absent", null);
    await db
      .insertInto("concerns")
      .values({ reference: "R-REPORT-1", subject_type: "general", category: "other", description: "テスト", status: "closed", outcome: "advice_given", closed_at: at("2024-09-01T10:00"), created_at: at("2024-08-01T10:00"), updated_at: at("2024-09-01T10:00") })
      .execute();

    const r = await getImpactReport(db, fiscalYearRange(2024), at("2026-12-01T00:00"));
    expect(r.fiscalYear).toBe(2024);
    expect(r.previousRange).toEqual(fiscalYearRange(2023));
    const figures: [FigureId, number | null, number | null][] = [
      ["newcomers.participants", 3, 1],
      ["newcomers.firstTime", 2, 1],
      ["newcomers.returning", 1, 0],
      ["newcomers.youngShare", 66.7, 100],
      ["activity.postingsPublished", 1, 0],
      ["activity.sessionsHeld", 2, 1],
      ["activity.placesOffered", 5, 2],
      ["activity.placesFilled", 5, 1],
      ["activity.fillRate", 100, 50],
      ["activity.applications", 6, 1],
      ["activity.confirmations", 5, 1],
      ["activity.noShows", 1, 0],
      ["activity.hours", 6.5, 2],
      ["schools.students", 1, 0],
      ["schools.hours", 3, 0],
      ["safeguarding.minorApplications", 2, 0],
      ["safeguarding.concernsReceived", 1, 0],
      ["safeguarding.concernsClosed", 1, 0],
      ["centres.postings", 1, 0],
      ["centres.sessions", 2, 1],
    ];
    expect(figures.map(([id]) => [id, value(r, id).value, value(r, id).previous])).toEqual(figures);
    const participants = value(r, "newcomers.participants");
    expect(["high_school", "working", "university", "other"].map((k) => row(participants, "type", k)?.value)).toEqual([1, 1, 1, 0]);
    const first = value(r, "newcomers.firstTime");
    expect(["under_18", "40_64", "18_22"].map((k) => row(first, "ageBand", k)?.value)).toEqual([1, 1, 0]);
    expect(first.series?.find((m) => m.month === "2024-06")?.value).toBe(2);
    expect(row(value(r, "activity.sessionsHeld"), "district", String(chuo))).toMatchObject({ value: 2, previous: 1, label: "中央", labelEn: "Chuo" });
    expect(value(r, "activity.sessionsHeld").series?.map((m) => m.value)).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(value(r, "activity.hours"), "organisationKind", "npo")?.value).toBe(6.5);
    expect(row(value(r, "schools.hours"), "school", String(school.id))).toMatchObject({ value: 3, label: school.name });
    expect(row(value(r, "safeguarding.concernsClosed"), "outcome", "advice_given")?.value).toBe(1);
    expect(row(value(r, "centres.sessions"), "place", String(centre))).toMatchObject({ value: 2, label: "テスト市民センター" });

    // Behind the figures: sessions and postings, with their share; never a person.
    const behindFirst = await listBehind(db, "newcomers.firstTime", fiscalYearRange(2024));
    expect(behindFirst?.rows.map((x) => [x.id, x.count])).toEqual([
      [s1.id, 2],
      [s2.id, 1],
    ]);
    const behindNoShows = await listBehind(db, "activity.noShows", fiscalYearRange(2024), drillKey("district", String(chuo)), { now: at("2026-12-01T00:00") });
    expect(behindNoShows?.rows.map((x) => [x.id, x.count])).toEqual([[s2.id, 1]]);
    const behindYoung = await listBehind(db, "newcomers.firstTime", fiscalYearRange(2024), drillKey("type", "high_school"));
    expect(behindYoung?.rows.map((x) => [x.id, x.count])).toEqual([
      [s1.id, 1],
      [s2.id, 1],
    ]);
    const schools = await listBehind(db, "schools.students", fiscalYearRange(2024));
    expect(schools?.rows).toEqual([{ id: school.id, title: school.name, count: 1, href: `/staff/organisations/${school.id}` }]);
    const names = await db.selectFrom("users").select(["display_name", "email"]).where("id", "in", [u1, u2, u3]).execute();
    const text = JSON.stringify([behindFirst, behindNoShows, behindYoung, schools, r]);
    for (const n of names) expect(text).not.toContain(n.email);
    expect(await listBehind(db, "safeguarding.consents", fiscalYearRange(2024))).toBeNull();

    // Every label the report asks for exists in both languages.
    const keys = new Set<string>();
    for (const s of r.sections) {
      keys.add(s.labelKey);
      for (const f of s.figures) {
        keys.add(f.labelKey);
        for (const b of f.breakdowns) {
          keys.add(b.labelKey);
          for (const x of b.rows) if (x.labelKey) keys.add(x.labelKey);
        }
      }
    }
    const missing = [...keys].filter((k) => !(k in catalogues.ja!) || !(k in catalogues.en!));
    expect(missing).toEqual([]);
  });

  it("agrees with a straightforward count over random data (年度 2021 against 2020)", async () => {
    let seed = 2021;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const districts = [...cat.districts.map((d) => d.id), null];
    const types: (VolunteerType | null)[] = ["high_school", "university", "working", "other", null];
    const org = await createOrganisation(db, { kind: "neighbourhood_association" });
    const people: { id: number; type: VolunteerType | null; birth: string | null; district: number | null }[] = [];
    for (let i = 0; i < 30; i++) {
      const p = { type: pick(types), birth: rand() < 0.2 ? null : `${1950 + Math.floor(rand() * 60)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, district: pick(districts) };
      people.push({ ...p, id: await person(db, p.type, p.birth, p.district) });
    }
    const sessions: { id: number; startsAt: Date; capacity: number; district: number | null }[] = [];
    for (let i = 0; i < 8; i++) {
      const district = pick(districts);
      const pid = await posting(db, org.id, { categoryId: pick(cat.categories).id, districtId: district, publishedAt: at("2020-04-01T09:00") });
      for (let j = 0; j < 4; j++) {
        const startsAt = new Date(at("2020-04-01T09:00").getTime() + Math.floor(rand() * 730) * 86_400_000);
        const s = await shift(db, pid, startsAt, 1 + Math.floor(rand() * 4));
        sessions.push({ id: s.id, startsAt, capacity: s.id && (await db.selectFrom("shifts").select("capacity").where("id", "=", s.id).executeTakeFirstOrThrow()).capacity, district });
        for (const u of people) {
          if (rand() > 0.25) continue;
          const status = pick(["confirmed", "confirmed", "confirmed", "no_show", "withdrawn", "cancelled", "declined", "pending"] as ApplicationStatus[]);
          const created = new Date(startsAt.getTime() - Math.floor(rand() * 20) * 86_400_000);
          const appId = await apply(db, s, u.id, status, created);
          const att = status === "confirmed" || status === "no_show" || (status === "withdrawn" && rand() < 0.5) ? pick(["present", "late", "absent", "present"] as const) : null;
          if (att) await attend(db, s.id, appId, u.id, att, att !== "absent" && rand() < 0.8 ? 30 + Math.floor(rand() * 150) : null);
        }
      }
    }
    const range = fiscalYearRange(2021);
    const r = await getImpactReport(db, range, at("2026-12-01T00:00"));

    // The straightforward counts, from the database rows themselves.
    const from = at("2021-04-01T00:00");
    const to = at("2022-04-01T00:00");
    const prevFrom = at("2020-04-01T00:00");
    const apps = await db.selectFrom("applications").selectAll().where("shift_id", "in", sessions.map((s) => s.id)).execute();
    const atts = await db.selectFrom("attendance").selectAll().where("shift_id", "in", sessions.map((s) => s.id)).execute();
    const startOf = new Map(sessions.map((s) => [s.id, s.startsAt]));
    const appOf = new Map(apps.map((a) => [a.id, a]));
    const inCur = (d: Date) => d >= from && d < to;
    const tookPart = atts.filter((a) => (a.status === "present" || a.status === "late") && !["withdrawn", "cancelled", "declined"].includes(appOf.get(a.application_id!)!.status));
    const firstOf = new Map<number, Date>();
    for (const a of tookPart) {
      const t = startOf.get(a.shift_id)!;
      if (!firstOf.has(a.user_id!) || t < firstOf.get(a.user_id!)!) firstOf.set(a.user_id!, t);
    }
    const curPeople = new Set(tookPart.filter((a) => inCur(startOf.get(a.shift_id)!)).map((a) => a.user_id!));
    const sessionsIn = (u: number) => tookPart.filter((a) => a.user_id === u && inCur(startOf.get(a.shift_id)!)).length;
    const first = [...curPeople].filter((u) => inCur(firstOf.get(u)!));
    const byId = new Map(people.map((p) => [p.id, p]));
    const young = [...curPeople].filter((u) => isYoung(byId.get(u)!.type, ageOn(byId.get(u)!.birth, range.to)));
    const held = sessions.filter((s) => inCur(s.startsAt));
    const holds = apps.filter((a) => inCur(a.shift_starts_at) && (a.status === "confirmed" || a.status === "no_show"));
    const noShows = holds.filter((a) => a.status === "no_show" || atts.some((x) => x.shift_id === a.shift_id && x.user_id === a.user_id && x.status === "absent"));
    const filled = held.reduce((n, s) => n + Math.min(s.capacity, holds.filter((a) => a.shift_id === s.id).length), 0);
    const offered = held.reduce((n, s) => n + s.capacity, 0);
    const minutes = atts.filter((a) => a.status !== "absent" && a.confirmed_minutes !== null && inCur(startOf.get(a.shift_id)!)).reduce((n, a) => n + a.confirmed_minutes!, 0);
    const prevHeld = sessions.filter((s) => s.startsAt >= prevFrom && s.startsAt < from);

    expect(value(r, "newcomers.participants").value).toBe(curPeople.size);
    expect(value(r, "newcomers.firstTime").value).toBe(first.length);
    expect(value(r, "newcomers.returning").value).toBe(first.filter((u) => sessionsIn(u) >= 2).length);
    expect(value(r, "newcomers.youngShare").value).toBe(percent(young.length, curPeople.size));
    expect(value(r, "activity.sessionsHeld").value).toBe(held.length);
    expect(value(r, "activity.sessionsHeld").previous).toBe(prevHeld.length);
    expect(value(r, "activity.placesOffered").value).toBe(offered);
    expect(value(r, "activity.placesFilled").value).toBe(filled);
    expect(value(r, "activity.fillRate").value).toBe(percent(filled, offered));
    expect(value(r, "activity.confirmations").value).toBe(holds.length);
    expect(value(r, "activity.noShows").value).toBe(noShows.length);
    expect(value(r, "activity.applications").value).toBe(apps.filter((a) => inCur(a.created_at)).length);
    expect(value(r, "activity.hours").value).toBe(Math.round(minutes / 6) / 10);
    for (const d of districts) {
      const key = d === null ? "none" : String(d);
      expect(row(value(r, "activity.sessionsHeld"), "district", key)?.value ?? 0).toBe(held.filter((s) => s.district === d).length);
      expect(row(value(r, "newcomers.participants"), "district", key)?.value ?? 0).toBe([...curPeople].filter((u) => byId.get(u)!.district === d).length);
    }
    for (const band of ["under_18", "18_22", "23_29", "30_39", "40_64", "65_plus", "none"]) {
      expect(row(value(r, "newcomers.participants"), "ageBand", band)?.value).toBe([...curPeople].filter((u) => ageBandOf(ageOn(byId.get(u)!.birth, range.to)) === band).length);
    }
    const perMonth = value(r, "activity.sessionsHeld").series!;
    expect(perMonth.reduce((n, m) => n + (m.value ?? 0), 0)).toBe(held.length);
    // The drill-down adds up to the figure.
    const behind = await listBehind(db, "activity.confirmations", range, null, { now: at("2026-12-01T00:00") });
    expect(behind!.rows.reduce((n, x) => n + x.count, 0)).toBe(holds.length);
  });

  it("queues the monthly summary once per month for the 1st at 09:00 in Tokyo, and it mails each staff account once", async () => {
    const now = new Date("2026-11-30T16:00:00Z"); // 1 December 01:00 in Tokyo
    await scheduleMonthlySummary(db, now);
    await scheduleMonthlySummary(db, new Date(now.getTime() + 3600_000));
    const jobs = await db.selectFrom("jobs").select(["run_at", "payload"]).where("queue", "=", MONTHLY_SUMMARY_QUEUE).execute();
    expect(jobs.map((j) => [new Date(j.run_at).toISOString(), j.payload])).toEqual([["2027-01-01T00:00:00.000Z", { month: "2026-12" }]]);
    expect(monthRange("2024-06")).toEqual({ from: "2024-06-01", to: "2024-06-30" });
    expect(monthRange("2024-12")).toEqual({ from: "2024-12-01", to: "2024-12-31" });

    const staff = await createUser(db, { role: "staff" });
    const sent = await sendMonthlySummary(db, "2024-06", at("2026-12-01T09:00"), "http://localhost:3000");
    expect(sent).toBeGreaterThanOrEqual(1);
    const mine = (await emailsTo(db, staff.email)).filter((e) => e.template === "impact-monthly");
    expect(mine).toHaveLength(1);
    // June 2024 of the hand-made fixture: one session, three people (two of them new).
    expect(mine[0].props).toMatchObject({ month: "2024-06", sessions: 1, participants: 3, firstTime: 2, reportUrl: "http://localhost:3000/staff/reports?year=2024" });
  });
});
