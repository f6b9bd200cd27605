import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, otpauthUri, totpCode, verifyTotp } from "./totp.server";

// RFC 4226 appendix D and RFC 6238 appendix B (SHA-1) test vectors.
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 4226 HOTP vectors", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expected.forEach((code, counter) => expect(hotp(Buffer.from("12345678901234567890"), counter)).toBe(code));
  });

  it("matches the RFC 6238 SHA-1 vectors (8 digits)", () => {
    const cases: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
    ];
    for (const [seconds, code] of cases) expect(totpCode(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
  });

  it("round-trips base32", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 17, 99]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode("not base32!")).toThrow();
  });

  it("accepts the current step and one either side, and nothing further", () => {
    const at = new Date("2026-12-01T00:00:15Z");
    const step = Math.floor(at.getTime() / 30000);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at), at)).toBe(step);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() - 30000)), at)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 30000)), at)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + 90000)), at)).toBeNull();
  });

  it("refuses a code from a step already used (replay)", () => {
    const at = new Date("2026-12-01T00:00:15Z");
    const code = totpCode(RFC_SECRET, at);
    const step = verifyTotp(RFC_SECRET, code, at)!;
    expect(verifyTotp(RFC_SECRET, code, at, step)).toBeNull();
  });

  it("refuses malformed codes", () => {
    const at = new Date();
    for (const bad of ["", "12345", "1234567", "abcdef", "12 456"]) expect(verifyTotp(RFC_SECRET, bad, at)).toBeNull();
  });

  it("builds an otpauth URI for authenticator apps", () => {
    const uri = otpauthUri("ABCDEF", "staff@example.jp");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tsunagu%20Yahatahigashi%3Astaff%40example\.jp\?secret=ABCDEF&/);
    expect(uri).toContain("period=30");
  });
});
