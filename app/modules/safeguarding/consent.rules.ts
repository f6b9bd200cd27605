import type { ApplicationStatus, GuardianConsentStatus } from "#db/schema";
import type { Locale } from "~/utils/i18n";

/**
 * Guardian consent, the pure part: how long a link lives, what state a link is in, and the exact wording a
 * guardian agrees to (stored with the consent, with its version, so that what was shown can always be read back).
 */

/** A consent link lives a week at most, and never beyond the start of the first session it is about. */
export const CONSENT_LINK_DAYS = 7;

export function consentLinkExpiry(now: Date, firstStartsAt: Date): Date {
  return new Date(Math.min(now.getTime() + CONSENT_LINK_DAYS * 86400_000, firstStartsAt.getTime()));
}

export type ConsentLinkState = "open" | "expired" | "answered" | "revoked" | "ended" | "unknown";

/**
 * The consent link: open once, until it expires. Used (consent given or refused) → "answered"; withdrawn since →
 * "revoked"; unknown or tampered → "unknown".
 */
export function consentLinkState(row: { status: GuardianConsentStatus; expires_at: Date | string } | undefined, now: Date): ConsentLinkState {
  if (!row) return "unknown";
  if (row.status === "revoked") return "revoked";
  if (row.status !== "requested") return "answered";
  if (new Date(row.expires_at).getTime() <= now.getTime()) return "expired";
  return "open";
}

/**
 * A request is over when none of its applications is still going: each was withdrawn, cancelled, declined or
 * marked a no-show (or applied for again under a new request). Its consent link then records nothing ("ended").
 */
export function consentRequestEnded(applicationStatuses: readonly ApplicationStatus[]): boolean {
  return !applicationStatuses.some((s) => s === "pending_consent" || s === "pending" || s === "confirmed" || s === "waitlisted");
}

export type RevokeLinkState = "open" | "expired" | "revoked" | "declined" | "unknown";

/**
 * The revoke link: works until the last session it covers has ended (or the standing consent's school year),
 * whether or not the guardian answered the consent link — revoking an unanswered request refuses it.
 */
export function revokeLinkState(row: { status: GuardianConsentStatus; revoke_until: Date | string } | undefined, now: Date): RevokeLinkState {
  if (!row) return "unknown";
  if (row.status === "revoked") return "revoked";
  if (row.status === "declined") return "declined";
  if (new Date(row.revoke_until).getTime() <= now.getTime()) return "expired";
  return "open";
}

/** The version of the wording below; a change of wording gets a new version, older consents keep theirs. */
export const CONSENT_WORDING_VERSION = "2026-04-v1";

export interface WordingVars {
  childName: string;
  postingTitle: string;
  organisationName: string;
  /** The sessions, already written out in the reader's language. */
  sessions: string;
}

/** What the guardian agrees to, in their language: shown on the page and stored word for word with the consent. */
export function consentWording(locale: Locale, v: WordingVars): string {
  if (locale === "en")
    return (
      `As the parent or guardian of ${v.childName}, I consent to them volunteering in “${v.postingTitle}” organised by ${v.organisationName} (${v.sessions}). ` +
      `I have read what the activity involves, where and when it takes place, who is responsible on the day, the insurance, what to bring and how emergencies are handled. ` +
      `I agree that the responsible adults of the group are given ${v.childName}'s name and my emergency contact details, only as far as the activity needs them. ` +
      `I can withdraw this consent at any time with the link in the email.`
    );
  return (
    `${v.childName}さんが、${v.organisationName}の「${v.postingTitle}」（${v.sessions}）にボランティアとして参加することに、保護者として同意します。` +
    `活動の内容、日時と場所、当日の責任者、保険、持ち物、緊急時の対応を確認しました。` +
    `活動に必要な範囲で、${v.childName}さんの名前と私の緊急連絡先が団体の責任者に伝えられることに同意します。` +
    `この同意は、メールにある取り消しのリンクからいつでも取り消せます。`
  );
}

/** The added sentence of a standing consent for the rest of the school year (when the ward offers it). */
export function standingConsentWording(locale: Locale, v: { childName: string; until: string }): string {
  if (locale === "en")
    return (
      ` I also consent to ${v.childName} taking part, until ${v.until}, in other activities on this site that passed the ward's safeguarding review. ` +
      `I will be emailed about each one and can withdraw from each.`
    );
  return (
    `また、${v.until}までの間、${v.childName}さんがこのサイトで申し込む、区の安全確認を通った他の活動への参加にも同意します。` +
    `活動ごとにお知らせのメールを受け取り、それぞれ取り消すことができます。`
  );
}
