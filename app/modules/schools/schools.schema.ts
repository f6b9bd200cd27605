import { z } from "zod";
import { formId } from "~/utils/zod-number";
import { normaliseJoinCode } from "./schools.rules";

export const JoinCodeSchema = z.object({
  code: z
    .string({ error: "v.required" })
    .max(40, "schools.error.code")
    .transform((s, ctx) => {
      const code = normaliseJoinCode(s);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "schools.error.code" });
        return z.NEVER;
      }
      return code;
    }),
});

export const CodeActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create-code") }),
  z.object({ intent: z.literal("revoke-code"), codeId: formId() }),
  z.object({ intent: z.enum(["approve-student", "decline-student", "end-student"]), affiliationId: formId() }),
]);

export const SchoolDecisionSchema = z.object({
  intent: z.enum(["approve", "decline"], { error: "v.invalid" }),
  applicationId: formId(),
  reason: z.string().trim().max(500, "v.tooLong?max=500").optional().default(""),
});

export const GroupSignupSchema = z.object({
  postingId: formId(),
  shiftId: formId(),
  studentId: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(formId()).min(1, "schools.error.chooseStudents").max(60, "v.tooMany?max=60")),
});
