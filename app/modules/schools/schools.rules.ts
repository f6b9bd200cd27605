import type { OrganisationStatus } from "~/vocabulary";

/**
 * School join codes, the pure part: a short code a coordinator reads out or writes on the board, without letters
 * that look alike (no I, O, 0, 1), read back forgivingly (lower case, spaces, hyphens, full-width characters).
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_DAYS = 30;

/** A new code from random bytes (one byte per character; 256 is a multiple of 32, so every letter is as likely). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < JOIN_CODE_LENGTH) throw new RangeError("not enough random bytes");
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[bytes[i] % JOIN_CODE_ALPHABET.length];
  return code;
}

/** The code as typed → its stored form, or null when it cannot be one. */
export function normaliseJoinCode(input: string | null | undefined): string | null {
  if (!input) return null;
  const ascii = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-ー－‐]/g, "");
  if (ascii.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of ascii) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return ascii;
}

/** ABCD-EFGH: easier to read out. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The school's own pages (students, join codes, applications, hours) are open to its coordinators while the school
 * waits for verification or is verified; not once the ward suspended or refused it.
 */
export function schoolPagesOpen(status: OrganisationStatus): boolean {
  return status === "pending" || status === "verified";
}

/**
 * Whether a school's coordinators read its under-18 students' conversations with groups: the ward's setting for the
 * school is on and the school is verified (the rule app/modules/messages/participants.server.ts applies to each
 * thread). Every page that tells people about it says the sentence this answer chooses.
 */
export function coordinatorsReadMinorThreads(status: OrganisationStatus, settingOn: boolean): boolean {
  return settingOn && status === "verified";
}

export interface SchoolThreadsNote {
  id: number;
  name: string;
  readsMinorThreads: boolean;
}
