import { useId } from "react";
import type { MonthGridTable } from "~/modules/reports/report-csv";
import { monthLabel } from "~/utils/chart-style";
import type { Locale } from "~/utils/i18n";

/**
 * A breakdown month by month (the welfare seats by district): a real table with its caption, rows headed by the
 * breakdown's names, one column per month. Twelve columns are wider than a phone, so it scrolls sideways inside
 * its own region, which a keyboard can focus and scroll (WCAG 2.1.1, 1.4.10); the names stay in view. In print it
 * shrinks to fit A4 instead (app.css).
 */
export function MonthGridView({ table, locale, format }: { table: MonthGridTable; locale: Locale; format: (value: number | null) => string }) {
  const titleId = useId();
  // The title stands above the region, so it stays in view while the months scroll; the caption names the table.
  return (
    <div className="max-w-full">
      <p id={titleId} className="month-grid-title pb-1 font-semibold [overflow-wrap:anywhere]">
        {table.title}
      </p>
      <div role="region" aria-labelledby={titleId} tabIndex={0} className="month-grid max-w-full overflow-x-auto" data-testid={`month-grid-${table.id}`}>
        <table className="chart-table min-w-full text-sm whitespace-nowrap">
          <caption className="sr-only">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 border-b border-stone-400 bg-white px-1 py-1 text-left">
                {table.by}
              </th>
              {table.months.map((m) => (
                <th key={m} scope="col" className="border-b border-stone-400 px-1 py-1 text-right">
                  {monthLabel(m, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={`${r.label}-${i}`} className="border-b border-stone-200">
                <th scope="row" className="sticky left-0 bg-white px-1 py-1 text-left font-normal">
                  {r.label}
                </th>
                {r.values.map((v, j) => (
                  <td key={table.months[j]} className="px-1 py-1 text-right tabular-nums">
                    {format(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
