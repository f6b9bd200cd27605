import { z } from "zod";
import { asciiDigits, formId, formNumber } from "~/utils/zod-number";

const checkbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** The staff form for the ward's settings: every value has a range, and consent cannot be asked of adults. */
export const SafeguardingSettingsSchema = z
  .object({
    intent: z.literal("ward"),
    minorAge: formNumber().pipe(z.number().int("v.integer").min(15, "v.min?min=15").max(20, "v.max?max=20")),
    minorsLatestEnd: z
      .string({ error: "v.required" })
      .trim()
      .transform(asciiDigits)
      .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "minors.settings.error.time").refine((t) => t >= "05:00" && t <= "23:00", "minors.settings.error.latestEnd")),
    consentHoldHours: formNumber().pipe(z.number().int("v.integer").min(1, "v.min?min=1").max(336, "v.max?max=336")),
    guardianConsentUnder: formNumber().pipe(z.number().int("v.integer").min(12, "v.min?min=12").max(20, "v.max?max=20")),
    standingConsentOffered: checkbox(),
  })
  .refine((v) => v.guardianConsentUnder <= v.minorAge, { message: "minors.settings.error.consentAboveMinor", path: ["guardianConsentUnder"] });

/** One school's row on the same page. */
export const SchoolSettingsSchema = z.object({
  intent: z.literal("school"),
  organisationId: formId(),
  requiresCoordinatorApproval: checkbox(),
  coordinatorReadsMinorThreads: checkbox(),
});
