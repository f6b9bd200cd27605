import { describe, expect, it } from "vitest";
import { givenName } from "./names";

describe("names shown to organisations", () => {
  it("is the given name of a family-name-first name", () => {
    expect(givenName("八幡 花子")).toBe("花子");
    expect(givenName("八幡\u3000花子")).toBe("花子");
    expect(givenName("  Hanako  ")).toBe("Hanako");
    expect(givenName("はなこ")).toBe("はなこ");
  });

  it("takes the given name of a spaced Japanese or English name", () => {
    expect(givenName("山田 花子")).toBe("花子");
    expect(givenName("山田　花子")).toBe("花子");
    expect(givenName("はなこ")).toBe("はなこ");
  });
});
