import { z } from "zod";
import { formId } from "~/utils/zod-number";

export const APPLICATION_MESSAGE_MAX = 1000;
export const DECLINE_REASON_MAX = 500;

/** The apply form on a posting's page: one or more shifts, an optional message, the overlap acknowledgement. */
export const ApplySchema = z.object({
  shiftId: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(formId()).min(1, "applications.error.chooseShift").max(20)),
  message: z.string().trim().max(APPLICATION_MESSAGE_MAX, `v.tooLong?max=${APPLICATION_MESSAGE_MAX}`).optional().default(""),
  acknowledgeOverlap: z.preprocess((v) => v === "on" || v === "true", z.boolean()).optional().default(false),
});

export const WithdrawSchema = z.object({
  intent: z.literal("withdraw"),
  applicationId: formId(),
  confirm: z.literal("on", { error: "v.mustConfirm" }),
});

export const DecisionSchema = z
  .object({
    intent: z.enum(["confirm", "decline", "waitlist", "no_show"], { error: "v.invalid" }),
    applicationId: formId(),
    reason: z.string().trim().max(DECLINE_REASON_MAX, `v.tooLong?max=${DECLINE_REASON_MAX}`).optional().default(""),
  });

export const BulkMessageSchema = z.object({
  intent: z.literal("bulk-message"),
  shiftId: formId(),
  body: z.string().trim().min(1, "v.required").max(2000, "v.tooLong?max=2000"),
});
