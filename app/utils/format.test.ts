import { describe, expect, it, vi } from "vitest";
import { formatDate, formatRange, tokyoDateString, tokyoFormatter, tokyoInstant, tokyoTimeString } from "./format";

describe("dates in Asia/Tokyo", () => {
  it("formats Japanese dates with the weekday", () => {
    expect(formatDate(new Date("2026-12-06T00:00:00Z"), "ja")).toBe("2026年12月6日(日)");
    expect(formatRange(new Date("2026-12-06T00:00:00Z"), new Date("2026-12-06T02:00:00Z"), "ja")).toBe("2026年12月6日(日) 9:00–11:00");
  });

  it("formats English dates", () => {
    expect(formatRange(new Date("2026-12-05T00:00:00Z"), new Date("2026-12-05T02:30:00Z"), "en")).toBe("Sat 5 Dec 2026 9:00–11:30");
  });

  it("uses the Tokyo calendar day, not UTC's", () => {
    const lateUtc = new Date("2026-11-24T20:00:00Z"); // 05:00 on the 25th in Tokyo
    expect(tokyoDateString(lateUtc)).toBe("2026-11-25");
    expect(tokyoTimeString(lateUtc)).toBe("05:00");
  });

  it("shows both dates when a session crosses midnight", () => {
    expect(formatRange(new Date("2026-12-31T13:00:00Z"), new Date("2026-12-31T16:00:00Z"), "ja")).toBe("2026年12月31日(木) 22:00 – 2027年1月1日(金) 1:00");
  });

  it("reads wall-clock input as Tokyo time", () => {
    expect(tokyoInstant("2026-12-05", "09:00").toISOString()).toBe("2026-12-05T00:00:00.000Z");
  });
});

describe("formatters", () => {
  it("are made once per language and options, not per call", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    try {
      for (let i = 0; i < 50; i++) formatRange(new Date("2026-12-06T00:00:00Z"), new Date("2026-12-06T02:00:00Z"), i % 2 ? "ja" : "en");
      tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
      tokyoFormatter("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
      expect(made.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      made.mockRestore();
    }
  });
});
