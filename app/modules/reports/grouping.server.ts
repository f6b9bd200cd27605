import { sql, type RawBuilder } from "kysely";
import type { Executor } from "#db/client.server";
import { monthBuckets } from "./fiscal-year.rules";
import type { Cell, Span } from "./report.rules";

/**
 * The groupings a posting-based figure is added up by: per month (the total and series), per breakdown (one key
 * each), per month at civic centres (the 市民センター series) and, for hours, per school and per month of
 * students. `key` is the column a row's key is read from (null: the month only), `none` the key of its nulls.
 *
 * Two levels of grouping sets: the figure's rows (`inner`) are grouped once by month, by month at a centre or not,
 * by school, and by posting; only the rows per posting (a few thousand, not one per session or day) are then
 * joined with what a posting belongs to (its category, district, group, kind of group and place) and grouped by
 * each breakdown.
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

/** The columns a grouping set may group by, each once in the select list (`grouping()` names them by position); level 2 reads a posting's. */
const COLUMNS = [
  { name: "m", expr: sql`x.m`, level: 1 },
  { name: "at_centre", expr: sql`(x.posting_id in (select p.id from postings p join places pl on pl.id = p.place_id where pl.kind = 'civic_centre'))`, level: 1 },
  { name: "school_id", expr: sql`x.school_id`, level: 1 },
  { name: "has_school", expr: sql`(x.school_id is not null)`, level: 1 },
  { name: "category_id", expr: sql`p.category_id`, level: 2 },
  { name: "district_id", expr: sql`p.district_id`, level: 2 },
  { name: "kind", expr: sql`o.kind`, level: 2 },
  { name: "organisation_id", expr: sql`p.organisation_id`, level: 2 },
  { name: "centre", expr: sql`(case when pl.kind = 'civic_centre' then p.place_id end)`, level: 2 },
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
const column = (name: ColumnName) => COLUMNS.find((c) => c.name === name)!;
const levelOf = (g: Grouping) => column(COLUMNS_OF[g][0]).level;

export interface GroupedRow {
  grouping: Grouping;
  cur: boolean;
  month: string | null;
  key: string | null;
  [measure: string]: unknown;
}

/** Instants as a PostgreSQL timestamptz[] (a parameter both drivers pass as text). */
export const instantArray = (instants: readonly Date[]) => sql`${`{${instants.map((d) => d.toISOString()).join(",")}}`}::timestamptz[]`;

/** The bounds `width_bucket` searches for the Tokyo month of a timestamp (or, with `date`, of a Tokyo date) within a span. */
function monthBounds(span: Span, kind: "instant" | "date") {
  const { months, starts } = monthBuckets(span.prevFrom, span.curTo);
  return kind === "date" ? sql`${`{${months.map((m) => `${m}-01`).join(",")}}`}::date[]` : instantArray(starts);
}

/**
 * The Tokyo month ('YYYY-MM') of a timestamp (or, with `date`, of a Tokyo date) within a span, by the month it
 * falls in among the span's months: a search in a short array, cheaper per row than a time-zone conversion.
 */
export function monthIn(span: Span, column: RawBuilder<unknown>, kind: "instant" | "date" = "instant"): RawBuilder<string> {
  return sql<string>`(${`{${monthBuckets(span.prevFrom, span.curTo).months.join(",")}}`}::text[])[${monthNumberIn(span, column, kind)}]`;
}

/**
 * The position (from 1) of a timestamp's Tokyo month among the span's months (`monthIn` without the name): an
 * integer to group and sort by, cheaper than the text of the month, named once the rows are grouped (`groupedByPosting`).
 */
export function monthNumberIn(span: Span, column: RawBuilder<unknown>, kind: "instant" | "date" = "instant"): RawBuilder<number> {
  return sql<number>`width_bucket(${column}, ${monthBounds(span, kind)})`;
}

/**
 * `inner` returns posting_id, cur, m (the position of a Tokyo month in the span, `monthNumberIn`), the measures, and school_id where a
 * school grouping is asked for. Each row returned is one group of one grouping, with the measures summed.
 */
export async function groupedByPosting(db: Executor, span: Span, inner: RawBuilder<unknown>, measures: string[], groupings: Grouping[]): Promise<GroupedRow[]> {
  const first = groupings.filter((g) => levelOf(g) === 1);
  const second = groupings.filter((g) => levelOf(g) === 2);
  // grouping(a, b, …) has a bit set (from the last column up) for each column a set does not group by.
  const maskOf = (g: Grouping | "posting", used: readonly { name: string }[]) =>
    used.reduce((mask, c, i) => ((g === "posting" ? c.name === "posting_id" : COLUMNS_OF[g].includes(c.name as ColumnName)) ? mask : mask | (1 << (used.length - 1 - i))), 0);
  const usedOf = (level: Grouping[]) => COLUMNS.filter((c) => level.some((g) => COLUMNS_OF[g].includes(c.name)));
  const used1 = [...usedOf(first), ...(second.length ? [{ name: "posting_id", expr: sql`x.posting_id`, level: 1 }] : [])];
  const used2 = usedOf(second);
  const sets1 = [...first.map((g) => sql`(${sql.join(COLUMNS_OF[g].map((c) => column(c).expr))})`), ...(second.length ? [sql`(x.posting_id)`] : [])];
  const sums = (alias: string) => sql.join(measures.map((m) => sql`sum(${sql.ref(`${alias}.${m}`)})::int as ${sql.ref(m)}`));
  const nulls = (names: readonly string[]) => sql.join(names.map((n) => sql`null as ${sql.ref(n)}`));
  const postingMask = maskOf("posting", used1);
  const { rows } = await sql<Record<string, unknown> & { level: number; g: number; cur: boolean }>`
    with l1 as (
      select x.cur, ${sql.join(used1.map((c) => sql`${c.expr} as ${sql.ref(c.name)}`))}, grouping(${sql.join(used1.map((c) => c.expr))}) as g, ${sums("x")}
      from (${inner}) x
      group by x.cur, grouping sets (${sql.join(sets1)})
    )
    select 1 as level, l1.g, l1.cur, ${sql.join(used1.map((c) => sql.ref(`l1.${c.name}`)))}${used2.length ? sql`, ${nulls(used2.map((c) => c.name))}` : sql``}, ${sql.join(measures.map((m) => sql.ref(`l1.${m}`)))}
    from l1 ${second.length ? sql`where l1.g <> ${postingMask}` : sql``}
    ${
      second.length
        ? sql`union all
    select 2, grouping(${sql.join(used2.map((c) => c.expr))}), l1.cur, ${nulls(used1.map((c) => c.name))}, ${sql.join(used2.map((c) => sql`${c.expr}`))}, ${sums("l1")}
    from l1 join postings p on p.id = l1.posting_id join organisations o on o.id = p.organisation_id left join places pl on pl.id = p.place_id
    where l1.g = ${postingMask}
    group by l1.cur, grouping sets (${sql.join(second.map((g) => sql`(${sql.join(COLUMNS_OF[g].map((c) => column(c).expr))})`))})`
        : sql``
    }`.execute(db);
  const { months } = monthBuckets(span.prevFrom, span.curTo);
  const byMask = [new Map(first.map((g) => [maskOf(g, used1), g])), new Map(second.map((g) => [maskOf(g, used2), g]))];
  const out: GroupedRow[] = [];
  for (const r of rows) {
    const grouping = byMask[r.level - 1].get(r.g);
    if (!grouping) continue;
    const { key, none } = GROUPINGS[grouping];
    const raw = key === null ? null : r[key];
    const row: GroupedRow = {
      grouping,
      cur: r.cur,
      month: COLUMNS_OF[grouping].includes("m") ? months[(r.m as number) - 1] : null,
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
