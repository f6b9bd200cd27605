import { describe, expect, it } from "vitest";
import { FIXTURE_SHIFT, FIXTURE_URLS, FIXTURE_WHEN } from "../applications.fixtures";
import { renderEmail, type EmailMessage } from "../render";

const NEW = "高見中央公園 東口の時計台の前\n（バス停から徒歩2分）";
const OLD = "高見市民センター 玄関";

function message(locale: "ja" | "en", meetingPoint: string, previousMeetingPoint: string, extra: Partial<EmailMessage["props"]> = {}): EmailMessage {
  return { template: "meeting-point-changed", to: "hanako@example.jp", locale, props: { ...FIXTURE_SHIFT, meetingPoint, previousMeetingPoint, ...extra } } as EmailMessage;
}

describe("meeting-point-changed", () => {
  it("says the new meeting point, the session and the one before (ja)", async () => {
    const rendered = await renderEmail(message("ja", NEW, OLD));
    expect(rendered.subject).toBe("【つなぐ八幡東】「大蔵川の清掃ボランティア」の集合場所が変更されました");
    for (const fact of ["集合場所", "高見中央公園 東口の時計台の前", "（バス停から徒歩2分）", "変更前の集合場所", OLD, FIXTURE_WHEN.ja, FIXTURE_SHIFT.placeName, "新しい集合場所"])
      expect(rendered.text).toContain(fact);
    expect(rendered.text).toContain(FIXTURE_URLS.activities);
    expect(rendered.text).toContain(FIXTURE_URLS.posting);
    expect(rendered.html).toContain("高見中央公園 東口の時計台の前</span><span><br/>（バス停から徒歩2分）");
  });

  it("says the new meeting point in English, with no Japanese wording of its own (en)", async () => {
    const rendered = await renderEmail(message("en", "East gate clock", "Town hall entrance"));
    expect(rendered.subject).toBe("[Tsunagu Yahatahigashi] The meeting point for “大蔵川の清掃ボランティア” has changed");
    for (const fact of ["Meeting point", "East gate clock", "Previous meeting point", "Town hall entrance", FIXTURE_WHEN.en]) expect(rendered.text).toContain(fact);
    expect(rendered.text).not.toContain("集合場所");
  });

  it("a meeting point given for the first time is an announcement, with no 'previous' line", async () => {
    for (const locale of ["ja", "en"] as const) {
      const rendered = await renderEmail(message(locale, NEW, ""));
      expect(rendered.subject).toContain(locale === "ja" ? "集合場所のお知らせ" : "Where to meet");
      expect(rendered.text).toContain("高見中央公園 東口の時計台の前");
      expect(rendered.text).not.toContain(locale === "ja" ? "変更前" : "Previous meeting point");
    }
  });

  it("a removed meeting point sends people to the place and shows the old one as previous", async () => {
    for (const locale of ["ja", "en"] as const) {
      const rendered = await renderEmail(message(locale, "  ", OLD));
      expect(rendered.subject).toContain(locale === "ja" ? "集合場所の指定がなくなりました" : "no longer has a separate meeting point");
      expect(rendered.text).toContain(locale === "ja" ? "活動の場所にお越しください" : "come to the place of the activity");
      expect(rendered.text).toContain(OLD);
      expect(rendered.text).toContain(FIXTURE_SHIFT.placeName);
    }
  });

  it("lists the person's other confirmed dates", async () => {
    const rendered = await renderEmail(
      message("ja", NEW, OLD, { otherSessions: [{ startsAt: "2026-12-12T00:00:00.000Z", endsAt: "2026-12-12T02:00:00.000Z", status: "confirmed" }] }),
    );
    expect(rendered.text).toContain("2026年12月12日(土) 9:00–11:00 — 参加確定");
  });

  it("escapes what the group wrote", async () => {
    const rendered = await renderEmail(message("ja", '<img src=x onerror="alert(1)">前', "<b>旧</b>"));
    expect(rendered.html).not.toContain("<img src=x");
    expect(rendered.html).not.toContain("<b>旧</b>");
    expect(rendered.html).toContain("&lt;img");
  });
});
