import type { Executor } from "#db/client.server";
import { tokyoDateString } from "~/utils/format";
import { loggedActivities, siteSessions, youthOutcomes } from "./activities.server";
import { bandLabel, grantFor } from "./grant.rules";
import { getParkRecord, isOwnPark } from "./registry.server";
import { getParkSettings } from "./settings.server";
import { fiscalYear } from "./vitality.rules";

/** Everything the association's own page shows of its park; null when the park is not this organisation's. */
export async function associationPage(db: Executor, organisationId: number, parkId: number, now = new Date()) {
  if (!(await isOwnPark(db, organisationId, parkId))) return null;
  const [record, recent, site, youth, settings] = await Promise.all([
    getParkRecord(db, parkId),
    loggedActivities(db, parkId),
    siteSessions(db, parkId),
    youthOutcomes(db, parkId),
    getParkSettings(db),
  ]);
  if (!record?.association) return null;
  const grant = grantFor(record.park.area_m2, settings.grantBands);
  const today = tokyoDateString(now);
  const year = fiscalYear(today);
  return {
    park: { id: record.park.id, name: record.park.name, areaM2: record.park.area_m2 },
    association: record.association,
    recent: recent.slice(0, 10),
    site: site.slice(0, 5),
    youth,
    grant: { yen: grant.yen, band: bandLabel(settings.grantBands, grant.index) },
    today,
    years: [year, year - 1],
  };
}
