import type { BreakdownId } from "./report.types";

/**
 * How a link names one row of a figure's breakdown for the list behind it: "<breakdown>:<row key>"
 * (`?key=district:3`). Shared by the page that makes the links and the server that reads them.
 */
export function drillKey(breakdown: BreakdownId, key: string): string {
  return `${breakdown}:${key}`;
}

export function parseDrillKey(key: string | null | undefined): { breakdown: BreakdownId; key: string } | null {
  if (!key) return null;
  const i = key.indexOf(":");
  if (i <= 0) return null;
  return { breakdown: key.slice(0, i) as BreakdownId, key: key.slice(i + 1) };
}
