import { describe, expect, it } from "vitest";
import { renderEmail } from "../render";

const withdrawUrl = "https://tsunagu.example/minsei/withdraw/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const minseiUrl = "https://tsunagu.example/minsei";

describe("recruitment emails", () => {
  for (const locale of ["ja", "en"] as const) {
    it(`the confirmation names the wish, escapes the name and carries the withdrawal link in HTML and text (${locale})`, async () => {
      const rendered = await renderEmail({
        template: "recruitment-interest-received",
        to: "hanako@example.jp",
        locale,
        props: { name: "<script>alert(1)</script>花子", wants: "helper", withdrawUrl, minseiUrl },
      });
      expect(rendered.subject).toContain(locale === "ja" ? "民生委員" : "welfare commissioner");
      expect(rendered.html).toContain(withdrawUrl);
      expect(rendered.text).toContain(withdrawUrl);
      expect(rendered.text).toContain(locale === "ja" ? "協力員として体験したい" : "helper");
      expect(rendered.html).not.toMatch(/<script/i);
      expect(rendered.html).toContain("&lt;script&gt;");
    });

    it(`the weekly overdue email gives a count and a link, never a name (${locale})`, async () => {
      const rendered = await renderEmail({ template: "recruitment-overdue", to: "staff@example.jp", locale, props: { count: 4, listUrl: "https://tsunagu.example/staff/recruitment/people?overdue=1" } });
      expect(rendered.subject).toContain("4");
      expect(rendered.text).toContain("https://tsunagu.example/staff/recruitment/people?overdue=1");
    });
  }

  it("refuses a wish outside the list rather than rendering an empty label", async () => {
    await expect(
      renderEmail({ template: "recruitment-interest-received", to: "a@example.jp", locale: "ja", props: { name: "花子", wants: "boss" as never, withdrawUrl, minseiUrl } }),
    ).rejects.toThrow(/wants/);
  });
});
