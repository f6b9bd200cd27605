import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APPLICATION_EMAIL_TEMPLATES } from "./applications.fixtures";
import { EMAIL_TEMPLATES, EmailRenderError, renderEmail, sanitizeHeaderValue, type EmailMessage } from "./render";

const SUBJECT_PREFIX = { ja: "【つなぐ八幡東】", en: "[Tsunagu Yahatahigashi]" } as const;
const URL_A = "https://tsunagu.example/verify?token=abc123&lang=ja";
const URL_B = "https://tsunagu.example/reset-password?token=def456&from=signup";

type Locale = "ja" | "en";

/** One message per template, with the props each one needs; `urls` are the links that must appear. */
function fixtures(locale: Locale): { message: EmailMessage; urls: string[] }[] {
  const to = "hanako@example.jp";
  return [
    { message: { template: "verify-email", to, locale, props: { name: "山田 花子", url: URL_A } }, urls: [URL_A] },
    {
      message: { template: "reset-password", to, locale, props: { name: "山田 花子", url: URL_A, expiresMinutes: 10 } },
      urls: [URL_A],
    },
    { message: { template: "account-exists", to, locale, props: { loginUrl: URL_A, resetUrl: URL_B } }, urls: [URL_A, URL_B] },
    {
      message: { template: "organisation-submitted", to, locale, props: { organisationName: "高見公園愛護会", dashboardUrl: URL_A } },
      urls: [URL_A],
    },
    {
      message: { template: "organisation-verified", to, locale, props: { organisationName: "高見公園愛護会", dashboardUrl: URL_A } },
      urls: [URL_A],
    },
    {
      message: {
        template: "organisation-rejected",
        to,
        locale,
        props: { organisationName: "高見公園愛護会", reason: "代表者の連絡先を確認できませんでした。", editUrl: URL_A },
      },
      urls: [URL_A],
    },
    {
      message: {
        template: "organisation-suspended",
        to,
        locale,
        props: { organisationName: "高見公園愛護会", reason: "募集内容に関する苦情が寄せられています。" },
      },
      urls: [],
    },
    {
      message: {
        template: "invitation",
        to,
        locale,
        props: { organisationName: "高見公園愛護会", inviterName: "田中 一郎", role: "editor", url: URL_A, expiresDays: 7 },
      },
      urls: [URL_A],
    },
    {
      message: {
        template: "posting-cancelled",
        to,
        locale,
        props: {
          postingTitle: "大蔵川の清掃ボランティア",
          organisationName: "高見公園愛護会",
          reason: "大雨の予報のため中止します。",
          postingUrl: URL_A,
        },
      },
      urls: [URL_A],
    },
  ];
}

function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function userValues(message: EmailMessage): string[] {
  return Object.values(message.props).filter((v): v is string => typeof v === "string");
}

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

