import { z } from "zod";
import { formId } from "~/utils/zod-number";
import { formDate } from "./review.schema";

const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);
const mustTick = z.literal("on", { error: "v.mustConfirm" });

/** A member's safeguarding declaration: both statements ticked, signed with their name. */
export const DeclarationSchema = z.object({
  signedName: z.string().trim().min(1).max(100).refine(noHtml, { message: "v.noHtml" }),
  noRelevantConvictions: mustTick,
  agreesCodeOfConduct: mustTick,
});
export type DeclarationInput = z.infer<typeof DeclarationSchema>;

/**
 * That a criminal-record check was done for a member: when, by whom, valid until. There is deliberately no field
 * for what it found.
 */
export function criminalRecordCheckSchema(today: string) {
  return z
    .object({
      userId: formId(),
      checkedOn: formDate().refine((d) => d <= today, { message: "safeguarding.check.futureDate" }),
      checkedBy: z.string().trim().min(1).max(100).refine(noHtml, { message: "v.noHtml" }),
      validUntil: formDate(),
    })
    .superRefine((v, ctx) => {
      if (v.validUntil < v.checkedOn) ctx.addIssue({ code: "custom", message: "safeguarding.check.validBeforeChecked", path: ["validUntil"] });
    });
}
export type CriminalRecordCheckInput = z.infer<ReturnType<typeof criminalRecordCheckSchema>>;

export const DeclarationDecisionSchema = z
  .object({
    declarationId: formId(),
    decision: z.enum(["confirm", "reject"], { error: "v.choice" }),
    comment: z.string().trim().max(1000).refine(noHtml, { message: "v.noHtml" }).optional().transform((s) => s ?? ""),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.comment) ctx.addIssue({ code: "custom", message: "safeguarding.staff.commentRequired", path: ["comment"] });
  });
