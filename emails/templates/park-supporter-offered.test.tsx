import { describe, expect, it } from "vitest";
import { renderEmail } from "../render";

const reviewUrl = "https://tsunagu.example/staff/parks/supporters";

describe("the park supporter's offer, to staff", () => {
  for (const locale of ["ja", "en"] as const) {
    it(`names the park and who offered, links to the review, escapes what was typed (${locale})`, async () => {
      const rendered = await renderEmail({
        template: "park-supporter-offered",
        to: "staff@example.jp",
        locale,
        props: { parkName: "桃園公園", supporterName: "<b>八幡製作所</b>", kind: "company", reviewUrl },
      });
      expect(rendered.subject).toContain("桃園公園");
      expect(rendered.subject).toContain(locale === "ja" ? "公園応援団" : "park supporter");
      expect(rendered.html).toContain(reviewUrl);
      expect(rendered.text).toContain(reviewUrl);
      expect(rendered.text).toContain(locale === "ja" ? "企業" : "a company");
      expect(rendered.html).not.toContain("<b>八幡製作所</b>");
      expect(rendered.html).toContain("&lt;b&gt;八幡製作所&lt;/b&gt;");
    });
  }

  it("refuses a kind outside the list", async () => {
    await expect(
      renderEmail({ template: "park-supporter-offered", to: "a@example.jp", locale: "ja", props: { parkName: "桃園公園", supporterName: "x", kind: "bank" as never, reviewUrl } }),
    ).rejects.toThrow(/kind/);
  });
});
