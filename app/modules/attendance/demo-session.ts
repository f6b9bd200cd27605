import { tokyoDateString, tokyoInstant, tokyoTimeString } from "~/utils/format";

/**
 * When the demo's "today" session is. Seeded at a daytime hour it is in progress (started half an hour ago,
 * three hours long), so a check-in can be tried at once; seeded in the evening or at night it is the next
 * daytime session (10:00–13:00, today before 07:00, else tomorrow), because a high-school student takes part and
 * no minor is out at night (and nothing of the demo runs between 23:00 and 04:00).
 */
export const DEMO_DAY_FROM = "07:00";
export const DEMO_DAY_UNTIL = "20:00";
const HOUR = 3600_000;
const FIVE_MINUTES = 5 * 60_000;

export function demoSessionTimes(now: Date, options: { anyHour?: boolean } = {}): { startsAt: Date; endsAt: Date; inProgress: boolean } {
  const startsAt = new Date(Math.floor((now.getTime() - 30 * 60_000) / FIVE_MINUTES) * FIVE_MINUTES);
  const endsAt = new Date(startsAt.getTime() + 3 * HOUR);
  // The browser tests check people in whatever the hour they run at; they alone ask for that.
  if (options.anyHour) return { startsAt, endsAt, inProgress: true };
  const sameDay = tokyoDateString(startsAt) === tokyoDateString(endsAt);
  if (sameDay && tokyoTimeString(startsAt) >= DEMO_DAY_FROM && tokyoTimeString(endsAt) <= DEMO_DAY_UNTIL) return { startsAt, endsAt, inProgress: true };
  const today = tokyoDateString(now);
  const day = tokyoTimeString(now) < DEMO_DAY_FROM ? today : tokyoDateString(new Date(tokyoInstant(today, "12:00").getTime() + 24 * HOUR));
  return { startsAt: tokyoInstant(day, "10:00"), endsAt: tokyoInstant(day, "13:00"), inProgress: false };
}
