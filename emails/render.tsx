import type { ReactElement } from "react";
import { toPlainText } from "@react-email/render";
import { renderToHtml } from "~/utils/html-stream.server";
import type { Locale } from "~/utils/i18n";
import { MAX_SUBJECT_LENGTH, sanitizeHeaderValue } from "./sanitize";
import { SHIFT_DATES, SHIFT_URLS, SUBJECT_PREFIX } from "./templates/shared";
import {
  applicationDecisionTemplate,
  type ApplicationConfirmedProps,
  type ApplicationDeclinedProps,
  type ApplicationPromotedProps,
  type ApplicationReceivedProps,
} from "./templates/application-decision";
import { ApplicationWaitlisted, applicationWaitlistedTitle, type ApplicationWaitlistedProps } from "./templates/application-waitlisted";
import { NewApplicant, newApplicantTitle, type NewApplicantProps } from "./templates/new-applicant";
import { NewMessage, newMessageTitle, type NewMessageProps } from "./templates/new-message";
import { ShiftCancelled, shiftCancelledTitle, type ShiftCancelledProps } from "./templates/shift-cancelled";
import { ShiftChanged, shiftChangedTitle, type ShiftChangedProps } from "./templates/shift-changed";
import { ShiftReminder, shiftReminderTitle, type ShiftReminderProps } from "./templates/shift-reminder";
import { MeetingPointChanged, meetingPointChangedTitle, type MeetingPointChangedProps } from "./templates/meeting-point-changed";
import { AttendanceThanks, attendanceThanksTitle, type AttendanceThanksProps } from "./templates/attendance-thanks";
import { VolunteerInvitation, volunteerInvitationTitle, type VolunteerInvitationProps } from "./templates/volunteer-invitation";
import { AccountExists, accountExistsTitle, type AccountExistsProps } from "./templates/account-exists";
import {
  SAFEGUARDING_DECISIONS,
  SAFEGUARDING_PUBLICATION,
  SafeguardingReviewDecided,
  safeguardingReviewDecidedTitle,
  type SafeguardingReviewDecidedProps,
} from "./templates/safeguarding-review-decided";
import {
  SAFEGUARDING_REQUEST_KINDS,
  SafeguardingReviewRequested,
  safeguardingReviewRequestedTitle,
  type SafeguardingReviewRequestedProps,
} from "./templates/safeguarding-review-requested";
import { CONCERN_EMAIL_CATEGORIES, CONCERN_EMAIL_SUBJECTS, ConcernReceived, concernReceivedTitle, type ConcernReceivedProps } from "./templates/concern-received";
import { ImpactMonthly, impactMonthlyTitle, type ImpactMonthlyProps } from "./templates/impact-monthly";
import { Invitation, invitationTitle, type InvitationProps } from "./templates/invitation";
import { PARK_SUPPORTER_EMAIL_KINDS, ParkSupporterOffered, parkSupporterOfferedTitle, type ParkSupporterOfferedProps } from "./templates/park-supporter-offered";
import {
  organisationStatusTemplate,
  type OrganisationRejectedProps,
  type OrganisationSubmittedProps,
  type OrganisationSuspendedProps,
  type OrganisationVerifiedProps,
} from "./templates/organisation-status";
import { PostingCancelled, postingCancelledTitle, type PostingCancelledProps } from "./templates/posting-cancelled";
import { ResetPassword, resetPasswordTitle, type ResetPasswordProps } from "./templates/reset-password";
import { VerifyEmail, verifyEmailTitle, type VerifyEmailProps } from "./templates/verify-email";
import { GuardianConsentNotice, guardianConsentNoticeTitle, type GuardianConsentNoticeProps } from "./templates/guardian-consent-notice";
import { GuardianConsentRequest, guardianConsentRequestTitle, type GuardianConsentRequestProps } from "./templates/guardian-consent-request";
import {
  RECRUITMENT_EMAIL_WANTS,
  RecruitmentInterestReceived,
  recruitmentInterestReceivedTitle,
  RecruitmentOverdue,
  recruitmentOverdueTitle,
  type RecruitmentInterestReceivedProps,
  type RecruitmentOverdueProps,
} from "./templates/recruitment";
import { GuardianConsentWithdrawn, guardianConsentWithdrawnTitle, type GuardianConsentWithdrawnProps } from "./templates/guardian-consent-withdrawn";

export { sanitizeHeaderValue, MAX_SUBJECT_LENGTH } from "./sanitize";

