import type { recommendationsJa } from "./recommendations.ja";

/** English messages for the recommendations feature (merged into en.ts). */
export const recommendationsEn: Record<keyof typeof recommendationsJa, string> = {
  "recommendations.title": "Recommended",
};
