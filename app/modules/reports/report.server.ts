import { sql } from "kysely";
import type { Executor } from "#db/client.server";
import { AGE_BANDS, type Figure, type ImpactReport, type ReportRange, type ReportSection, type ReportSectionId, REPORT_SECTIONS } from "./report.types";
import { fiscalYearOfRange, monthsOf, previousRange, rangeInstants, validRange } from "./fiscal-year.rules";
import { figureOf, hoursOf, keyLabels, ratioFigure, seriesOf, type Cell, type Labels, type Span } from "./report.rules";
import { cellsOf, partCellsOf } from "./grouping.server";
import { peopleCells, studentMinutes } from "./participation.server";
import { applicationsMade, postingsPublished, sessionCells, sessionCentreCells, sessionFigures } from "./activity.server";
import { parkFigures, safeguardingCells, safeguardingFigures, welfareFigures } from "./sections.server";
import { staffParkList } from "~/modules/parks/registry.server";
import { ORGANISATION_KINDS, VOLUNTEER_TYPES } from "~/vocabulary";

/**
 * The impact report for a range of Tokyo dates against the range before it (docs/decisions/031-impact-figures.md).
 * Read fresh on every call: nothing here is cached, and `computedAt` says when it was read.
 */

export function spanOf(range: ReportRange): { span: Span; previous: ReportRange } {
  const previous = previousRange(range);
  const cur = rangeInstants(range);
  return { span: { prevFrom: rangeInstants(previous).from, curFrom: cur.from, curTo: cur.to }, previous };
}

export interface ReportLabels {
  district: Labels;
  category: Labels;
  organisation: Labels;
  school: Labels;
  place: Labels;
  type: Labels;
  ageBand: Labels;
  organisationKind: Labels;
}

/** Names for the breakdowns' keys: districts, categories and civic centres in both languages; groups and schools as registered. */
export async function reportLabels(db: Executor): Promise<ReportLabels> {
  // One query for the four lists (each a JSON array): a report sends few queries, each one costs a round trip.
  type Named = { id: number; name_ja: string; name_en: string };
  const { rows } = await sql<{ districts: string; categories: string; organisations: string; places: string }>`
    select
      (select coalesce(json_agg(json_build_object('id', d.id, 'name_ja', d.name_ja, 'name_en', d.name_en) order by d.sort_order, d.id), '[]')::text from districts d) as districts,
      (select coalesce(json_agg(json_build_object('id', c.id, 'name_ja', c.name_ja, 'name_en', c.name_en) order by c.sort_order, c.id), '[]')::text from categories c) as categories,
      (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind)), '[]')::text from organisations o) as organisations,
      (select coalesce(json_agg(json_build_object('id', p.id, 'name_ja', p.name_ja, 'name_en', p.name_en) order by p.id), '[]')::text from places p where p.kind = 'civic_centre') as places`.execute(db);
  const districts = JSON.parse(rows[0].districts) as Named[];
  const categories = JSON.parse(rows[0].categories) as Named[];
  const organisations = JSON.parse(rows[0].organisations) as { id: number; name: string; kind: string }[];
  const places = JSON.parse(rows[0].places) as Named[];
  const named = <T extends { id: number }>(rows: T[], label: (r: T) => { label: string; labelEn?: string }, ordered = true): Labels =>
    new Map(rows.map((r, i) => [String(r.id), { ...label(r), ...(ordered ? { order: i } : {}) }]));
  // Groups and schools are many: only those with a figure are shown (no order: sorted by key, i.e. id).
  const groups: Labels = new Map(organisations.map((o) => [String(o.id), { label: o.name, order: undefined }]));
  return {
    district: named(districts, (d) => ({ label: d.name_ja, labelEn: d.name_en })),
    category: named(categories, (c) => ({ label: c.name_ja, labelEn: c.name_en })),
    organisation: groups,
    school: groups,
    place: named(places, (p) => ({ label: p.name_ja, labelEn: p.name_en || p.name_ja })),
    type: keyLabels("volunteerType", [...VOLUNTEER_TYPES, "none"], { none: "reports.key.type.none" }),
    ageBand: keyLabels("reports.key.ageBand", AGE_BANDS),
    organisationKind: keyLabels("orgKind", ORGANISATION_KINDS),
  };
}

/** Only the labels of keys the cells have (groups and schools: a list of every group would be noise). */
function present(labels: Labels, cells: readonly Cell[], id: "organisation" | "school" | "place"): Labels {
  const keys = new Set(cells.map((c) => c.keys?.[id]).filter((k): k is string => !!k && k !== "none"));
  return new Map([...labels].filter(([k]) => keys.has(k)));
}

