import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import type { Cell } from "./report.rules";

/**
 * The groupings a posting-based figure is added up by: per month (the total and series), per breakdown (one key
 * each), per month at civic centres (the 市民センター series) and, for hours, per school and per month of
 * students. The big table is grouped once per (posting, period, Tokyo month) in `inner`; only that result is
 * joined with postings, groups and places and grouped again by each of these.
 */
const GROUPINGS = {
  month: { columns: sql`y.m`, key: sql`null` },
  category: { columns: sql`y.category_id`, key: sql`y.category_id::text` },
  district: { columns: sql`y.district_id`, key: sql`coalesce(y.district_id::text, 'none')` },
  organisationKind: { columns: sql`y.kind`, key: sql`y.kind` },
  organisation: { columns: sql`y.organisation_id`, key: sql`y.organisation_id::text` },
  place: { columns: sql`y.centre`, key: sql`coalesce(y.centre::text, 'none')` },
  centreMonth: { columns: sql`y.m, y.centre is not null`, key: sql`(y.centre is not null)::text` },
  school: { columns: sql`y.school_id`, key: sql`coalesce(y.school_id::text, 'none')` },
  schoolMonth: { columns: sql`y.m, y.school_id is not null`, key: sql`(y.school_id is not null)::text` },
} as const;
export type Grouping = keyof typeof GROUPINGS;

export interface GroupedRow {
  grouping: Grouping;
  cur: boolean;
  month: string | null;
  key: string | null;
  [measure: string]: unknown;
}

export async function groupedByPosting(db: Executor, inner: RawBuilder<unknown>, measures: string[], groupings: Grouping[]): Promise<GroupedRow[]> {
  const sums = sql.join(measures.map((m) => sql`sum(y.${sql.ref(m)})::int as ${sql.ref(m)}`));
  const hasSchool = groupings.some((g) => g === "school" || g === "schoolMonth");
  const parts = groupings.map((g) => {
    const { columns, key } = GROUPINGS[g];
    const month = g === "month" || g.endsWith("Month") ? sql`to_char(y.m, 'YYYY-MM')` : sql`null`;
    return sql`select ${g} as grouping, y.cur, ${month} as month, ${key} as key, ${sums} from y group by y.cur, ${columns}`;
  });
  const { rows } = await sql<GroupedRow>`
    with x as (${inner}),
    y as materialized (
      select x.*, p.category_id, p.district_id, o.kind, o.id as organisation_id,
        case when pl.kind = 'civic_centre' then p.place_id end as centre${hasSchool ? sql`` : sql`, null::int as school_id`}
      from x
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
