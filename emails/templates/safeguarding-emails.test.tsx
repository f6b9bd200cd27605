import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES, EmailRenderError, renderEmail, type EmailMessage } from "../render";
import type { SafeguardingReviewDecidedProps } from "./safeguarding-review-decided";
import type { SafeguardingReviewRequestedProps } from "./safeguarding-review-requested";

const REVIEW_URL = "https://tsunagu.example/staff/safeguarding/42";
const CHECKLIST_URL = "https://tsunagu.example/orgs/7/postings/42/safeguarding";
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const TITLE = "桃園公園 花壇の植え替え";
const ORG = "（デモ）桃園公園愛護会";

function requested(locale: "ja" | "en", props: Partial<SafeguardingReviewRequestedProps> = {}): EmailMessage {
  return {
    template: "safeguarding-review-requested",
    to: "staff@example.jp",
    locale,
    props: { postingTitle: TITLE, organisationName: ORG, kind: "submitted", changes: [], reviewUrl: REVIEW_URL, ...props },
  };
}

function decided(locale: "ja" | "en", props: Partial<SafeguardingReviewDecidedProps> = {}): EmailMessage {
  return {
    template: "safeguarding-review-decided",
    to: "owner@example.jp",
    locale,
    props: { postingTitle: TITLE, organisationName: ORG, decision: "approved", publication: "published", comment: "", checklistUrl: CHECKLIST_URL, ...props },
  };
}

/** The English text without the names people typed (those stay as written). */
const englishOnly = (text: string) => text.replaceAll(TITLE, "").replaceAll(ORG, "");

