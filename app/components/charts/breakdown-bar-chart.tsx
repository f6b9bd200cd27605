import type { ReactNode } from "react";
import { ChartFrame, SeriesPatterns, seriesFill, useChartId, type SeriesLabel } from "./chart-frame";
import { formatChange, formatNumber, GRID, INK } from "~/utils/chart-style";

export interface BreakdownRow {
  label: string;
  value: number;
  previous?: number | null;
}

/**
 * A breakdown (by category, district, school…) as horizontal bars, largest first as given: each row's label
 * above its bars (long names fit on a phone), this period solid and the previous hatched and thinner, values
 * written at the bars' ends.
 */
export function BreakdownBarChart({
  title,
  summary,
  series,
  rows,
  headers,
  format = formatNumber,
  footer,
}: {
  title: string;
  summary: string;
  series: [SeriesLabel] | [SeriesLabel, SeriesLabel];
  rows: BreakdownRow[];
  /** Table headers: [row, this period] or [row, this period, previous, change]. */
  headers: string[];
  format?: (n: number) => string;
  /** Shown under the table (e.g. links to the lists behind the rows). */
  footer?: ReactNode;
}) {
  const id = useChartId();
  const compare = series.length > 1;
  const width = 360;
  const valueSpace = 64;
  const rowHeight = compare ? 44 : 34;
  const max = Math.max(1, ...rows.flatMap((r) => [r.value, r.previous ?? 0]));
  const w = (v: number) => ((width - valueSpace) * v) / max;
  const height = Math.max(1, rows.length) * rowHeight + 4;
  const tableRows = rows.map((r) => {
    const cells = [r.label, format(r.value)];
    if (compare) cells.push(r.previous === null || r.previous === undefined ? "—" : format(r.previous), formatChange(r.value, r.previous));
    return cells;
  });
  return (
    <ChartFrame id={id} title={title} summary={summary} series={series} table={{ headers, rows: tableRows }} footer={footer}>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" aria-hidden="true" focusable="false">
        <SeriesPatterns id={id} />
        <line x1="0.5" x2="0.5" y1="0" y2={height} stroke={GRID} />
        {rows.map((r, i) => {
          const top = i * rowHeight;
          return (
            <g key={`${r.label}-${i}`}>
              <text x="4" y={top + 12} fontSize="11" fill={INK}>
                {r.label}
              </text>
              <rect x="1" y={top + 16} width={Math.max(1, w(r.value))} height="12" fill={seriesFill(id, 0)} stroke={INK} strokeWidth="0.6" />
              <text x={Math.max(1, w(r.value)) + 5} y={top + 26} fontSize="10" fill={INK}>
                {format(r.value)}
              </text>
              {compare && r.previous !== null && r.previous !== undefined && (
                <>
                  <rect x="1" y={top + 30} width={Math.max(1, w(r.previous))} height="8" fill={seriesFill(id, 1)} stroke={INK} strokeWidth="0.6" />
                  <text x={Math.max(1, w(r.previous)) + 5} y={top + 38} fontSize="9" fill={INK}>
                    {format(r.previous)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
