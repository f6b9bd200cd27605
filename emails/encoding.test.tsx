import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES, renderEmail, type EmailMessage, type EmailTemplate } from "./render";

/**
 * ADR 014: no byte an email carries may corrupt text. Every template is rendered with long Japanese text
 * moved along by 0–5 ASCII characters, so its three-byte characters land on every byte of the renderer's
 * buffer boundaries, and neither the HTML nor the plain text may hold a NUL byte or U+FFFD, and the text must
 * come out whole.
 */
const JA = "八幡東区の公園清掃ボランティアを募集しています。軍手と飲み物をお持ちください。雨天の場合は中止します。";
const LONG = JA.repeat(60); // ≈ 9,000 bytes of UTF-8
const URL = "https://tsunagu.example/path?token=abc";
const AT = "2026-12-19T00:00:00.000Z";
const UNTIL = "2026-12-19T02:00:00.000Z";

type PropsOf<T extends EmailTemplate> = Extract<EmailMessage, { template: T }>["props"];
const shift = (t: string) => ({ postingTitle: t, organisationName: t, startsAt: AT, endsAt: UNTIL, placeName: t, activitiesUrl: URL, postingUrl: URL });

/** Every template (the type makes a new template fail to compile until it is added here). */
const SAMPLES: { [T in EmailTemplate]: (t: string) => PropsOf<T> } = {
  "verify-email": (t) => ({ name: t, url: URL }),
  "reset-password": (t) => ({ name: t, url: URL, expiresMinutes: 10 }),
  "account-exists": () => ({ loginUrl: URL, resetUrl: URL }),
  "organisation-submitted": (t) => ({ organisationName: t, dashboardUrl: URL }),
  "organisation-verified": (t) => ({ organisationName: t, dashboardUrl: URL }),
  "organisation-rejected": (t) => ({ organisationName: t, reason: t, editUrl: URL }),
  "organisation-suspended": (t) => ({ organisationName: t, reason: t }),
  invitation: (t) => ({ organisationName: t, inviterName: t, role: "editor", url: URL, expiresDays: 7 }),
  "posting-cancelled": (t) => ({ postingTitle: t, organisationName: t, reason: t, postingUrl: URL }),
  "application-received": (t) => ({ ...shift(t), settingsUrl: URL }),
  "application-confirmed": (t) => ({ ...shift(t), icsUrl: URL, whatToBring: t, contactName: t }),
  "application-declined": (t) => ({ ...shift(t), reason: t }),
  "application-waitlisted": (t) => ({ ...shift(t), position: 3 }),
  "application-promoted": (t) => ({ ...shift(t), icsUrl: URL }),
  "shift-reminder": (t) => ({ ...shift(t), when: "day-before", whatToBring: t, contactName: t, threadUrl: URL, settingsUrl: URL }),
  "shift-changed": (t) => ({ ...shift(t), previousStartsAt: AT, previousEndsAt: UNTIL, capacityChanged: true }),
  "shift-cancelled": (t) => ({ ...shift(t), reason: t }),
  "meeting-point-changed": (t) => ({ ...shift(t), meetingPoint: t, previousMeetingPoint: t }),
  "attendance-thanks": (t) => ({ ...shift(t), hoursClock: "2:30", hoursDecimal: "2.5", feedbackUrl: URL, hoursUrl: URL }),
  "new-message": (t) => ({ postingTitle: t, senderLabel: t, threadUrl: URL, settingsUrl: URL }),
  "volunteer-invitation": (t) => ({ postingTitle: t, organisationName: t, postingUrl: URL, threadUrl: URL, reasons: [t, t], settingsUrl: URL }),
  "new-applicant": (t) => ({ postingTitle: t, startsAt: AT, endsAt: UNTIL, applicantLabel: t, status: "pending", manageUrl: URL }),
  "safeguarding-review-requested": (t) => ({ postingTitle: t, organisationName: t, kind: "submitted", changes: ["place"], reviewUrl: URL }),
  "safeguarding-review-decided": (t) => ({ postingTitle: t, organisationName: t, decision: "returned", publication: "not-published", comment: t, checklistUrl: URL }),
  "concern-received": (t) => ({ reference: "C-0001", category: "other", subjectType: "posting", subjectName: t, concernUrl: URL }),
  "guardian-consent-request": (t) => ({
    childName: t, guardianName: t, postingTitle: t, organisationName: t, placeName: t, startsAt: AT, endsAt: UNTIL, sessionCount: 2, expiresAt: UNTIL,
    consentUrl: URL, revokeUrl: URL, postingUrl: URL,
  }),
  "guardian-consent-notice": (t) => ({
    childName: t, guardianName: t, postingTitle: t, organisationName: t, placeName: t, startsAt: AT, endsAt: UNTIL, sessionCount: 2, revokeUrl: URL, postingUrl: URL,
  }),
  "guardian-consent-withdrawn": (t) => ({ firstName: t, postingTitle: t, startsAt: AT, endsAt: UNTIL, manageUrl: URL }),
  "recruitment-interest-received": (t) => ({ name: t, wants: "helper", withdrawUrl: URL, minseiUrl: URL }),
  "recruitment-overdue": () => ({ count: 3, listUrl: URL }),
  "park-supporter-offered": (t) => ({ parkName: t, supporterName: t, kind: "school", reviewUrl: URL }),
  "impact-monthly": () => ({ month: "2026-11", participants: 40, firstTime: 12, sessions: 30, applications: 80, hours: 120.5, fillRate: 75.5, reportUrl: URL }),
};

describe("no email carries a NUL byte or a replacement character (ADR 014)", () => {
  it("has a sample for every template", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...EMAIL_TEMPLATES].sort());
  });

  for (const template of EMAIL_TEMPLATES) {
    it(`${template}: long Japanese text at offsets 0–5, in both languages`, async () => {
      for (const locale of ["ja", "en"] as const) {
        for (let offset = 0; offset < 6; offset++) {
          const text = `${"x".repeat(offset)}${LONG}`;
          const message = { template, to: "a@example.jp", locale, props: SAMPLES[template](text) } as EmailMessage;
          const { html, text: plain } = await renderEmail(message);
          const where = `${template} ${locale} +${offset}`;
          expect(html.includes("\0"), where).toBe(false);
          expect(html.includes("\uFFFD"), where).toBe(false);
          expect(plain.includes("\0"), where).toBe(false);
          expect(plain.includes("\uFFFD"), where).toBe(false);
          if (Object.values(message.props).includes(text)) expect(html.includes(LONG), where).toBe(true);
        }
      }
    });
  }
});
