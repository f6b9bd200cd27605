import { describe, expect, it } from "vitest";
import type { DB } from "#db/client.server";
import { importSeats, saveArea, updateArea } from "~/modules/recruitment/seats.server";
import { listBehind } from "~/modules/reports/behind.server";
import { drillKey } from "~/modules/reports/drill-key";
import { fiscalYearOf, fiscalYearRange, tokyoMonthOf } from "~/modules/reports/fiscal-year.rules";
import { figureById, getImpactReport } from "~/modules/reports/report.server";
import type { Figure, ImpactReport } from "~/modules/reports/report.types";
import { testDatabases, type TestDatabase } from "../support/databases";
import { createCatalogue, createUser } from "../support/factories";
import { uniqueEmail } from "../support/more-factories";
import { databaseForSuite } from "../support/suite-database";

/** The 民生委員・児童委員 fill rate over time, read from the seat history (migration 0024). */

const at = (local: string) => new Date(`${local}:00+09:00`);
const fill = (r: ImpactReport) => figureById(r, "welfare.fillRate")!;
const vacancies = (r: ImpactReport) => figureById(r, "welfare.vacancies")!;
const district = (f: Figure, id: number) => f.breakdowns.find((b) => b.id === "district")!.rows.find((r) => r.key === String(id));
const IP = "127.0.0.1";

/** A suite's own database, with two districts and a staff account. */
function seatSuite(open: TestDatabase["open"]) {
  const suite = {} as { db: DB; chuo: number; edamitsu: number; staffId: number };
  databaseForSuite(open, async (opened) => {
    suite.db = opened;
    const cat = await createCatalogue(opened);
    suite.chuo = cat.districts.find((d) => d.code === "chuo")!.id;
    suite.edamitsu = cat.districts.find((d) => d.code === "edamitsu")!.id;
    suite.staffId = (await createUser(opened, { role: "staff", email: uniqueEmail("staff") })).id;
  });
  return suite;
}

describe.each(testDatabases())("the seat history as worked out by hand on $name", ({ open }) => {
  const suite = seatSuite(open);

  it("reads the fill rate and vacancies at each month's end, the 年度's end and the previous 年度's end; before the history began nothing is recorded", async () => {
    const { db, chuo, edamitsu } = suite;
    // History began on 15 October 2024 (as if the migration had run then); the rows are what the trigger would have written.
    await db.updateTable("recruitment_seat_history_began").set({ at: at("2024-10-15T00:00") }).execute();
    const snapshot = (areaId: number, districtId: number, seats: number, serving: number, when: string, removed = false) => ({ area_id: areaId, district_id: districtId, name: `区域${areaId}`, seats, serving, removed, changed_at: at(when) });
    await db
      .insertInto("recruitment_seat_history")
      .values([
        snapshot(9001, chuo, 10, 8, "2024-10-15T00:00"),
        snapshot(9002, edamitsu, 5, 5, "2024-10-15T00:00"),
        snapshot(9001, chuo, 10, 9, "2025-02-10T10:00"),
        snapshot(9002, edamitsu, 5, 4, "2025-06-20T10:00"),
        snapshot(9003, edamitsu, 3, 0, "2025-09-01T10:00"),
        snapshot(9003, edamitsu, 3, 3, "2025-11-05T10:00"),
        snapshot(9001, chuo, 0, 0, "2026-01-10T10:00", true),
      ])
      .execute();

    const r = await getImpactReport(db, fiscalYearRange(2025), at("2026-12-01T00:00"));
    // End of 年度 2025: 9002 (5 seats, 4 serving) + 9003 (3, 3); 9001 was removed. End of 年度 2024: 9001 (10, 9) + 9002 (5, 5).
    expect([fill(r).value, fill(r).previous]).toEqual([87.5, 93.3]);
    expect([vacancies(r).value, vacancies(r).previous]).toEqual([1, 1]);
    expect(fill(r).series!.map((m) => m.value)).toEqual([93.3, 93.3, 86.7, 86.7, 86.7, 72.2, 72.2, 88.9, 88.9, 87.5, 87.5, 87.5]);
    expect(fill(r).series!.map((m) => m.previous)).toEqual([null, null, null, null, null, null, 86.7, 86.7, 86.7, 86.7, 93.3, 93.3]);
    expect(vacancies(r).series!.map((m) => m.value)).toEqual([1, 1, 2, 2, 2, 5, 5, 2, 2, 1, 1, 1]);
    expect(vacancies(r).series!.map((m) => m.previous)).toEqual([null, null, null, null, null, null, 2, 2, 2, 2, 1, 1]);
    // 中央 had no seat area left at the end of 年度 2025: no rate, no vacancy.
    expect(district(fill(r), chuo)).toMatchObject({ value: null, previous: 90, label: "中央", labelEn: "Chuo" });
    expect(district(fill(r), edamitsu)).toMatchObject({ value: 87.5, previous: 100 });
    expect(district(vacancies(r), chuo)).toMatchObject({ value: 0, previous: 1 });
    // Each district month by month, from the same states: 中央 has no seats from January (removed), and 年度 2024's
    // months before 15 October were not recorded.
    const months = (f: Figure, id: number) => [district(f, id)!.series!.map((m) => m.value), district(f, id)!.series!.map((m) => m.previous)];
    const before = [null, null, null, null, null, null];
    expect(months(fill(r), chuo)).toEqual([[90, 90, 90, 90, 90, 90, 90, 90, 90, null, null, null], [...before, 80, 80, 80, 80, 90, 90]]);
    expect(months(fill(r), edamitsu)).toEqual([[100, 100, 80, 80, 80, 50, 50, 87.5, 87.5, 87.5, 87.5, 87.5], [...before, 100, 100, 100, 100, 100, 100]]);
    expect(months(vacancies(r), chuo)).toEqual([[1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], [...before, 2, 2, 2, 2, 1, 1]]);
    expect(fill(r)).toMatchObject({ atPeriodEnd: true, recordedSince: at("2024-10-15T00:00").toISOString() });
    expect(fill(r).asOfNow).toBeUndefined();

    // 年度 2024 ended after the history began; the 年度 before it did not: "not recorded", not zero.
    const earlier = await getImpactReport(db, fiscalYearRange(2024), at("2026-12-01T00:00"));
    expect([fill(earlier).value, fill(earlier).previous, vacancies(earlier).value, vacancies(earlier).previous]).toEqual([93.3, null, 1, null]);

    // While the 年度 runs, its value is the state now and months not reached have none.
    const running = await getImpactReport(db, fiscalYearRange(2025), at("2025-07-15T12:00"));
    expect(fill(running).value).toBe(86.7);
    expect(fill(running).series!.map((m) => m.value)).toEqual([93.3, 93.3, 86.7, 86.7, null, null, null, null, null, null, null, null]);

    // Behind the figure: the areas as they stood at the 年度's end, with their serving counts.
    const behind = await listBehind(db, "welfare.fillRate", fiscalYearRange(2025), null, { now: at("2026-12-01T00:00") });
    expect(behind?.rows.map((x) => [x.id, x.title, x.count])).toEqual([
      [9002, "区域9002", 4],
      [9003, "区域9003", 3],
    ]);
    const behindChuo = await listBehind(db, "welfare.vacancies", fiscalYearRange(2024), drillKey("district", String(chuo)), { now: at("2026-12-01T00:00") });
    expect(behindChuo?.rows.map((x) => [x.id, x.count])).toEqual([[9001, 1]]);
  });
});

