import { z } from "zod";
import { asciiDigits } from "~/utils/zod-number";
import { isCalendarDate } from "./declarations.rules";
import { CHECKLIST_LIMITS, type ChecklistAnswers } from "./review.rules";

const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);
const text = (max: number) => z.string().trim().max(max).refine(noHtml, { message: "v.noHtml" }).optional().transform((s) => s ?? "");
const tick = z.literal("on", { error: "v.invalid" }).optional().transform((v) => v === "on");

/** A calendar date from a date input (or typed with full-width digits). */
export function formDate() {
  return z
    .string()
    .transform((s) => asciiDigits(s).trim())
    .refine(isCalendarDate, { message: "v.date" });
}

/** A list of ids from checkboxes sharing a name; anything that is not an id is refused. */
const idList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(/^\d{1,9}$/, { message: "v.choice" }).transform(Number)).max(20, { message: "v.tooMany?max=20" }),
);

/**
 * The organisation's checklist for one posting. Saving never requires an answer (work can be saved half done);
 * what the review needs is checked by checklistProblems when it is sent.
 */
export const ChecklistSchema = z
  .object({
    intent: z.enum(["save", "submit"], { error: "v.invalid" }),
    adults: idList,
    twoAdultsPresent: tick,
    noOneToOne: tick,
    openPlace: tick,
    placeNote: text(CHECKLIST_LIMITS.note),
    insuranceArranged: tick,
    insuranceHolder: text(CHECKLIST_LIMITS.holder),
    insuranceValidUntil: formDate().optional(),
    tasksSuitable: tick,
    tasksNote: text(CHECKLIST_LIMITS.note),
    toiletsRest: text(CHECKLIST_LIMITS.contact),
    emergencyContact: text(CHECKLIST_LIMITS.contact),
    firstAid: text(CHECKLIST_LIMITS.note),
    closedSettingContact: z.enum(["yes", "no"], { error: "v.choice" }).optional(),
  })
  .transform(({ intent, adults, closedSettingContact, insuranceValidUntil, ...rest }) => ({
    intent,
    adultIds: [...new Set(adults)],
    answers: {
      ...rest,
      insuranceValidUntil: insuranceValidUntil ?? null,
      closedSettingContact: closedSettingContact === undefined ? null : closedSettingContact === "yes",
    } satisfies ChecklistAnswers,
  }));
export type ChecklistInput = z.infer<typeof ChecklistSchema>;

/** A staff decision: approving may carry a note; returning must say what to change. */
export const ReviewDecisionSchema = z
  .object({
    decision: z.enum(["approve", "return"], { error: "v.choice" }),
    comment: z.string().trim().max(2000).refine(noHtml, { message: "v.noHtml" }).optional().transform((s) => s ?? ""),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "return" && !v.comment) ctx.addIssue({ code: "custom", message: "safeguarding.staff.commentRequired", path: ["comment"] });
  });
