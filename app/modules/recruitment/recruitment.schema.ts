import { z } from "zod";
import { RECRUITMENT_CHANNEL_KINDS, RECRUITMENT_STAGES, RECRUITMENT_WANTS } from "~/vocabulary";
import { EmailSchema } from "../accounts/accounts.schema";
import { formId, formNumber } from "~/utils/zod-number";
import type { Locale } from "~/utils/i18n";
import { parseForm, type ParseResult } from "~/utils/form";

/**
 * The consent a person gives on the interest form, word for word. The page shows it and the record keeps it
 * exactly as shown (in the language shown), so what someone agreed to can always be read back.
 */
export const CONSENT_TEXT: Record<Locale, string> = {
  ja: "入力した内容を、八幡東区役所の担当職員と、わたしが住む地区の民生委員児童委員協議会の会長に伝えることに同意します。連絡を受けても、引き受ける義務はありません。いつでも取り消すことができます。",
  en: "I agree that what I have entered is shared with the ward office staff in charge and with the chair of the welfare commissioners' council of the district I live in. Being contacted does not oblige me to take on the role, and I can withdraw at any time.",
};

/** The confidentiality pledge a 協力員 (helper) makes, word for word; the record keeps it as made. */
export const HELPER_PLEDGE_TEXT =
  "私は、民生委員・児童委員の協力員として活動するにあたり、活動を通じて知り得た個人の秘密を、協力員の活動中はもちろん、活動を終えた後も、決して他に漏らしません。";

export const MAX_NAME = 50;
export const MAX_KANA = 80;
export const MAX_BEST_TIME = 100;
export const MAX_NOTE = 1000;

const noMarkup = (s: string) => !/[<>]/.test(s);
const currentTokyoYear = () => new Date(Date.now() + 9 * 3600_000).getUTCFullYear();

/** Where the person lives: a district of the ward by id, or "outside" (answered kindly, not recorded). */
const DistrictChoice = z.union([z.literal("outside"), formId()], { message: "v.choice" });

export const InterestSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME).refine(noMarkup, { message: "v.noHtml" }),
    nameKana: z
      .string()
      .trim()
      .min(1)
      .max(MAX_KANA)
      .refine((s) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s　]*$/u.test(s), { message: "v.kana" }),
    district: DistrictChoice,
    birthYear: formNumber()
      .pipe(z.number().int({ message: "v.integer" }))
      .refine((y) => y >= 1900, { message: "recruitment.v.birthYearPast" })
      .refine((y) => y <= currentTokyoYear(), { message: "recruitment.v.birthYearFuture" }),
    phone: z
      .string()
      .trim()
      .max(20, { message: "v.tooLong?max=20" })
      .regex(/^[0-9０-９+()\-‐－ ]{10,20}$/, { message: "v.phone" })
      .optional(),
    email: EmailSchema.optional(),
    bestTime: z.string().trim().max(MAX_BEST_TIME).refine(noMarkup, { message: "v.noHtml" }).optional(),
    wants: z.enum(RECRUITMENT_WANTS, { message: "v.choice" }),
    consent: z.literal("on", { message: "recruitment.v.consent" }),
    channel: z.string().regex(/^[a-z0-9]{6,16}$/).optional().catch(undefined),
    submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional().catch(undefined),
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, { message: "recruitment.v.contactRequired", path: ["contact"] });
export type InterestInput = z.infer<typeof InterestSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "v.date" }).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "v.date" });
const count = (max: number) => formNumber().pipe(z.number().int({ message: "v.integer" }).min(0, { message: "v.min?min=0" }).max(max, { message: `v.max?max=${max}` }));

/** A move along the pipeline, with a dated note and the next action. The target area is needed for 委嘱. */
export const StageChangeSchema = z.object({
  to: z.enum(RECRUITMENT_STAGES, { message: "v.choice" }),
  note: z.string().trim().max(MAX_NOTE).optional(),
  nextActionOn: isoDate.optional(),
  areaId: formId().optional(),
});

