import { z } from "zod";
import { AVAILABILITY_SLOTS, LANGUAGES, SKILLS, VOLUNTEER_TYPES } from "#db/schema";
import { formId } from "~/utils/zod-number";
import { isCommonPassword } from "./common-passwords";

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.email({ message: "v.email" }));

/** At least 8 characters, up to 128, anything allowed, not a well-known password (security checklist A1, ASVS 6.2). */
export const PasswordSchema = z
  .string()
  .min(8, { message: "v.passwordShort" })
  .max(128, { message: "v.tooLong?max=128" })
  .refine((p) => !isCommonPassword(p), { message: "v.passwordCommon" });

const NameSchema = z.string().trim().min(1).max(50).refine((s) => !/[<>]/.test(s), { message: "v.noHtml" });
const KanaSchema = z
  .string()
  .trim()
  .max(80)
  .refine((s) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s　]*$/u.test(s), { message: "v.kana" });

export const SignupSchema = z
  .object({
    email: EmailSchema,
    password: PasswordSchema,
    displayName: NameSchema,
    agree: z.literal("on", { message: "v.mustAgree" }),
    redirectTo: z.string().max(2000).optional(),
  })
  .refine((v) => !isCommonPassword(v.password, v.email), { message: "v.passwordCommon", path: ["password"] });

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(1024),
  redirectTo: z.string().max(2000).optional(),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z
  .object({
    token: z.string().max(200),
    password: PasswordSchema,
    passwordConfirm: z.string().min(1),
  })
  .refine((v) => v.password === v.passwordConfirm, { message: "v.passwordMismatch", path: ["passwordConfirm"] });

export const TotpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s-]/g, "").replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))
    .pipe(z.string().regex(/^[0-9]{6}$/, { message: "v.totpFormat" })),
});

const today = () => new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);

export const BirthDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "v.date" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, {
    message: "v.date",
  })
  .refine((s) => s <= today(), { message: "v.birthDateFuture" })
  .refine((s) => s >= "1900-01-01", { message: "v.birthDatePast" });

/** Several choices from a fixed list (absent = none); anything off the list is refused. */
function manyOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: "v.choice" })).max(values.length));
}

/** A checkbox: "on" when ticked, absent when not. */
function checkbox() {
  return z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
}

export const ProfileSchema = z.object({
  displayName: NameSchema,
  nameKana: KanaSchema.optional(),
  districtId: formId().optional(),
  birthDate: BirthDateSchema.optional(),
  interests: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(20)),
  locale: z.enum(["ja", "en"]),
  volunteerType: z.enum(VOLUNTEER_TYPES, { error: "v.choice" }).optional(),
  schoolId: formId().optional(),
  schoolName: z.string().trim().max(80, "v.tooLong?max=80").optional(),
  skills: manyOf(SKILLS),
  availability: manyOf(AVAILABILITY_SLOTS),
  languages: manyOf(LANGUAGES),
  openToInvitations: checkbox(),
  notifyReminders: checkbox(),
  notifySecondReminder: checkbox(),
  notifyMessages: checkbox(),
});

export type ProfileInput = z.infer<typeof ProfileSchema>;

/** "Sign out on every device": the person ticks that they understand this device is signed out too. */
export const SignOutEverywhereSchema = z.object({
  confirm: z.literal("on", { message: "v.mustConfirm" }),
});

export const DeleteAccountSchema = z.object({
  password: z.string().min(1).max(1024),
  confirm: z.literal("on", { message: "v.mustConfirm" }),
});
