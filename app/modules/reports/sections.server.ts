import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import type { StaffParkRow } from "~/modules/parks/registry.server";
import { recruitmentFigures } from "~/modules/recruitment/figures.server";
import { seatAreasAt } from "~/modules/recruitment/seat-history.server";
import { CONCERN_CATEGORIES, CONCERN_OUTCOMES, RECRUITMENT_STAGES } from "~/vocabulary";
import { figureOf, keyLabels, percent, type Cell, type Labels } from "./report.rules";
import type { Figure } from "./report.types";
import type { Span } from "./report.rules";
import { seatFigures, seatInstants, type SeatPeriods } from "./seat-history.rules";

/**
 * Park care, 民生委員・児童委員 and safeguarding. Park associations are the state now (their history is not kept),
 * welfare seats the state at each period's end from their history, computed by the parks and recruitment modules'
 * own queries; the rest counts events in the range.
 */

/** `youngInParks`: the young people who took part in sessions held at a park (participation.server.ts). */
export function parkFigures(parks: readonly StaffParkRow[], youngInParks: readonly Cell[]): Figure[] {
  const statusCells: Cell[] = parks.filter((p) => p.association).map((p) => ({ cur: true, value: 1, keys: { status: p.association!.status, district: p.districtId === null ? "none" : String(p.districtId) } }));
  const atRisk: Cell[] = parks.filter((p) => p.vitality?.level === "at_risk").map((p) => ({ cur: true, value: 1, keys: { district: p.districtId === null ? "none" : String(p.districtId) } }));
  const without: Cell[] = parks
    .filter((p) => !p.association || p.association.status === "dissolved")
    .map((p) => ({ cur: true, value: 1, keys: { district: p.districtId === null ? "none" : String(p.districtId) } }));
  return [
    figureOf({ id: "parks.associations", unit: "count", asOfNow: true, drill: true, breakdowns: [{ id: "status", labels: keyLabels("parks.status", ["active", "paused", "dissolved"]) }] }, statusCells),
    figureOf({ id: "parks.atRisk", unit: "count", asOfNow: true, drill: true }, atRisk),
    figureOf({ id: "parks.withoutAssociation", unit: "count", asOfNow: true, drill: true }, without),
    figureOf({ id: "parks.youngPeople", unit: "people", drill: true }, youngInParks),
  ];
}

/**
 * 民生委員・児童委員: the fill rate and vacancies at the end of each period from the seat history (now while the
 * period runs); the pipeline and the conversions are the state now.
 */
export async function welfareFigures(db: Executor, now: Date, periods: SeatPeriods): Promise<Figure[]> {
  const [history, figures, districts] = await Promise.all([
    seatAreasAt(db, seatInstants(periods, now)),
    recruitmentFigures(db, now),
    db.selectFrom("districts").select(["id", "name_ja", "name_en"]).orderBy("sort_order").orderBy("id").execute(),
  ]);
  const districtLabels: Labels = new Map(districts.map((d, i) => [String(d.id), { label: d.name_ja, labelEn: d.name_en, order: i }]));
  const [fill, vacancies] = seatFigures(history.states, periods.months, districtLabels, history.began);
  const stages = await db.selectFrom("recruitment_people").select(["stage", sql<number>`count(*)::int`.as("n")]).groupBy("stage").execute();
  const pipeline = figureOf(
    { id: "welfare.pipeline", unit: "people", asOfNow: true, breakdowns: [{ id: "stage", labels: keyLabels("recruitment.stage", RECRUITMENT_STAGES) }] },
    stages.map((s) => ({ cur: true, value: s.n, keys: { stage: s.stage } })),
  );
  const interest = figures.campaigns.reduce((n, c) => n + c.total.counts.interest, 0) + (figures.unattributed?.counts.interest ?? 0);
  const appointedAll = figures.campaigns.reduce((n, c) => n + c.total.counts.appointed, 0) + (figures.unattributed?.counts.appointed ?? 0);
  const conversion: Figure = {
    id: "welfare.conversion",
    section: "welfare",
    labelKey: "reports.figure.welfare.conversion",
    unit: "percent",
    value: percent(appointedAll, interest),
    previous: null,
    asOfNow: true,
    drill: false,
    breakdowns: [
      { id: "campaign", labelKey: "reports.breakdown.campaign", rows: figures.campaigns.map((c) => ({ key: String(c.id), label: c.name, value: percent(c.total.counts.appointed, c.total.counts.interest), previous: null, drill: false })) },
      {
        id: "channel",
        labelKey: "reports.breakdown.channel",
        rows: figures.campaigns.flatMap((c) =>
          c.channels.map((ch) => ({ key: ch.key, label: ch.label ? `${c.name} / ${ch.label}` : c.name, value: percent(ch.counts.appointed, ch.counts.interest), previous: null, drill: false })),
        ),
      },
    ],
  };
  return [fill, vacancies, pipeline, conversion];
}

