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

  it("marks a half-width kana with its voiced mark, and never the plain kana inside a voiced one", () => {
    expect(highlight("ﾎﾞ", ["ぼ"])).toEqual([{ text: "ﾎﾞ", match: true }]);
    expect(highlight("ﾎﾞ", ["ほ"])).toEqual([{ text: "ﾎﾞ", match: false }]);
    expect(highlight("ボール", ["ほ"])).toEqual([{ text: "ボール", match: false }]);
  });

  it("marks every occurrence of every needle, overlapping ones as one segment, on whole original characters", () => {
    expect(highlight("Ｐａｒｋ park-care パーク", ["park", "ぱーく"])).toEqual([
      { text: "Ｐａｒｋ", match: true },
      { text: " ", match: false },
      { text: "park", match: true },
      { text: "-care ", match: false },
      { text: "パーク", match: true },
    ]);
    expect(highlight("公園愛護会", ["公園", "園愛", "愛護"])).toEqual([{ text: "公園愛護", match: true }, { text: "会", match: false }]);
    // ㍿ folds into four characters: half of it is not a match.
    expect(highlight("㍿", ["株式"])).toEqual([{ text: "㍿", match: false }]);
    expect(highlight("😀公園", ["公園"])).toEqual([{ text: "😀", match: false }, { text: "公園", match: true }]);
    expect(highlight("", ["公園"])).toEqual([]);
  });

  it("marks in a snippet only the matches the window holds whole", () => {
    const text = `${"あ".repeat(50)}公園${"い".repeat(20)}花壇の手入れ`;
    const s = snippet(text, ["公園", "花壇"], 40);
    expect(s[0]).toEqual({ text: "…", match: false });
    expect(s.filter((x) => x.match).map((x) => x.text)).toEqual(["公園"]);
    expect(s.map((x) => x.text).join("")).toBe(`…${"あ".repeat(30)}公園${"い".repeat(8)}…`);
  });
});
