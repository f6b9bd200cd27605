import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { monthBuckets } from "./fiscal-year.rules";
import type { Cell, Span } from "./report.rules";

/**
 * The groupings a posting-based figure is added up by: per month (the total and series), per breakdown (one key
 * each), per month at civic centres (the 市民センター series) and, for hours, per school and per month of
 * students. Each is a grouping set of one query over the figure's rows (`inner`) joined with what a posting
 * belongs to (its category, district, group, kind of group and place): the rows are read once, whatever the
 * number of groupings. `key` is the column a row's key is read from (null: the month only), `none` the key of its nulls.
 */
const GROUPINGS = {
  month: { key: null, none: null },
  category: { key: "category_id", none: null },
  district: { key: "district_id", none: "none" },
  organisationKind: { key: "kind", none: null },
  organisation: { key: "organisation_id", none: null },
  place: { key: "centre", none: "none" },
  centreMonth: { key: "at_centre", none: null },
  school: { key: "school_id", none: "none" },
  schoolMonth: { key: "has_school", none: null },
} as const;
export type Grouping = keyof typeof GROUPINGS;

/** The columns a grouping set may group by, each once in the select list (`grouping()` names them by position). */
const COLUMNS = [
  { name: "m", expr: sql`x.m`, posting: false },
  { name: "category_id", expr: sql`p.category_id`, posting: true },
  { name: "district_id", expr: sql`p.district_id`, posting: true },
  { name: "kind", expr: sql`o.kind`, posting: true },
  { name: "organisation_id", expr: sql`p.organisation_id`, posting: true },
  { name: "centre", expr: sql`(case when pl.kind = 'civic_centre' then p.place_id end)`, posting: true },
  { name: "at_centre", expr: sql`(pl.kind = 'civic_centre')`, posting: true },
  { name: "school_id", expr: sql`x.school_id`, posting: false },
  { name: "has_school", expr: sql`(x.school_id is not null)`, posting: false },
] as const;
type ColumnName = (typeof COLUMNS)[number]["name"];
const COLUMNS_OF: Record<Grouping, ColumnName[]> = {
  month: ["m"],
  category: ["category_id"],
  district: ["district_id"],
  organisationKind: ["kind"],
  organisation: ["organisation_id"],
  place: ["centre"],
  centreMonth: ["m", "at_centre"],
  school: ["school_id"],
  schoolMonth: ["m", "has_school"],
};

export interface GroupedRow {
  grouping: Grouping;
  cur: boolean;
  month: string | null;
  key: string | null;
  [measure: string]: unknown;
}

/**
 * The Tokyo month ('YYYY-MM') of a timestamp (or, with `date`, of a Tokyo date) within a span, by the month it
 * falls in among the span's months: a search in a short array, cheaper per row than a time-zone conversion.
 */
export function monthIn(span: Span, column: RawBuilder<unknown>, kind: "instant" | "date" = "instant"): RawBuilder<string> {
  const { months, starts } = monthBuckets(span.prevFrom, span.curTo);
  const bounds = kind === "date" ? sql`${`{${months.map((m) => `${m}-01`).join(",")}}`}::date[]` : sql`${`{${starts.map((d) => d.toISOString()).join(",")}}`}::timestamptz[]`;
  return sql<string>`(${`{${months.join(",")}}`}::text[])[width_bucket(${column}, ${bounds})]`;
}

/**
 * `inner` returns posting_id, cur, m (a Tokyo month 'YYYY-MM', `monthIn`), the measures, and school_id where a
 * school grouping is asked for. Each row returned is one group of one grouping, with the measures summed.
 */
export async function groupedByPosting(db: Executor, inner: RawBuilder<unknown>, measures: string[], groupings: Grouping[]): Promise<GroupedRow[]> {
  const byPosting = groupings.some((g) => COLUMNS_OF[g].some((c) => COLUMNS.find((k) => k.name === c)!.posting));
  const used = COLUMNS.filter((c) => groupings.some((g) => COLUMNS_OF[g].includes(c.name)));
  // grouping(a, b, …) has a bit set (from the last column up) for each column a set does not group by.
  const maskOf = (g: Grouping) => used.reduce((mask, c, i) => (COLUMNS_OF[g].includes(c.name) ? mask : mask | (1 << (used.length - 1 - i))), 0);
  const byMask = new Map(groupings.map((g) => [maskOf(g), g]));
  const sets = groupings.map((g) => sql`(${sql.join(COLUMNS_OF[g].map((c) => COLUMNS.find((k) => k.name === c)!.expr))})`);
  const { rows } = await sql<Record<string, unknown> & { g: number; cur: boolean }>`
    select x.cur, ${sql.join(used.map((c) => sql`${c.expr} as ${sql.ref(c.name)}`))}, grouping(${sql.join(used.map((c) => c.expr))}) as g,
      ${sql.join(measures.map((m) => sql`sum(${sql.ref(`x.${m}`)})::int as ${sql.ref(m)}`))}
    from (${inner}) x
    ${byPosting ? sql`join postings p on p.id = x.posting_id join organisations o on o.id = p.organisation_id left join places pl on pl.id = p.place_id` : sql``}
    group by x.cur, grouping sets (${sql.join(sets)})`.execute(db);
  const out: GroupedRow[] = [];
  for (const r of rows) {
    const grouping = byMask.get(r.g);
    if (!grouping) continue;
    const { key, none } = GROUPINGS[grouping];
    const raw = key === null ? null : r[key];
    const row: GroupedRow = {
      grouping,
      cur: r.cur,
      month: COLUMNS_OF[grouping].includes("m") ? (r.m as string) : null,
      key: key === null ? null : raw === null || raw === undefined ? none : String(raw),
    };
    for (const m of measures) row[m] = r[m];
    out.push(row);
  }
  return out;
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
