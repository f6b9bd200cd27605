import type { reportsPageJa } from "./reports-page.ja";

/** English messages for the staff report page, its charts and its files (merged into en.ts). */
export const reportsPageEn: Record<keyof typeof reportsPageJa, string> = {
  "reportsPage.summary.up": "Up {diff} on {against} (+{pct}%). Now {value}.",
  "reportsPage.summary.down": "Down {diff} on {against} (−{pct}%). Now {value}.",
  "reportsPage.summary.same": "The same as {against}: {value}.",
  "reportsPage.summary.fromZero": "Zero in {against}; now {value}.",
  "reportsPage.summary.noPrevious": "Now {value} (no earlier period to compare with).",
  "reportsPage.summary.monthly": "{total} in all. The busiest month was {month} ({top}).",
  "reportsPage.summary.monthlyEmpty": "Nothing recorded in this period yet.",
  "reportsPage.summary.breakdown": "Of {count} groups, the largest is \"{label}\" ({value}).",
  "reportsPage.summary.breakdownEmpty": "Nothing recorded in this period yet.",
  "reportsPage.table.item": "Item",
  "reportsPage.table.month": "Month",
  "reportsPage.table.current": "This period",
  "reportsPage.table.previous": "Previous",
  "reportsPage.table.change": "Change",
  "reportsPage.against.year": "the previous year",
  "reportsPage.against.range": "the previous period of the same length",
};
