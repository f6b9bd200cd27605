import { describe, expect, it } from "vitest";
import { rosterDateTime } from "./roster-csv";

describe("the roster CSV's 申込日時", () => {
  it("is Japan time, written as the pages write it, not UTC", () => {
    expect(rosterDateTime("2026-12-06T13:06:28.560Z")).toBe("2026/12/06 22:06");
    expect(rosterDateTime(new Date("2026-12-31T15:00:00Z"))).toBe("2027/01/01 00:00");
  });
});
