/**
 * Header-safe strings (security checklist D5).
 *
 * Anything that ends up in a mail header (the subject, above all) passes through `sanitizeHeaderValue`:
 * - C0/C1 control characters (CR, LF, TAB, NUL, ESC, DEL, NEL…) and the Unicode line/paragraph separators
 *   become a single space, so no value can start a new header line (`\r\nBcc: …`);
 * - bidirectional overrides/isolates are removed, so a name cannot visually reorder a subject;
 * - runs of ASCII spaces collapse to one (an ideographic space U+3000 is kept), and the ends are trimmed;
 * - the result is cut to `maxLength` characters (code points, never half a surrogate pair), ending in "…".
 */

export const MAX_SUBJECT_LENGTH = 200;

// C0 controls, DEL, C1 controls, LINE SEPARATOR, PARAGRAPH SEPARATOR.
const LINE_BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
// LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, BOM.
const BIDI_AND_BOM = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const SPACE_RUN = / {2,}/g;

export function sanitizeHeaderValue(value: unknown, maxLength: number = MAX_SUBJECT_LENGTH): string {
  const cleaned = String(value ?? "")
    .replace(LINE_BREAKING, " ")
    .replace(BIDI_AND_BOM, "")
    .replace(SPACE_RUN, " ")
    .trim();
  return truncate(cleaned, maxLength);
}

function truncate(value: string, maxLength: number): string {
  const limit = Math.max(1, Math.floor(maxLength));
  const chars = Array.from(value);
  if (chars.length <= limit) return value;
  return `${chars.slice(0, limit - 1).join("").trimEnd()}…`;
}

/** True when a value could not safely be placed in a header as it is (used for addresses, which are never rewritten). */
export function hasHeaderBreakingCharacters(value: string): boolean {
  return /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(value);
}
