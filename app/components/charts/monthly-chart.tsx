import { ChartFrame, SeriesPatterns, seriesFill, useChartId, type SeriesLabel } from "./chart-frame";
import { formatChange, formatNumber, GRID, INK, niceScale, SERIES } from "~/utils/chart-style";

/**
 * Twelve months of a 年度 (April first): this year as bars, the previous year as a dashed line with square
 * markers, a value axis with round ticks; the table lists every month with both values and the change.
 */
export function MonthlyChart({
  title,
  summary,
  series,
  months,
  values,
  previous,
  headers,
  format = formatNumber,
}: {
  title: string;
  summary: string;
  series: [SeriesLabel] | [SeriesLabel, SeriesLabel];
  /** Month labels in order, April first (「4月」…「3月」). */
  months: string[];
  /** null for a month not reached yet. */
  values: (number | null)[];
  previous?: (number | null)[];
  /** Table headers: [month, this year] or [month, this year, previous, change]. */
  headers: string[];
  format?: (n: number) => string;
}) {
  const id = useChartId();
  const width = 360;
  const left = 34;
  const top = 10;
  const plot = 150;
  const bottom = 20;
  const scale = niceScale(Math.max(0, ...values.map((v) => v ?? 0), ...(previous ?? []).map((v) => v ?? 0)));
  const slot = (width - left) / months.length;
  const y = (v: number) => top + plot - (plot * v) / scale.max;
  const x = (i: number) => left + slot * i + slot / 2;
  const line = (previous ?? [])
    .map((v, i) => (v === null ? null : `${x(i)},${y(v)}`))
    .filter((p): p is string => p !== null)
    .join(" ");
  const rows = months.map((m, i) => {
    const v = values[i] ?? null;
    const p = previous ? (previous[i] ?? null) : undefined;
    const cells = [m, v === null ? "—" : format(v)];
    if (previous) cells.push(p === null || p === undefined ? "—" : format(p), formatChange(v, p));
    return cells;
  });
  return (
    <ChartFrame id={id} title={title} summary={summary} series={series} table={{ headers, rows }}>
      <svg viewBox={`0 0 ${width} ${top + plot + bottom}`} className="h-auto w-full" aria-hidden="true" focusable="false">
        <SeriesPatterns id={id} />
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeWidth={tick === 0 ? 1 : 0.5} strokeDasharray={tick === 0 ? undefined : "2 3"} />
            <text x={left - 4} y={y(tick) + 3} textAnchor="end" fontSize="9" fill={INK}>
              {format(tick)}
            </text>
          </g>
        ))}
        {values.map((v, i) =>
          v === null ? null : (
            <rect key={i} x={x(i) - slot * 0.3} y={y(v)} width={slot * 0.6} height={Math.max(0, top + plot - y(v))} fill={seriesFill(id, 0)} stroke={INK} strokeWidth="0.6" />
          ),
        )}
        {previous && line && <polyline points={line} fill="none" stroke={INK} strokeWidth="1.5" strokeDasharray="4 2" />}
        {previous?.map((v, i) => (v === null ? null : <rect key={i} x={x(i) - 3} y={y(v) - 3} width="6" height="6" fill={SERIES[1].fill} stroke={INK} strokeWidth="0.8" />))}
        {months.map((m, i) => (
          <text key={m} x={x(i)} y={top + plot + 13} textAnchor="middle" fontSize="9" fill={INK}>
            {m}
          </text>
        ))}
      </svg>
    </ChartFrame>
  );
}
