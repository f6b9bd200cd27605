import { describe, expect, it } from "vitest";
import { EmailRenderError, renderEmail, type EmailMessage } from "../render";
import type { ConcernReceivedProps } from "./concern-received";

const URL = "https://tsunagu.example/staff/concerns/12";
const JAPANESE = /[\u3040-\u30FF\u4E00-\u9FFF\uFF01-\uFF5E]/;

function message(locale: "ja" | "en", props: Partial<ConcernReceivedProps> = {}): EmailMessage {
  return {
    template: "concern-received",
    to: "staff@example.jp",
    locale,
    props: { reference: "K7M3-9QX2", category: "harassment", subjectType: "posting", subjectName: "大蔵川の清掃ボランティア", concernUrl: URL, ...props },
  };
}

describe("concern-received email", () => {
  it("says what kind of concern and about what, with the reference and a link to it (ja)", async () => {
    const { subject, html, text } = await renderEmail(message("ja"));
    expect(subject).toBe("【つなぐ八幡東】懸念の報告がありました（受付番号 K7M3-9QX2）");
    expect(text).toContain("募集「大蔵川の清掃ボランティア」");
    expect(text).toContain("ハラスメント・いやがらせ");
    expect(text).toContain(`報告を確認する\n${URL}`);
    expect(text).toMatch(/このメールは、.+お送りしています。/);
    expect(html).toContain(`href="${URL}"`);
    expect(html).toContain('lang="ja"');
  });

  it("is complete in English, with no Japanese but the posting's own title", async () => {
    const { subject, text } = await renderEmail(message("en"));
    expect(subject).toBe("[Tsunagu Yahatahigashi] A concern has been reported (reference K7M3-9QX2)");
    expect(text).toContain("Harassment");
    expect(text).toContain(`Read the report\n${URL}`);
    expect(text).toMatch(/You are receiving this email because .+\./);
    expect(text.replaceAll("大蔵川の清掃ボランティア", "")).not.toMatch(JAPANESE);
  });

  it("marks a child's safety as urgent in the subject and the text", async () => {
    const ja = await renderEmail(message("ja", { category: "child_safety" }));
    expect(ja.subject).toContain("【至急】");
    expect(ja.text).toContain("子どもの安全に関わる報告です");
    const en = await renderEmail(message("en", { category: "child_safety" }));
    expect(en.subject).toContain("URGENT: ");
    expect(en.text).toContain("safety of a child");
    const other = await renderEmail(message("en", { category: "other" }));
    expect(other.subject).not.toContain("URGENT");
  });

  it("never names a person: a report about an account says only that", async () => {
    for (const locale of ["ja", "en"] as const) {
      const { text } = await renderEmail(message(locale, { subjectType: "user", subjectName: "" }));
      expect(text).toContain(locale === "ja" ? "利用者のアカウント" : "a person's account");
    }
  });

  it("escapes a title with markup, and keeps CR/LF out of the subject", async () => {
    const { html, subject } = await renderEmail(message("ja", { subjectName: "<script>alert(1)</script>", reference: "K7M3-9QX2\r\nBcc: x@y" }));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it("refuses an unknown category or a link that is not http(s)", async () => {
    await expect(renderEmail(message("ja", { category: "gossip" as never }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(message("ja", { concernUrl: "javascript:alert(1)" }))).rejects.toBeInstanceOf(EmailRenderError);
  });
});
