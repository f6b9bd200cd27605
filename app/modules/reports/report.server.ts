import type { Executor } from "#db/client.server";
import { AGE_BANDS, type Figure, type ImpactReport, type ReportRange, type ReportSection, type ReportSectionId, REPORT_SECTIONS } from "./report.types";
import { fiscalYearOfRange, monthsOf, previousRange, rangeInstants } from "./fiscal-year.rules";
import { figureOf, hoursOf, keyLabels, ratioFigure, seriesOf, type Cell, type Labels } from "./report.rules";
import { confirmedMinutes, participantsPerMonth, peopleCells, peopleWhoTookPart, type Span } from "./participation.server";
import { applicationsMade, postingsPublished, sessionsHeld } from "./activity.server";
import { parkFigures, safeguardingFigures, welfareFigures } from "./sections.server";
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
  const [districts, categories, organisations, places] = await Promise.all([
    db.selectFrom("districts").select(["id", "name_ja", "name_en", "sort_order"]).orderBy("sort_order").orderBy("id").execute(),
    db.selectFrom("categories").select(["id", "name_ja", "name_en", "sort_order"]).orderBy("sort_order").orderBy("id").execute(),
    db.selectFrom("organisations").select(["id", "name", "kind"]).execute(),
    db.selectFrom("places").select(["id", "name_ja", "name_en"]).where("kind", "=", "civic_centre").orderBy("id").execute(),
  ]);
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

export async function getImpactReport(db: Executor, range: ReportRange, now = new Date()): Promise<ImpactReport> {
  const { span, previous } = spanOf(range);
  const months = { cur: monthsOf(range), prev: monthsOf(previous) };
  const lastDay = { cur: range.to, prev: previous.to };
  const labels = await reportLabels(db);

  // People
  const people = peopleCells(await peopleWhoTookPart(db, span), span, lastDay);
  const perMonth = await participantsPerMonth(db, span);
  const personBreakdowns = [
    { id: "type" as const, labels: labels.type },
    { id: "ageBand" as const, labels: labels.ageBand },
    { id: "district" as const, labels: labels.district },
  ];
  // A person counts once in the total but in each month they came: the series is its own query.
  const participants = { ...figureOf({ id: "newcomers.participants", unit: "people", breakdowns: personBreakdowns, drill: true }, people.participants), series: seriesOf(perMonth, months) };
  const firstTime = figureOf({ id: "newcomers.firstTime", unit: "people", months, breakdowns: personBreakdowns, drill: true }, people.firstTime);
  const returning = figureOf({ id: "newcomers.returning", unit: "people", months, breakdowns: personBreakdowns, drill: true }, people.returning);
  const young = figureOf({ id: "newcomers.youngShare", unit: "people", breakdowns: personBreakdowns }, people.young);
  const youngShare = ratioFigure("newcomers.youngShare", young, { ...participants, series: undefined });
  youngShare.breakdowns = youngShare.breakdowns.filter((b) => b.id === "district");

  // Activity
  const sessions = await sessionsHeld(db, span, now);
  const postings = await postingsPublished(db, span);
  const applications = await applicationsMade(db, span);
  const minutes = await confirmedMinutes(db, span);
  const activityBreakdowns = (cells: readonly Cell[]) => [
    { id: "category" as const, labels: labels.category },
    { id: "district" as const, labels: labels.district },
    { id: "organisationKind" as const, labels: labels.organisationKind },
    { id: "organisation" as const, labels: present(labels.organisation, cells, "organisation") },
  ];
  const act = (id: Figure["id"], cells: Cell[], unit: Figure["unit"] = "count", drill = true) => figureOf({ id, unit, months, breakdowns: activityBreakdowns(cells), drill }, cells);
  const offered = act("activity.placesOffered", sessions.map((c) => ({ ...c, value: c.places })));
  const filled = act("activity.placesFilled", sessions.map((c) => ({ ...c, value: c.filled })));
  const fillRate = ratioFigure("activity.fillRate", filled, offered);
  const hoursCells = minutes;
  const hours = figureOf({ id: "activity.hours", unit: "hours", months, breakdowns: activityBreakdowns(hoursCells), drill: true }, hoursCells, hoursOf);

  // Schools
  const students = figureOf({ id: "schools.students", unit: "people", drill: true, breakdowns: [{ id: "school", labels: present(labels.school, people.students, "school"), drill: true }] }, people.students);
  const schoolMinutes = minutes.filter((c) => c.keys?.school !== "none");
  const schoolHours = figureOf({ id: "schools.hours", unit: "hours", months, drill: true, breakdowns: [{ id: "school", labels: present(labels.school, schoolMinutes, "school"), drill: true }] }, schoolMinutes, hoursOf);

  // 市民センター
  const atCentre = (cells: Cell[]) => cells.filter((c) => c.keys?.place !== "none");
  const centrePostings = atCentre(postings);
  const centreSessions = atCentre(sessions);
  const centreBreakdown = (cells: Cell[]) => [{ id: "place" as const, labels: present(labels.place, cells, "place"), drill: true }];

  const sections: Record<ReportSectionId, Figure[]> = {
    newcomers: [participants, firstTime, returning, youngShare],
    activity: [
      act("activity.postingsPublished", postings),
      act("activity.sessionsHeld", sessions),
      offered,
      filled,
      fillRate,
      act("activity.applications", applications),
      act("activity.confirmations", sessions.map((c) => ({ ...c, value: c.confirmations }))),
      act("activity.noShows", sessions.map((c) => ({ ...c, value: c.noShows }))),
      hours,
    ],
    schools: [students, schoolHours],
    parks: await parkFigures(db, span, lastDay, now),
    welfare: await welfareFigures(db, now),
    safeguarding: await safeguardingFigures(db, span, months, now),
    centres: [
      figureOf({ id: "centres.postings", unit: "count", months, breakdowns: centreBreakdown(centrePostings), drill: true }, centrePostings),
      figureOf({ id: "centres.sessions", unit: "count", months, breakdowns: centreBreakdown(centreSessions), drill: true }, centreSessions),
    ],
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