export type EmailMessage =
  | { template: "verify-email"; to: string; locale: Locale; props: VerifyEmailProps }
  | { template: "reset-password"; to: string; locale: Locale; props: ResetPasswordProps }
  /** Sent when someone signs up with an address that already has an account, so sign-up never reveals it. */
  | { template: "account-exists"; to: string; locale: Locale; props: AccountExistsProps }
  | { template: "organisation-submitted"; to: string; locale: Locale; props: OrganisationSubmittedProps }
  | { template: "organisation-verified"; to: string; locale: Locale; props: OrganisationVerifiedProps }
  | { template: "organisation-rejected"; to: string; locale: Locale; props: OrganisationRejectedProps }
  | { template: "organisation-suspended"; to: string; locale: Locale; props: OrganisationSuspendedProps }
  | { template: "invitation"; to: string; locale: Locale; props: InvitationProps }
  | { template: "posting-cancelled"; to: string; locale: Locale; props: PostingCancelledProps }
  /** Review mode: the volunteer's application arrived; the group decides next. */
  | { template: "application-received"; to: string; locale: Locale; props: ApplicationReceivedProps }
  | { template: "application-confirmed"; to: string; locale: Locale; props: ApplicationConfirmedProps }
  | { template: "application-declined"; to: string; locale: Locale; props: ApplicationDeclinedProps }
  | { template: "application-waitlisted"; to: string; locale: Locale; props: ApplicationWaitlistedProps }
  /** A place freed up and the first on the waiting list is now confirmed. */
  | { template: "application-promoted"; to: string; locale: Locale; props: ApplicationPromotedProps }
  /** Optional (the person can turn reminders off). */
  | { template: "shift-reminder"; to: string; locale: Locale; props: ShiftReminderProps }
  | { template: "shift-changed"; to: string; locale: Locale; props: ShiftChangedProps }
  | { template: "shift-cancelled"; to: string; locale: Locale; props: ShiftCancelledProps }
  /** To each person confirmed for a session still to come: the group set, changed or removed the meeting point. */
  | { template: "meeting-point-changed"; to: string; locale: Locale; props: MeetingPointChangedProps }
  /** After the group confirmed a session's attendance: the hours recorded and the one-question feedback link. */
  | { template: "attendance-thanks"; to: string; locale: Locale; props: AttendanceThanksProps }
  /** Optional; never carries the message body. */
  | { template: "new-message"; to: string; locale: Locale; props: NewMessageProps }
  /** Optional: only to people who allow groups to invite them. */
  | { template: "volunteer-invitation"; to: string; locale: Locale; props: VolunteerInvitationProps }
  /** To the members of the group whose shift received an application. */
  | { template: "new-applicant"; to: string; locale: Locale; props: NewApplicantProps }
  /** To every ward staff account: a posting that welcomes minors waits for its safeguarding review. */
  | { template: "safeguarding-review-requested"; to: string; locale: Locale; props: SafeguardingReviewRequestedProps }
  /** To the organisation's owners: staff approved the safeguarding review, or returned it with a comment. */
  | { template: "safeguarding-review-decided"; to: string; locale: Locale; props: SafeguardingReviewDecidedProps }
  /** To every ward staff account: a concern was reported (what kind and about what; never the report itself). */
  | { template: "concern-received"; to: string; locale: Locale; props: ConcernReceivedProps }
  /** To the guardian a minor named: the activity, a single-use consent link and a revoke link. */
  | { template: "guardian-consent-request"; to: string; locale: Locale; props: GuardianConsentRequestProps }
  /** To a guardian whose consent for the school year covers a new application (with a revoke link). */
  | { template: "guardian-consent-notice"; to: string; locale: Locale; props: GuardianConsentNoticeProps }
  /** To the organisation's members: a guardian withdrew consent and the minor's application was withdrawn. */
  | { template: "guardian-consent-withdrawn"; to: string; locale: Locale; props: GuardianConsentWithdrawnProps }
  /** To a resident who raised a hand on /minsei (with a link to withdraw). */
  | { template: "recruitment-interest-received"; to: string; locale: Locale; props: RecruitmentInterestReceivedProps }
  /** Weekly, to staff and district chairs: how many next actions are overdue (a count, no names). */
  | { template: "recruitment-overdue"; to: string; locale: Locale; props: RecruitmentOverdueProps }
  /** To every ward staff account: a company or school offered to support a park (no contact details). */
  | { template: "park-supporter-offered"; to: string; locale: Locale; props: ParkSupporterOfferedProps }
  /** Monthly, to every ward staff account: the month's key impact figures and a link to the report (counts only). */
  | { template: "impact-monthly"; to: string; locale: Locale; props: ImpactMonthlyProps };

export type EmailTemplate = EmailMessage["template"];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** A message that can never be rendered (unknown template, a link that is not http/https): retrying will not help. */
export class EmailRenderError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = "EmailRenderError";
  }
}

