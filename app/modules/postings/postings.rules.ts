import type { PostingStatus } from "#db/schema";

/** draft → published → closed ⇄ published; anything but cancelled → cancelled. Cancelled is final. */
const TRANSITIONS: Record<PostingStatus, readonly PostingStatus[]> = {
  draft: ["published", "cancelled"],
  published: ["closed", "cancelled"],
  closed: ["published", "cancelled"],
  cancelled: [],
};

export function canTransition(from: PostingStatus, to: PostingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: PostingStatus): readonly PostingStatus[] {
  return TRANSITIONS[from];
}

export const MAX_SHIFT_HOURS = 24;
export const MAX_SHIFTS = 20;
export const MAX_CAPACITY = 1000;

export interface ShiftDraft {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

/** Message keys for what is wrong with one shift, empty when it is fine. */
export function shiftProblems(shift: ShiftDraft, now: Date): string[] {
  const problems: string[] = [];
  if (!(shift.endsAt.getTime() > shift.startsAt.getTime())) problems.push("v.shiftEndBeforeStart");
  else if (shift.endsAt.getTime() - shift.startsAt.getTime() > MAX_SHIFT_HOURS * 3600_000) problems.push("v.shiftTooLong");
  if (shift.startsAt.getTime() <= now.getTime()) problems.push("v.shiftInPast");
  if (!Number.isInteger(shift.capacity) || shift.capacity < 1) problems.push("v.capacityMin");
  else if (shift.capacity > MAX_CAPACITY) problems.push(`v.max?max=${MAX_CAPACITY}`);
  return problems;
}

/** A posting can be published only with at least one shift still to come. */
export function hasUpcomingShift(shifts: { startsAt: Date }[], now: Date): boolean {
  return shifts.some((s) => s.startsAt.getTime() > now.getTime());
}

/** Splits plain text into paragraphs and URL-linked runs, for safe rendering as React text (never as HTML). */
export type TextRun = { kind: "text"; text: string } | { kind: "link"; href: string; text: string };

export function paragraphs(text: string): TextRun[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(linkify);
}

const URL_RE = /https?:\/\/[^\s<>"'、。「」（）()]+/g;

export function linkify(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const url = match[0].replace(/[.,;:!?]+$/, "");
    const index = match.index ?? 0;
    if (index > last) runs.push({ kind: "text", text: text.slice(last, index) });
    runs.push({ kind: "link", href: url, text: url });
    last = index + url.length;
  }
  if (last < text.length) runs.push({ kind: "text", text: text.slice(last) });
  return runs;
}
