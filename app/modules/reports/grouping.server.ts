import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import type { Cell } from "./report.rules";

/**
 * The groupings a posting-based figure is added up by: per month (the total and series), per breakdown (one key
 * each), per month at civic centres (the 市民センター series) and, for hours, per school and per month of
 * students. The big table is grouped once per (posting, period, Tokyo month) in `inner` (x); the months and the
 * schools are added up from that, and the breakdowns by what a posting belongs to from it grouped again per
 * (posting, period) (y: a row per posting, not per month) joined with postings, groups and places.
 */
const GROUPINGS = {
  month: { from: sql`x`, columns: sql`x.m`, key: sql`null` },
  category: { from: sql`y`, columns: sql`y.category_id`, key: sql`y.category_id::text` },
  district: { from: sql`y`, columns: sql`y.district_id`, key: sql`coalesce(y.district_id::text, 'none')` },
  organisationKind: { from: sql`y`, columns: sql`y.kind`, key: sql`y.kind` },
  organisation: { from: sql`y`, columns: sql`y.organisation_id`, key: sql`y.organisation_id::text` },
  place: { from: sql`y`, columns: sql`y.centre`, key: sql`coalesce(y.centre::text, 'none')` },
  centreMonth: { from: sql`x where x.posting_id in (select c.id from centre_postings c)`, columns: sql`x.m`, key: sql`'true'` },
  school: { from: sql`x`, columns: sql`x.school_id`, key: sql`coalesce(x.school_id::text, 'none')` },
  schoolMonth: { from: sql`x where x.school_id is not null`, columns: sql`x.m`, key: sql`'true'` },
} as const;
export type Grouping = keyof typeof GROUPINGS;

export interface GroupedRow {
  grouping: Grouping;
  cur: boolean;
  month: string | null;
  key: string | null;
  [measure: string]: unknown;
}

/** `inner` returns posting_id, cur, m (a Tokyo month), the measures, and school_id where a school grouping is asked for. */
export async function groupedByPosting(db: Executor, inner: RawBuilder<unknown>, measures: string[], groupings: Grouping[]): Promise<GroupedRow[]> {
  const sums = (alias: string) => sql.join(measures.map((m) => sql`sum(${sql.ref(`${alias}.${m}`)})::int as ${sql.ref(m)}`));
  const parts = groupings.map((g) => {
    const { from, columns, key } = GROUPINGS[g];
    const alias = g === "month" || g === "centreMonth" || g === "school" || g === "schoolMonth" ? "x" : "y";
    const month = g === "month" || g.endsWith("Month") ? sql`to_char(x.m, 'YYYY-MM')` : sql`null`;
    return sql`select ${g} as grouping, ${sql.ref(`${alias}.cur`)}, ${month} as month, ${key} as key, ${sums(alias)} from ${from} group by ${sql.ref(`${alias}.cur`)}, ${columns}`;
  });
  const byPosting = groupings.some((g) => GROUPINGS[g].from === GROUPINGS.category.from);
  const { rows } = await sql<GroupedRow>`
    with x as materialized (${inner}),
    centre_postings as (select p.id from postings p join places pl on pl.id = p.place_id where pl.kind = 'civic_centre'),
    y as materialized (
      select x.*, p.category_id, p.district_id, o.kind, o.id as organisation_id, case when pl.kind = 'civic_centre' then p.place_id end as centre
      from (select x.posting_id, x.cur, ${sql.join(measures.map((m) => sql`sum(${sql.ref(`x.${m}`)}) as ${sql.ref(m)}`))} from x ${byPosting ? sql`` : sql`where false`} group by 1, 2) x
      join postings p on p.id = x.posting_id
      join organisations o on o.id = p.organisation_id
      left join places pl on pl.id = p.place_id
    )
    ${sql.join(parts, sql` union all `)}`.execute(db);
  return rows;
}

export const ACTIVITY_GROUPINGS: Grouping[] = ["month", "category", "district", "organisationKind", "organisation", "place", "centreMonth"];

/** The cells of one measure: per-month cells count in the total; the others only in their breakdown. */
export function cellsOf(rows: readonly GroupedRow[], measure: string, groupings: readonly Grouping[] = ["month", "category", "district", "organisationKind", "organisation"]): Cell[] {
  const out: Cell[] = [];
  for (const r of rows) {
    if (!groupings.includes(r.grouping)) continue;
    const value = Number(r[measure] ?? 0);
    if (r.grouping === "month") out.push({ cur: r.cur, month: r.month!, value });
    else out.push({ cur: r.cur, value, keys: { [r.grouping]: r.key! }, inTotal: false });
  }
  return out;
}

/**
 * The cells of a measure for part of the rows — at civic centres (`place`) or of people with a school (`school`):
 * per month of that part (the total and series) and per centre or school.
 */
export function partCellsOf(rows: readonly GroupedRow[], measure: string, part: "place" | "school"): Cell[] {
  const perMonth: Grouping = part === "place" ? "centreMonth" : "schoolMonth";
  const out: Cell[] = [];
  for (const r of rows) {
    const value = Number(r[measure] ?? 0);
    if (r.grouping === perMonth && r.key === "true") out.push({ cur: r.cur, month: r.month!, value });
    else if (r.grouping === part && r.key !== "none") out.push({ cur: r.cur, value, keys: { [part]: r.key! }, inTotal: false });
  }
  return out;
}
