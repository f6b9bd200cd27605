// The domain's vocabulary: the closed sets of words the ward's data is made of (kinds, statuses, skills…). The
// database schema types its columns with them, the modules validate and decide with them, routes and components
// label them. It imports nothing from the project, so every layer may import it (docs/decisions/018).

export const ORGANISATION_KINDS = [
  "neighbourhood_association",
  "machizukuri_council",
  "park_care_association",
  "civic_centre",
  "high_school",
  "university",
  "npo",
  "social_welfare",
  "ward_office",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ORGANISATION_STATUSES = ["pending", "verified", "rejected", "suspended"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];
export const POSTING_STATUSES = ["draft", "published", "closed", "cancelled"] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];
export const USER_ROLES = ["volunteer", "staff", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const MEMBER_ROLES = ["owner", "editor"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const VOLUNTEER_TYPES = ["high_school", "university", "working", "other"] as const;
export type VolunteerType = (typeof VOLUNTEER_TYPES)[number];
export const APPLICATION_MODES = ["auto", "review"] as const;
export type ApplicationMode = (typeof APPLICATION_MODES)[number];
export const APPLICATION_STATUSES = ["pending", "pending_consent", "confirmed", "waitlisted", "declined", "withdrawn", "cancelled", "no_show"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const MESSAGE_SIDES = ["volunteer", "organisation", "staff", "coordinator", "system"] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];
export const SKILLS = ["mowing", "cooking", "children", "english", "sign_language", "computer", "elderly_care", "carpentry", "photography", "music"] as const;
export const AVAILABILITY_SLOTS = ["weekday_morning", "weekday_afternoon", "weekday_evening", "weekend_morning", "weekend_afternoon", "weekend_evening"] as const;
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number];
export const LANGUAGES = ["ja", "en", "zh", "ko", "vi", "tl", "ne", "jsl"] as const;
export const PLACE_KINDS = ["civic_centre", "park", "school", "other"] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const CONCERN_CATEGORIES = ["child_safety", "harassment", "dangerous_activity", "fraud_misuse", "other"] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
export const CONCERN_SUBJECT_TYPES = ["posting", "organisation", "user", "general"] as const;
export type ConcernSubjectType = (typeof CONCERN_SUBJECT_TYPES)[number];
export const CONCERN_STATUSES = ["open", "closed"] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_OUTCOMES = ["action_taken", "advice_given", "referred", "no_action", "duplicate"] as const;
export type ConcernOutcome = (typeof CONCERN_OUTCOMES)[number];
export const CONCERN_NOTE_KINDS = ["note", "closed", "reopened", "suspended_posting", "suspended_organisation", "suspended_user", "lifted_posting"] as const;
export type ConcernNoteKind = (typeof CONCERN_NOTE_KINDS)[number];
export const GUARDIAN_CONSENT_STATUSES = ["requested", "given", "declined", "revoked"] as const;
export type GuardianConsentStatus = (typeof GUARDIAN_CONSENT_STATUSES)[number];
export const SCHOOL_APPROVALS = ["pending", "approved", "declined"] as const;
export type SchoolApproval = (typeof SCHOOL_APPROVALS)[number];
export const AFFILIATION_STATUSES = ["pending", "approved", "declined", "ended"] as const;
export type AffiliationStatus = (typeof AFFILIATION_STATUSES)[number];

export const SAFEGUARDING_STATUSES = ["not_required", "pending", "returned", "approved"] as const;
export type SafeguardingStatus = (typeof SAFEGUARDING_STATUSES)[number];
export const SAFEGUARDING_REVIEW_EVENTS = ["submitted", "approved", "returned", "changed"] as const;
export type SafeguardingReviewEvent = (typeof SAFEGUARDING_REVIEW_EVENTS)[number];
export const DECLARATION_STATUSES = ["pending", "confirmed", "rejected"] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

// Welfare-commissioner recruitment (docs/decisions/024): the pipeline's stages in order, then the two ways out.
export const RECRUITMENT_STAGES = ["interested", "contacted", "briefed", "helper_trial", "preparatory", "committee", "appointed", "declined", "ineligible"] as const;
export type RecruitmentStage = (typeof RECRUITMENT_STAGES)[number];
export const RECRUITMENT_WANTS = ["hear", "helper", "nominate"] as const;
export type RecruitmentWant = (typeof RECRUITMENT_WANTS)[number];
export const RECRUITMENT_CHANNEL_KINDS = ["poster", "newsletter", "sns", "talk", "circular", "other"] as const;
export type RecruitmentChannelKind = (typeof RECRUITMENT_CHANNEL_KINDS)[number];
