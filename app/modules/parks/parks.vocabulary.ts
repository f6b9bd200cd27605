// The closed sets of words of the park-care registry. Browser-safe: forms, pages and rules share them.

export const ASSOCIATION_STATUSES = ["active", "paused", "dissolved"] as const;
export type AssociationStatus = (typeof ASSOCIATION_STATUSES)[number];

export const ACTIVITY_KINDS = ["weeding", "cleaning", "flowerbed", "inspection", "other"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const SUPPORTER_KINDS = ["company", "school", "other"] as const;
export type SupporterKind = (typeof SUPPORTER_KINDS)[number];

export const SUPPORTER_STATUSES = ["pending", "approved", "declined"] as const;
export type SupporterStatus = (typeof SUPPORTER_STATUSES)[number];

/** The age bands the registry counts members and officers in (〜39, 40〜64, 65〜74, 75〜). */
export const AGE_BANDS = ["under_40", "40_64", "65_74", "75_plus"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type AgeCounts = Record<AgeBand, number>;

export const FACILITIES = ["playground", "toilet", "bench", "flowerbed", "water", "sports", "tool_shed", "parking"] as const;
export type Facility = (typeof FACILITIES)[number];
