import { z } from "zod";
import { CONCERN_CATEGORIES, CONCERN_OUTCOMES, CONCERN_STATUSES, CONCERN_SUBJECT_TYPES } from "#db/schema";
import { formId, toDbId } from "~/utils/zod-number";
import { EmailSchema } from "../accounts/accounts.schema";
import { normaliseReference } from "./concerns.rules";

export const MAX_DESCRIPTION = 2000;
export const MAX_NOTE = 2000;
export const MAX_REASON = 1000;

/**
 * A concern report, from anyone. The text is kept as typed (markup included) and always shown as text, so a
 * report that quotes a script or a link is readable as it was written.
 */
export const ConcernReportSchema = z
  .object({
    subjectType: z.enum(CONCERN_SUBJECT_TYPES).default("general"),
    subjectId: formId().optional(),
    category: z.enum(CONCERN_CATEGORIES, { message: "v.choice" }),
    description: z.string().trim().min(1).max(MAX_DESCRIPTION),
    contactEmail: EmailSchema.optional(),
    submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  })
  .refine((v) => v.subjectType === "general" || v.subjectId !== undefined, { message: "v.invalid", path: ["subjectType"] });
export type ConcernReportInput = z.infer<typeof ConcernReportSchema>;

/** What the report link carries: `?posting=ID`, `?organisation=ID` or `?user=ID` (the first one given wins). */
export function subjectFromParams(params: URLSearchParams): { type: "posting" | "organisation" | "user"; id: number } | null {
  for (const type of ["posting", "organisation", "user"] as const) {
    const raw = params.get(type);
    if (raw === null) continue;
    const id = toDbId(raw);
    return id === null ? null : { type, id };
  }
  return null;
}

export const ConcernNoteSchema = z.object({
  body: z.string().trim().min(1).max(MAX_NOTE),
});

export const CloseConcernSchema = z.object({
  outcome: z.enum(CONCERN_OUTCOMES, { message: "v.choice" }),
  note: z.string().trim().max(MAX_NOTE).optional(),
});

/** A suspension is a second step: the confirmation page sends `confirm=yes` with a reason for the record. */
export const SuspendSchema = z.object({
  target: z.enum(["posting", "organisation", "user"]),
  reason: z.string({ message: "v.reasonRequired" }).trim().min(1, { message: "v.reasonRequired" }).max(MAX_REASON),
  confirm: z.literal("yes", { message: "v.mustConfirm" }),
});

export const LiftPostingSuspensionSchema = z.object({
  confirm: z.literal("yes", { message: "v.mustConfirm" }),
});

const CODE = /^[a-z0-9_]{1,40}$/;

export interface ConcernListQuery {
  status: (typeof CONCERN_STATUSES)[number] | "all";
  category?: (typeof CONCERN_CATEGORIES)[number];
  subjectType?: (typeof CONCERN_SUBJECT_TYPES)[number];
  reference?: string;
  page: number;
}

/** The queue's filters from its URL. A value that is not one of the choices is ignored, never an error page. */
export function parseConcernListParams(params: URLSearchParams): { query: ConcernListQuery; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = params.get(key);
    if (v === null || v === "") return undefined;
    if (CODE.test(v) && (allowed as readonly string[]).includes(v)) return v as T;
    (errors[key] ??= []).push("v.choice");
    return undefined;
  };
  const status = pick("status", [...CONCERN_STATUSES, "all"] as const) ?? "open";
  const rawReference = (params.get("ref") ?? "").trim();
  let reference: string | undefined;
  if (rawReference) {
    reference = normaliseReference(rawReference.slice(0, 40)) ?? undefined;
    if (!reference) (errors.ref ??= []).push("concerns.error.reference");
  }
  const rawPage = params.get("page");
  const page = rawPage && /^[1-9][0-9]{0,3}$/.test(rawPage) ? Number(rawPage) : 1;
  return {
    query: { status, category: pick("category", CONCERN_CATEGORIES), subjectType: pick("subject", CONCERN_SUBJECT_TYPES), reference, page },
    errors,
  };
}
