/**
 * Every action the audit log records, by area, in the order staff read them. Each has a label in Japanese and
 * English (`audit.code.<action>` in the catalogues); a test checks that every action written anywhere in the code is
 * listed here, so a new one cannot reach the log page as a raw code.
 */
export const AUDIT_AREAS = {
  auth: ["auth.login", "auth.login_failed", "auth.login_locked", "auth.logout", "auth.logout_everywhere", "auth.totp_enrolled", "auth.totp_passed", "auth.totp_failed"],
  account: ["account.signup", "account.email_verified", "account.reset_requested", "account.password_reset", "account.suspended", "account.deleted", "calendar.feed_enabled", "calendar.feed_revoked"],
  admin: ["admin.staff_created", "admin.account_disabled", "admin.account_enabled", "admin.district_saved", "admin.category_saved", "admin.place_saved", "search.synonyms_saved", "demo.removed"],
  organisation: [
    "organisation.registered",
    "organisation.updated",
    "organisation.verify",
    "organisation.reject",
    "organisation.suspend",
    "organisation.reinstate",
    "organisation.member_invited",
    "organisation.member_joined",
    "organisation.member_removed",
  ],
  posting: [
    "posting.created",
    "posting.imported",
    "posting.updated",
    "posting.publish",
    "posting.close",
    "posting.reopen",
    "posting.cancel",
    "posting.suspended",
    "posting.suspension_lifted",
    "posting.volunteer_invited",
  ],
  application: ["application.confirm", "application.decline", "application.waitlist", "application.no_show", "application.hold_released", "roster.downloaded"],
  minors: ["minor.data.viewed", "minor.data.exported", "consent.viewed", "consent.given", "consent.declined", "consent.revoked"],
  school: [
    "school.join_code.created",
    "school.join_code.revoked",
    "school.affiliation.requested",
    "school.affiliation.approve",
    "school.affiliation.decline",
    "school.affiliation.end",
    "school.affiliation.left",
    "school.application.approve",
    "school.application.decline",
    "school.group_signup",
    "school.hours.export",
  ],
  safeguarding: [
    "safeguarding.checklist_saved",
    "safeguarding.submitted",
    "safeguarding.approved",
    "safeguarding.returned",
    "safeguarding.back_to_review",
    "safeguarding.not_required",
    "safeguarding.declaration_made",
    "safeguarding.declaration_confirmed",
    "safeguarding.declaration_rejected",
    "safeguarding.check_recorded",
    "safeguarding.settings.changed",
    "safeguarding.school_settings.changed",
    "retention.purged",
  ],
  concern: ["concern.reported", "concern.viewed", "concern.note_added", "concern.suspended", "concern.closed", "concern.reopened"],
  attendance: ["attendance.confirm", "attendance.correct", "attendance.walk_in", "certificate.issue", "certificate.revoke", "certificate.revoke.staff"],
  parks: ["parks.activity.recorded", "parks.imported", "parks.created", "parks.updated", "parks.association.saved", "parks.settings.changed", "parks.supporter.registered"],
  recruitment: [
    "recruitment.campaign_created",
    "recruitment.campaign_updated",
    "recruitment.campaign_deleted",
    "recruitment.channel_added",
    "recruitment.channel_updated",
    "recruitment.channel_deleted",
    "recruitment.helper_added",
    "recruitment.helper_updated",
    "recruitment.interest_received",
    "recruitment.withdrawn",
    "recruitment.people_listed",
    "recruitment.person_view_refused",
    "recruitment.person_viewed",
    "recruitment.stage_changed",
    "recruitment.note_added",
    "recruitment.retention_deleted",
    "recruitment.area_saved",
    "recruitment.seats_imported",
    "recruitment.seats_exported",
    "recruitment.settings_changed",
    "recruitment.chair_set",
    "recruitment.access_refused",
  ],
  audit: ["audit.exported"],
} as const;

export type AuditArea = keyof typeof AUDIT_AREAS;
export type AuditAction = (typeof AUDIT_AREAS)[AuditArea][number];

export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AUDIT_AREAS).flat();

const KNOWN = new Set<string>(AUDIT_ACTIONS);

export function isKnownAuditAction(action: string): action is AuditAction {
  return KNOWN.has(action);
}

/** The kinds of things an entry is about, with labels (`audit.subjectKind.<kind>`); others show as they are stored. */
export const AUDIT_SUBJECT_KINDS = ["user", "organisation", "posting", "application", "concern", "certificate", "shift", "session", "thread", "district", "category", "place", "school", "attendance", "criminal_record_check", "general", "guardian_consent", "retention", "safeguarding_declaration", "settings", "staff", "park", "park_supporter", "recruitment_area", "recruitment_campaign", "recruitment_channel", "recruitment_helper", "recruitment_person", "recruitment_settings"] as const;
