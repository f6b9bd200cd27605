import { describe, expect, it } from "vitest";
import { FIXTURE_SHIFT, FIXTURE_URLS } from "../applications.fixtures";
import { renderEmail, type EmailMessage } from "../render";

const to = "hanako@example.jp";
const meetingPoint = "高見中央公園 東口の時計台の前\n（バス停から徒歩2分）";

function messages(locale: "ja" | "en", extra: { meetingPoint?: string }): EmailMessage[] {
  const shift = { ...FIXTURE_SHIFT, ...extra };
  return [
    { template: "application-confirmed", to, locale, props: { ...shift, icsUrl: FIXTURE_URLS.ics, whatToBring: "軍手", contactName: "田中 一郎" } },
    { template: "application-promoted", to, locale, props: { ...shift, icsUrl: FIXTURE_URLS.ics } },
    {
      template: "shift-reminder",
      to,
      locale,
      props: { ...shift, when: "day-before", whatToBring: "軍手", contactName: "田中 一郎", threadUrl: FIXTURE_URLS.thread, settingsUrl: FIXTURE_URLS.settings },
    },
  ];
}

describe("the meeting point in the emails to a confirmed person", () => {
  for (const locale of ["ja", "en"] as const) {
    const label = locale === "ja" ? "集合場所" : "Meeting point";
    it(`is listed beside the place, line breaks kept, in the confirmation, the promotion and the reminder (${locale})`, async () => {
      for (const message of messages(locale, { meetingPoint })) {
        const rendered = await renderEmail(message);
        for (const body of [rendered.html, rendered.text]) {
          expect(body, message.template).toContain(label);
          expect(body, message.template).toContain("高見中央公園 東口の時計台の前");
          expect(body, message.template).toContain("（バス停から徒歩2分）");
        }
        expect(rendered.html).toContain("高見中央公園 東口の時計台の前</span><span><br/>（バス停から徒歩2分）");
        // The place itself stays as it was.
        expect(rendered.text).toContain(FIXTURE_SHIFT.placeName);
      }
    });

    it(`is left out when the group gave none, and never invents one (${locale})`, async () => {
      for (const extra of [{}, { meetingPoint: "" }, { meetingPoint: "   " }])
        for (const message of messages(locale, extra)) {
          const rendered = await renderEmail(message);
          expect(rendered.text, message.template).not.toContain(label);
        }
    });
  }

  it("escapes what the group wrote", async () => {
    const rendered = await renderEmail(messages("ja", { meetingPoint: '<img src=x onerror="alert(1)">前' })[0]);
    expect(rendered.html).not.toContain("<img src=x");
    expect(rendered.html).toContain("&lt;img");
  });
});
