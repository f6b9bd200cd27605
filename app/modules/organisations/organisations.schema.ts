import { z } from "zod";
import { formId } from "~/utils/zod-number";
import { ORGANISATION_KINDS } from "#db/schema";
import { EmailSchema } from "../accounts/accounts.schema";

const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1).max(100).refine(noHtml, { message: "v.noHtml" }),
  nameKana: z
    .string()
    .trim()
    .max(150)
    .refine((s) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s　]*$/u.test(s), { message: "v.kana" })
    .optional(),
  kind: z.enum(ORGANISATION_KINDS),
  districtId: formId().optional(),
  description: z.string().trim().min(10, { message: "v.tooShort?min=10" }).max(2000).refine(noHtml, { message: "v.noHtml" }),
  contactName: z.string().trim().min(1).max(60).refine(noHtml, { message: "v.noHtml" }),
  contactEmail: EmailSchema,
  contactPhone: z
    .string()
    .trim()
    .max(20)
    .regex(/^[0-9０-９+()\-‐－ ]{10,20}$/, { message: "v.phone" })
    .optional(),
  website: z
    .string()
    .trim()
    .max(300)
    .regex(/^https?:\/\/[^\s<>"]+$/i, { message: "v.url" })
    .optional(),
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
export type OrganisationInput = z.infer<typeof OrganisationSchema>;

export const ReviewSchema = z
  .object({
    decision: z.enum(["verify", "reject", "suspend", "reinstate"]),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((v) => !(v.decision === "reject" || v.decision === "suspend") || (v.reason && v.reason.length > 0), {
    message: "v.reasonRequired",
    path: ["reason"],
  });

export const InviteSchema = z.object({
  email: EmailSchema,
  role: z.enum(["owner", "editor"]),
});
