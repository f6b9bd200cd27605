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

/** A positive whole number id chosen in a select. */
export function formId() {
  return z.preprocess(
    (v) => (v === undefined || v === null ? undefined : typeof v === "string" ? (/^\d{1,9}$/.test(asciiDigits(v.trim())) ? Number(asciiDigits(v.trim())) : NaN) : v),
    z.number({ error: (issue) => (issue.input === undefined ? "v.required" : "v.choice") }).int({ message: "v.choice" }).positive({ message: "v.choice" }),
  );
}
