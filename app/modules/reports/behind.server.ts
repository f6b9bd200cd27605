import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { staffParkList } from "~/modules/parks/registry.server";
import { seatAreasAt } from "~/modules/recruitment/seat-history.server";
import type { BehindKind, BehindList, BehindRow, BreakdownId, FigureId, ReportRange } from "./report.types";
import { HOLDS_PLACE, NO_SHOW, SESSION_HELD } from "./activity.server";
import { peopleInRanges, TOOK_PART } from "./participation.server";
import { spanOf } from "./report.server";
import { validRange } from "./fiscal-year.rules";
import { stateInstant } from "./seat-history.rules";
import { parseDrillKey } from "./drill-key";

/**
 * What is behind a figure: the postings, sessions, groups, schools, parks or seat areas it counts, each with its
 * share of the figure. Things only: never a person, so never a minor's name. `key` is "<breakdown>:<row key>"
 * (as `drillKey` makes it) to list only that row of a breakdown.
 */

export const BEHIND_LIMIT = 200;

const intKey = (k: string) => (/^\d{1,9}$/.test(k) ? Number(k) : -1);

/** The SQL condition of a posting breakdown row (aliases p, o). Unknown breakdowns select nothing. */
function postingFilter(filter: { breakdown: BreakdownId; key: string } | null): RawBuilder<unknown> {
  if (!filter) return sql`true`;
  const { breakdown, key } = filter;
  switch (breakdown) {
    case "category":
      return sql`p.category_id = ${intKey(key)}`;
    case "district":
      return key === "none" ? sql`p.district_id is null` : sql`p.district_id = ${intKey(key)}`;
    case "organisationKind":
      return sql`o.kind = ${key}`;
    case "organisation":
      return sql`o.id = ${intKey(key)}`;
    case "place":
      return sql`p.place_id = ${intKey(key)}`;
    default:
      return sql`false`;
  }
}

type SessionMeasure = "sessions" | "places" | "filled" | "confirmations" | "noShows";

const SESSION_FIGURES: Partial<Record<FigureId, SessionMeasure>> = {
  "activity.sessionsHeld": "sessions",
  "activity.placesOffered": "places",
  "activity.placesFilled": "filled",
  "activity.fillRate": "filled",
  "activity.confirmations": "confirmations",
  "activity.noShows": "noShows",
  "centres.sessions": "sessions",
};

interface SessionRow {
  id: number;
  title: string;
  org: string;
  posting_id: number;
  starts_at: Date;
  n: number;
}

const sessionRows = (rows: SessionRow[]): BehindRow[] =>
  rows.map((r) => ({ id: r.id, title: r.title, context: r.org, at: new Date(r.starts_at).toISOString(), count: r.n, href: `/postings/${r.posting_id}` }));

function list(figureId: FigureId, key: string | null, kind: BehindKind, range: ReportRange, all: BehindRow[], limit: number, keepZero = false): BehindList {
  const rows = keepZero ? all : all.filter((r) => r.count > 0);
  return { figureId, key, kind, range, rows: rows.slice(0, limit), total: rows.length, truncated: rows.length > limit };
}

