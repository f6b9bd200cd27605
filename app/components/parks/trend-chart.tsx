import { useT } from "~/utils/use-i18n";

export interface TrendRow {
  year: number;
  members: number;
  newMembers: number;
  members75: number;
  associations: number;
}

/**
 * Members per year as a small SVG line chart, with the same figures in a table beneath it: the chart is a
 * picture for sighted readers (its title says what it shows), the table is what screen readers read.
 */
export function TrendChart({ rows }: { rows: TrendRow[] }) {
  const t = useT();
  if (!rows.length) return <p>{t("parks.staff.trendEmpty")}</p>;
  const w = 320;
  const h = 140;
  const pad = 28;
  const max = Math.max(1, ...rows.map((r) => r.members));
  const x = (i: number) => pad + (rows.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (rows.length - 1));
  const y = (v: number) => h - pad - (v / max) * (h - 2 * pad);
  const line = (pick: (r: TrendRow) => number) => rows.map((r, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(" ");
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="trend-title" className="h-auto w-full max-w-md">
        <title id="trend-title">{t("parks.staff.trendCaption")}</title>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#57534e" />
        <path d={line((r) => r.members)} fill="none" stroke="#166534" strokeWidth={2.5} />
        <path d={line((r) => r.members75)} fill="none" stroke="#b45309" strokeWidth={2} strokeDasharray="5 3" />
        {rows.map((r, i) => (
          <g key={r.year}>
            <circle cx={x(i)} cy={y(r.members)} r={3} fill="#166534" />
            <text x={x(i)} y={h - 8} fontSize={10} textAnchor="middle" fill="#292524">
              {r.year}
            </text>
            <text x={x(i)} y={y(r.members) - 6} fontSize={10} textAnchor="middle" fill="#166534">
              {r.members}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-sm text-stone-700">
        <span className="text-green-800">━ {t("parks.staff.trendMembers")}</span> <span className="ml-3 text-amber-800">┅ {t("parks.staff.trend75")}</span>
      </figcaption>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">{t("parks.staff.trendCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("parks.f.year")}</th>
            <th scope="col">{t("parks.staff.trendMembers")}</th>
            <th scope="col">{t("parks.staff.trendNew")}</th>
            <th scope="col">{t("parks.staff.trend75")}</th>
            <th scope="col">{t("parks.staff.trendAssociations")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year} className="border-t border-stone-200">
              <th scope="row">{r.year}</th>
              <td>{r.members}</td>
              <td>{r.newMembers}</td>
              <td>{r.members75}</td>
              <td>{r.associations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
