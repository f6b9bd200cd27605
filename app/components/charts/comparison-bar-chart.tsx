import { ChartFrame, SeriesPatterns, seriesFill, useChartId, wrapLabel, type SeriesLabel } from "./chart-frame";
import { formatChange, formatNumber, GRID, INK, niceScale } from "~/utils/chart-style";

export interface ComparisonGroup {
  label: string;
  value: number;
  previous: number | null;
}

/**
 * This period against the previous one as grouped vertical bars (solid for now, hatched for before), each bar
 * labelled with its value; the table gives value, previous and change.
 */
export function ComparisonBarChart({
  title,
  summary,
  series,
  groups,
  headers,
  format = formatNumber,
}: {
  title: string;
  summary: string;
  /** [this period, previous period] */
  series: [SeriesLabel, SeriesLabel];
  groups: ComparisonGroup[];
  /** Table headers: [row, this period, previous, change] */
  headers: [string, string, string, string];
  format?: (n: number) => string;
}) {
  const id = useChartId();
  const width = 360;
  const top = 18;
  const plot = 150;
  const bottom = 34;
  const left = 6;
  const scale = niceScale(Math.max(0, ...groups.flatMap((g) => [g.value, g.previous ?? 0])));
  const slot = (width - left) / Math.max(1, groups.length);
  const bar = Math.min(36, (slot - 14) / 2);
  const y = (v: number) => top + plot - (plot * v) / scale.max;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      series={series}
      table={{ headers, rows: groups.map((g) => [g.label, format(g.value), g.previous === null ? "—" : format(g.previous), formatChange(g.value, g.previous)]) }}
    >
      <svg viewBox={`0 0 ${width} ${top + plot + bottom}`} className="h-auto w-full" aria-hidden="true" focusable="false">
        <SeriesPatterns id={id} />
        {scale.ticks.map((tick) => (
          <line key={tick} x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke={GRID} strokeWidth={tick === 0 ? 1 : 0.5} strokeDasharray={tick === 0 ? undefined : "2 3"} />
        ))}
        {groups.map((g, i) => {
          const cx = left + slot * i + slot / 2;
          const bars = [g.value, g.previous];
          return (
            <g key={g.label}>
              {bars.map((v, s) =>
                v === null ? null : (
                  <g key={s}>
                    <rect x={cx - bar - 2 + s * (bar + 4)} y={y(v)} width={bar} height={Math.max(0, top + plot - y(v))} fill={seriesFill(id, s)} stroke={INK} strokeWidth="0.8" />
                    <text x={cx - bar / 2 - 2 + s * (bar + 4)} y={y(v) - 3} textAnchor="middle" fontSize="10" fill={INK}>
                      {format(v)}
                    </text>
                  </g>
                ),
              )}
              {wrapLabel(g.label, Math.max(3, Math.floor(slot / 11))).map((line, l) => (
                <text key={l} x={cx} y={top + plot + 13 + l * 12} textAnchor="middle" fontSize="10" fill={INK}>
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
