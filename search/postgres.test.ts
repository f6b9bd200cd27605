import { describe, expect, it } from "vitest";
import { toTsquery } from "./postgres.server";

describe("the tsquery of a search", () => {
  it("needs every term and any alternative of each, each quoted as one lexeme", () => {
    expect(toTsquery([{ alternatives: ["公園", "park"], prefix: false }, { alternatives: ["it's", "a\\b"], prefix: false }])).toBe(
      "('公園' | 'park') & ('it''s' | 'a\\\\b')",
    );
  });

  it("leaves out a prefix alternative that another one already covers", () => {
    expect(toTsquery([{ alternatives: ["ぼらんてぃあ", "ぼら", "volunteer", "volunteers", "volunteering", "ぼら"], prefix: true }])).toBe(
      "('ぼら':* | 'volunteer':*)",
    );
    // Whole words are not prefixes: every alternative stays.
    expect(toTsquery([{ alternatives: ["volunteer", "volunteers"], prefix: false }])).toBe("('volunteer' | 'volunteers')");
  });
});
