import { describe, expect, it } from "vitest";
import { renderEmail } from "../render";

const feedbackUrl = "https://tsunagu.example/account/feedback/42";
const hoursUrl = "https://tsunagu.example/account/hours";
const shift = {
  postingTitle: "桃園公園の花壇づくり",
  organisationName: "桃園公園愛護会",
  startsAt: "2026-12-05T00:00:00.000Z",
  endsAt: "2026-12-05T02:30:00.000Z",
  placeName: "桃園公園",
  activitiesUrl: "https://tsunagu.example/activities",
  postingUrl: "https://tsunagu.example/postings/1",
};

describe("the thank-you email after a session", () => {
  for (const locale of ["ja", "en"] as const) {
    it(`gives the hours recorded and the one question's link, in HTML and text (${locale})`, async () => {
      const rendered = await renderEmail({
        template: "attendance-thanks",
        to: "hanako@example.jp",
        locale,
        props: { ...shift, hoursClock: "2:30", hoursDecimal: "2.5", feedbackUrl, hoursUrl },
      });
      expect(rendered.subject).toContain("桃園公園の花壇づくり");
      for (const body of [rendered.html, rendered.text]) {
        expect(body).toContain("2:30");
        expect(body).toContain(feedbackUrl);
        expect(body).toContain(hoursUrl);
      }
      expect(rendered.text).toContain(locale === "ja" ? "また参加したい" : "take part again");
    });
  }
});