describe("renderEmail", () => {
  it("every template is rendered by some test (here, in applications.test.tsx, or in a test beside the template)", () => {
    const testFiles = [
      ...readdirSync(new URL(".", import.meta.url)).filter((f) => f.endsWith(".test.tsx")).map((f) => new URL(f, import.meta.url)),
      ...readdirSync(new URL("./templates/", import.meta.url)).filter((f) => f.endsWith(".test.tsx")).map((f) => new URL(`./templates/${f}`, import.meta.url)),
    ];
    const elsewhere = testFiles
      .filter((u) => !u.pathname.endsWith("/render.test.tsx"))
      .flatMap((u) => [...readFileSync(u, "utf8").matchAll(/template: "([a-z-]+)"/g)].map((m) => m[1]));
    const covered = new Set([...fixtures("ja").map((f) => f.message.template), ...APPLICATION_EMAIL_TEMPLATES, ...elsewhere]);
    expect(EMAIL_TEMPLATES.filter((t) => !covered.has(t))).toEqual([]);
  });

  for (const locale of ["ja", "en"] as const) {
    describe(`in ${locale}`, () => {
      for (const { message, urls } of fixtures(locale)) {
        it(`renders ${message.template}`, async () => {
          const { subject, html, text } = await renderEmail(message);

          expect(subject.startsWith(SUBJECT_PREFIX[locale])).toBe(true);
          expect(subject.slice(SUBJECT_PREFIX[locale].length).trim().length).toBeGreaterThan(0);
          expect(subject).not.toMatch(CONTROL);
          expect(Array.from(subject).length).toBeLessThanOrEqual(200);

          expect(html).toContain(`lang="${locale}"`);
          for (const url of urls) {
            expect(html).toContain(`href="${escapeHtml(url)}"`);
            expect(text).toContain(url);
          }
          if (urls.length > 0) {
            // The main link is a button in HTML and also written out as text.
            expect(html).toContain("data-email-button");
            expect(html).toContain(`>${escapeHtml(urls[0])}</a>`);
          }

          // The shared frame: brand, why you got this, who runs the site.
          if (locale === "ja") {
            expect(text).toContain("つなぐ八幡東");
            expect(text).toContain("八幡東区役所の地域ボランティアサイト");
            expect(text).toMatch(/このメールは、.+お送りしています。/);
            expect(text).toMatch(/(です|ます|ください|ません|ました)。/);
          } else {
            expect(text).toContain("Tsunagu Yahatahigashi");
            expect(text).toContain("Yahatahigashi Ward Office");
            expect(text).toMatch(/You are receiving this email because .+\./);
            // English is complete: once the user's own values are removed, no Japanese is left.
            let own = text;
            for (const value of userValues(message)) own = own.replaceAll(value, "");
            expect(own).not.toMatch(/[\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]/);
          }

          // No external images, fonts or stylesheets.
          expect(html).not.toMatch(/<img\b/i);
          expect(html).not.toMatch(/<link\b/i);
          expect(html).not.toMatch(/@import|@font-face|url\(/i);
          expect(html).not.toMatch(/\bsrc=/i);

          // Plain text is really plain.
          expect(text).not.toMatch(/<\/?(p|a|table|td|span|div)\b/i);
        });
      }
    });
  }

  it("writes the main link once in the text version, after the button label", async () => {
    const { text } = await renderEmail(fixtures("ja")[0].message);
    expect(text.split(URL_A).length - 1).toBe(1);
    expect(text).toContain(`メールアドレスを確認する\n${URL_A}`);
    expect(text).not.toContain("ボタンが使えない場合は");
  });

  it("keeps line breaks of a reason in both versions", async () => {
    const message = fixtures("ja")[5].message as Extract<EmailMessage, { template: "organisation-rejected" }>;
    const { html, text } = await renderEmail({ ...message, props: { ...message.props, reason: "一行目\n二行目" } });
    expect(text).toContain("一行目\n二行目");
    expect(html).toMatch(/一行目<\/span><span><br\/>二行目/);
  });

  it("says minutes and days in both languages", async () => {
    const reset = fixtures("en")[1].message;
    expect((await renderEmail(reset)).text).toContain("expires in 10 minutes");
    expect((await renderEmail({ ...reset, locale: "ja" })).text).toContain("有効期限は10分");
    const invitation = fixtures("en")[7].message as Extract<EmailMessage, { template: "invitation" }>;
    const one = await renderEmail({ ...invitation, props: { ...invitation.props, expiresDays: 1 } });
    expect(one.text).toContain("expires in 1 day.");
    expect(one.text).toContain("as an editor");
    const owner = await renderEmail({ ...invitation, locale: "ja", props: { ...invitation.props, role: "owner" } });
    expect(owner.text).toContain("代表者として参加");
    expect(owner.subject).toBe("【つなぐ八幡東】田中 一郎さんから「高見公園愛護会」への招待が届いています");
  });

  describe("user-supplied text", () => {
    const SCRIPT = "<script>alert(1)</script>";

    for (const locale of ["ja", "en"] as const) {
      it(`is escaped in the HTML of every template (${locale})`, async () => {
        for (const { message } of fixtures(locale)) {
          const hasUserText = Object.entries(message.props).some(([key, value]) => typeof value === "string" && !/url/i.test(key));
          if (!hasUserText) continue; // account-exists carries only links
          const props = Object.fromEntries(
            Object.entries(message.props).map(([key, value]) =>
              typeof value === "string" && !/url/i.test(key) ? [key, `${value}${SCRIPT}`] : [key, value],
            ),
          );
          const { html, text } = await renderEmail({ ...message, props } as EmailMessage);
          expect(html, message.template).not.toMatch(/<script/i);
          expect(html, message.template).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
          // The text version shows what the person typed, as text.
          expect(text, message.template).toContain(SCRIPT);
        }
      });
    }

    it("puts no CR/LF or other control characters into a subject", async () => {
      const evil = "高見公園愛護会\r\nBcc: x@y\u0000\u001b[31m\u2028";
      const messages: EmailMessage[] = [
        { template: "organisation-rejected", to: "a@example.jp", locale: "ja", props: { organisationName: evil, reason: "理由\r\nBcc: x@y", editUrl: URL_A } },
        { template: "organisation-suspended", to: "a@example.jp", locale: "en", props: { organisationName: evil, reason: "\r\nBcc: x@y" } },
        { template: "invitation", to: "a@example.jp", locale: "ja", props: { organisationName: evil, inviterName: "x\r\nBcc: x@y", role: "owner", url: URL_A, expiresDays: 7 } },
        { template: "posting-cancelled", to: "a@example.jp", locale: "en", props: { postingTitle: evil, organisationName: evil, reason: "\r\nBcc: x@y", postingUrl: URL_A } },
      ];
      for (const message of messages) {
        const { subject } = await renderEmail(message);
        expect(subject, message.template).not.toMatch(/[\r\n]/);
        expect(subject, message.template).not.toMatch(CONTROL);
        expect(subject, message.template).not.toMatch(/[\u2028\u2029]/);
      }
      const { subject } = await renderEmail(messages[0]);
      expect(subject).toBe("【つなぐ八幡東】「高見公園愛護会 Bcc: x@y [31m」の団体登録申請について");
    });

    it("caps a subject at 200 characters", async () => {
      const { subject } = await renderEmail({
        template: "organisation-verified",
        to: "a@example.jp",
        locale: "ja",
        props: { organisationName: "愛".repeat(500), dashboardUrl: URL_A },
      });
      expect(Array.from(subject).length).toBe(200);
      expect(subject.startsWith("【つなぐ八幡東】「愛愛")).toBe(true);
      expect(subject.endsWith("…")).toBe(true);
    });
  });

  describe("refuses messages it cannot render safely", () => {
    it("refuses a link that is not http(s)", async () => {
      const bad = renderEmail({ template: "verify-email", to: "a@example.jp", locale: "ja", props: { name: "x", url: "javascript:alert(1)" } });
      await expect(bad).rejects.toBeInstanceOf(EmailRenderError);
      await expect(bad).rejects.toMatchObject({ retryable: false });
      await expect(
        renderEmail({ template: "verify-email", to: "a@example.jp", locale: "ja", props: { name: "x", url: "/relative" } }),
      ).rejects.toThrow(/absolute http\(s\) URL/);
    });

    it("refuses an unknown template", async () => {
      await expect(renderEmail({ template: "nope", to: "a@example.jp", locale: "ja", props: {} } as never)).rejects.toMatchObject({
        retryable: false,
      });
    });
  });
});

describe("sanitizeHeaderValue", () => {
  it.each([
    ["plain text", "公園清掃のお知らせ", "公園清掃のお知らせ"],
    ["CRLF header injection", "件名\r\nBcc: victim@example.com", "件名 Bcc: victim@example.com"],
    ["lone CR and LF", "a\rb\nc", "a b c"],
    ["tab, NUL, ESC, DEL", "a\tb\u0000c\u001bd\u007fe", "a b c d e"],
    ["C1 next-line", "a\u0085b", "a b"],
    ["Unicode line and paragraph separators", "a\u2028b\u2029c", "a b c"],
    ["bidi overrides are removed", "abc\u202Edcba\u202C", "abcdcba"],
    ["runs of spaces collapse, ends trimmed", "  a   b  ", "a b"],
    ["an ideographic space is kept", "八幡東\u3000清掃", "八幡東\u3000清掃"],
    ["emoji survive", "清掃🌸👨‍👩‍👧", "清掃🌸👨‍👩‍👧"],
    ["empty", "", ""],
  ])("%s", (_label, input, expected) => {
    expect(sanitizeHeaderValue(input)).toBe(expected);
  });

  it("treats null and undefined as empty", () => {
    expect(sanitizeHeaderValue(null)).toBe("");
    expect(sanitizeHeaderValue(undefined)).toBe("");
  });

  it("caps the length at 200 characters by default, without splitting a surrogate pair", () => {
    expect(Array.from(sanitizeHeaderValue("a".repeat(500))).length).toBe(200);
    expect(sanitizeHeaderValue("a".repeat(200))).toBe("a".repeat(200));
    const capped = sanitizeHeaderValue("🌸".repeat(300));
    expect(Array.from(capped).length).toBe(200);
    expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(sanitizeHeaderValue("abcdefgh", 5)).toBe("abcd…");
  });
});