/** The report of a range (real Tokyo dates, from ≤ to, at most five years: `validRange`); a route checks it first. */
export async function getImpactReport(db: Executor, range: ReportRange, now = new Date()): Promise<ImpactReport> {
  if (!validRange(range)) throw new RangeError(`not a report range: ${range.from} – ${range.to}`);
  const { span, previous } = spanOf(range);
  const months = { cur: monthsOf(range), prev: monthsOf(previous) };
  const lastDay = { cur: range.to, prev: previous.to };
  // Independent reads, at once: on PostgreSQL they run on several connections of the pool. Each part's figures
  // are added up as soon as its reads arrive, while the slower reads still run.
  const labelsRead = reportLabels(db);
  const withLabels = <T, R>(read: Promise<T>, add: (labels: ReportLabels, rows: T) => R): Promise<R> => Promise.all([labelsRead, read]).then(([labels, rows]) => add(labels, rows));
  const activityBreakdowns = (labels: ReportLabels, cells: readonly Cell[]) => [
    { id: "category" as const, labels: labels.category },
    { id: "district" as const, labels: labels.district },
    { id: "organisationKind" as const, labels: labels.organisationKind },
    { id: "organisation" as const, labels: present(labels.organisation, cells, "organisation") },
  ];
  const act = (labels: ReportLabels, id: Figure["id"], cells: Cell[], unit: Figure["unit"] = "count", map?: (n: number) => number) =>
    figureOf({ id, unit, months, breakdowns: activityBreakdowns(labels, cells), drill: true }, cells, map);
  // 市民センター
  const centre = (labels: ReportLabels, id: Figure["id"], cells: Cell[]) => figureOf({ id, unit: "count", months, drill: true, breakdowns: [{ id: "place", labels: present(labels.place, cells, "place") }] }, cells);

  const applicationsRead = applicationsMade(db, span);
  const [people, sessionFigs, postingFigs, applicationFigs, schoolHours, welfare, parks, safeguarding] = await Promise.all([
    withLabels(peopleCells(db, span, lastDay), (labels, people) => ({ labels, people })),
    withLabels(sessionFigures(db, span, now), (labels, sessions) => {
      const offered = act(labels, "activity.placesOffered", sessionCells(sessions, "places"));
      const filled = act(labels, "activity.placesFilled", sessionCells(sessions, "filled"));
      return {
        held: act(labels, "activity.sessionsHeld", sessionCells(sessions, "sessions")),
        offered,
        filled,
        fillRate: ratioFigure("activity.fillRate", filled, offered),
        confirmations: act(labels, "activity.confirmations", sessionCells(sessions, "confirmations")),
        noShows: act(labels, "activity.noShows", sessionCells(sessions, "no_shows")),
        hours: act(labels, "activity.hours", sessionCells(sessions, "minutes"), "hours", hoursOf),
        centre: centre(labels, "centres.sessions", sessionCentreCells(sessions, "sessions")),
      };
    }),
    withLabels(postingsPublished(db, span), (labels, postings) => ({
      published: act(labels, "activity.postingsPublished", cellsOf(postings, "n")),
      centre: centre(labels, "centres.postings", partCellsOf(postings, "n", "place")),
    })),
    withLabels(applicationsRead, (labels, applications) => act(labels, "activity.applications", cellsOf(applications, "n"))),
    // Schools: hours of participants whose profile names a school.
    withLabels(studentMinutes(db, span), (labels, rows) => {
      const schoolMinutes = partCellsOf(rows, "minutes", "school");
      return figureOf({ id: "schools.hours", unit: "hours", months, drill: true, breakdowns: [{ id: "school", labels: present(labels.school, schoolMinutes, "school"), drill: true }] }, schoolMinutes, hoursOf);
    }),
    welfareFigures(db, now, { cur: { from: span.curFrom, to: span.curTo }, prev: { from: span.prevFrom, to: span.curFrom }, months }),
    staffParkList(db, {}, now),
    Promise.all([safeguardingCells(db, span, now), applicationsRead]).then(([cells, applications]) => safeguardingFigures(cells, months, cellsOf(applications, "minors", ["month"]))),
  ]);

  const { labels } = people;
  const perMonth = people.people.perMonth;
  const personBreakdowns = [
    { id: "type" as const, labels: labels.type },
    { id: "ageBand" as const, labels: labels.ageBand },
    { id: "district" as const, labels: labels.district },
  ];
  // A person counts once in the total but in each month they came: the series is counted apart (`peopleCells` perMonth).
  const participants = { ...figureOf({ id: "newcomers.participants", unit: "people", breakdowns: personBreakdowns, drill: true }, people.people.participants), series: seriesOf(perMonth, months) };
  const firstTime = figureOf({ id: "newcomers.firstTime", unit: "people", months, breakdowns: personBreakdowns, drill: true }, people.people.firstTime);
  const returning = figureOf({ id: "newcomers.returning", unit: "people", months, breakdowns: personBreakdowns, drill: true }, people.people.returning);
  const young = figureOf({ id: "newcomers.youngShare", unit: "people", breakdowns: personBreakdowns }, people.people.young);
  const youngShare = ratioFigure("newcomers.youngShare", young, { ...participants, series: undefined });
  youngShare.breakdowns = youngShare.breakdowns.filter((b) => b.id === "district");
  const students = figureOf({ id: "schools.students", unit: "people", drill: true, breakdowns: [{ id: "school", labels: present(labels.school, people.people.students, "school"), drill: true }] }, people.people.students);

  const sections: Record<ReportSectionId, Figure[]> = {
    newcomers: [participants, firstTime, returning, youngShare],
    activity: [
      postingFigs.published,
      sessionFigs.held,
      sessionFigs.offered,
      sessionFigs.filled,
      sessionFigs.fillRate,
      applicationFigs,
      sessionFigs.confirmations,
      sessionFigs.noShows,
      sessionFigs.hours,
    ],
    schools: [students, schoolHours],
    parks: parkFigures(parks, people.people.youngInParks),
    welfare,
    safeguarding,
    centres: [postingFigs.centre, sessionFigs.centre],
  };
  return {
    range,
    previousRange: previous,
    fiscalYear: fiscalYearOfRange(range),
    computedAt: now.toISOString(),
    sections: REPORT_SECTIONS.map((id): ReportSection => ({ id, labelKey: `reports.section.${id}`, figures: sections[id] })),
  };
}

/** A figure of a report by id (for the email, the API and tests). */
export function figureById(report: ImpactReport, id: Figure["id"]): Figure | undefined {
  for (const s of report.sections) for (const f of s.figures) if (f.id === id) return f;
  return undefined;
}