type Definition<P> = {
  title: (props: P, locale: Locale) => string;
  component: (props: P & { locale: Locale }) => ReactElement;
  /** Props that are links: they must be absolute http(s) URLs. */
  urls: (keyof P)[];
  numbers?: (keyof P)[];
  /** Props that are instants: they must be strings that parse as dates. */
  dates?: (keyof P)[];
  /** Props that must be one of a few values (a value outside them would render an empty label). */
  oneOf?: { [K in keyof P]?: readonly P[K][] };
};

type Definitions = { [M in EmailMessage as M["template"]]: Definition<M["props"]> };

const definitions: Definitions = {
  "verify-email": { title: verifyEmailTitle, component: VerifyEmail, urls: ["url"] },
  "reset-password": { title: resetPasswordTitle, component: ResetPassword, urls: ["url"], numbers: ["expiresMinutes"] },
  "account-exists": { title: accountExistsTitle, component: AccountExists, urls: ["loginUrl", "resetUrl"] },
  "organisation-submitted": { ...organisationStatusTemplate("submitted"), urls: ["dashboardUrl"] },
  "organisation-verified": { ...organisationStatusTemplate("verified"), urls: ["dashboardUrl"] },
  "organisation-rejected": { ...organisationStatusTemplate("rejected"), urls: ["editUrl"] },
  "organisation-suspended": { ...organisationStatusTemplate("suspended"), urls: [] },
  invitation: { title: invitationTitle, component: Invitation, urls: ["url"], numbers: ["expiresDays"] },
  "posting-cancelled": { title: postingCancelledTitle, component: PostingCancelled, urls: ["postingUrl"] },
  "application-received": {
    ...applicationDecisionTemplate("received"),
    urls: [...SHIFT_URLS, "settingsUrl"],
    dates: [...SHIFT_DATES],
  },
  "application-confirmed": {
    ...applicationDecisionTemplate("confirmed"),
    urls: [...SHIFT_URLS, "icsUrl"],
    dates: [...SHIFT_DATES],
  },
  "application-declined": { ...applicationDecisionTemplate("declined"), urls: [...SHIFT_URLS], dates: [...SHIFT_DATES] },
  "application-waitlisted": {
    title: applicationWaitlistedTitle,
    component: ApplicationWaitlisted,
    urls: [...SHIFT_URLS],
    dates: [...SHIFT_DATES],
    numbers: ["position"],
  },
  "application-promoted": {
    ...applicationDecisionTemplate("promoted"),
    urls: [...SHIFT_URLS, "icsUrl"],
    dates: [...SHIFT_DATES],
  },
  "shift-reminder": {
    title: shiftReminderTitle,
    component: ShiftReminder,
    urls: [...SHIFT_URLS, "threadUrl", "settingsUrl"],
    dates: [...SHIFT_DATES],
    oneOf: { when: ["day-before", "two-hours"] },
  },
  "shift-changed": {
    title: shiftChangedTitle,
    component: ShiftChanged,
    urls: [...SHIFT_URLS],
    dates: [...SHIFT_DATES, "previousStartsAt", "previousEndsAt"],
  },
  "shift-cancelled": { title: shiftCancelledTitle, component: ShiftCancelled, urls: [...SHIFT_URLS], dates: [...SHIFT_DATES] },
  "meeting-point-changed": { title: meetingPointChangedTitle, component: MeetingPointChanged, urls: [...SHIFT_URLS], dates: [...SHIFT_DATES] },
  "attendance-thanks": { title: attendanceThanksTitle, component: AttendanceThanks, urls: [...SHIFT_URLS, "feedbackUrl", "hoursUrl"], dates: [...SHIFT_DATES] },
  "new-message": { title: newMessageTitle, component: NewMessage, urls: ["threadUrl", "settingsUrl"] },
  "volunteer-invitation": {
    title: volunteerInvitationTitle,
    component: VolunteerInvitation,
    urls: ["postingUrl", "threadUrl", "settingsUrl"],
  },
  "new-applicant": {
    title: newApplicantTitle,
    component: NewApplicant,
    urls: ["manageUrl"],
    dates: ["startsAt", "endsAt"],
    oneOf: { status: ["pending", "confirmed", "waitlisted"] },
  },
  "safeguarding-review-requested": {
    title: safeguardingReviewRequestedTitle,
    component: SafeguardingReviewRequested,
    urls: ["reviewUrl"],
    oneOf: { kind: SAFEGUARDING_REQUEST_KINDS },
  },
  "safeguarding-review-decided": {
    title: safeguardingReviewDecidedTitle,
    component: SafeguardingReviewDecided,
    urls: ["checklistUrl"],
    oneOf: { decision: SAFEGUARDING_DECISIONS, publication: SAFEGUARDING_PUBLICATION },
  },
  "concern-received": {
    title: concernReceivedTitle,
    component: ConcernReceived,
    urls: ["concernUrl"],
    oneOf: { category: CONCERN_EMAIL_CATEGORIES, subjectType: CONCERN_EMAIL_SUBJECTS },
  },
  "guardian-consent-request": {
    title: guardianConsentRequestTitle,
    component: GuardianConsentRequest,
    urls: ["consentUrl", "revokeUrl", "postingUrl"],
    dates: ["startsAt", "endsAt", "expiresAt"],
    numbers: ["sessionCount"],
  },
  "guardian-consent-notice": {
    title: guardianConsentNoticeTitle,
    component: GuardianConsentNotice,
    urls: ["revokeUrl", "postingUrl"],
    dates: ["startsAt", "endsAt"],
    numbers: ["sessionCount"],
  },
  "guardian-consent-withdrawn": {
    title: guardianConsentWithdrawnTitle,
    component: GuardianConsentWithdrawn,
    urls: ["manageUrl"],
    dates: ["startsAt", "endsAt"],
  },
  "recruitment-interest-received": {
    title: recruitmentInterestReceivedTitle,
    component: RecruitmentInterestReceived,
    urls: ["withdrawUrl", "minseiUrl"],
    oneOf: { wants: RECRUITMENT_EMAIL_WANTS },
  },
  "recruitment-overdue": { title: recruitmentOverdueTitle, component: RecruitmentOverdue, urls: ["listUrl"], numbers: ["count"] },
  "park-supporter-offered": { title: parkSupporterOfferedTitle, component: ParkSupporterOffered, urls: ["reviewUrl"], oneOf: { kind: PARK_SUPPORTER_EMAIL_KINDS } },
  "impact-monthly": { title: impactMonthlyTitle, component: ImpactMonthly, urls: ["reportUrl"], numbers: ["participants", "firstTime", "sessions", "applications", "hours"] },
};