export interface SafeguardingCells {
  reviewed: Cell[];
  consents: Cell[];
  received: Cell[];
  closed: Cell[];
}

/** Safeguarding events in either range: reviews decided, consent requests (by outcome), concerns received and closed. */
export async function safeguardingCells(db: Executor, span: Span, now: Date): Promise<SafeguardingCells> {
  const period = (column: string) => sql`${sql.ref(column)} >= ${span.curFrom} as cur, to_char(${sql.ref(column)} at time zone 'Asia/Tokyo', 'YYYY-MM') as month`;
  const inSpan = (column: string) => sql`${sql.ref(column)} >= ${span.prevFrom} and ${sql.ref(column)} < ${span.curTo}`;
  // One query of four parts (`which`): a report sends few queries, each one costs a round trip.
  type Row = { which: number; cur: boolean; month: string; k: string; n: number };
  const { rows } = await sql<Row>`
    select 0 as which, ${period("r.created_at")}, r.event as k, count(distinct r.posting_id)::int as n
    from safeguarding_reviews r where r.event in ('approved', 'returned') and ${inSpan("r.created_at")} group by 2, 3, 4
    union all
    select 1, ${period("g.created_at")},
      case when g.status = 'requested' and g.expires_at <= ${now} then 'expired' else g.status end, count(*)::int
    from guardian_consents g where ${inSpan("g.created_at")} group by 2, 3, 4
    union all
    select 2, ${period("c.created_at")}, c.category, count(*)::int from concerns c where ${inSpan("c.created_at")} group by 2, 3, 4
    union all
    select 3, ${period("c.closed_at")}, coalesce(c.outcome, 'none'), count(*)::int from concerns c where c.status = 'closed' and ${inSpan("c.closed_at")} group by 2, 3, 4`.execute(db);
  const part = (which: number, id: "event" | "status" | "outcome" | "category"): Cell[] =>
    rows.filter((r) => r.which === which).map((r) => ({ cur: r.cur, month: r.month, value: r.n, keys: { [id]: r.k } }));
  const [reviewed, consents, received, closed] = [part(0, "event"), part(1, "status"), part(2, "category"), part(3, "outcome")];
  return { reviewed, consents, received, closed };
}

/** `minorApplications`: the applications' cells with the under-18s' count as their value (activity.server.ts). */
export function safeguardingFigures(cells: SafeguardingCells, months: { cur: string[]; prev: string[] }, minorApplications: readonly Cell[]): Figure[] {
  const { reviewed, consents, received, closed } = cells;
  return [
    figureOf({ id: "safeguarding.postingsReviewed", unit: "count", months, drill: true, breakdowns: [{ id: "event", labels: keyLabels("reports.key.event", ["approved", "returned"]) }] }, reviewed),
    figureOf({ id: "safeguarding.minorApplications", unit: "count", months }, minorApplications.map((c) => ({ ...c, keys: {} }))),
    figureOf({ id: "safeguarding.consents", unit: "count", months, breakdowns: [{ id: "status", labels: keyLabels("reports.key.status", ["given", "declined", "revoked", "expired", "requested"]) }] }, consents),
    figureOf({ id: "safeguarding.concernsReceived", unit: "count", months, breakdowns: [{ id: "category", labels: keyLabels("concerns.category", CONCERN_CATEGORIES) }] }, received),
    figureOf({ id: "safeguarding.concernsClosed", unit: "count", months, breakdowns: [{ id: "outcome", labels: keyLabels("concerns.staff.outcome", [...CONCERN_OUTCOMES, "none"], { none: "reports.key.outcome.none" }) }] }, closed),
  ];
}
