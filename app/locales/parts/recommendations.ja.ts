/** Japanese messages for the recommendations feature (merged into ja.ts). */
export const recommendationsJa = {
  "recommendations.title": "おすすめ",
} as const;