export const EMAIL_TEMPLATES = Object.keys(definitions) as EmailTemplate[];

/**
 * Plain-text conversion: headings keep their case, and the main button becomes its label followed by the link on
 * its own line (the HTML-only "if the button does not work" line is skipped, so the link appears once).
 */
const htmlToTextOptions = {
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "a[data-email-button]", format: "emailButton" },
  ],
  formatters: {
    emailButton(elem: any, walk: (nodes: unknown, builder: unknown) => void, builder: any) {
      builder.openBlock({ leadingLineBreaks: 2 });
      walk(elem.children, builder);
      builder.addLineBreak();
      builder.addInline(String(elem.attribs?.href ?? ""), { noWordTransform: true });
      builder.closeBlock({ trailingLineBreaks: 2 });
    },
  },
};

const XHTML_DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

export async function renderEmail(message: EmailMessage): Promise<RenderedEmail> {
  const definition = (definitions as Record<string, Definition<any> | undefined>)[message?.template];
  if (!definition) throw new EmailRenderError(`Unknown email template: ${sanitizeHeaderValue(message?.template, 60)}`);
  const locale: Locale = message.locale === "en" ? "en" : "ja";
  const props = (message.props ?? {}) as unknown as Record<string, unknown>;
  for (const key of definition.urls) assertHttpUrl(message.template, String(key), props[key as string]);
  for (const key of definition.numbers ?? []) {
    const value = props[key as string];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new EmailRenderError(`${message.template}: ${String(key)} must be a non-negative number`);
    }
  }
  for (const key of definition.dates ?? []) {
    const value = props[key as string];
    if (typeof value !== "string" || !Number.isFinite(new Date(value).getTime())) {
      throw new EmailRenderError(`${message.template}: ${String(key)} must be a date (ISO string)`);
    }
  }
  for (const [key, allowed] of Object.entries(definition.oneOf ?? {}) as [string, readonly unknown[]][]) {
    if (!allowed.includes(props[key])) {
      throw new EmailRenderError(`${message.template}: ${key} must be one of ${allowed.join(", ")}`);
    }
  }

  const subject = sanitizeHeaderValue(`${SUBJECT_PREFIX[locale]}${definition.title(props, locale)}`, MAX_SUBJECT_LENGTH);
  const Component = definition.component;
  const element = <Component {...props} locale={locale} />;
  // Rendered once, by the site's own renderer: react-email's render() uses React's Node renderer, which puts
  // NUL bytes into multi-byte text (ADR 014). The HTML gets react-email's XHTML doctype; text comes from it.
  const markup = await renderToHtml(element);
  const html = `${XHTML_DOCTYPE}${markup.replace(/<!DOCTYPE.*?>/, "")}`;
  const text = toPlainText(markup, htmlToTextOptions as never);
  return { subject, html, text: `${text.replace(/\n{3,}/g, "\n\n").trim()}\n` };
}

function assertHttpUrl(template: string, key: string, value: unknown): void {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new EmailRenderError(`${template}: ${key} must be an absolute http(s) URL`);
  }
}
