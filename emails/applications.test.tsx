import { describe, expect, it } from "vitest";
import { APPLICATION_EMAIL_TEMPLATES, FIXTURE_SHIFT, FIXTURE_URLS, applicationFixtures, type EmailFixture } from "./applications.fixtures";
import { EMAIL_TEMPLATES, EmailRenderError, renderEmail, type EmailMessage } from "./render";

const PREFIX = { ja: "【つなぐ八幡東】", en: "[Tsunagu Yahatahigashi] " } as const;
const TURN_OFF = { ja: "これらのお知らせメールを止める", en: "Turn these emails off" } as const;
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const JAPANESE = /[\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]/;
const SCRIPT = "<script>alert(1)</script>";

/** Props the group or a person typed (as opposed to links, times and fixed choices). */
const FREE_TEXT = new Set([
  "postingTitle",
  "organisationName",
  "placeName",
  "whatToBring",
  "contactName",
  "reason",
  "senderLabel",
  "applicantLabel",
  "reasons",
]);

function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function userValues(message: EmailMessage): string[] {
  return Object.values(message.props).flatMap((v) => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []));
}

function find(locale: "ja" | "en", template: EmailMessage["template"]): EmailFixture {
  const fixture = applicationFixtures(locale).find((f) => f.message.template === template);
  if (!fixture) throw new Error(`no fixture for ${template}`);
  return fixture;
}

function withProps<T extends EmailMessage>(message: T, props: Partial<T["props"]>): EmailMessage {
  return { ...message, props: { ...message.props, ...props } } as EmailMessage;
}

