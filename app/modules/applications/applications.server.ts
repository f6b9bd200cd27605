/**
 * The applications area's use-cases, one file each: apply (apply.server.ts), the organisation's decisions and the
 * volunteer's withdrawal (decide.server.ts), places and the waiting list's promotions (places.server.ts,
 * waitlist.server.ts), cancellations and shift changes (cancel.server.ts), a changed meeting point
 * (meeting-point-notice.server.ts), the emails and reminders each step sends (notices.server.ts), and the lists
 * people read (queries.server.ts). Importers keep this one path.
 */

export { waitlistPosition } from "./waitlist.server";
export * from "./notices.server";
export * from "./places.server";
export * from "./apply.server";
export * from "./decide.server";
export * from "./cancel.server";
export * from "./meeting-point-notice.server";
export * from "./queries.server";
