import type { ApplicationMode, ApplicationStatus, VolunteerType } from "#db/schema";
import { givenName } from "~/modules/accounts/names";

/**
 * The rules of applying, in one place and free of I/O so they can be tested on their own.
 *
 * States: pending (review mode: the organisation decides) → confirmed | declined | waitlisted;
 * waitlisted → confirmed (promoted when a place frees, or by the organisation); confirmed → withdrawn (by the
 * volunteer) | no_show (by the organisation, after the shift started) | cancelled (the shift or posting was cancelled).
 * A minor's application starts as pending_consent: only the system moves it on, once the guardian consented and
 * (where the school requires it) the school approved — to confirmed or waitlisted (first come) or pending (review).
 * The organisation may decline it, never confirm it. A guardian's revocation withdraws it at any stage.
 */
export const ACTIVE_STATUSES = ["pending", "pending_consent", "confirmed", "waitlisted"] as const satisfies readonly ApplicationStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export function isActive(status: ApplicationStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/**
 * The guardian's answer shown on a minor's activity: while the application goes on (or went through), the consent
 * as it stands; once it was withdrawn, cancelled or declined, only a refusal or withdrawal of consent (the reason it
 * may have ended) — never a consent given or asked for something that is over.
 */
export function consentShownOnActivity<S extends string>(status: ApplicationStatus, consentStatus: S | null): S | null {
  if (status !== "withdrawn" && status !== "cancelled" && status !== "declined") return consentStatus;
  return consentStatus === "declined" || consentStatus === "revoked" ? consentStatus : null;
}

export type Actor = "volunteer" | "organisation" | "system" | "guardian" | "school";

const TRANSITIONS: Record<Actor, Partial<Record<ApplicationStatus, readonly ApplicationStatus[]>>> = {
  volunteer: {
    pending: ["withdrawn"],
    pending_consent: ["withdrawn"],
    confirmed: ["withdrawn"],
    waitlisted: ["withdrawn"],
    withdrawn: ["pending", "pending_consent", "confirmed", "waitlisted"],
    cancelled: ["pending", "pending_consent", "confirmed", "waitlisted"],
  },
  organisation: {
    pending: ["confirmed", "declined", "waitlisted"],
    pending_consent: ["declined"],
    waitlisted: ["confirmed", "declined"],
    confirmed: ["declined", "waitlisted", "no_show"],
    no_show: ["confirmed"],
  },
  system: {
    waitlisted: ["confirmed", "cancelled"],
    pending: ["cancelled"],
    pending_consent: ["confirmed", "waitlisted", "pending", "cancelled"],
    confirmed: ["cancelled"],
  },
  guardian: {
    pending_consent: ["withdrawn"],
    pending: ["withdrawn"],
    confirmed: ["withdrawn"],
    waitlisted: ["withdrawn"],
  },
  school: {
    pending_consent: ["declined"],
  },
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, actor: Actor): boolean {
  return TRANSITIONS[actor][from]?.includes(to) ?? false;
}

/**
 * Whether a minor's application has what confirmation needs: the guardian's consent (where required) and the
 * school's approval (where the school requires it). Checked again on every path that confirms.
 */
export function consentSatisfied(app: { minor: boolean; guardian_consent_required: boolean; consent_status: string | null; school_approval: string | null }): boolean {
  if (!app.minor) return true;
  if (app.guardian_consent_required && app.consent_status !== "given") return false;
  return app.school_approval === null || app.school_approval === "approved";
}

/** Where a new (or renewed) application lands: auto mode confirms while places last, review mode waits. */
export function initialStatus(mode: ApplicationMode, placeAvailable: boolean): "confirmed" | "waitlisted" | "pending" {
  if (mode === "review") return "pending";
  return placeAvailable ? "confirmed" : "waitlisted";
}

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Two shifts overlap when one starts before the other ends (touching end to start is fine). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Hours of a shift, from instants: a shift from 22:00 to 02:00 the next day is 4 hours. */
export function shiftHours(shift: Interval): number {
  return Math.round(((shift.endsAt.getTime() - shift.startsAt.getTime()) / 3600_000) * 100) / 100;
}

export const AT_RISK_DAYS = 7;
export const AT_RISK_FILL = 0.5;

export interface ShiftLoad {
  startsAt: Date;
  capacity: number;
  confirmed: number;
  pending: number;
}

/**
 * Why a shift still to come needs the organisation's attention before the day, as message keys: under half full
 * within a week, or people still waiting for an answer (3 or more, or any within 3 days).
 */
export function shiftRisks(shift: ShiftLoad, now: Date): string[] {
  const ms = shift.startsAt.getTime() - now.getTime();
  if (ms <= 0) return [];
  const days = ms / 86400_000;
  const risks: string[] = [];
  if (days <= AT_RISK_DAYS && shift.confirmed < shift.capacity * AT_RISK_FILL) risks.push("applications.risk.underfilled");
  if (shift.pending >= 3 || (shift.pending > 0 && days <= 3)) risks.push("applications.risk.unanswered");
  return risks;
}

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A roster for spreadsheets: UTF-8 with a BOM so Excel opens Japanese text correctly, CRLF line ends. */
export function csv(rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** What an organisation's lists hold of one applicant (the applicants page and the roster). */
export interface ApplicantForOrganisation {
  displayName: string;
  nameKana: string;
  volunteerType: VolunteerType | null;
  schoolName: string;
  /** A message key with its year (`minors.grade.high?year=2`), only for minors. */
  schoolYear: string | null;
  districtJa: string | null;
  districtEn: string | null;
  skills: string[];
  message: string;
  /** For a confirmed minor: the guardian to call on the day. */
  emergencyContact: { name: string; relationship: string; phone: string; email: string } | null;
  /** True when the applicant is a minor and the list shows only what the organisation may see of them. */
  restricted: boolean;
}

/** Statuses after which a minor counts as confirmed for what the responsible adult needs on the day. */
const CONFIRMED_FOR_THE_DAY = new Set<ApplicationStatus>(["confirmed", "no_show"]);

/**
 * What the organisation may see of an applicant. An adult: name, ふりがな, type, school, district, skills and
 * message. A minor, until confirmed: the first name, school year and school only — no contact details, no birth
 * date, nothing else. A confirmed minor: their name and the guardian's contact for emergencies, and nothing more.
 */
export function applicantForOrganisation(a: {
  status: ApplicationStatus;
  minor: boolean;
  deleted: boolean;
  displayName: string;
  nameKana: string;
  volunteerType: VolunteerType | null;
  schoolName: string;
  schoolYear: string | null;
  districtJa: string | null;
  districtEn: string | null;
  skills: string[];
  message: string;
  guardian: { name: string; relationship: string; phone: string; email: string } | null;
}): ApplicantForOrganisation {
  const name = a.deleted ? "" : a.displayName;
  if (!a.minor)
    return {
      displayName: name,
      nameKana: a.deleted ? "" : a.nameKana,
      volunteerType: a.volunteerType,
      schoolName: a.schoolName,
      schoolYear: null,
      districtJa: a.districtJa,
      districtEn: a.districtEn,
      skills: a.skills,
      message: a.message,
      emergencyContact: null,
      restricted: false,
    };
  const confirmed = CONFIRMED_FOR_THE_DAY.has(a.status);
  return {
    displayName: confirmed ? name : givenName(name),
    nameKana: "",
    volunteerType: null,
    schoolName: confirmed ? "" : a.schoolName,
    schoolYear: confirmed ? null : a.schoolYear,
    districtJa: null,
    districtEn: null,
    skills: [],
    message: "",
    emergencyContact: confirmed && a.guardian ? a.guardian : null,
    restricted: true,
  };
}

/** The message key of a school grade (from the birth date), for the organisation's lists. */
export function schoolYearKey(grade: { stage: "primary" | "junior_high" | "high"; year: number } | null): string | null {
  return grade ? `minors.grade.${grade.stage}?year=${grade.year}` : null;
}
