import { describe, expect, it } from "vitest";
import { ORGANISATION_STATUSES } from "#db/schema";
import { canPublish, decisionNeedsReason, statusAfterDecision } from "./organisations.rules";

describe("organisation review", () => {
  it("maps every status × decision", () => {
    const table = Object.fromEntries(
      ORGANISATION_STATUSES.map((s) => [s, (["verify", "reject", "suspend", "reinstate"] as const).map((d) => statusAfterDecision(s, d))]),
    );
    expect(table).toEqual({
      pending: ["verified", "rejected", "suspended", null],
      verified: [null, null, "suspended", null],
      rejected: ["verified", null, null, null],
      suspended: [null, null, null, "verified"],
    });
  });

  it("asks for a reason to reject or suspend only", () => {
    expect(decisionNeedsReason("reject")).toBe(true);
    expect(decisionNeedsReason("suspend")).toBe(true);
    expect(decisionNeedsReason("verify")).toBe(false);
  });

  it("lets only verified organisations publish", () => {
    expect(ORGANISATION_STATUSES.filter(canPublish)).toEqual(["verified"]);
  });
});
