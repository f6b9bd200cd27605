import type { applicationsJa } from "./applications.ja";

/** English messages for the applications feature (merged into en.ts). */
export const applicationsEn: Record<keyof typeof applicationsJa, string> = {
  "applications.title": "Applications",
};
