import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string | string[]>;

/** What an action returns for a form that did not pass: errors beside fields, and the values to put back. */
export interface FormFailure {
  status: "error";
  errors: FieldErrors;
  values: FormValues;
}

const SECRET_FIELDS = /password|code|token/i;

/** FormData → plain object: repeated names become arrays; blank strings become undefined ("not given"). */
export function formDataToObject(formData: FormData): { object: Record<string, unknown>; values: FormValues } {
  const object: Record<string, unknown> = {};
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    const cleaned = all.map((v) => v.replace(/\r\n?/g, "\n"));
    if (!SECRET_FIELDS.test(key)) values[key] = cleaned.length > 1 ? cleaned : (cleaned[0] ?? "");
    const nonBlank = cleaned.filter((v) => v.trim() !== "");
    object[key] = cleaned.length > 1 ? nonBlank : nonBlank.length ? cleaned[0] : undefined;
  }
  return { object, values };
}

/**
 * Maps zod's issues to message keys of our catalogues (`v.tooLong?max=200`), so every failure reads in
 * Japanese or English beside its field. A schema's own message (already a key) wins.
 */
export function issueToMessage(issue: z.core.$ZodRawIssue): string {
  const i = issue as any;
  switch (i.code) {
    case "invalid_type":
      return i.input === undefined || i.input === null ? "v.required" : "v.invalid";
    case "too_small":
      if (i.origin === "string") return Number(i.minimum) <= 1 ? "v.required" : `v.tooShort?min=${i.minimum}`;
      if (i.origin === "array" || i.origin === "set") return Number(i.minimum) <= 1 ? "v.chooseOne" : `v.chooseAtLeast?min=${i.minimum}`;
      if (i.origin === "date") return "v.dateTooEarly";
      return `v.min?min=${i.minimum}`;
    case "too_big":
      if (i.origin === "string") return `v.tooLong?max=${i.maximum}`;
      if (i.origin === "array" || i.origin === "set") return `v.tooMany?max=${i.maximum}`;
      if (i.origin === "date") return "v.dateTooLate";
      return `v.max?max=${i.maximum}`;
    case "invalid_format":
      if (i.format === "email") return "v.email";
      if (i.format === "url") return "v.url";
      if (i.format === "date") return "v.date";
      return "v.invalid";
    case "invalid_value":
      return "v.choice";
    case "not_multiple_of":
      return "v.integer";
    default:
      return "v.invalid";
  }
}

export type ParseResult<T> = { success: true; data: T } | { success: false; failure: FormFailure };

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): ParseResult<z.infer<S>> {
  const { object, values } = formDataToObject(formData);
  const result = schema.safeParse(object, { error: issueToMessage });
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return { success: false, failure: { status: "error", errors, values } };
}

export function formFailure(errors: FieldErrors, values: FormValues = {}): FormFailure {
  return { status: "error", errors, values };
}

/**
 * One failure from several parses of the same form (a form whose parts have schemas of their own, like the apply
 * form and a minor's guardian fields), so that every error shows at once, not one part per submit. Null when all
 * passed (a part not present is null too).
 */
export function combinedFailure(...results: (ParseResult<unknown> | null | undefined)[]): FormFailure | null {
  const failed = results.filter((r): r is { success: false; failure: FormFailure } => !!r && !r.success);
  if (!failed.length) return null;
  const errors: FieldErrors = {};
  let values: FormValues = {};
  for (const { failure } of failed) {
    values = { ...values, ...failure.values };
    for (const [key, messages] of Object.entries(failure.errors)) errors[key] = [...(errors[key] ?? []), ...messages];
  }
  return { status: "error", errors, values };
}
