import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect (security checklist D4)", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/postings?category=parks")).toBe("/postings?category=parks");
    expect(safeRedirect("/orgs/3/postings/9")).toBe("/orgs/3/postings/9");
  });

  it("sends every bypass attempt to the fallback", () => {
    const attempts = [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/%0d%0aSet-Cookie:x",
      " /x",
      "",
      null,
      undefined,
      "/" + "a".repeat(2001),
    ];
    for (const to of attempts) expect(safeRedirect(to as string, "/"), String(to)).toBe(to === "/%0d%0aSet-Cookie:x" ? to : "/");
  });
});
