import type { ApplicationMode, ApplicationStatus } from "#db/schema";

/**
 * The rules of applying, in one place and free of I/O so they can be tested on their own.
 *
 * States: pending (review mode: the organisation decides) → confirmed | declined | waitlisted;
 * waitlisted → confirmed (promoted when a place frees, or by the organisation); confirmed → withdrawn (by the
 * volunteer) | no_show (by the organisation, after the shift started) | cancelled (the shift or posting was cancelled).
 */
export const ACTIVE_STATUSES = ["pending", "confirmed", "waitlisted"] as const satisfies readonly ApplicationStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export function isActive(status: ApplicationStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

export type Actor = "volunteer" | "organisation" | "system";

const TRANSITIONS: Record<Actor, Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  volunteer: {
    pending: ["withdrawn"],
    confirmed: ["withdrawn"],
    waitlisted: ["withdrawn"],
    withdrawn: ["pending", "confirmed", "waitlisted"],
    cancelled: ["pending", "confirmed", "waitlisted"],
  },
  organisation: {
    pending: ["confirmed", "declined", "waitlisted"],
    waitlisted: ["confirmed", "declined"],
    confirmed: ["declined", "waitlisted", "no_show"],
    no_show: ["confirmed"],
  },
  system: {
    waitlisted: ["confirmed"],
    pending: ["cancelled"],
    confirmed: ["cancelled"],
  },
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, actor: Actor): boolean {
  return TRANSITIONS[actor][from]?.includes(to) ?? false;
}

/** Where a new (or renewed) application lands: auto mode confirms while places last, review mode waits. */
export function initialStatus(mode: ApplicationMode, placeAvailable: boolean): "confirmed" | "waitlisted" | "pending" {
  if (mode === "review") return "pending";
  return placeAvailable ? "confirmed" : "waitlisted";
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Two shifts overlap when one starts before the other ends (touching end to start is fine). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Hours of a shift, from instants: a shift from 22:00 to 02:00 the next day is 4 hours. */
export function shiftHours(shift: Interval): number {
  return Math.round(((shift.endsAt.getTime() - shift.startsAt.getTime()) / 3600_000) * 100) / 100;
}

export const AT_RISK_DAYS = 7;
export const AT_RISK_FILL = 0.5;

export interface ShiftLoad {
  startsAt: Date;
  capacity: number;
  confirmed: number;
  pending: number;
}

/**
 * Why a shift still to come needs the organisation's attention before the day, as message keys: under half full
 * within a week, or people still waiting for an answer (3 or more, or any within 3 days).
 */
export function shiftRisks(shift: ShiftLoad, now: Date): string[] {
  const ms = shift.startsAt.getTime() - now.getTime();
  if (ms <= 0) return [];
  const days = ms / 86400_000;
  const risks: string[] = [];
  if (days <= AT_RISK_DAYS && shift.confirmed < shift.capacity * AT_RISK_FILL) risks.push("applications.risk.underfilled");
  if (shift.pending >= 3 || (shift.pending > 0 && days <= 3)) risks.push("applications.risk.unanswered");
  return risks;
}

/** The first name part of a display name, for lists where the full name is not needed. */
export function firstName(displayName: string): string {
  const trimmed = displayName.trim();
  const parts = trimmed.split(/[\s\u3000]+/);
  return parts.length > 1 ? parts[parts.length - 1] : trimmed;
}

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A roster for spreadsheets: UTF-8 with a BOM so Excel opens Japanese text correctly, CRLF line ends. */
export function csv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