describe("emails about applications, shifts, messages and invitations", () => {
  it("has a fixture for each of these templates, and each is a known template", () => {
    expect(applicationFixtures("ja").map((f) => f.message.template)).toEqual([...APPLICATION_EMAIL_TEMPLATES]);
    for (const template of APPLICATION_EMAIL_TEMPLATES) expect(EMAIL_TEMPLATES).toContain(template);
  });

  for (const locale of ["ja", "en"] as const) {
    describe(`in ${locale}`, () => {
      for (const fixture of applicationFixtures(locale)) {
        const { message, urls, facts, optional } = fixture;

        it(`renders ${message.template} with its facts, links and the reason it was sent`, async () => {
          const { subject, html, text } = await renderEmail(message);

          expect(subject.startsWith(PREFIX[locale])).toBe(true);
          expect(subject).toContain((message.props as { postingTitle: string }).postingTitle);
          expect(subject).not.toMatch(CONTROL);
          expect(html).toContain(`lang="${locale}"`);

          for (const fact of facts) expect(text, fact).toContain(fact);
          for (const url of urls) {
            expect(html, url).toContain(`href="${escapeHtml(url)}"`);
            expect(text, url).toContain(url);
          }
          // The main link is a button, also written out for mail clients without buttons.
          expect(html).toContain("data-email-button");
          expect(html).toContain(`>${escapeHtml(urls[0])}</a>`);
          expect(text).toContain(`\n${urls[0]}\n`);

          // Why you got this, and (only for emails one can turn off) where to turn them off.
          if (locale === "ja") {
            expect(text).toMatch(/このメールは、.+お送りしています。/);
            expect(text).toContain("八幡東区役所の地域ボランティアサイト");
          } else {
            expect(text).toMatch(/You are receiving this email because .+\./);
            expect(text).toContain("Yahatahigashi Ward Office");
            let own = text;
            for (const value of userValues(message)) own = own.replaceAll(value, "");
            expect(own, "English is complete").not.toMatch(JAPANESE);
          }
          if (optional) {
            expect(text).toContain(`${TURN_OFF[locale]}`);
            expect(text).toMatch(new RegExp(`${TURN_OFF[locale]}.*\\n${FIXTURE_URLS.settings.replace(/[.?#]/g, "\\$&")}`));
          } else {
            expect(text).not.toContain(TURN_OFF[locale]);
          }

          // No external images, fonts or stylesheets; plain text is plain.
          expect(html).not.toMatch(/<img\b|<link\b|@import|@font-face|url\(|\bsrc=/i);
          expect(text).not.toMatch(/<\/?(p|a|table|td|span|div|ul|li)\b/i);
        });

        it(`escapes what people typed in ${message.template}`, async () => {
          const props = Object.fromEntries(
            Object.entries(message.props).map(([key, value]) => {
              if (!FREE_TEXT.has(key)) return [key, value];
              return [key, Array.isArray(value) ? value.map((v) => `${v}${SCRIPT}`) : `${value}${SCRIPT}`];
            }),
          );
          const { subject, html, text } = await renderEmail({ ...message, props } as EmailMessage);
          expect(html).not.toMatch(/<script/i);
          expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
          expect(text).toContain(SCRIPT);
          expect(subject).toContain(SCRIPT); // a subject is plain text: it is made header-safe, not HTML-escaped
        });
      }
    });
  }

  describe("every shift email", () => {
    it("links to My activities and shows when and where, in Tokyo time", async () => {
      const shiftTemplates = applicationFixtures("ja").filter((f) => "activitiesUrl" in f.message.props);
      expect(shiftTemplates.length).toBe(8);
      for (const { message } of shiftTemplates) {
        const { text } = await renderEmail(message);
        expect(text, message.template).toContain(FIXTURE_URLS.activities);
        expect(text, message.template).toContain("日時\n2026年12月5日(土) 9:00–11:00");
        expect(text, message.template).toContain("場所\n高見中央公園 東口");
      }
    });

    it("gives the end its own date when a shift crosses midnight", async () => {
      const message = withProps(find("ja", "application-confirmed").message, {
        startsAt: "2026-12-05T13:00:00.000Z", // 22:00 in Tokyo
        endsAt: "2026-12-05T16:30:00.000Z", // 1:30 the next day
      });
      expect((await renderEmail(message)).text).toContain("2026年12月5日(土) 22:00 – 2026年12月6日(日) 1:30");
      const en = await renderEmail({ ...message, locale: "en" } as EmailMessage);
      expect(en.text).toContain("Sat 5 Dec 2026 22:00 – Sun 6 Dec 2026 1:30");
    });

    it("says so when no place is given", async () => {
      const ja = await renderEmail(withProps(find("ja", "shift-reminder").message, { placeName: "  " }));
      expect(ja.text).toContain("場所\n募集ページの案内をご確認ください");
      const en = await renderEmail(withProps(find("en", "shift-reminder").message, { placeName: "" }));
      expect(en.text).toContain("Place\nSee the posting for where to go");
    });

    it("leaves out what to bring and the contact person when the group gave none", async () => {
      const message = withProps(find("ja", "application-confirmed").message, { whatToBring: "", contactName: " " });
      const { text } = await renderEmail(message);
      expect(text).not.toContain("持ち物・服装");
      expect(text).not.toContain("団体の担当者");
    });
  });

  describe("subjects", () => {
    it.each([
      ["ja", "application-received", "【つなぐ八幡東】「大蔵川の清掃ボランティア」へのお申し込みを受け付けました"],
      ["ja", "application-confirmed", "【つなぐ八幡東】「大蔵川の清掃ボランティア」への参加が確定しました"],
      ["ja", "application-declined", "【つなぐ八幡東】「大蔵川の清掃ボランティア」へのお申し込みは見送りとなりました"],
      ["ja", "application-waitlisted", "【つなぐ八幡東】「大蔵川の清掃ボランティア」のキャンセル待ち（3番目）になりました"],
      ["ja", "application-promoted", "【つなぐ八幡東】空きが出たため「大蔵川の清掃ボランティア」への参加が確定しました"],
      ["ja", "shift-reminder", "【つなぐ八幡東】リマインダー：12月5日(土) 9:00から「大蔵川の清掃ボランティア」"],
      ["ja", "shift-changed", "【つなぐ八幡東】「大蔵川の清掃ボランティア」の日時が変更されました"],
      ["ja", "shift-cancelled", "【つなぐ八幡東】「大蔵川の清掃ボランティア」の2026年12月5日(土)の活動は中止になりました"],
      ["ja", "new-message", "【つなぐ八幡東】高見公園愛護会から「大蔵川の清掃ボランティア」についてのメッセージが届いています"],
      ["ja", "volunteer-invitation", "【つなぐ八幡東】高見公園愛護会から「大蔵川の清掃ボランティア」へのお誘いが届いています"],
      ["ja", "new-applicant", "【つなぐ八幡東】【要確認】「大蔵川の清掃ボランティア」に山田 花子さんから申し込みがありました"],
      ["en", "application-received", "[Tsunagu Yahatahigashi] We have received your application for “大蔵川の清掃ボランティア”"],
      ["en", "application-waitlisted", "[Tsunagu Yahatahigashi] You are number 3 on the waiting list for “大蔵川の清掃ボランティア”"],
      ["en", "shift-reminder", "[Tsunagu Yahatahigashi] Reminder: “大蔵川の清掃ボランティア” on Sat 5 Dec 9:00"],
      ["en", "shift-cancelled", "[Tsunagu Yahatahigashi] The Sat 5 Dec 2026 session of “大蔵川の清掃ボランティア” has been cancelled"],
      ["en", "new-applicant", "[Tsunagu Yahatahigashi] Please review: new application from 山田 花子 for “大蔵川の清掃ボランティア”"],
    ] as const)("%s %s", async (locale, template, expected) => {
      expect((await renderEmail(find(locale, template).message)).subject).toBe(expected);
    });

    it("puts no CR/LF or control characters into a subject from a title, a sender or an applicant", async () => {
      const evil = "清掃\r\nBcc: x@example.com\u0000\u2028";
      for (const locale of ["ja", "en"] as const) {
        for (const { message } of applicationFixtures(locale)) {
          const props: Record<string, unknown> = { ...message.props, postingTitle: evil };
          if ("organisationName" in props) props.organisationName = evil;
          if ("senderLabel" in props) props.senderLabel = evil;
          if ("applicantLabel" in props) props.applicantLabel = evil;
          const { subject } = await renderEmail({ ...message, props } as unknown as EmailMessage);
          expect(subject, message.template).not.toMatch(CONTROL);
          expect(subject, message.template).toContain("清掃 Bcc: x@example.com");
        }
      }
    });
  });

  describe("what each email says", () => {
    it("says when a declined or cancelled shift came without a reason", async () => {
      for (const template of ["application-declined", "shift-cancelled"] as const) {
        const ja = await renderEmail(withProps(find("ja", template).message, { reason: "  " }));
        expect(ja.text, template).toContain("団体からの説明はありませんでした。");
        expect(ja.text, template).not.toMatch(/団体からの説明\n/);
        const en = await renderEmail(withProps(find("en", template).message, { reason: "" }));
        expect(en.text, template).toContain("The group did not give a reason.");
      }
      const given = await renderEmail(find("ja", "application-declined").message);
      expect(given.text).toMatch(/団体からの説明\n+今回は経験者のみを募集しています。/);
      expect(given.text).not.toContain("団体からの説明はありませんでした");
    });

    it("keeps the line breaks of a reason", async () => {
      const { text } = await renderEmail(withProps(find("ja", "shift-cancelled").message, { reason: "一行目\n二行目" }));
      expect(text).toContain("一行目\n二行目");
    });

    it("names the second reminder by its start time", async () => {
      const message = withProps(find("ja", "shift-reminder").message, { when: "two-hours" });
      const ja = await renderEmail(message);
      expect(ja.subject).toBe("【つなぐ八幡東】まもなく9:00から「大蔵川の清掃ボランティア」が始まります");
      expect(ja.text).toContain("まもなく始まります");
      const en = await renderEmail({ ...message, locale: "en" } as EmailMessage);
      expect(en.subject).toBe("[Tsunagu Yahatahigashi] Starting soon: “大蔵川の清掃ボランティア” at 9:00");
    });

    it("shows the old and new time of a changed shift, and says when only the number of places changed", async () => {
      const moved = await renderEmail(find("en", "shift-changed").message);
      expect(moved.text).toContain("Previous date and time\nSat 28 Nov 2026 9:00–11:00");
      expect(moved.text).toContain("New date and time\nSat 5 Dec 2026 9:00–11:00");
      expect(moved.text).toContain("withdraw your application in My activities");
      expect(moved.text).not.toContain("number of places has changed");

      const both = await renderEmail(withProps(find("ja", "shift-changed").message, { capacityChanged: true }));
      expect(both.text).toContain("あわせて募集人数も変更されています。");

      const capacityOnly = withProps(find("ja", "shift-changed").message, {
        previousStartsAt: FIXTURE_SHIFT.startsAt,
        previousEndsAt: FIXTURE_SHIFT.endsAt,
        capacityChanged: true,
      });
      const ja = await renderEmail(capacityOnly);
      expect(ja.subject).toBe("【つなぐ八幡東】「大蔵川の清掃ボランティア」の募集人数が変更されました");
      expect(ja.text).not.toContain("変更前の日時");
      expect(ja.text).toContain("日時\n2026年12月5日(土) 9:00–11:00");
      const en = await renderEmail({ ...capacityOnly, locale: "en" } as EmailMessage);
      expect(en.subject).toBe("[Tsunagu Yahatahigashi] The number of places for “大蔵川の清掃ボランティア” has changed");
    });

    it("tells the group what to do for each state of a new applicant", async () => {
      const cases = [
        ["pending", "確認待ち", "Waiting for you"],
        ["confirmed", "参加確定", "Confirmed (first come, first served)"],
        ["waitlisted", "キャンセル待ち", "On the waiting list"],
      ] as const;
      for (const [status, ja, en] of cases) {
        const message = withProps(find("ja", "new-applicant").message, { status });
        const jaText = (await renderEmail(message)).text;
        expect(jaText, status).toContain(`状態\n${ja}`);
        const enRendered = await renderEmail({ ...message, locale: "en" } as EmailMessage);
        expect(enRendered.text, status).toContain(`State\n${en}`);
        expect(enRendered.subject.startsWith(`${PREFIX.en}Please review`), status).toBe(status === "pending");
      }
    });

    it("lists an invitation's reasons, and leaves the list out when there are none", async () => {
      const { html } = await renderEmail(find("ja", "volunteer-invitation").message);
      expect(html).toMatch(/<li[^>]*>公園・緑化に関心<\/li>/);
      const none = await renderEmail(withProps(find("en", "volunteer-invitation").message, { reasons: [] }));
      expect(none.html).not.toMatch(/<li\b/);
      expect(none.text).not.toContain("because of:");
      expect(none.text).toContain("It is up to you.");
    });

    it("says who wrote a new message about which posting, and asks the reader to read it on the site", async () => {
      const ja = await renderEmail(find("ja", "new-message").message);
      expect(ja.text).toContain("高見公園愛護会から、募集「大蔵川の清掃ボランティア」についての新しいメッセージが届いています。");
      expect(ja.text).toContain("サイトにログインしてご覧ください");
      const en = await renderEmail(find("en", "new-message").message);
      expect(en.text).toContain("高見公園愛護会 has sent a new message about the posting “大蔵川の清掃ボランティア”.");
      expect(en.text).toContain(`Read the message\n${FIXTURE_URLS.thread}`);
    });

    it("says which place on the waiting list in English too", async () => {
      const { text } = await renderEmail(withProps(find("en", "application-waitlisted").message, { position: 1 }));
      expect(text).toContain("you are number 1.");
    });
  });

  describe("refuses messages it cannot render safely", () => {
    const cases: [string, EmailMessage][] = [
      ["a settings link that is not http(s)", withProps(find("ja", "shift-reminder").message, { settingsUrl: "javascript:alert(1)" })],
      ["a relative calendar link", withProps(find("ja", "application-confirmed").message, { icsUrl: "/activities/7/calendar.ics" })],
      ["a missing My activities link", withProps(find("ja", "shift-cancelled").message, { activitiesUrl: undefined as never })],
      ["a start that is not a date", withProps(find("ja", "application-received").message, { startsAt: "next Saturday" })],
      ["a previous end that is not a date", withProps(find("en", "shift-changed").message, { previousEndsAt: "" })],
      ["an applicant's start that is missing", withProps(find("ja", "new-applicant").message, { startsAt: undefined as never })],
      ["an unknown reminder", withProps(find("ja", "shift-reminder").message, { when: "weekly" as never })],
      ["an unknown applicant state", withProps(find("en", "new-applicant").message, { status: "declined" as never })],
      ["a negative waiting-list position", withProps(find("ja", "application-waitlisted").message, { position: -1 })],
    ];
    it.each(cases)("%s", async (_label, message) => {
      const result = renderEmail(message);
      await expect(result).rejects.toBeInstanceOf(EmailRenderError);
      await expect(result).rejects.toMatchObject({ retryable: false });
    });
  });
});
