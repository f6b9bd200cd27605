import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from "kysely";
import type { OrganisationKind, OrganisationStatus, PostingStatus, UserRole, MemberRole, VolunteerType, ApplicationMode, ApplicationStatus, MessageSide, PlaceKind, ConcernCategory, ConcernSubjectType, ConcernStatus, ConcernOutcome, ConcernNoteKind, GuardianConsentStatus, SchoolApproval, AffiliationStatus, SafeguardingStatus, SafeguardingReviewEvent, DeclarationStatus, RecruitmentStage, RecruitmentWant, RecruitmentChannelKind } from "~/vocabulary";

// The vocabulary has its home in app/vocabulary.ts; it is re-exported here so that a module can take the tables
// and the words they are typed with from one import.
export * from "~/vocabulary";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Dates (no time) travel as 'YYYY-MM-DD' strings: both drivers are told not to turn them into Date objects. */
type DateString = ColumnType<string | null, string | null | undefined, string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface DistrictsTable {
  id: Generated<number>;
  code: string;
  name_ja: string;
  name_en: string;
  sort_order: Defaulted<number>;
  created_at: Timestamp;
}

export interface CategoriesTable {
  id: Generated<number>;
  code: string;
  name_ja: string;
  name_en: string;
  sort_order: Defaulted<number>;
  active: Defaulted<boolean>;
}

export interface PlacesTable {
  id: Generated<number>;
  kind: PlaceKind;
  name_ja: string;
  name_en: Defaulted<string>;
  address: Defaulted<string>;
  district_id: number | null;
  latitude: number | null;
  longitude: number | null;
  note: Defaulted<string>;
  active: Defaulted<boolean>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  email_verified_at: NullableTimestamp;
  password_hash: string | null;
  role: Defaulted<UserRole>;
  display_name: Defaulted<string>;
  name_kana: Defaulted<string>;
  district_id: number | null;
  birth_date: DateString;
  interests: Defaulted<string[]>;
  locale: Defaulted<"ja" | "en">;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  failed_logins: Defaulted<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  volunteer_type: VolunteerType | null;
  school_organisation_id: number | null;
  school_name: Defaulted<string>;
  skills: Defaulted<string[]>;
  availability: Defaulted<string[]>;
  languages: Defaulted<string[]>;
  open_to_invitations: Defaulted<boolean>;
  notify_reminders: Defaulted<boolean>;
  notify_second_reminder: Defaulted<boolean>;
  notify_messages: Defaulted<boolean>;
  /** SHA-256 of the private calendar feed token; null when no feed is enabled. */
  calendar_token_hash: string | null;
  calendar_token_created_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  second_factor_at: NullableTimestamp;
  ip: Defaulted<string>;
  user_agent: Defaulted<string>;
}

export interface EmailTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: "verify_email" | "reset_password";
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: Defaulted<number>;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  name_kana: Defaulted<string>;
  kind: OrganisationKind;
  district_id: number | null;
  description: Defaulted<string>;
  contact_name: Defaulted<string>;
  contact_email: Defaulted<string>;
  contact_phone: Defaulted<string>;
  website: Defaulted<string>;
  status: Defaulted<OrganisationStatus>;
  status_reason: Defaulted<string>;
  status_changed_at: NullableTimestamp;
  status_changed_by: number | null;
  is_demo: Defaulted<boolean>;
  submission_key: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  organisation_id: number;
  user_id: number;
  role: MemberRole;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  role: MemberRole;
  token_hash: string;
  invited_by: number | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PostingsTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  description: string;
  category_id: number;
  tags: Defaulted<string[]>;
  district_id: number | null;
  place_id: number | null;
  place_name: Defaulted<string>;
  place_address: Defaulted<string>;
  latitude: number | null;
  longitude: number | null;
  minimum_age: number | null;
  welcomes_minors: Defaulted<boolean>;
  what_to_bring: Defaulted<string>;
  contact_name: Defaulted<string>;
  status: Defaulted<PostingStatus>;
  status_reason: Defaulted<string>;
  published_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  is_demo: Defaulted<boolean>;
  submission_key: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Maintained by search/document.server.ts in the same transaction as every write. */
  search_vector: ColumnType<string, string | undefined, string>;
  application_mode: Defaulted<ApplicationMode>;
  /** The staff safeguarding review of a posting that welcomes minors (app/modules/safeguarding/review.server.ts). */
  safeguarding_status: Defaulted<SafeguardingStatus>;
  /** Generated: welcomes minors and the safeguarding review approved it — an under-18 can apply now. */
  open_to_minors: GeneratedAlways<boolean>;
  /** Where confirmed people meet on the day; shown only to them. Empty when not given. */
  meeting_point: Defaulted<string>;
}

