import { bandLabel, grantFor, type GrantBand } from "./grant.rules";
import { ACTIVITY_KINDS, type ActivityKind } from "./parks.vocabulary";

/** The year's report arithmetic (活動報告書), pure: the log and the site's sessions in, the totals out. */
export interface LoggedActivity {
  date: string;
  kind: ActivityKind;
  people: number;
  viaSite: number;
  minutes: number;
  note: string;
}

/** A session the association ran on the site at this park, with the people recorded present. */
export interface SiteSession {
  date: string;
  title: string;
  people: number;
  minutes: number;
}

export interface KindTotal {
  kind: ActivityKind | "site";
  count: number;
  people: number;
  minutes: number;
}

export interface ReportTotals {
  activities: number;
  people: number;
  viaSite: number;
  minutes: number;
  personMinutes: number;
  byKind: KindTotal[];
  grant: { yen: number; band: string };
}

/** The 年度 (April to March) as Tokyo dates. */
export function fiscalYearRange(year: number): { from: string; to: string } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

export function reportTotals(input: { log: LoggedActivity[]; site: SiteSession[]; areaM2: number; bands: readonly GrantBand[] }): ReportTotals {
  const byKind: KindTotal[] = [...ACTIVITY_KINDS, "site" as const].map((kind) => ({ kind, count: 0, people: 0, minutes: 0 }));
  const add = (kind: KindTotal["kind"], people: number, minutes: number) => {
    const t = byKind.find((k) => k.kind === kind)!;
    t.count += 1;
    t.people += people;
    t.minutes += minutes;
  };
  let viaSite = 0;
  let personMinutes = 0;
  for (const a of input.log) {
    add(a.kind, a.people, a.minutes);
    viaSite += a.viaSite;
    personMinutes += a.people * a.minutes;
  }
  for (const s of input.site) {
    add("site", s.people, s.minutes);
    // Everyone recorded at a session posted on the site came through it.
    viaSite += s.people;
    personMinutes += s.people * s.minutes;
  }
  const grant = grantFor(input.areaM2, input.bands);
  return {
    activities: input.log.length + input.site.length,
    people: byKind.reduce((s, k) => s + k.people, 0),
    viaSite,
    minutes: byKind.reduce((s, k) => s + k.minutes, 0),
    personMinutes,
    byKind: byKind.filter((k) => k.count > 0),
    grant: { yen: grant.yen, band: bandLabel(input.bands, grant.index) },
  };
}

/** Minutes as hours for people: 90 → "1.5". */
export function hoursText(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toLocaleString("ja-JP");
}
