import type { Executor } from "#db/client.server";
import { tokyoDateString } from "~/utils/format";
import { yearActivities } from "./activities.server";
import { reportTotals } from "./report.rules";
import type { ReportData } from "./report-pdf.server";
import { getParkSettings } from "./settings.server";
import { fiscalYear } from "./vitality.rules";

/** The year's report of a park's association, ready for the PDF (null when the park has no association). */
export async function parkReport(db: Executor, parkId: number, year: number, now = new Date()): Promise<ReportData | null> {
  const row = await db
    .selectFrom("parks")
    .innerJoin("park_associations as a", "a.park_id", "parks.id")
    .select(["parks.name", "parks.address", "parks.area_m2", "a.name as association", "a.member_count"])
    .where("parks.id", "=", parkId)
    .executeTakeFirst();
  if (!row) return null;
  const [{ log, site, range }, settings] = await Promise.all([yearActivities(db, parkId, year), getParkSettings(db)]);
  return {
    year,
    park: { name: row.name, address: row.address, areaM2: row.area_m2 },
    association: { name: row.association, memberCount: row.member_count },
    range,
    totals: reportTotals({ log, site, areaM2: row.area_m2, bands: settings.grantBands }),
    log,
    site,
    issuedOn: tokyoDateString(now),
  };
}

/** The 年度 a report is for by default: this one. */
export function currentFiscalYear(now = new Date()): number {
  return fiscalYear(tokyoDateString(now));
}
