import { z } from "zod";

/**
 * A number typed into a form: full-width digits (１０, ３３．８６) are read as ASCII, a blank field is "not
 * given" (→ "required" unless optional), and text that is not a number says so.
 */
/** Full-width digits, colon, period and minus as ASCII (what Japanese IMEs often type). */
export function asciiDigits(v: string): string {
  return v
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/：/g, ":")
    .replace(/[－ー−]/g, "-");
}

export function formNumber() {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return undefined;
      if (typeof v !== "string") return v;
      const ascii = asciiDigits(v.trim());
      return ascii === "" ? undefined : Number(ascii);
    },
    z.number({ error: (issue) => (issue.input === undefined ? "v.required" : "v.number") }),
  );
}

/** The largest id or count PostgreSQL's integer (int4) holds; anything larger is refused before a query. */
export const PG_INT_MAX = 2_147_483_647;

/** Text of digits only (full-width read as ASCII) → the number, if it is a database id (1…PG_INT_MAX); else null. */
export function toDbId(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= PG_INT_MAX ? v : null;
  if (typeof v !== "string") return null;
  const digits = asciiDigits(v.trim());
  if (!/^[1-9][0-9]{0,9}$/.test(digits)) return null;
  const n = Number(digits);
  return n <= PG_INT_MAX ? n : null;
}

/**
 * A database id given in a form, URL parameter or query string: digits only, 1…2,147,483,647 (ADR 020). The
 * one rule for every id the site reads; a value out of range gets the message instead of reaching PostgreSQL.
 */
export function dbId(message = "v.choice") {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? undefined : (toDbId(v) ?? NaN)),
    z.number({ error: (issue) => (issue.input === undefined ? "v.required" : message) }).int({ message }).positive({ message }).max(PG_INT_MAX, { message }),
  );
}

/** A positive whole number id chosen in a select. */
export function formId() {
  return dbId("v.choice");
}

/** A whole number within PostgreSQL's integer, for counts and sizes typed in a form (bounds narrower by schema). */
export function formInt() {
  return formNumber().pipe(z.number().int({ message: "v.integer" }).min(-PG_INT_MAX, { message: `v.min?min=${-PG_INT_MAX}` }).max(PG_INT_MAX, { message: `v.max?max=${PG_INT_MAX}` }));
}
