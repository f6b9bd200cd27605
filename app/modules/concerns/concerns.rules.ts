import type { ConcernCategory, OrganisationStatus, PostingStatus, UserRole } from "#db/schema";

/** The reason a posting carries while ward staff keep it suspended (closed, and not to be reopened by its group). */
export const POSTING_SUSPENDED_REASON = "suspended_by_staff";

/**
 * Told to the people whose applications a suspension cancels. Neutral on purpose: what was reported stays with
 * staff. In both languages, because one text goes to every reader.
 */
export const SUSPENSION_NOTICE = "区の職員の判断により、この募集は停止されました。 / Ward staff have suspended this posting.";

/** Categories that need a look first: a child's safety comes before everything else in the queue. */
export function isUrgent(category: ConcernCategory): boolean {
  return category === "child_safety";
}

/**
 * References look like `K7M3-9QX2`: eight characters of Crockford's base 32 (no I, L, O, U), easy to read out
 * on the phone. The random bytes come from the caller, so this stays pure.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function formatReference(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new Error("a reference needs 8 random bytes");
  const chars = Array.from(bytes.slice(0, 8), (b) => ALPHABET[b % 32]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** What a person types back: case, spaces and the look-alike letters forgiven (o→0, i/l→1). */
export function normaliseReference(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-‐－ー]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned)) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

export type SuspensionTarget = "posting" | "organisation" | "user";

export interface SubjectState {
  posting?: { status: PostingStatus; statusReason: string } | null;
  organisation?: { status: OrganisationStatus } | null;
  user?: { role: UserRole; disabled: boolean; deleted: boolean } | null;
}

export function isPostingSuspended(posting: { status: PostingStatus; statusReason: string }): boolean {
  return posting.status === "closed" && posting.statusReason === POSTING_SUSPENDED_REASON;
}

/**
 * Which suspensions staff may start from a concern, given where its subject stands now. A cancelled posting is
 * over already; an organisation can be suspended while pending or verified; only volunteers' accounts are
 * suspended from here (staff and admin accounts are managed by admins).
 */
export function availableSuspensions(state: SubjectState): SuspensionTarget[] {
  const targets: SuspensionTarget[] = [];
  if (state.posting && state.posting.status !== "cancelled" && !isPostingSuspended(state.posting)) targets.push("posting");
  if (state.organisation && (state.organisation.status === "verified" || state.organisation.status === "pending")) targets.push("organisation");
  if (state.user && state.user.role === "volunteer" && !state.user.disabled && !state.user.deleted) targets.push("user");
  return targets;
}

/** The first characters of a report for a list, on one line. */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join("")}…`;
}
