import { formatRate } from "~/modules/recruitment/figures.rules";
import { useT } from "~/utils/use-i18n";

interface Step {
  key: "visits" | "interest" | "contacted" | "appointed";
  count: number;
  fromPrevious: number | null;
}

/**
 * A funnel as a small server-rendered SVG bar chart (an image with its own label) and the same numbers, with
 * each step's conversion from the one before, in a table beside it.
 */
export function FunnelChart({ label, steps, hideVisits = false }: { label: string; steps: Step[]; hideVisits?: boolean }) {
  const t = useT();
  const shown = hideVisits ? steps.filter((s) => s.key !== "visits") : steps;
  const max = Math.max(1, ...shown.map((s) => s.count));
  const barHeight = 22;
  const gap = 6;
  const labelWidth = 80;
  const width = 300;
  const height = shown.length * (barHeight + gap);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <svg role="img" aria-label={t("recruitment.figures.chartLabel", { name: label })} viewBox={`0 0 ${width} ${height}`} className="w-full max-w-sm">
        {shown.map((s, i) => {
          const y = i * (barHeight + gap);
          const w = Math.round(((width - labelWidth - 40) * s.count) / max);
          return (
            <g key={s.key}>
              <text x={0} y={y + barHeight * 0.7} fontSize="12" fill="#1c1917">
                {t(`recruitment.figures.step.${s.key}`)}
              </text>
              <rect x={labelWidth} y={y} width={Math.max(w, 1)} height={barHeight} fill="#0f766e" />
              <text x={labelWidth + Math.max(w, 1) + 4} y={y + barHeight * 0.7} fontSize="12" fill="#1c1917">
                {s.count}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="text-sm">
        <caption className="sr-only">{label}</caption>
        <tbody>
          {shown.map((s) => (
            <tr key={s.key}>
              <th scope="row" className="pr-2 text-left">
                {t(`recruitment.figures.step.${s.key}`)}
              </th>
              <td className="pr-2 text-right" data-testid={`funnel-${s.key}`}>
                {s.count}
              </td>
              <td className="text-right text-stone-600">{s.fromPrevious === null ? "" : formatRate(s.fromPrevious)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