export async function listBehind(db: Executor, figureId: FigureId, range: ReportRange, key: string | null = null, options: { now?: Date; limit?: number } = {}): Promise<BehindList | null> {
  if (!validRange(range)) throw new RangeError(`not a report range: ${range.from} – ${range.to}`);
  const now = options.now ?? new Date();
  const limit = options.limit ?? BEHIND_LIMIT;
  const { span } = spanOf(range);
  const filter = parseDrillKey(key);
  const inRange = (column: RawBuilder<unknown>) => sql`${column} >= ${span.curFrom} and ${column} < ${span.curTo}`;

  const measure = SESSION_FIGURES[figureId];
  if (measure) {
    const centre = figureId.startsWith("centres.") ? sql`pl.kind = 'civic_centre'` : sql`true`;
    const value = {
      sessions: sql`1`,
      places: sql`s.capacity`,
      filled: sql`least(s.capacity, (select count(*) from applications ap where ap.shift_id = s.id and ${HOLDS_PLACE}))`,
      confirmations: sql`(select count(*) from applications ap where ap.shift_id = s.id and ${HOLDS_PLACE})`,
      noShows: sql`(select count(*) from applications ap left join attendance x on x.shift_id = ap.shift_id and x.user_id = ap.user_id and x.status = 'absent' where ap.shift_id = s.id and ${NO_SHOW})`,
    }[measure];
    const { rows } = await sql<SessionRow>`
      select s.id, p.title, o.name as org, p.id as posting_id, s.starts_at, (${value})::int as n
      from shifts s join postings p on p.id = s.posting_id join organisations o on o.id = p.organisation_id left join places pl on pl.id = p.place_id
      where ${inRange(sql`s.starts_at`)} and ${SESSION_HELD(now)} and ${centre} and ${postingFilter(filter)}
      order by s.starts_at, s.id`.execute(db);
    return list(figureId, key, "sessions", range, sessionRows(rows), limit);
  }

  if (figureId === "activity.postingsPublished" || figureId === "centres.postings" || figureId === "activity.applications") {
    const centre = figureId === "centres.postings" ? sql`pl.kind = 'civic_centre'` : sql`true`;
    const { rows } =
      figureId === "activity.applications"
        ? await sql<{ id: number; title: string; org: string; at: Date; n: number }>`
            select p.id, p.title, o.name as org, p.published_at as at, count(*)::int as n
            from applications ap join postings p on p.id = ap.posting_id join organisations o on o.id = p.organisation_id
            where ${inRange(sql`ap.created_at`)} and ${postingFilter(filter)}
            group by p.id, p.title, o.name, p.published_at order by n desc, p.id`.execute(db)
        : await sql<{ id: number; title: string; org: string; at: Date; n: number }>`
            select p.id, p.title, o.name as org, p.published_at as at, 1 as n
            from postings p join organisations o on o.id = p.organisation_id left join places pl on pl.id = p.place_id
            where ${inRange(sql`p.published_at`)} and ${centre} and ${postingFilter(filter)}
            order by p.published_at, p.id`.execute(db);
    return list(figureId, key, "postings", range, rows.map((r) => ({ id: r.id, title: r.title, context: r.org, at: r.at ? new Date(r.at).toISOString() : undefined, count: r.n, href: `/postings/${r.id}` })), limit);
  }

  if (figureId === "activity.hours" || figureId === "schools.hours") {
    const school = filter?.breakdown === "school" ? (filter.key === "none" ? sql`u.school_organisation_id is null` : sql`u.school_organisation_id = ${intKey(filter.key)}`) : figureId === "schools.hours" ? sql`u.school_organisation_id is not null` : sql`true`;
    const { rows } = await sql<SessionRow>`
      select s.id, p.title, o.name as org, p.id as posting_id, s.starts_at, round(sum(a.confirmed_minutes) / 6.0)::int as n
      from attendance a join users u on u.id = a.user_id join shifts s on s.id = a.shift_id join postings p on p.id = s.posting_id join organisations o on o.id = p.organisation_id
      where a.confirmed_minutes is not null and a.status <> 'absent' and (a.source <> 'walk_in' or a.walk_in_confirmed_at is not null)
        and ${inRange(sql`s.starts_at`)} and ${filter?.breakdown === "school" ? sql`true` : postingFilter(filter)} and ${school}
      group by s.id, p.title, o.name, p.id, s.starts_at order by s.starts_at, s.id`.execute(db);
    // Tenths of an hour, as the figure shows them.
    return list(figureId, key, "sessions", range, sessionRows(rows).map((r) => ({ ...r, count: r.count / 10 })), limit);
  }

  if (figureId.startsWith("newcomers.") || figureId === "schools.students" || figureId === "parks.youngPeople") {
    return peopleBehind(db, figureId, range, key, limit);
  }

  if (figureId === "parks.associations" || figureId === "parks.atRisk" || figureId === "parks.withoutAssociation") {
    const parks = await staffParkList(db, {}, now);
    const chosen = parks.filter((p) =>
      figureId === "parks.associations"
        ? p.association && (!filter || (filter.breakdown === "status" && p.association.status === filter.key))
        : figureId === "parks.atRisk"
          ? p.vitality?.level === "at_risk"
          : !p.association || p.association.status === "dissolved",
    );
    return list(figureId, key, "parks", range, chosen.map((p) => ({ id: p.id, title: p.name, context: p.districtJa ?? undefined, count: 1, href: `/staff/parks/${p.id}` })), limit);
  }

  if (figureId === "welfare.fillRate" || figureId === "welfare.vacancies") {
    // The areas as they stood when the figure was read: at the range's end, or now while it runs (none before the history began).
    const { states } = await seatAreasAt(db, [stateInstant({ from: span.curFrom, to: span.curTo }, now)]);
    const areas = (states[0] ?? []).filter((a) => !filter || (filter.breakdown === "district" && String(a.districtId) === filter.key));
    const rows = areas.map((a) => ({ id: a.areaId, title: a.name, context: a.districtJa ?? undefined, count: figureId === "welfare.vacancies" ? Math.max(0, a.seats - a.serving) : a.serving, href: "/staff/recruitment" }));
    // Every seat area of the district, also those with no vacancy: the fill rate is about all of them.
    return list(figureId, key, "areas", range, rows, limit, figureId === "welfare.fillRate");
  }

  if (figureId === "safeguarding.postingsReviewed") {
    const event = filter?.breakdown === "event" ? sql`r.event = ${filter.key}` : sql`r.event in ('approved', 'returned')`;
    const { rows } = await sql<{ id: number; title: string; org: string; n: number }>`
      select p.id, p.title, o.name as org, count(*)::int as n
      from safeguarding_reviews r join postings p on p.id = r.posting_id join organisations o on o.id = p.organisation_id
      where ${inRange(sql`r.created_at`)} and ${event}
      group by p.id, p.title, o.name order by p.id`.execute(db);
    return list(figureId, key, "postings", range, rows.map((r) => ({ id: r.id, title: r.title, context: r.org, count: r.n, href: `/postings/${r.id}` })), limit);
  }
  return null;
}

