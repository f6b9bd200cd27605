import type { Executor } from "#db/client.server";
import { listBehind } from "./behind.server";
import { parseDrillKey } from "./drill-key";
import type { Labels } from "./report.rules";
import { reportLabels } from "./report.server";
import type { BehindList, BreakdownId, BreakdownRow, FigureId, ReportRange } from "./report.types";
import { isFigureId, reportQueryOf, type ReportQuery } from "./report-query";

export interface BehindPage {
  list: BehindList;
  /** The breakdown row the list is narrowed to, named as the report names it; null for the whole figure. */
  row: { breakdown: BreakdownId; name: Pick<BreakdownRow, "key" | "label" | "labelEn" | "labelKey"> } | null;
}

/** The list behind a figure (or one of its breakdown rows) for the staff page and its CSV, with the row's name; null when the figure has none. */
export async function behindPage(db: Executor, figureId: FigureId, range: ReportRange, key: string | null, options: { limit?: number } = {}): Promise<BehindPage | null> {
  const filter = parseDrillKey(key);
  const [list, labels] = await Promise.all([listBehind(db, figureId, range, filter ? key : null, options), filter ? reportLabels(db) : null]);
  if (!list) return null;
  if (!filter || !labels) return { list, row: null };
  const byBreakdown: Partial<Record<BreakdownId, Labels>> = labels;
  const named = byBreakdown[filter.breakdown]?.get(filter.key);
  return { list, row: { breakdown: filter.breakdown, name: { key: filter.key, ...named } } };
}

/** The list a page or file address asks for (`?figure=…&key=<breakdown>:<row>&year=…` or from/to); null when there is none. */
export async function behindPageFor(db: Executor, params: URLSearchParams, today: string, options: { limit?: number } = {}): Promise<(BehindPage & { figure: FigureId; query: ReportQuery }) | null> {
  const figure = params.get("figure");
  if (!isFigureId(figure)) return null;
  const query = reportQueryOf(params, today);
  const page = await behindPage(db, figure, query.range, params.get("key"), options);
  return page && { ...page, figure, query };
}
