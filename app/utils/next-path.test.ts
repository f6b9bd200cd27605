import { describe, expect, it } from "vitest";
import { combinedFailure, parseForm } from "./form";
import { nextPath, withNext } from "./next-path";
import { z } from "zod";

describe("the next step carried through sign-up and sign-in", () => {
  it("keeps a same-site path and drops everything else (the open-redirect guard)", () => {
    expect(nextPath("/postings/5#apply")).toBe("/postings/5#apply");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "", null, undefined]) expect(nextPath(bad)).toBe("");
  });

  it("adds it as a query parameter only when there is one", () => {
    expect(withNext("/login", "/postings/5#apply")).toBe("/login?redirectTo=%2Fpostings%2F5%23apply");
    expect(withNext("/verify-email?token=abc", "/postings/5", "next")).toBe("/verify-email?token=abc&next=%2Fpostings%2F5");
    expect(withNext("/login", "//evil.example")).toBe("/login");
    expect(withNext("/check-email", "")).toBe("/check-email");
  });
});

describe("combinedFailure", () => {
  const A = z.object({ shiftId: z.string().min(1) });
  const B = z.object({ guardianName: z.string().min(1), guardianEmail: z.email() });

  it("reports every part's errors from one submit", () => {
    const form = new FormData();
    form.set("guardianEmail", "not an email");
    const failure = combinedFailure(parseForm(A, form), parseForm(B, form));
    expect(Object.keys(failure!.errors).sort()).toEqual(["guardianEmail", "guardianName", "shiftId"]);
    expect(failure!.values.guardianEmail).toBe("not an email");
  });

  it("is null when every part passed or was absent", () => {
    const form = new FormData();
    form.set("shiftId", "3");
    expect(combinedFailure(parseForm(A, form), null)).toBeNull();
  });
});