/**
 * The sessions behind a people figure, with how many of the counted people took part in each (a session
 * where none of them came is not listed). With a school breakdown key and no other: the sessions of that
 * school's students; for schools.students without a key, the schools.
 */
async function peopleBehind(db: Executor, figureId: FigureId, range: ReportRange, key: string | null, limit: number): Promise<BehindList> {
  const { span, previous } = spanOf(range);
  const filter = parseDrillKey(key);
  const lastDay = { cur: range.to, prev: previous.to };
  // The people the figure counts in the range (participation.server.ts `peopleInRanges`, as the figure counts them).
  const column = filter ? ({ type: sql`x.type`, ageBand: sql`x.age_band`, district: sql`x.district`, school: sql`x.school` } as Partial<Record<BreakdownId, RawBuilder<unknown>>>)[filter.breakdown] : undefined;
  const byKey = !filter ? sql`true` : column ? sql`${column} = ${filter.key}` : sql`false`;
  const wanted = (
    {
      "newcomers.firstTime": sql`x.first_time`,
      "newcomers.returning": sql`x.returning`,
      "newcomers.youngShare": sql`x.young`,
      "parks.youngPeople": sql`x.young and x.park`,
      "schools.students": sql`x.school is not null`,
    } as Partial<Record<FigureId, RawBuilder<unknown>>>
  )[figureId] ?? sql`true`;
  const people = await sql<{ user_id: number; school: string | null }>`
    select x.user_id, x.school from (${peopleInRanges(span, lastDay)}) x where x.cur and ${byKey} and ${wanted}`.execute(db);
  const counted = new Set<number>();
  const schools = new Map<string, number>();
  for (const p of people.rows) {
    counted.add(p.user_id);
    if (p.school !== null) schools.set(p.school, (schools.get(p.school) ?? 0) + 1);
  }
  if (figureId === "schools.students" && !filter) {
    const names = schools.size ? await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", [...schools.keys()].map(Number)).execute() : [];
    const rows = names.map((o) => ({ id: o.id, title: o.name, count: schools.get(String(o.id)) ?? 0, href: `/staff/organisations/${o.id}` })).sort((a, b) => b.count - a.count || a.id - b.id);
    return list(figureId, key, "schools", range, rows, limit);
  }
  const park = figureId === "parks.youngPeople" ? sql`pl.kind = 'park'` : sql`true`;
  const { rows } = await sql<{ shift_id: number; user_id: number }>`
    select distinct a.shift_id, a.user_id
    from attendance a join shifts s on s.id = a.shift_id join postings p on p.id = s.posting_id left join places pl on pl.id = p.place_id
    where ${TOOK_PART} and s.starts_at >= ${span.curFrom} and s.starts_at < ${span.curTo} and ${park}`.execute(db);
  const perShift = new Map<number, number>();
  for (const r of rows) if (counted.has(r.user_id)) perShift.set(r.shift_id, (perShift.get(r.shift_id) ?? 0) + 1);
  const ids = [...perShift.keys()];
  const sessions = ids.length
    ? await db
        .selectFrom("shifts as s")
        .innerJoin("postings as p", "p.id", "s.posting_id")
        .innerJoin("organisations as o", "o.id", "p.organisation_id")
        .select(["s.id", "p.title", "o.name as org", "p.id as posting_id", "s.starts_at"])
        .where("s.id", "in", ids.slice(0, 5000))
        .orderBy("s.starts_at")
        .orderBy("s.id")
        .execute()
    : [];
  return list(figureId, key, "sessions", range, sessionRows(sessions.map((s) => ({ ...s, n: perShift.get(s.id) ?? 0 }))), limit);
}
