import { z } from "zod";
import { formDate } from "../safeguarding/review.schema";
import { formId, formNumber } from "~/utils/zod-number";
import { ACTIVITY_KINDS, AGE_BANDS, ASSOCIATION_STATUSES, FACILITIES, SUPPORTER_KINDS } from "./parks.vocabulary";
import { VITALITY_LIMITS } from "./vitality.rules";

/** The forms and the CSV rows of the park-care registry, shared by browser and server. */
const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);
const text = (max: number) => z.string().trim().max(max).refine(noHtml, { message: "v.noHtml" });
const optionalText = (max: number) => text(max).optional().transform((s) => s ?? "");
const count = (max = 10_000) => formNumber().pipe(z.number().int({ message: "v.integer" }).min(0).max(max));
const optionalCount = (max = 10_000) => count(max).optional().transform((n) => n ?? 0);
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: "v.choice" })).max(values.length));

export const PARK_LIMITS = { name: 100, address: 200, story: 2000, areaMax: 10_000_000 };

/** A park as staff enter it (and as each CSV row gives it). */
export const ParkSchema = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, { message: "parks.v.code" }),
    name: text(PARK_LIMITS.name).pipe(z.string().min(1)),
    nameKana: optionalText(100),
    address: optionalText(PARK_LIMITS.address),
    districtId: formId().optional(),
    latitude: formNumber().pipe(z.number().min(33.0, { message: "v.latitude" }).max(34.5, { message: "v.latitude" })).optional(),
    longitude: formNumber().pipe(z.number().min(129.5, { message: "v.longitude" }).max(131.5, { message: "v.longitude" })).optional(),
    areaM2: formNumber().pipe(z.number().int({ message: "v.integer" }).min(1).max(PARK_LIMITS.areaMax)),
    facilities: list(FACILITIES),
    modelCase: z.literal("on").optional().transform((v) => v === "on"),
    modelStory: optionalText(PARK_LIMITS.story),
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === undefined) !== (v.longitude === undefined))
      ctx.addIssue({ code: "custom", message: "v.coordinatesPair", path: [v.latitude === undefined ? "latitude" : "longitude"] });
    if (v.modelCase && !v.modelStory) ctx.addIssue({ code: "custom", message: "parks.v.storyNeeded", path: ["modelStory"] });
  });
export type ParkInput = z.infer<typeof ParkSchema>;

const bands = (prefix: "members" | "officers") => Object.fromEntries(AGE_BANDS.map((b) => [`${prefix}_${b}`, optionalCount()])) as Record<`${typeof prefix}_${(typeof AGE_BANDS)[number]}`, ReturnType<typeof optionalCount>>;

/** The association's record: counts by age band must add up to the member count; officers cannot outnumber members. */
export const AssociationSchema = z
  .object({
    name: text(100).pipe(z.string().min(1)),
    foundedOn: formDate().optional(),
    representativeName: optionalText(60),
    representativePhone: z.string().trim().max(30).regex(/^[0-9０-９+()\-－ ]*$/, { message: "v.phone" }).optional().transform((s) => s ?? ""),
    representativeEmail: z.email({ error: "v.email" }).max(200).optional().or(z.literal("").transform(() => undefined)).transform((s) => s ?? ""),
    status: z.enum(ASSOCIATION_STATUSES, { error: "v.choice" }),
    memberCount: count(),
    ...bands("members"),
    ...bands("officers"),
    meetingDay: optionalText(60),
    meetingTime: optionalText(60),
    activities: optionalText(1000),
    howToJoin: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    const members = v.members_under_40 + v.members_40_64 + v.members_65_74 + v.members_75_plus;
    if (members !== v.memberCount) ctx.addIssue({ code: "custom", message: `parks.v.bandsSum?sum=${members}&count=${v.memberCount}`, path: ["memberCount"] });
    const officers = v.officers_under_40 + v.officers_40_64 + v.officers_65_74 + v.officers_75_plus;
    if (officers > v.memberCount) ctx.addIssue({ code: "custom", message: "parks.v.officersMoreThanMembers", path: ["officers_under_40"] });
  });
export type AssociationInput = z.infer<typeof AssociationSchema>;

/** One activity, from a phone in under a minute. */
export function activitySchema(today: string) {
  return z
    .object({
      date: formDate().refine((d) => d <= today, { message: "parks.v.futureDate" }).refine((d) => d >= "1970-01-01", { message: "v.date" }),
      kind: z.enum(ACTIVITY_KINDS, { error: "v.choice" }),
      people: formNumber().pipe(z.number().int({ message: "v.integer" }).min(1).max(1000)),
      viaSite: optionalCount(1000),
      hours: formNumber().pipe(z.number().min(0.25, { message: "parks.v.hours" }).max(24, { message: "parks.v.hours" })),
      note: optionalText(200),
      submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.viaSite > v.people) ctx.addIssue({ code: "custom", message: "parks.v.viaSiteMoreThanPeople", path: ["viaSite"] });
    })
    .transform(({ hours, ...rest }) => ({ ...rest, minutes: Math.round(hours * 60) }));
}
export type ActivityInput = z.infer<ReturnType<typeof activitySchema>>;

/** A yearly member figure (年度). */
export const SnapshotSchema = z.object({
  year: formNumber().pipe(z.number().int({ message: "v.integer" }).min(1970).max(2200)),
  memberCount: count(),
  newMembers: optionalCount(),
  members75Plus: optionalCount(),
});
export type SnapshotInput = z.infer<typeof SnapshotSchema>;

/** A company's or school's offer to support a park (公園応援団). */
export const SupporterSchema = z.object({
  name: text(100).pipe(z.string().min(1)),
  kind: z.enum(SUPPORTER_KINDS, { error: "v.choice" }),
  offer: text(1000).pipe(z.string().min(1)),
  contactName: text(60).pipe(z.string().min(1)),
  contactEmail: z.email({ error: "v.email" }).max(200),
  contactPhone: z.string().trim().max(30).regex(/^[0-9０-９+()\-－ ]*$/, { message: "v.phone" }).optional().transform((s) => s ?? ""),
});
export type SupporterInput = z.infer<typeof SupporterSchema>;

export const SupporterDecisionSchema = z.object({ supporterId: formId(), decision: z.enum(["approve", "decline"], { error: "v.choice" }) });

const setting = (key: keyof typeof VITALITY_LIMITS) => formNumber().pipe(z.number().int({ message: "v.integer" }).min(VITALITY_LIMITS[key].min).max(VITALITY_LIMITS[key].max));

/** Staff settings: grant bands as parallel lists (limit, yen; the last limit blank) and the vitality thresholds. */
export const ParkSettingsSchema = z.object({
  bandUpTo: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(12)).max(20)),
  bandYen: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(12)).min(1).max(20)),
  inactiveMonths: setting("inactiveMonths"),
  declinePercent: setting("declinePercent"),
  declineYears: setting("declineYears"),
  noNewMembersYears: setting("noNewMembersYears"),
  minMembers: setting("minMembers"),
});

/** The public list's query: a name, a district, or "near" a place (no JS) or a position (the browser's). */
export const ParkBrowseSchema = z.object({
  q: z.string().trim().max(60).optional().catch(undefined),
  district: formId().optional().catch(undefined),
  near: z.string().regex(/^(place:\d{1,9}|\d{1,2}(\.\d{1,6})?,\d{1,3}(\.\d{1,6})?)$/).optional().catch(undefined),
});
export type ParkBrowseQuery = z.infer<typeof ParkBrowseSchema>;