export const NoteSchema = z.object({
  note: z.string().trim().min(1).max(MAX_NOTE),
  nextActionOn: isoDate.optional(),
});

/** One 担当区域 of the seat board, as the form and each CSV row give it. */
export const AreaSchema = z
  .object({
    districtId: formId(),
    name: z.string().trim().min(1).max(100).refine(noMarkup, { message: "v.noHtml" }),
    seats: count(999),
    serving: count(999),
    households: count(999999).optional().default(0),
    termEndsOn: isoDate.optional(),
    intendContinue: count(999).optional().default(0),
    intendLeave: count(999).optional().default(0),
    intendUndecided: count(999).optional().default(0),
  })
  .refine((a) => a.serving <= a.seats, { message: "recruitment.v.servingOverSeats", path: ["serving"] })
  .refine((a) => a.intendContinue + a.intendLeave + a.intendUndecided <= a.serving, { message: "recruitment.v.intentionsOverServing", path: ["intendContinue"] });
export type AreaInput = z.infer<typeof AreaSchema>;

export const SettingsSchema = z.object({
  minAge: count(120),
  newAppointeeAgeLimit: count(120),
  residenceMonths: count(120),
  retentionMonths: count(120).refine((n) => n >= 1, { message: "v.min?min=1" }),
  nextReelectionOn: isoDate,
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

export const ChairSchema = z.object({ districtId: formId(), organisationId: formId() });

export const CampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(100).refine(noMarkup, { message: "v.noHtml" }),
    message: z.string().trim().max(300).optional().default(""),
    startsOn: isoDate,
    endsOn: isoDate,
    goalSeats: count(999).optional().default(0),
    goalOn: isoDate.optional(),
    districtIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(formId()).max(100)),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: "v.dateRange", path: ["endsOn"] });
export type CampaignInput = z.infer<typeof CampaignSchema>;

export const ChannelSchema = z.object({
  kind: z.enum(RECRUITMENT_CHANNEL_KINDS, { message: "v.choice" }),
  label: z.string().trim().min(1).max(100).refine(noMarkup, { message: "v.noHtml" }),
});

const helperTerms = { insuranceUntil: isoDate, activeFrom: isoDate, activeUntil: isoDate.optional() };
const activePeriodInOrder = (h: { activeFrom: string; activeUntil?: string }) => h.activeUntil === undefined || h.activeUntil >= h.activeFrom;

export const HelperSchema = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME).refine(noMarkup, { message: "v.noHtml" }),
    areaId: formId(),
    personId: formId().optional(),
    ...helperTerms,
    pledge: z.literal("on", { message: "recruitment.v.pledge" }),
  })
  .refine(activePeriodInOrder, { message: "v.dateRange", path: ["activeUntil"] });
export type HelperInput = z.infer<typeof HelperSchema>;

/** What staff may change on a helper's record later: the insurance's end and the active period. */
export const HelperTermsSchema = z.object(helperTerms).refine(activePeriodInOrder, { message: "v.dateRange", path: ["activeUntil"] });
export type HelperTermsInput = z.infer<typeof HelperTermsSchema>;

/**
 * The interest form, parsed: the schema, plus "give a phone number or an email" reported even when other fields
 * fail too (an object's own refinement runs only once every field has passed), so every message shows at once.
 */
export function parseInterest(formData: FormData): ParseResult<InterestInput> {
  const parsed = parseForm(InterestSchema, formData);
  if (parsed.success) return parsed;
  const given = (k: string) => String(formData.get(k) ?? "").trim() !== "";
  if (!given("phone") && !given("email") && !parsed.failure.errors.contact) parsed.failure.errors.contact = ["recruitment.v.contactRequired"];
  return parsed;
}

/** Deleting a channel or a campaign asks for a ticked box first. */
export const DeleteConfirmSchema = z.object({ confirm: z.literal("on", { message: "v.mustConfirm" }) });
