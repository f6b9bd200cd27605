import { describe, expect, it } from "vitest";
import { renderEmail } from "../render";

const reportUrl = "https://tsunagu.example/staff/reports?year=2026";
const props = { month: "2026-11", participants: 42, firstTime: 12, sessions: 30, applications: 81, hours: 120.5, fillRate: 75.5, reportUrl };

describe("the monthly impact email", () => {
  for (const locale of ["ja", "en"] as const) {
    it(`names the month, gives the key figures and links to the report (${locale})`, async () => {
      const rendered = await renderEmail({ template: "impact-monthly", to: "staff@example.jp", locale, props });
      expect(rendered.subject).toContain(locale === "ja" ? "2026年11月" : "November 2026");
      expect(rendered.subject).toContain("12");
      for (const n of ["42", "30", "81", "120.5", "75.5%"]) expect(rendered.text).toContain(n);
      expect(rendered.html).toContain(reportUrl);
      expect(rendered.text).toContain(reportUrl);
      if (locale === "en") expect(rendered.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    });
  }

  it("shows a dash for a fill rate with no places offered, and refuses a figure that is not a number", async () => {
    const rendered = await renderEmail({ template: "impact-monthly", to: "staff@example.jp", locale: "ja", props: { ...props, fillRate: null } });
    expect(rendered.text).toContain("充足率：—");
    await expect(renderEmail({ template: "impact-monthly", to: "staff@example.jp", locale: "ja", props: { ...props, hours: "many" as never } })).rejects.toThrow(/hours/);
  });
});