export interface ShiftsTable {
  id: Generated<number>;
  posting_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  created_at: Timestamp;
  /** Confirmed applications; the conditional update `confirmed_count < capacity` is what prevents overbooking. */
  confirmed_count: Defaulted<number>;
}

export interface ApplicationsTable {
  id: Generated<number>;
  /** Null once the shift was removed from its posting; the times below keep the history readable. */
  shift_id: number | null;
  shift_starts_at: Timestamp;
  shift_ends_at: Timestamp;
  posting_id: number;
  user_id: number;
  status: ApplicationStatus;
  message: Defaulted<string>;
  decision_reason: Defaulted<string>;
  waitlisted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the retention job cleared the texts of a minor's application (app/modules/safeguarding/retention.server.ts). */
  retention_purged_at: NullableTimestamp;
  /** Under the minor age (setting) on the shift's date when applying: the safeguarding rules and privacy apply. */
  minor: Defaulted<boolean>;
  guardian_consent_required: Defaulted<boolean>;
  guardian_consent_id: number | null;
  /** Set while a pending-consent application holds a place (counted in shifts.confirmed_count) until then. */
  held_until: NullableTimestamp;
  /** The student's school, when that school approves participation; school_approval is null when not needed. */
  school_organisation_id: number | null;
  school_approval: SchoolApproval | null;
  school_decided_at: NullableTimestamp;
  school_decided_by: number | null;
  /** The school coordinator who signed the student up with a group, if any. */
  signed_up_by: number | null;
}

export interface MessageThreadsTable {
  id: Generated<number>;
  posting_id: number;
  organisation_id: number;
  volunteer_user_id: number;
  created_at: Timestamp;
  last_message_at: Timestamp;
}

export interface ThreadParticipantsTable {
  thread_id: number;
  user_id: number;
  role: "staff" | "coordinator" | "guardian";
  added_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<number>;
  thread_id: number;
  sender_user_id: number | null;
  sender_side: MessageSide;
  body: string;
  submission_key: string | null;
  created_at: Timestamp;
}

export interface ThreadReadsTable {
  thread_id: number;
  user_id: number;
  last_read_message_id: Defaulted<number>;
}

