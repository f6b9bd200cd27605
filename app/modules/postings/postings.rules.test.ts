import { describe, expect, it } from "vitest";
import { POSTING_STATUSES } from "#db/schema";
import { canTransition, hasUpcomingShift, linkify, paragraphs, shiftProblems } from "./postings.rules";

const now = new Date("2026-11-24T03:00:00Z");
const at = (iso: string) => new Date(iso);

describe("posting workflow", () => {
  it("allows exactly draft→published/cancelled, published→closed/cancelled, closed→published/cancelled", () => {
    const allowed = new Set(["draft>published", "draft>cancelled", "published>closed", "published>cancelled", "closed>published", "closed>cancelled"]);
    for (const from of POSTING_STATUSES)
      for (const to of POSTING_STATUSES) expect(canTransition(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
  });

  it("needs a shift still to come to publish", () => {
    expect(hasUpcomingShift([{ startsAt: at("2026-11-24T02:59:00Z") }], now)).toBe(false);
    expect(hasUpcomingShift([{ startsAt: at("2026-11-24T02:59:00Z") }, { startsAt: at("2026-12-01T00:00:00Z") }], now)).toBe(true);
    expect(hasUpcomingShift([], now)).toBe(false);
  });
});

describe("shift rules", () => {
  const good = { startsAt: at("2026-12-05T00:00:00Z"), endsAt: at("2026-12-05T02:00:00Z"), capacity: 5 };

  it("accepts a future shift with an end after its start", () => {
    expect(shiftProblems(good, now)).toEqual([]);
  });

  it("refuses an end before or equal to the start", () => {
    expect(shiftProblems({ ...good, endsAt: good.startsAt }, now)).toContain("v.shiftEndBeforeStart");
    expect(shiftProblems({ ...good, endsAt: at("2026-12-04T23:00:00Z") }, now)).toContain("v.shiftEndBeforeStart");
  });

  it("refuses a start in the past or now", () => {
    expect(shiftProblems({ ...good, startsAt: now, endsAt: at("2026-11-24T05:00:00Z") }, now)).toContain("v.shiftInPast");
  });

  it("refuses capacity 0, negative, fractional and absurd", () => {
    for (const capacity of [0, -1, 1.5]) expect(shiftProblems({ ...good, capacity }, now)).toContain("v.capacityMin");
    expect(shiftProblems({ ...good, capacity: 1001 }, now)).toContain("v.max?max=1000");
  });

  it("refuses a shift longer than 24 hours", () => {
    expect(shiftProblems({ ...good, endsAt: at("2026-12-06T00:00:01Z") }, now)).toContain("v.shiftTooLong");
  });
});

describe("plain text with links", () => {
  it("splits paragraphs on blank lines and keeps single line breaks inside", () => {
    const p = paragraphs("一行目\n二行目\n\n\n次の段落");
    expect(p).toHaveLength(2);
    expect(p[0]).toEqual([{ kind: "text", text: "一行目\n二行目" }]);
  });

  it("turns http(s) URLs into links, leaving trailing punctuation and Japanese brackets outside", () => {
    expect(linkify("詳しくは https://example.org/a?b=1。")).toEqual([
      { kind: "text", text: "詳しくは " },
      { kind: "link", href: "https://example.org/a?b=1", text: "https://example.org/a?b=1" },
      { kind: "text", text: "。" },
    ]);
    expect(linkify("（https://example.org）")[1]).toEqual({ kind: "link", href: "https://example.org", text: "https://example.org" });
  });

  it("never makes a javascript: or data: link", () => {
    const runs = linkify("javascript:alert(1) data:text/html,<script>alert(1)</script>");
    expect(runs.every((r) => r.kind === "text")).toBe(true);
  });
});
