import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/form";
import { ProfileSchema, ResetPasswordSchema, SignupSchema, TotpCodeSchema } from "./accounts.schema";

function form(values: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

const signup = (overrides: Record<string, string> = {}) =>
  parseForm(SignupSchema, form({ email: "Hanako@Example.JP ", password: "sakura-no-hana-2026", displayName: "山田 花子", agree: "on", ...overrides }));

describe("sign-up rules (security checklist A1, ASVS 6.2)", () => {
  it("accepts a good sign-up and normalises the email", () => {
    const r = signup();
    expect(r.success && r.data.email).toBe("hanako@example.jp");
  });

  it("refuses 7 characters and accepts 8", () => {
    const seven = signup({ password: "abcdefg" });
    expect(!seven.success && seven.failure.errors.password).toEqual(["v.passwordShort"]);
    expect(signup({ password: "hanamizu" }).success).toBe(true);
  });

  it("accepts 64 and 128 characters, refuses 129", () => {
    expect(signup({ password: "さくら".repeat(21) + "咲く" }).success).toBe(true);
    expect(signup({ password: "abcd".repeat(32) }).success).toBe(true);
    const long = signup({ password: "abcd".repeat(32) + "e" });
    expect(!long.success && long.failure.errors.password).toEqual(["v.tooLong?max=128"]);
  });

  it("refuses common passwords and the email itself", () => {
    for (const password of ["password123", "12345678", "qwertyuiop", "aaaaaaaa"]) {
      const r = signup({ password });
      expect(!r.success && r.failure.errors.password).toContain("v.passwordCommon");
    }
    const same = signup({ email: "hanako@example.jp", password: "hanako@example.jp" });
    expect(!same.success && same.failure.errors.password).toContain("v.passwordCommon");
  });

  it("requires agreement and a name without HTML; never echoes the password back", () => {
    const r = signup({ agree: "", displayName: "<b>x</b>" });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.failure.errors.agree).toEqual(["v.mustAgree"]);
      expect(r.failure.errors.displayName).toEqual(["v.noHtml"]);
      expect(r.failure.values.password).toBeUndefined();
      expect(r.failure.values.displayName).toBe("<b>x</b>");
    }
  });

  it("reports a bad email address", () => {
    const r = signup({ email: "not-an-email" });
    expect(!r.success && r.failure.errors.email).toEqual(["v.email"]);
  });
});

describe("other account forms", () => {
  it("reset needs matching passwords", () => {
    const r = parseForm(ResetPasswordSchema, form({ token: "t", password: "long-enough-pass", passwordConfirm: "other-pass-123" }));
    expect(!r.success && r.failure.errors.passwordConfirm).toEqual(["v.passwordMismatch"]);
  });

  it("TOTP codes accept spaces and full-width digits", () => {
    const r = parseForm(TotpCodeSchema, form({ code: "１２３ ４５６" }));
    expect(r.success && r.data.code).toBe("123456");
    expect(parseForm(TotpCodeSchema, form({ code: "12345" })).success).toBe(false);
  });

  it("profile: birth date must be a real past date; kana only in ふりがな", () => {
    const base = { displayName: "花子", locale: "ja" };
    expect(parseForm(ProfileSchema, form({ ...base, birthDate: "2008-02-29" })).success).toBe(true);
    const bad = parseForm(ProfileSchema, form({ ...base, birthDate: "2007-02-29" }));
    expect(!bad.success && bad.failure.errors.birthDate).toEqual(["v.date"]);
    const future = parseForm(ProfileSchema, form({ ...base, birthDate: "2999-01-01" }));
    expect(!future.success && future.failure.errors.birthDate).toEqual(["v.birthDateFuture"]);
    const kana = parseForm(ProfileSchema, form({ ...base, nameKana: "yamada" }));
    expect(!kana.success && kana.failure.errors.nameKana).toEqual(["v.kana"]);
    const ok = parseForm(ProfileSchema, form({ ...base, nameKana: "やまだ ハナコ", interests: ["parks", "festival"] }));
    expect(ok.success && ok.data.interests).toEqual(["parks", "festival"]);
  });

  it("profile: one interest still arrives as a list; an unknown locale is refused", () => {
    const one = parseForm(ProfileSchema, form({ displayName: "花子", locale: "ja", interests: "parks" }));
    expect(one.success && one.data.interests).toEqual(["parks"]);
    const locale = parseForm(ProfileSchema, form({ displayName: "花子", locale: "fr" }));
    expect(!locale.success && locale.failure.errors.locale).toEqual(["v.choice"]);
  });
});