describe("safeguarding review emails", () => {
  it("both templates are registered", () => {
    expect(EMAIL_TEMPLATES).toContain("safeguarding-review-requested");
    expect(EMAIL_TEMPLATES).toContain("safeguarding-review-decided");
  });

  it("asks staff to review, with the link, and says why they got it (ja)", async () => {
    const { subject, text, html } = await renderEmail(requested("ja"));
    expect(subject).toBe(`【つなぐ八幡東】安全確認の審査依頼：「${TITLE}」`);
    expect(text).toContain(`${ORG}が、18歳未満の参加を歓迎する募集「${TITLE}」の安全確認チェックリストを審査に出しました。`);
    expect(text).toContain(`審査する\n${REVIEW_URL}`);
    expect(text).toMatch(/このメールは、つなぐ八幡東の区職員のアカウントをお持ちのためお送りしています。/);
    expect(html).toContain('lang="ja"');
  });

  it("says a returned checklist was corrected and sent again", async () => {
    expect((await renderEmail(requested("ja", { kind: "resubmitted" }))).text).toContain("修正して、もう一度審査に出しました");
    expect((await renderEmail(requested("en", { kind: "resubmitted" }))).text).toContain("has corrected and resent the safeguarding checklist");
  });

  it("names what changed after approval, and that minors cannot apply meanwhile", async () => {
    const ja = await renderEmail(requested("ja", { kind: "changed", changes: ["shifts", "adults", "bogus"] }));
    expect(ja.subject).toBe(`【つなぐ八幡東】承認済みの募集「${TITLE}」が変更されました：再審査`);
    expect(ja.text).toContain("日時・当日の責任者が変更されたため");
    expect(ja.text).toContain("18歳未満の人は申し込めません");
    const en = await renderEmail(requested("en", { kind: "changed", changes: ["place"] }));
    expect(en.text).toContain("but the place changed, so it needs reviewing again");
    expect(en.text).toContain("under-18s cannot apply");
    expect(englishOnly(en.text + en.subject)).not.toMatch(JAPANESE);
  });

  it("tells the owners of an approval and what it did to the posting", async () => {
    const published = await renderEmail(decided("ja"));
    expect(published.subject).toBe(`【つなぐ八幡東】「${TITLE}」の安全確認が承認されました`);
    expect(published.text).toContain("募集は公開され、18歳未満の人も申し込めるようになりました。");
    expect(published.text).toContain(`チェックリストを見る\n${CHECKLIST_URL}`);
    expect((await renderEmail(decided("ja", { publication: "not-published" }))).text).toContain("募集はまだ下書きです。");
    expect((await renderEmail(decided("en", { publication: "already-public" }))).text).toContain("Under-18s can apply again.");
    const en = await renderEmail(decided("en"));
    expect(en.subject).toBe(`[Tsunagu Yahatahigashi] The safeguarding review of “${TITLE}” is approved`);
    expect(englishOnly(en.text + en.subject)).not.toMatch(JAPANESE);
  });

  it("a return carries staff's comment as written, line breaks kept and markup escaped", async () => {
    const comment = "救急連絡先に電話番号を書いてください。\n<b>保険</b>の期限も確認してください。";
    const ja = await renderEmail(decided("ja", { decision: "returned", comment }));
    expect(ja.subject).toBe(`【つなぐ八幡東】「${TITLE}」の安全確認について、修正をお願いします`);
    expect(ja.text).toContain("区役所からのコメント");
    expect(ja.text).toContain("救急連絡先に電話番号を書いてください。\n<b>保険</b>の期限も確認してください。");
    expect(ja.html).toContain("&lt;b&gt;保険&lt;/b&gt;");
    expect(ja.html).not.toContain("<b>保険");
    expect(ja.text).toContain(`チェックリストを修正する\n${CHECKLIST_URL}`);
    const en = await renderEmail(decided("en", { decision: "returned", comment: "Add a phone number." }));
    expect(en.text).toContain("Comment from the ward office");
    expect(en.text).toContain("Add a phone number.");
  });

  it("keeps CR/LF out of subjects and refuses unknown kinds, decisions and bad links", async () => {
    const { subject } = await renderEmail(requested("ja", { postingTitle: "清掃\r\nBcc: x@example.com" }));
    expect(subject).not.toMatch(/[\r\n]/);
    await expect(renderEmail(requested("ja", { kind: "whatever" as never }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(decided("ja", { decision: "maybe" as never }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(decided("ja", { publication: "later" as never }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(requested("ja", { reviewUrl: "javascript:alert(1)" }))).rejects.toBeInstanceOf(EmailRenderError);
    await expect(renderEmail(decided("en", { checklistUrl: "/relative" }))).rejects.toBeInstanceOf(EmailRenderError);
  });
});

describe("a posting stopped by ward staff", () => {
  const stopped = (locale: "ja" | "en"): EmailMessage => ({
    template: "posting-cancelled",
    to: "volunteer@example.jp",
    locale,
    props: { postingTitle: TITLE, organisationName: ORG, reason: "", postingUrl: "https://tsunagu.example/postings/42", by: "staff" },
  });

  it("says the ward stopped it, quotes no reason and points to other postings (ja)", async () => {
    const { subject, text } = await renderEmail(stopped("ja"));
    expect(subject).toBe(`【つなぐ八幡東】「${TITLE}」は中止になりました`);
    expect(text).toContain("八幡東区の職員の判断により中止となりました");
    expect(text).not.toContain("団体からの説明");
    expect(text).not.toContain("中止の理由");
    expect(text).toContain("ほかの募集を探す\nhttps://tsunagu.example/postings");
  });

  it("in English too, without Japanese apart from the names", async () => {
    const { text } = await renderEmail(stopped("en"));
    expect(text.replace(/\s+/g, " ")).toContain("has been stopped by Yahatahigashi Ward staff. Your application has been cancelled.");
    expect(text).not.toContain("The organisation gave this reason");
    expect(englishOnly(text)).not.toMatch(JAPANESE);
  });

  it("an organisation's own cancellation still quotes its reason", async () => {
    const { text } = await renderEmail({ ...stopped("ja"), props: { ...stopped("ja").props, reason: "雨天のため", by: "organisation" } } as EmailMessage);
    expect(text).toContain("団体からの説明は次のとおりです");
    expect(text).toContain("雨天のため");
  });
});
