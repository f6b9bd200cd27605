import { describe, expect, it } from "vitest";
import { formatJoinCode, joinCodeFromBytes, JOIN_CODE_ALPHABET, normaliseJoinCode } from "./schools.rules";

describe("school join codes", () => {
  it("are eight characters from an alphabet without look-alikes", () => {
    const code = joinCodeFromBytes(new Uint8Array([0, 1, 2, 3, 31, 32, 63, 255]));
    expect(code).toBe("ABCD9A99");
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[IO01]/);
    expect(() => joinCodeFromBytes(new Uint8Array(3))).toThrow();
  });

  it("are read back from what people type", () => {
    expect(normaliseJoinCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normaliseJoinCode(" ＡＢＣＤ　ＥＦＧＨ ")).toBe("ABCDEFGH");
    expect(normaliseJoinCode("ABCDーEFGH")).toBe("ABCDEFGH");
    expect(normaliseJoinCode("ABCD-EFG")).toBeNull();
    expect(normaliseJoinCode("ABCD-EFG0")).toBeNull();
    expect(normaliseJoinCode("<script>")).toBeNull();
    expect(normaliseJoinCode(undefined)).toBeNull();
    expect(formatJoinCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});
