import { describe, expect, it } from "vitest";
import { highlight, snippet } from "./highlight";

describe("highlight", () => {
  it("marks matches on the original text, across width and kana differences", () => {
    expect(highlight("ﾎﾞﾗﾝﾃｨｱ募集", ["ぼらんてぃあ"])).toEqual([
      { text: "ﾎﾞﾗﾝﾃｨｱ", match: true },
      { text: "募集", match: false },
    ]);
    expect(highlight("桃園公園で草取り", ["公園"])).toEqual([
      { text: "桃園", match: false },
      { text: "公園", match: true },
      { text: "で草取り", match: false },
    ]);
  });

  it("keeps hostile text as plain text segments", () => {
    const out = highlight("<script>alert(1)</script> 清掃", ["清掃"]);
    expect(out.map((s) => s.text).join("")).toBe("<script>alert(1)</script> 清掃");
    expect(out.at(-1)).toEqual({ text: "清掃", match: true });
  });

  it("cuts a window around the first match", () => {
    const text = `${"あ".repeat(200)}花壇の植え替え${"い".repeat(200)}`;
    const s = snippet(text, ["花壇"], 60);
    expect(s[0]).toEqual({ text: "…", match: false });
    expect(s.some((x) => x.match && x.text === "花壇")).toBe(true);
    expect(s.at(-1)).toEqual({ text: "…", match: false });
  });
});
