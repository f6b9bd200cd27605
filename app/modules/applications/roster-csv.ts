/** How an instant is written in a roster CSV: Japan time, as the pages show it (2026/12/06 22:06). */
const TOKYO = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function rosterDateTime(instant: Date | string): string {
  const parts = Object.fromEntries(TOKYO.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}
