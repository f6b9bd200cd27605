import { z } from "zod";
import { asciiDigits, formId, formNumber } from "~/utils/zod-number";
import { tokyoInstant } from "~/utils/format";
import { MAX_SHIFTS, shiftProblems, type ShiftDraft } from "./postings.rules";

const noHtml = (s: string) => !/<\s*\/?\s*[a-z!][^>]*>/i.test(s);
const rawList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)));

export const POSTING_LIMITS = { title: 80, description: 4000, whatToBring: 500, meetingPoint: 300, contact: 60, tags: 8, tag: 20 };

/**
 * The posting form. Shifts arrive as parallel lists (one row per shift: date, start, end, capacity, and the
 * id of an existing shift); blank rows are ignored; each bad row's message is keyed `shift-N` to sit beside it.
 */
export function postingSchema(now: Date) {
  return z
    .object({
      title: z.string().trim().min(1).max(POSTING_LIMITS.title).refine(noHtml, { message: "v.noHtml" }),
      description: z.string().trim().min(20, { message: "v.tooShort?min=20" }).max(POSTING_LIMITS.description).refine(noHtml, { message: "v.noHtml" }),
      categoryId: formId(),
      tags: z
        .string()
        .max(300)
        .optional()
        .transform((s) =>
          [...new Set((s ?? "").split(/[,、，\s]+/).map((t) => t.trim().replace(/^#/, "")).filter(Boolean))],
        )
        .refine((tags) => tags.length <= POSTING_LIMITS.tags, { message: `v.tooMany?max=${POSTING_LIMITS.tags}` })
        .refine((tags) => tags.every((t) => t.length <= POSTING_LIMITS.tag && noHtml(t)), { message: `v.tagTooLong?max=${POSTING_LIMITS.tag}` }),
      districtId: formId(),
      placeId: formId().optional(),
      placeName: z.string().trim().max(100).refine(noHtml, { message: "v.noHtml" }).optional(),
      placeAddress: z.string().trim().max(200).refine(noHtml, { message: "v.noHtml" }).optional(),
      latitude: formNumber().pipe(z.number().min(33.0, { message: "v.latitude" }).max(34.5, { message: "v.latitude" })).optional(),
      longitude: formNumber().pipe(z.number().min(129.5, { message: "v.longitude" }).max(131.5, { message: "v.longitude" })).optional(),
      minimumAge: formNumber().pipe(z.number().int({ message: "v.integer" }).min(0).max(100)).optional(),
      welcomesMinors: z.literal("on").optional().transform((v) => v === "on"),
      applicationMode: z.enum(["auto", "review"], { error: "v.choice" }).optional(),
      whatToBring: z.string().trim().max(POSTING_LIMITS.whatToBring).refine(noHtml, { message: "v.noHtml" }).optional(),
      // Where confirmed people meet on the day: told only to them (the page once confirmed, the emails, the calendar).
      meetingPoint: z.string().trim().max(POSTING_LIMITS.meetingPoint).refine(noHtml, { message: "v.noHtml" }).optional(),
      contactName: z.string().trim().min(1).max(POSTING_LIMITS.contact).refine(noHtml, { message: "v.noHtml" }),
      shiftId: rawList,
      shiftDate: rawList,
      shiftStart: rawList,
      shiftEnd: rawList,
      shiftCapacity: rawList,
      submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
    })
    // Both checks run even when a field above failed (`when`), so a person sees every problem in one round.
    .superRefine(
      (v, ctx) => {
        const raw = v as Record<string, unknown>;
        const given = (key: string) => raw[key] !== undefined && raw[key] !== null && raw[key] !== "";
        if (!given("placeId") && !given("placeName")) ctx.addIssue({ code: "custom", message: "v.placeRequired", path: ["placeName"] });
        if (given("latitude") !== given("longitude"))
          ctx.addIssue({ code: "custom", message: "v.coordinatesPair", path: [given("latitude") ? "longitude" : "latitude"] });
        if (typeof raw.minimumAge === "number" && raw.minimumAge >= 18 && raw.welcomesMinors === true)
          ctx.addIssue({ code: "custom", message: "v.minorsButAdultAge", path: ["minimumAge"] });
        for (const issue of readShiftRows(raw, now).issues) ctx.addIssue({ code: "custom", ...issue });
      },
      { when: () => true },
    )
    .transform((v) => {
      const { shiftId, shiftDate, shiftStart, shiftEnd, shiftCapacity, ...rest } = v;
      return { ...rest, shifts: readShiftRows(v, now).shifts };
    });
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

/**
 * Reads the shift rows of the form (parallel lists of date, start, end, places and the id of an existing
 * shift), ignoring blank rows; each problem is keyed `shift-N` so it shows beside its row.
 */
export function readShiftRows(raw: Record<string, unknown>, now: Date) {
  const ids = list(raw.shiftId);
  const dates = list(raw.shiftDate);
  const starts = list(raw.shiftStart);
  const ends = list(raw.shiftEnd);
  const caps = list(raw.shiftCapacity);
  const shifts: (ShiftDraft & { id: number | null })[] = [];
  const issues: { message: string; path: string[] }[] = [];
  let filledRows = 0;
  const rows = Math.max(dates.length, starts.length, ends.length, caps.length);
  for (let i = 0; i < rows; i++) {
    const date = asciiDigits(dates[i] ?? "").trim();
    const start = asciiDigits(starts[i] ?? "").trim();
    const end = asciiDigits(ends[i] ?? "").trim();
    const cap = asciiDigits(caps[i] ?? "").trim();
    const idText = (ids[i] ?? "").trim();
    if (!date && !start && !end && !cap) continue;
    filledRows++;
    const path = [`shift-${i}`];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      issues.push({ message: "v.shiftDate", path });
      continue;
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(start) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(end)) {
      issues.push({ message: "v.shiftTime", path });
      continue;
    }
    if (!/^\d{1,5}$/.test(cap)) {
      issues.push({ message: "v.capacityMin", path });
      continue;
    }
    const shift = {
      id: /^\d{1,9}$/.test(idText) ? Number(idText) : null,
      startsAt: tokyoInstant(date, start),
      // An end earlier than the start is the next morning: 22:00–02:00 is a four-hour night shift.
      endsAt: end < start ? new Date(tokyoInstant(date, end).getTime() + 86400_000) : tokyoInstant(date, end),
      capacity: Number(cap),
    };
    for (const message of shiftProblems(shift, now)) issues.push({ message, path });
    shifts.push(shift);
  }
  if (filledRows === 0) issues.push({ message: "v.shiftRequired", path: ["shift-0"] });
  if (shifts.length > MAX_SHIFTS) issues.push({ message: `v.tooMany?max=${MAX_SHIFTS}`, path: ["shift-0"] });
  return { shifts, issues };
}

export type PostingInput = z.infer<ReturnType<typeof postingSchema>>;

export const PostingStatusSchema = z.object({
  intent: z.enum(["publish", "close", "reopen", "cancel"]),
  reason: z.string().trim().max(500).optional(),
});

const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "v.date" });

/** The browse filters in the URL: each is optional; a bad one is reported, not a 500. */
export const BrowseQuerySchema = z.object({
  category: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: "v.choice" }).optional(),
  district: z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: "v.choice" }).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  minors: z.enum(["1"]).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
});
export type BrowseQuery = z.infer<typeof BrowseQuerySchema>;
