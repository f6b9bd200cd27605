import { describe, expect, it } from "vitest";
import { coordinatorsReadMinorThreads, formatJoinCode, joinCodeFromBytes, JOIN_CODE_ALPHABET, normaliseJoinCode, schoolPagesOpen } from "./schools.rules";

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

describe("whether a school's coordinators read its minors' messages", () => {
  it("only with the ward's setting on and the school verified", () => {
    expect(coordinatorsReadMinorThreads("verified", true)).toBe(true);
    expect(coordinatorsReadMinorThreads("verified", false)).toBe(false);
    for (const status of ["pending", "suspended", "rejected"] as const) expect(coordinatorsReadMinorThreads(status, true)).toBe(false);
  });
  it("its pages stay open while it waits for verification, and close when it is suspended or refused", () => {
    expect(schoolPagesOpen("pending")).toBe(true);
    expect(schoolPagesOpen("verified")).toBe(true);
    expect(schoolPagesOpen("suspended")).toBe(false);
    expect(schoolPagesOpen("rejected")).toBe(false);
  });
});
