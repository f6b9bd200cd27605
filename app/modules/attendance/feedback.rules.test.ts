import { describe, expect, it } from "vitest";
import { countedFeedback, MIN_ANSWERS_SHOWN } from "./feedback.rules";

describe("what a group sees of the feedback", () => {
  it("says only how many answered while fewer than three did", () => {
    expect(MIN_ANSWERS_SHOWN).toBe(3);
    expect(countedFeedback([])).toEqual({ answered: 0, shown: false });
    expect(countedFeedback([{ again: false, comment: "寒かった" }])).toEqual({ answered: 1, shown: false });
    expect(countedFeedback([{ again: true, comment: "" }, { again: false, comment: "遠い" }])).toEqual({ answered: 2, shown: false });
  });

  it("counts yes and no from three answers, with the comments in an order that is not the order of answering", () => {
    const result = countedFeedback([
      { again: true, comment: "  楽しかった " },
      { again: false, comment: "" },
      { again: true, comment: "また来ます" },
      { again: true, comment: "あいさつが良かった" },
    ]);
    expect(result).toEqual({ answered: 4, shown: true, again: 3, notAgain: 1, comments: ["あいさつが良かった", "また来ます", "楽しかった"] });
  });
});