describe.each(testDatabases())("the seat history follows every change to seats on $name", ({ open }) => {
  const suite = seatSuite(open);

  it("shows an edit of the seats at once, and the time before the history as not recorded", async () => {
    const { db, chuo, edamitsu, staffId } = suite;
    const report = () => {
      const now = new Date();
      return getImpactReport(db, fiscalYearRange(fiscalYearOf(now)), now);
    };
    const area = (name: string, seats: number, serving: number, households = 0) => ({ districtId: chuo, name, seats, serving, households, intendContinue: 0, intendLeave: 0, intendUndecided: 0 });
    const before = await report();
    // The history began when the database was made: the previous 年度 ended before it.
    expect([fill(before).value, fill(before).previous, vacancies(before).value, vacancies(before).previous]).toEqual([null, null, 0, null]);
    const thisMonth = tokyoMonthOf(new Date());
    for (const m of vacancies(before).series!) expect(m.value, m.month).toBe(m.month === thisMonth ? 0 : null);

    await saveArea(db, area("中央第1", 4, 2), staffId, IP);
    expect([fill(await report()).value, vacancies(await report()).value]).toEqual([50, 2]);
    const id = (await db.selectFrom("recruitment_areas").select("id").where("name", "=", "中央第1").executeTakeFirstOrThrow()).id;
    expect(await updateArea(db, id, area("中央第1", 4, 3), staffId, IP)).toBe("ok");
    const csv = "district,area,seats,serving\r\nedamitsu,枝光第1,4,4\r\n";
    expect(await importSeats(db, new TextEncoder().encode(csv), staffId, IP)).toEqual({ status: "ok", saved: 1 });

    const after = await report();
    expect([fill(after).value, vacancies(after).value]).toEqual([87.5, 1]);
    expect(district(fill(after), chuo)?.value).toBe(75);
    expect(district(fill(after), edamitsu)?.value).toBe(100);
    expect(fill(after).series!.find((m) => m.month === thisMonth)?.value).toBe(87.5);
    expect(fill(after).previous).toBeNull();

    // Households alone are not seats: no new snapshot. Removing an area is one.
    const rows = async () => Number((await db.selectFrom("recruitment_seat_history").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const counted = await rows();
    expect(await updateArea(db, id, area("中央第1", 4, 3, 1200), staffId, IP)).toBe("ok");
    expect(await rows()).toBe(counted);
    await db.deleteFrom("recruitment_areas").where("id", "=", id).execute();
    expect(await rows()).toBe(counted + 1);
    expect(fill(await report()).value).toBe(100);
  });
});
