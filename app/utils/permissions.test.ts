import { describe, expect, it } from "vitest";
import { memberCan, requiresSecondFactor, roleCan } from "./permissions";

describe("permissions", () => {
  it("gives staff review rights and admins everything, volunteers nothing", () => {
    expect(roleCan("volunteer", "staff:access")).toBe(false);
    expect(roleCan("staff", "review:organisation")).toBe(true);
    expect(roleCan("staff", "manage:staff")).toBe(false);
    expect(roleCan("staff", "manage:lists")).toBe(false);
    expect(roleCan("admin", "manage:staff")).toBe(true);
    expect(roleCan("admin", "review:organisation")).toBe(true);
  });

  it("lets owners manage members and details, editors only postings, outsiders nothing", () => {
    expect(memberCan("owner", "manage-members")).toBe(true);
    expect(memberCan("editor", "edit-postings")).toBe(true);
    expect(memberCan("editor", "manage-members")).toBe(false);
    expect(memberCan("editor", "edit-organisation")).toBe(false);
    expect(memberCan(null, "view-dashboard")).toBe(false);
  });

  it("requires a second factor for staff and admins only (security checklist A3, ASVS 6.3.3)", () => {
    expect(requiresSecondFactor("staff")).toBe(true);
    expect(requiresSecondFactor("admin")).toBe(true);
    expect(requiresSecondFactor("volunteer")).toBe(false);
  });
});
