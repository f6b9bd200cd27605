import { z } from "zod";
import { ATTENDANCE_STATUSES, TAP_ACTIONS } from "./attendance.vocabulary";

const id = z.coerce.number().int().min(1).max(2147483647);
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "v.invalid");
/** A wall-clock date and time in Tokyo from a datetime-local input. */
const tokyoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "v.invalid")
  .transform((v) => new Date(`${v}:00+09:00`))
  .refine((d) => !Number.isNaN(d.getTime()), "v.invalid");

/** One tap on the check-in page: a form post without JavaScript, or a queued tap sent when back online. */
export const TapSchema = z
  .object({
    applicationId: id.optional(),
    attendanceId: id.optional(),
    action: z.enum(TAP_ACTIONS),
    tapId,
    /** Milliseconds since the epoch when the phone recorded the tap (offline queue); absent means now. */
    tappedAt: z.coerce.number().int().min(0).max(8.64e15).optional(),
  })
  .refine((v) => (v.applicationId === undefined) !== (v.attendanceId === undefined), { message: "v.invalid", path: ["form"] });
export type TapForm = z.infer<typeof TapSchema>;

export const WalkInSchema = z.object({
  name: z.string().trim().min(1).max(80),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
});

export const CorrectionSchema = z.object({
  attendanceId: id,
  status: z.enum(ATTENDANCE_STATUSES),
  checkedInAt: tokyoDateTime.optional(),
  checkedOutAt: tokyoDateTime.optional(),
  reason: z.string().trim().min(2).max(500),
});

export const SelfTapSchema = z.object({ action: z.enum(["present", "check_out"]), tapId });

export const WalkInAnswerSchema = z.object({ attendanceId: id, answer: z.enum(["accept", "decline"]) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "v.date").refine((v) => !Number.isNaN(new Date(`${v}T00:00:00+09:00`).getTime()), "v.date");

export const CertificateRequestSchema = z
  .object({
    period: z.enum(["year", "dates"]),
    schoolYear: z.coerce.number().int().min(2000).max(2100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    includeSchool: z.literal("on").optional(),
    locale: z.enum(["ja", "en"]).default("ja"),
  })
  .superRefine((v, ctx) => {
    if (v.period === "year" && v.schoolYear === undefined) ctx.addIssue({ code: "custom", path: ["schoolYear"], message: "v.required" });
    if (v.period === "dates") {
      if (!v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "v.required" });
      if (!v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "v.required" });
      if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "attendance.error.toBeforeFrom" });
    }
  });

export const RevokeSchema = z.object({ reason: z.string().trim().max(500).optional() });
export const StaffRevokeSchema = z.object({ reason: z.string().trim().min(2).max(500) });

export const FeedbackSchema = z.object({ again: z.enum(["yes", "no"]), comment: z.string().trim().max(1000).optional() });
