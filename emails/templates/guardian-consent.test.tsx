import { describe, expect, it } from "vitest";
import { EmailRenderError, renderEmail, type EmailMessage } from "../render";

const CONSENT = "https://tsunagu.example/consent/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_-a";
const REVOKE = "https://tsunagu.example/consent/revoke/zyxWVU987_-zyxWVU987_-zyxWVU987_-zyxWVU987_-z";
const POSTING = "https://tsunagu.example/postings/12";
const JAPANESE = /[\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]/;
const shift = { postingTitle: "桃園公園の花壇づくり", organisationName: "桃園公園愛護会", placeName: "桃園公園", startsAt: "2026-12-05T00:00:00.000Z", endsAt: "2026-12-05T02:00:00.000Z" };

function request(locale: "ja" | "en", props: Record<string, unknown> = {}): EmailMessage {
  return {
    template: "guardian-consent-request",
    to: "parent@example.jp",
    locale,
    props: { childName: "佐藤 翔太", guardianName: "佐藤 恵子", ...shift, sessionCount: 1, expiresAt: "2026-12-01T03:00:00.000Z", consentUrl: CONSENT, revokeUrl: REVOKE, postingUrl: POSTING, ...props },
  } as EmailMessage;
}

describe("guardian emails", () => {
  it("the request names the child and the activity in Tokyo time, with the consent link as the button and the revoke link", async () => {
    const { subject, text, html } = await renderEmail(request("ja"));
    expect(subject).toBe("【つなぐ八幡東】佐藤 翔太さんのボランティア参加への同意のお願い（「桃園公園の花壇づくり」）");
    expect(text).toContain("佐藤 恵子 様");
    expect(text).toContain("2026年12月5日(土) 9:00–11:00");
    expect(text).toContain("2026年12月1日(火) 12:00まで、1回だけ使えます");
    expect(text).toContain(`内容を確認して回答する\n${CONSENT}`);
    expect(text).toContain(REVOKE);
    expect(text).toMatch(/このメールは、.+お送りしています。/);
    expect(html).toContain(`href="${CONSENT}"`);
  });

  it("is complete in English, and counts the sessions", async () => {
    const others = [
      { startsAt: "2026-12-19T00:00:00.000Z", endsAt: "2026-12-19T02:00:00.000Z" },
      { startsAt: "2026-12-26T00:00:00.000Z", endsAt: "2026-12-26T02:00:00.000Z" },
    ];
    const { subject, text } = await renderEmail(request("en", { sessionCount: 3, otherSessions: others }));
    expect(subject).toBe("[Tsunagu Yahatahigashi] Your consent is asked for 佐藤 翔太 to volunteer: “桃園公園の花壇づくり”");
    // Every date the consent is for, not the first alone.
    expect(text).toContain("3 sessions: every date is listed below.");
    expect(text).toContain("Other dates");
    expect(text).toContain("19 Dec 2026");
    expect(text).toContain("26 Dec 2026");
    expect(text).toContain(`Read and answer\n${CONSENT}`);
    let own = text;
    for (const v of ["佐藤 翔太", "佐藤 恵子", shift.postingTitle, shift.organisationName, shift.placeName]) own = own.replaceAll(v, "");
    expect(own).not.toMatch(JAPANESE);
  });

  it("the notice under a standing consent and the organisation's notice of a withdrawal render in both languages", async () => {
    for (const locale of ["ja", "en"] as const) {
      const notice = await renderEmail({
        template: "guardian-consent-notice",
        to: "parent@example.jp",
        locale,
        props: { childName: "佐藤 翔太", guardianName: "", ...shift, sessionCount: 1, revokeUrl: REVOKE, postingUrl: POSTING },
      });
      expect(notice.text).toContain(REVOKE);
      const withdrawn = await renderEmail({
        template: "guardian-consent-withdrawn",
        to: "group@example.jp",
        locale,
        props: { firstName: "翔太", postingTitle: shift.postingTitle, startsAt: shift.startsAt, endsAt: shift.endsAt, manageUrl: POSTING },
      });
      // The organisation learns the first name only.
      expect(withdrawn.text).toContain("翔太");
      expect(withdrawn.text).not.toContain("佐藤");
    }
  });

  it("escapes what the student typed, keeps CR/LF out of the subject, and refuses a link that is not http(s)", async () => {
    const { html, subject } = await renderEmail(request("ja", { childName: "<script>alert(1)</script>\r\nBcc: x@y", guardianName: "<b>x</b>" }));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;");
    expect(subject).not.toMatch(/[\r\n]/);
    await expect(renderEmail(request("ja", { consentUrl: "javascript:alert(1)" }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(request("ja", { expiresAt: "soon" }))).rejects.toBeInstanceOf(EmailRenderError);
  });
});
