import { z } from "zod";
import { formId, formNumber } from "~/utils/zod-number";
import { PLACE_KINDS } from "#db/schema";
import { EmailSchema } from "../accounts/accounts.schema";

const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);
const label = (max: number) => z.string().trim().min(1).max(max).refine(noHtml, { message: "v.noHtml" });
const code = z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, { message: "v.code" });
const optionalId = formId().optional();

export const StaffAccountSchema = z.object({
  email: EmailSchema,
  displayName: label(50),
  role: z.enum(["staff", "admin"]),
});

export const DistrictSchema = z.object({ id: optionalId, code, nameJa: label(40), nameEn: label(60), sortOrder: formNumber().pipe(z.number().int().min(0).max(9999)).optional() });

export const CategorySchema = z.object({
  id: optionalId,
  code,
  nameJa: label(40),
  nameEn: label(60),
  sortOrder: formNumber().pipe(z.number().int().min(0).max(9999)).optional(),
  active: z.literal("on").optional().transform((v) => v === "on"),
});

export const PlaceSchema = z
  .object({
    id: optionalId,
    kind: z.enum(PLACE_KINDS),
    nameJa: label(100),
    nameEn: z.string().trim().max(150).refine(noHtml, { message: "v.noHtml" }).optional(),
    address: z.string().trim().max(200).refine(noHtml, { message: "v.noHtml" }).optional(),
    districtId: optionalId,
    latitude: formNumber().pipe(z.number().min(33.0, { message: "v.latitude" }).max(34.5, { message: "v.latitude" })).optional(),
    longitude: formNumber().pipe(z.number().min(129.5, { message: "v.longitude" }).max(131.5, { message: "v.longitude" })).optional(),
    note: z.string().trim().max(300).optional(),
    active: z.literal("on").optional().transform((v) => v === "on"),
  })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), { message: "v.coordinatesPair", path: ["latitude"] });
