import type { MessageSide, UserRole } from "#db/schema";
import { formatDateTime } from "~/utils/format";
import type { Locale } from "~/utils/i18n";
import { isMessageKey, translate, type Vars } from "~/utils/translate";

/**
 * Who may read and write a message thread, and how its messages are labelled — free of I/O.
 *
 * A thread is one conversation between one volunteer and one organisation about one posting. Readers are the
 * volunteer, every member of the organisation, and the people listed in thread_participants (ward staff, a
 * school coordinator, a guardian: the safeguarding work adds them). Ward staff and admins have no standing
 * access: they read a thread only when listed, and the thread says so.
 */

export type ParticipantRole = "staff" | "coordinator" | "guardian";

export interface ThreadAccessInput {
  viewer: { id: number; role: UserRole };
  thread: { volunteerUserId: number; organisationId: number };
  /** The viewer is a member (owner or editor) of the thread's organisation. */
  memberOfOrganisation: boolean;
  /** The viewer's row in thread_participants, if any. */
  participantRole: ParticipantRole | null;
  /**
   * "organisation" when the thread is opened from the organisation's pages: a member who is also the
   * volunteer (someone who applied to their own group's posting) then speaks for the organisation.
   */
  via?: "personal" | "organisation";
}

export interface ThreadAccess {
  canRead: boolean;
  canWrite: boolean;
  /** The side the viewer writes as; null when they may not write. */
  side: Exclude<MessageSide, "system"> | null;
  /** How the viewer relates to the thread, for the page ("you are reading as …"). */
  as: "volunteer" | "organisation" | ParticipantRole | null;
}

const NONE: ThreadAccess = { canRead: false, canWrite: false, side: null, as: null };

export function threadAccess(input: ThreadAccessInput): ThreadAccess {
  const { viewer, thread } = input;
  if (input.via === "organisation") return input.memberOfOrganisation ? { canRead: true, canWrite: true, side: "organisation", as: "organisation" } : NONE;
  if (viewer.id === thread.volunteerUserId) return { canRead: true, canWrite: true, side: "volunteer", as: "volunteer" };
  if (input.memberOfOrganisation) return { canRead: true, canWrite: true, side: "organisation", as: "organisation" };
  switch (input.participantRole) {
    case "staff":
      // Listed as staff, but no longer staff (the role was taken away): the listing alone grants nothing.
      return viewer.role === "staff" || viewer.role === "admin" ? { canRead: true, canWrite: true, side: "staff", as: "staff" } : NONE;
    case "coordinator":
      return { canRead: true, canWrite: true, side: "coordinator", as: "coordinator" };
    case "guardian":
      // A guardian follows the conversation about their child but does not take part in it.
      return { canRead: true, canWrite: false, side: null, as: "guardian" };
    default:
      return NONE;
  }
}

/**
 * Who gets the "new message" email for a message written on `side`: the volunteer, the organisation's members,
 * or both (a message from staff or a coordinator concerns both). System notices email nobody: whoever posts
 * one sends its own, more specific email. Participants are not emailed: they follow threads they were added to.
 */
export function notifiedParties(side: MessageSide): { volunteer: boolean; organisation: boolean } {
  switch (side) {
    case "volunteer":
      return { volunteer: false, organisation: true };
    case "organisation":
      return { volunteer: true, organisation: false };
    case "staff":
    case "coordinator":
      return { volunteer: true, organisation: true };
    case "system":
      return { volunteer: false, organisation: false };
  }
}

/** At most one "new message" email per recipient per thread in this window. */
export const NOTICE_WINDOW_MINUTES = 15;

/** The time bucket a notice falls in: emails carry it in their dedupe key. */
export function noticeBucket(now: Date): number {
  return Math.floor(now.getTime() / (NOTICE_WINDOW_MINUTES * 60_000));
}

export function noticeDedupeKey(threadId: number, recipientUserId: number, bucket: number): string {
  return `email:new-message:${threadId}:${recipientUserId}:${bucket}`;
}

export interface SenderInfo {
  side: MessageSide;
  senderName: string | null;
  /** The sender's account was deleted (a tombstone), or the sender row is gone. */
  senderGone: boolean;
}

/** How a message's author is shown: never an email address or phone number, only names. */
export function senderLabel(message: SenderInfo, organisationName: string, locale: Locale): string {
  if (message.side === "system") return translate(locale, "messages.sender.system");
  if (message.senderGone) return translate(locale, "messages.formerUser");
  const name = message.senderName?.trim() || translate(locale, "messages.noName");
  switch (message.side) {
    case "organisation":
      return translate(locale, "messages.sender.organisation", { organisation: organisationName, name });
    case "staff":
      return translate(locale, "messages.sender.staff", { name });
    case "coordinator":
      return translate(locale, "messages.sender.coordinator", { name });
    default:
      return name;
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const KEY_LIKE = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+(\?.*)?$/s;

/**
 * The text of a message as the reader sees it. People's messages are shown exactly as written. A system notice
 * is stored as a message key with parameters (`applications.system.withdrawn?when=2026-12-05T00:00:00.000Z`) so
 * each reader gets it in their own language; parameters that are instants (or comma-separated lists of them) are
 * shown as Tokyo date and time.
 */
export function messageText(side: MessageSide, body: string, locale: Locale): string {
  if (side !== "system" || !KEY_LIKE.test(body)) return body;
  const [key, query] = body.split("?", 2);
  if (!isMessageKey(key)) return body;
  const vars: Vars = {};
  if (query)
    for (const [k, v] of new URLSearchParams(query)) {
      // Several instants (an application for several dates) are listed in the reader's language.
      const parts = v.split(",");
      vars[k] = parts.every((part) => ISO_INSTANT.test(part)) ? parts.map((part) => formatDateTime(new Date(part), locale)).join(locale === "ja" ? "、" : ", ") : v;
    }
  return translate(locale, key, vars);
}

/** A short one-line preview of a message for the conversation list. */
export function preview(text: string, max = 80): string {
  const line = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : line;
}
