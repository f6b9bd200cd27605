/** Japanese messages for the applications feature (merged into ja.ts). */
export const applicationsJa = {
  "applications.title": "申し込み",
} as const;
