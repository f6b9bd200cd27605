import { z } from "zod";
import { EmailSchema } from "~/modules/accounts/accounts.schema";

const text = (max: number) =>
  z
    .string({ error: "v.required" })
    .trim()
    .min(1, "v.required")
    .max(max, `v.tooLong?max=${max}`)
    .refine((s) => !/[<>\r\n]/.test(s), { message: "v.noHtml" });

/** The guardian a student names: who they are to the student, and where the consent request goes. */
export const GuardianSchema = z.object({
  guardianName: text(60),
  guardianRelationship: text(30),
  guardianEmail: EmailSchema,
});

export type GuardianInput = z.infer<typeof GuardianSchema>;

/** The guardian's answer on the consent page. */
export const ConsentAnswerSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("consent"),
    signedName: text(60),
    emergencyPhone: z
      .string({ error: "v.required" })
      .trim()
      .transform((s) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[－ー−]/g, "-"))
      .pipe(z.string().min(1, "v.required").regex(/^\+?[0-9][0-9-]{8,16}$/, "v.phone")),
    agree: z.literal("on", { error: "minors.consent.error.agree" }),
    standing: z.preprocess((v) => v === "on", z.boolean()).optional().default(false),
  }),
  z.object({ intent: z.literal("decline") }),
]);

export const RevokeSchema = z.object({
  confirm: z.literal("on", { error: "v.mustConfirm" }),
});