export interface VolunteerInvitationsTable {
  id: Generated<number>;
  posting_id: number;
  user_id: number;
  invited_by: number | null;
  created_at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: ColumnType<unknown, string | undefined, string>;
  status: Defaulted<"pending" | "running" | "done" | "failed">;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  run_at: Timestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface DevEmailsTable {
  id: Generated<number>;
  job_id: number | null;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  action: string;
  subject_type: Defaulted<string>;
  subject_id: Defaulted<string>;
  ip: Defaulted<string>;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface SearchVocabularyTable {
  word: string;
  postings: Defaulted<number>;
}

export interface SearchSynonymsTable {
  id: Generated<number>;
  words: string[];
  updated_at: Timestamp;
}

/**
 * One row per posting: what search filters, counts and sorts by, kept by triggers in the transaction of every
 * write to postings, shifts and organisations (db/migrations/0004_search_summary.ts). The schedule columns
 * describe the shifts still to come as of when they were computed, and hold while prev_starts_at < now <=
 * next_starts_at; search reads the shifts of a row outside that interval (docs/decisions/007-search-summary.md).
 */
export interface PostingSearchTable {
  posting_id: number;
  organisation_id: number;
  /** Published, by a verified organisation. */
  searchable: boolean;
  category_id: number;
  district_id: number | null;
  organisation_kind: OrganisationKind;
  /** postings.open_to_minors: an under-18 can apply now (db/migrations/0020_minors_open_and_meeting_point.ts). */
  open_to_minors: boolean;
  latitude: number | null;
  longitude: number | null;
  published_at: Date | null;
  /** Latest shift start before the schedule was computed. */
  prev_starts_at: Date | null;
  /** First shift still to come when the schedule was computed, and its end. */
  next_starts_at: Date | null;
  next_ends_at: Date | null;
  last_starts_at: Date | null;
  has_weekday: boolean;
  has_weekend: boolean;
  /** A shift still to come with confirmed_count < capacity. */
  has_places_left: boolean;
  /** Written by search/document.server.ts (the application's own tokens). */
  search_vector: ColumnType<string, string | undefined, string>;
  /** The transaction that last wrote the row (migration 0010), for the in-process search index. */
  changed_xid: ColumnType<string, never, never>;
}

/** Postings whose summary row was deleted, with the deleting transaction (migration 0010). */
export interface PostingSearchRemovedTable {
  posting_id: number;
  changed_xid: ColumnType<string, never, never>;
}

export interface ConcernsTable {
  id: Generated<number>;
  reference: string;
  subject_type: ConcernSubjectType;
  posting_id: number | null;
  organisation_id: number | null;
  subject_user_id: number | null;
  category: ConcernCategory;
  description: string;
  contact_email: Defaulted<string>;
  reporter_user_id: number | null;
  status: Defaulted<ConcernStatus>;
  outcome: ConcernOutcome | null;
  closed_at: NullableTimestamp;
  closed_by: number | null;
  submission_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConcernNotesTable {
  id: Generated<number>;
  concern_id: number;
  author_user_id: number | null;
  kind: ConcernNoteKind;
  body: Defaulted<string>;
  created_at: Timestamp;
}

/** Anonymous counts kept when the retention job clears minors' data: no person, no posting, only totals. */
/**
 * Ledgers of the impact report's counters (db/migrations/0023_report_counters.ts): signed changes written by
 * triggers with every write to applications and attendance; a key's count is the sum of its rows.
 */
export interface ReportApplicationDaysTable {
  posting_id: number;
  /** The Tokyo day the applications were made. */
  day: RequiredDateString;
  applications: number;
  minor_applications: number;
}

export interface ReportShiftCountsTable {
  shift_id: number;
  places_held: number;
  marked_no_show: number;
  confirmed_minutes: number;
}

export interface RetentionCountsTable {
  id: Generated<number>;
  counted_at: Timestamp;
  school_year: number;
  subject: string;
  category_code: Defaulted<string>;
  status: Defaulted<string>;
  count: number;
}

/** A calendar date that is always present, as 'YYYY-MM-DD'. */
type RequiredDateString = ColumnType<string, string, string>;

export interface SafeguardingChecklistsTable {
  posting_id: number;
  two_adults_present: Defaulted<boolean>;
  no_one_to_one: Defaulted<boolean>;
  open_place: Defaulted<boolean>;
  place_note: Defaulted<string>;
  insurance_arranged: Defaulted<boolean>;
  insurance_holder: Defaulted<string>;
  insurance_valid_until: DateString;
  tasks_suitable: Defaulted<boolean>;
  tasks_note: Defaulted<string>;
  toilets_rest: Defaulted<string>;
  emergency_contact: Defaulted<string>;
  first_aid: Defaulted<string>;
  /** Regular contact with children in a closed setting; null until the organisation answers. */
  closed_setting_contact: boolean | null;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface PostingResponsibleAdultsTable {
  posting_id: number;
  user_id: number;
  added_by: number | null;
  added_at: Timestamp;
}

export interface SafeguardingReviewsTable {
  id: Generated<number>;
  posting_id: number;
  event: SafeguardingReviewEvent;
  actor_user_id: number | null;
  comment: Defaulted<string>;
  changes: Defaulted<string[]>;
  snapshot: ColumnType<unknown, string | undefined, never>;
  created_at: Timestamp;
}

export interface SafeguardingDeclarationsTable {
  id: Generated<number>;
  user_id: number;
  organisation_id: number | null;
  signed_name: string;
  no_relevant_convictions: boolean;
  agrees_code_of_conduct: boolean;
  code_version: string;
  declared_on: RequiredDateString;
  valid_until: RequiredDateString;
  status: Defaulted<DeclarationStatus>;
  decided_at: NullableTimestamp;
  decided_by: number | null;
  decision_comment: Defaulted<string>;
  created_at: Timestamp;
}

/** That a criminal-record check was done (date, by whom, valid until): never what it found. */
export interface CriminalRecordChecksTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number;
  checked_on: RequiredDateString;
  checked_by: string;
  valid_until: RequiredDateString;
  recorded_by: number | null;
  created_at: Timestamp;
  /** When the person's membership of the organisation ended (set by a trigger); the record goes 30 days later. */
  work_ended_at: NullableTimestamp;
}

export interface SafeguardingSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface SchoolSettingsTable {
  organisation_id: number;
  requires_coordinator_approval: Defaulted<boolean>;
  coordinator_reads_minor_threads: Defaulted<boolean>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface StudentGuardiansTable {
  user_id: number;
  name: string;
  relationship: string;
  email: string;
  updated_at: Timestamp;
}

export interface GuardianConsentsTable {
  id: Generated<number>;
  student_user_id: number;
  posting_id: number | null;
  guardian_name: string;
  guardian_relationship: string;
  guardian_email: string;
  token_hash: string;
  revoke_token_hash: string;
  expires_at: Timestamp;
  revoke_until: Timestamp;
  status: Defaulted<GuardianConsentStatus>;
  scope: Defaulted<"posting" | "school_year">;
  valid_until: NullableTimestamp;
  covered_by_consent_id: number | null;
  answered_at: NullableTimestamp;
  answered_name: Defaulted<string>;
  emergency_phone: Defaulted<string>;
  wording_version: Defaulted<string>;
  wording_text: Defaulted<string>;
  answered_ip: Defaulted<string>;
  revoked_at: NullableTimestamp;
  revoked_ip: Defaulted<string>;
  retention_purged_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SchoolJoinCodesTable {
  id: Generated<number>;
  organisation_id: number;
  code: string;
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SchoolAffiliationsTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: number;
  status: Defaulted<AffiliationStatus>;
  join_code_id: number | null;
  requested_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: number | null;
}

/** Attendance of one person at one session (shift): app/modules/attendance. States live in that module. */
export interface AttendanceTable {
  id: Generated<number>;
  shift_id: number;
  application_id: number | null;
  user_id: number | null;
  walk_in_name: Defaulted<string>;
  walk_in_confirmed_at: NullableTimestamp;
  status: "present" | "late" | "absent";
  checked_in_at: NullableTimestamp;
  checked_out_at: NullableTimestamp;
  auto_closed: Defaulted<boolean>;
  left_early: Defaulted<boolean>;
  source: "group" | "self" | "walk_in";
  recorded_by: number | null;
  confirmed_minutes: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Copies of the shift's start and posting, and whether the application has ended: kept by triggers (migration 0027), never written by the site. */
  shift_starts_at: ColumnType<Date, never, never>;
  posting_id: ColumnType<number, never, never>;
  application_ended: ColumnType<boolean, never, never>;
}

export interface AttendanceTapsTable {
  tap_id: string;
  attendance_id: number;
  action: string;
  tapped_at: Timestamp;
  received_at: Timestamp;
  actor_user_id: number | null;
}

export interface SessionConfirmationsTable {
  shift_id: number;
  confirmed_at: Timestamp;
  confirmed_by: number | null;
}

export interface AttendanceCorrectionsTable {
  id: Generated<number>;
  attendance_id: number;
  corrected_by: number | null;
  reason: string;
  before: ColumnType<unknown, string, never>;
  after: ColumnType<unknown, string, never>;
  created_at: Timestamp;
}

export interface SessionCheckinCodesTable {
  shift_id: number;
  code: string;
  created_at: Timestamp;
}

export interface CertificatesTable {
  id: Generated<number>;
  code: string;
  user_id: number | null;
  locale: "ja" | "en";
  payload: string;
  signature: string;
  key_id: string;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
  revoke_reason: Defaulted<string>;
}

export interface SigningKeysTable {
  key_id: string;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

export interface AttendanceFeedbackTable {
  attendance_id: number;
  again: boolean;
  comment: Defaulted<string>;
  created_at: Timestamp;
}

// The park-care registry (migration 0019, docs/decisions/025-park-care-registry.md).
export interface ParksTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_kana: Defaulted<string>;
  address: Defaulted<string>;
  district_id: number | null;
  latitude: number | null;
  longitude: number | null;
  area_m2: number;
  facilities: Defaulted<string[]>;
  place_id: number | null;
  model_case: Defaulted<boolean>;
  model_story: Defaulted<string>;
  is_demo: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ParkAssociationsTable {
  park_id: number;
  organisation_id: number | null;
  name: string;
  founded_on: DateString;
  representative_name: Defaulted<string>;
  representative_phone: Defaulted<string>;
  representative_email: Defaulted<string>;
  status: Defaulted<"active" | "paused" | "dissolved">;
  member_count: number;
  members_under_40: Defaulted<number>;
  members_40_64: Defaulted<number>;
  members_65_74: Defaulted<number>;
  members_75_plus: Defaulted<number>;
  officers_under_40: Defaulted<number>;
  officers_40_64: Defaulted<number>;
  officers_65_74: Defaulted<number>;
  officers_75_plus: Defaulted<number>;
  meeting_day: Defaulted<string>;
  meeting_time: Defaulted<string>;
  activities: Defaulted<string>;
  how_to_join: Defaulted<string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ParkMemberSnapshotsTable {
  park_id: number;
  year: number;
  member_count: number;
  new_members: Defaulted<number>;
  members_75_plus: Defaulted<number>;
}

export interface ParkActivitiesTable {
  id: Generated<number>;
  park_id: number;
  activity_date: RequiredDateString;
  kind: "weeding" | "cleaning" | "flowerbed" | "inspection" | "other";
  note: Defaulted<string>;
  people: number;
  via_site: Defaulted<number>;
  minutes: number;
  recorded_by: number | null;
  submission_key: string | null;
  created_at: Timestamp;
}

export interface ParkSupportersTable {
  id: Generated<number>;
  park_id: number;
  name: string;
  kind: "company" | "school" | "other";
  offer: string;
  contact_name: Defaulted<string>;
  contact_email: Defaulted<string>;
  contact_phone: Defaulted<string>;
  status: Defaulted<"pending" | "approved" | "declined">;
  decided_at: NullableTimestamp;
  decided_by: number | null;
  created_at: Timestamp;
}

export interface ParkSettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

// Welfare-commissioner recruitment (migration 0018).
export interface RecruitmentAreasTable {
  id: Generated<number>;
  district_id: number;
  name: string;
  seats: number;
  serving: Defaulted<number>;
  households: Defaulted<number>;
  term_ends_on: DateString;
  intend_continue: Defaulted<number>;
  intend_leave: Defaulted<number>;
  intend_undecided: Defaulted<number>;
  updated_at: Timestamp;
}

/** A snapshot of a seat area after each change to its seats (written by a trigger, migration 0024); `removed` when the area was deleted. */
export interface RecruitmentSeatHistoryTable {
  id: Generated<number>;
  area_id: number;
  district_id: number;
  name: string;
  seats: number;
  serving: number;
  removed: Defaulted<boolean>;
  changed_at: Timestamp;
}

/** One row: when the seat history began (before it, the fill rate was not recorded). */
export interface RecruitmentSeatHistoryBeganTable {
  id: Defaulted<number>;
  at: Timestamp;
}

export interface RecruitmentSettingsTable {
  id: Defaulted<number>;
  min_age: Defaulted<number>;
  new_appointee_age_limit: Defaulted<number>;
  residence_months: Defaulted<number>;
  retention_months: Defaulted<number>;
  next_reelection_on: ColumnType<string, string | undefined, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface RecruitmentDistrictChairsTable {
  district_id: number;
  organisation_id: number;
  created_at: Timestamp;
}

export interface RecruitmentCampaignsTable {
  id: Generated<number>;
  name: string;
  message: Defaulted<string>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  goal_seats: Defaulted<number>;
  goal_on: DateString;
  district_ids: Defaulted<number[]>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RecruitmentChannelsTable {
  id: Generated<number>;
  campaign_id: number;
  kind: RecruitmentChannelKind;
  label: string;
  code: string;
  visits: Defaulted<number>;
  created_at: Timestamp;
}

/** Anonymous counts of people who left the pipeline by withdrawal or retention (migration 0025). */
export interface RecruitmentDepartedCountsTable {
  id: Generated<number>;
  campaign_id: number | null;
  channel_id: number | null;
  district_id: number;
  stage_reached: "interested" | "contacted" | "briefed" | "helper_trial" | "preparatory" | "committee";
  reason: "withdrawn" | "retention";
  count: number;
  recorded_at: Timestamp;
}

export interface RecruitmentPeopleTable {
  id: Generated<number>;
  name: string;
  name_kana: string;
  district_id: number;
  birth_year: number;
  phone: Defaulted<string>;
  email: Defaulted<string>;
  best_time: Defaulted<string>;
  wants: RecruitmentWant;
  consent_text: string;
  consented_at: Timestamp;
  locale: Defaulted<"ja" | "en">;
  channel_id: number | null;
  campaign_id: number | null;
  stage: Defaulted<RecruitmentStage>;
  stage_changed_at: Timestamp;
  next_action_on: DateString;
  contacted_at: NullableTimestamp;
  appointed_at: NullableTimestamp;
  appointed_area_id: number | null;
  withdraw_token_hash: string;
  submission_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecruitmentEventsTable {
  id: Generated<number>;
  person_id: number;
  at: Timestamp;
  actor_user_id: number | null;
  from_stage: RecruitmentStage | null;
  to_stage: RecruitmentStage | null;
  note: Defaulted<string>;
  next_action_on: DateString;
}

export interface RecruitmentHelpersTable {
  id: Generated<number>;
  person_id: number | null;
  name: string;
  area_id: number;
  pledge_text: string;
  pledged_at: Timestamp;
  insurance_until: ColumnType<string, string, string>;
  active_from: ColumnType<string, string, string>;
  active_until: DateString;
  created_by: number | null;
  created_at: Timestamp;
}

export interface Database {
  districts: DistrictsTable;
  categories: CategoriesTable;
  places: PlacesTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  rate_limits: RateLimitsTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  postings: PostingsTable;
  shifts: ShiftsTable;
  jobs: JobsTable;
  dev_emails: DevEmailsTable;
  audit_log: AuditLogTable;
  search_vocabulary: SearchVocabularyTable;
  search_synonyms: SearchSynonymsTable;
  posting_search: PostingSearchTable;
  posting_search_removed: PostingSearchRemovedTable;
  applications: ApplicationsTable;
  message_threads: MessageThreadsTable;
  thread_participants: ThreadParticipantsTable;
  messages: MessagesTable;
  thread_reads: ThreadReadsTable;
  volunteer_invitations: VolunteerInvitationsTable;
  concerns: ConcernsTable;
  concern_notes: ConcernNotesTable;
  retention_counts: RetentionCountsTable;
  report_application_days: ReportApplicationDaysTable;
  report_shift_counts: ReportShiftCountsTable;
  safeguarding_checklists: SafeguardingChecklistsTable;
  posting_responsible_adults: PostingResponsibleAdultsTable;
  safeguarding_reviews: SafeguardingReviewsTable;
  safeguarding_declarations: SafeguardingDeclarationsTable;
  criminal_record_checks: CriminalRecordChecksTable;
  safeguarding_settings: SafeguardingSettingsTable;
  school_settings: SchoolSettingsTable;
  student_guardians: StudentGuardiansTable;
  guardian_consents: GuardianConsentsTable;
  school_join_codes: SchoolJoinCodesTable;
  school_affiliations: SchoolAffiliationsTable;
  attendance: AttendanceTable;
  attendance_taps: AttendanceTapsTable;
  session_confirmations: SessionConfirmationsTable;
  attendance_corrections: AttendanceCorrectionsTable;
  session_checkin_codes: SessionCheckinCodesTable;
  certificates: CertificatesTable;
  signing_keys: SigningKeysTable;
  attendance_feedback: AttendanceFeedbackTable;
  parks: ParksTable;
  park_associations: ParkAssociationsTable;
  park_member_snapshots: ParkMemberSnapshotsTable;
  park_activities: ParkActivitiesTable;
  park_supporters: ParkSupportersTable;
  park_settings: ParkSettingsTable;
  recruitment_areas: RecruitmentAreasTable;
  recruitment_settings: RecruitmentSettingsTable;
  recruitment_seat_history: RecruitmentSeatHistoryTable;
  recruitment_seat_history_began: RecruitmentSeatHistoryBeganTable;
  recruitment_district_chairs: RecruitmentDistrictChairsTable;
  recruitment_campaigns: RecruitmentCampaignsTable;
  recruitment_channels: RecruitmentChannelsTable;
  recruitment_people: RecruitmentPeopleTable;
  recruitment_events: RecruitmentEventsTable;
  recruitment_helpers: RecruitmentHelpersTable;
  recruitment_departed_counts: RecruitmentDepartedCountsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type Posting = Selectable<PostingsTable>;
export type PostingUpdate = Updateable<PostingsTable>;
export type Shift = Selectable<ShiftsTable>;
export type Place = Selectable<PlacesTable>;
export type District = Selectable<DistrictsTable>;
export type Category = Selectable<CategoriesTable>;
export type Application = Selectable<ApplicationsTable>;
