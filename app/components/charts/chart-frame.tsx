import { useId, type ReactNode } from "react";
import { INK, SERIES } from "~/utils/chart-style";

export interface SeriesLabel {
  label: string;
  /** "bar" (a filled box) or "line" (a dashed line with a marker): how the series is drawn in this chart. */
  shape?: "bar" | "line";
}

export interface DataTable {
  headers: string[];
  /** The first cell of each row is its header (th scope="row"). */
  rows: string[][];
}

/** A collision-free id for SVG patterns (React's ids hold colons, which `url(#…)` does not take). */
export function useChartId(): string {
  return `c${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
}

/** The patterns the series use, declared inside each SVG that draws them. */
export function SeriesPatterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
        <rect width="5" height="5" fill={SERIES[1].fill} />
        <line x1="0" y1="0" x2="0" y2="5" stroke={INK} strokeWidth="1.4" />
      </pattern>
    </defs>
  );
}

export function seriesFill(id: string, index: number): string {
  const s = SERIES[index] ?? SERIES[0];
  return s.pattern ? `url(#${id}-${s.pattern})` : s.fill;
}

function Swatch({ id, index, shape }: { id: string; index: number; shape: "bar" | "line" }) {
  return (
    <svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false" className="inline-block align-middle">
      <SeriesPatterns id={id} />
      {shape === "line" ? (
        <>
          <line x1="1" y1="7" x2="21" y2="7" stroke={INK} strokeWidth="1.5" strokeDasharray="4 2" />
          <rect x="8" y="4" width="6" height="6" fill={SERIES[1].fill} stroke={INK} />
        </>
      ) : (
        <rect x="1" y="1" width="20" height="12" fill={seriesFill(id, index)} stroke={INK} />
      )}
    </svg>
  );
}

/**
 * One chart as the report shows it: a figure named by its caption, a sentence saying what it shows, the SVG as an
 * image labelled by both, a legend in text, and the same numbers as a table (what screen readers and a printout
 * without colour rely on).
 */
export function ChartFrame({
  id,
  title,
  summary,
  series,
  table,
  children,
  footer,
}: {
  id: string;
  title: string;
  summary: string;
  series: SeriesLabel[];
  table: DataTable;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  return (
    <figure className="chart-figure grid min-w-0 gap-2" aria-labelledby={titleId}>
      <figcaption id={titleId} className="font-semibold [overflow-wrap:anywhere]">
        {title}
      </figcaption>
      <p id={summaryId} className="text-sm text-stone-700">
        {summary}
      </p>
      <div className="grid gap-3 lg:grid-cols-2 lg:items-start">
        <div className="min-w-0">
          {/* The SVG is one image: its name is the title and the summary; its numbers are in the table. */}
          <div role="img" aria-labelledby={`${titleId} ${summaryId}`} className="max-w-xl">
            {children}
          </div>
          {series.length > 1 && (
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {series.map((s, i) => (
                <li key={s.label} className="flex items-center gap-1">
                  <Swatch id={`${id}-sw${i}`} index={i} shape={s.shape ?? "bar"} />
                  {s.label}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="min-w-0">
          {/* A table wider than its column scrolls sideways: a region a keyboard can reach (and so scroll), named by the chart. */}
          <div role="region" aria-labelledby={titleId} tabIndex={0} className="overflow-x-auto">
            <table className="chart-table w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  {table.headers.map((h, i) => (
                    <th key={h} scope="col" className={`border-b border-stone-400 px-1 py-1 ${i === 0 ? "text-left" : "text-right"}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, r) => (
                  <tr key={`${row[0]}-${r}`} className="border-b border-stone-200">
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" className="px-1 py-1 text-left font-normal">
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className="px-1 py-1 text-right tabular-nums">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {footer}
        </div>
      </div>
    </figure>
  );
}

/** Splits a label into lines of about `max` full-width characters (Latin letters count half) for SVG text. */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  let width = 0;
  for (const ch of label) {
    const w = /[\u0000-\u00ff]/.test(ch) ? 0.55 : 1;
    if (width + w > max && line) {
      lines.push(line);
      line = "";
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line) lines.push(line);
  return lines.length > 2 ? [lines[0], `${lines[1].slice(0, -1)}…`] : lines;
}
