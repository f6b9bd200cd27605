import type { AssociationStatus } from "./parks.vocabulary";

/** Japanese words for the registry's values where a file (CSV, PDF) speaks Japanese whatever the reader's language. */
export const ASSOCIATION_STATUS_JA: Record<AssociationStatus, string> = { active: "活動中", paused: "休止", dissolved: "解散" };
