/** The staff report page, its charts and its files (merged into ja.ts). Figure names live in the reports part. */
export const reportsPageJa = {
  "reportsPage.summary.up": "{against}より{diff}増えました（+{pct}%）。今期は{value}です。",
  "reportsPage.summary.down": "{against}より{diff}減りました（−{pct}%）。今期は{value}です。",
  "reportsPage.summary.same": "{against}と同じ{value}でした。",
  "reportsPage.summary.fromZero": "{against}は0でしたが、今期は{value}です。",
  "reportsPage.summary.noPrevious": "今期は{value}です（比べる前の期間の記録はありません）。",
  "reportsPage.summary.monthly": "合計{total}。最も多かったのは{month}（{top}）です。",
  "reportsPage.summary.monthlyEmpty": "この期間の記録はまだありません。",
  "reportsPage.summary.breakdown": "{count}区分のうち、最も多いのは「{label}」（{value}）です。",
  "reportsPage.summary.breakdownEmpty": "この期間の記録はまだありません。",
  "reportsPage.table.item": "項目",
  "reportsPage.table.month": "月",
  "reportsPage.table.current": "今期",
  "reportsPage.table.previous": "前期",
  "reportsPage.table.change": "増減",
  "reportsPage.against.year": "前年度",
  "reportsPage.against.range": "前の同じ長さの期間",
};
